package graph_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

func TestWritePathsCSV(t *testing.T) {
	ab := rel("ab", "SUPPLIED", "a", "b", "1990-11", "", graph.Reported)
	ab.Status, ab.Item, ab.Paragraph, ab.SourceID, ab.CitedSource = graph.Attempted, "Scud-B missiles", 7, "src", "UN report, May 2011"
	cb := rel("cb", "LEADS", "c", "b", "", "", graph.Confirmed)
	cb.Evidence = "=HYPERLINK(\"http://evil\")"
	paths := []graph.Path{
		{Nodes: []graph.Entity{{ID: "a", Name: "A, Inc."}, {ID: "b", Name: "B"}, {ID: "c", Name: "C"}},
			Relationships: []graph.Relationship{ab, cb}, Strength: &graph.Strength{Score: 0.5, Reason: "2 hops"}},
		{Nodes: []graph.Entity{{ID: "a", Name: "A, Inc."}, {ID: "b", Name: "B"}}, Relationships: []graph.Relationship{ab}},
	}
	var buf bytes.Buffer
	if err := graph.WritePathsCSV(&buf, paths); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	want := [][]string{
		{"path", "hop", "walked", "pathScore", "pathReason", "fromId", "from", "type", "toId", "to", "start", "end", "attested", "status", "item", "confidence", "evidence", "source", "sourceId", "paragraph", "sourceUrl", "citedSource", "citedSourceId", "relationshipId"},
		{"1", "1", "forward", "0.500", "2 hops", "a", "A, Inc.", "SUPPLIED", "b", "B", "1990-11", "", "", "attempted", "Scud-B missiles", "reported", "evidence of ab", "test", "src", "7", "", "UN report, May 2011", "", "ab"},
		{"1", "2", "backward", "0.500", "2 hops", "c", "C", "LEADS", "b", "B", "", "", "", "completed", "", "confirmed", "'=HYPERLINK(\"http://evil\")", "test", "", "", "", "", "", "cb"},
		{"2", "1", "forward", "", "", "a", "A, Inc.", "SUPPLIED", "b", "B", "1990-11", "", "", "attempted", "Scud-B missiles", "reported", "evidence of ab", "test", "src", "7", "", "UN report, May 2011", "", "ab"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("WritePathsCSV (-want +got):\n%s", diff)
	}

	buf.Reset()
	g := graph.Subgraph{Nodes: paths[0].Nodes, Relationships: []graph.Relationship{ab, cb}}
	if err := graph.WriteSubgraphCSV(&buf, g); err != nil {
		t.Fatal(err)
	}
	rows, err = csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	if len(rows) != 3 || rows[0][0] != "fromId" || rows[2][2] != "LEADS" || rows[2][1] != "C" {
		t.Errorf("WriteSubgraphCSV rows = %q, want a header and one row per relationship", rows)
	}
}
