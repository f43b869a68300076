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

func TestGroupLinks(t *testing.T) {
	rs := []graph.Relationship{
		rel("x1", "SUPPLIED", "kp", "ir", "1985", "", graph.Confirmed),
		rel("x2", "SUPPLIED", "ir", "kp", "1986", "", graph.Confirmed),
		rel("x3", "ASSISTED", "kp", "ir", "1987", "", graph.Reported),
		rel("y1", "LEADS", "a", "b", "", "", graph.Confirmed),
		rel("x1", "SUPPLIED", "kp", "ir", "1985", "", graph.Confirmed), // the same relationship again
	}
	got := graph.GroupLinks(rs)
	if len(got) != 2 || got[0].A != "kp" || got[0].B != "ir" || len(got[0].Relationships) != 3 || len(got[1].Relationships) != 1 {
		t.Fatalf("GroupLinks = %+v, want kp-ir with 3 relationships and a-b with 1", got)
	}
	if l := got[0].Label(); l != "3 relationships: SUPPLIED ×2, ASSISTED" {
		t.Errorf("Label() = %q", l)
	}
	if l := got[1].Label(); l != "1 relationship: LEADS" {
		t.Errorf("Label() = %q", l)
	}
}
