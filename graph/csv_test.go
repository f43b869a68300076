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

func TestQueryCell(t *testing.T) {
	node := func(id, name string) map[string]any {
		props := map[string]any{}
		if name != "" {
			props["name"] = name
		}
		return map[string]any{"_kind": "node", "id": id, "labels": []any{"Entity", "Organization"}, "properties": props}
	}
	supplied := map[string]any{"_kind": "relationship", "type": "SUPPLIED", "properties": map[string]any{"id": "komid-houthis", "start": "2018-08"}}
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"null", nil, ""},
		{"text", "KOMID", "KOMID"},
		{"formula", "=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")"},
		{"plus", "+1 555", "'+1 555"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"tab", "\tx", "'\tx"},
		{"negative infinity as text", "-Infinity", "'-Infinity"},
		{"negative integer", int64(-42), "-42"},
		{"float", 2.5, "2.5"},
		{"negative float", -0.125, "-0.125"},
		{"bool", true, "true"},
		{"date", "2018-08-01", "2018-08-01"},
		{"node", node("komid", "KOMID"), "KOMID (komid)"},
		{"node without name", node("komid", ""), "komid"},
		{"node named as a formula", node("x", "=1+1"), "'=1+1 (x)"},
		{"node without id or name", map[string]any{"_kind": "node", "id": "", "labels": []any{"Judgement"}, "properties": map[string]any{"verdict": "same"}},
			`node ["Judgement"] {"verdict":"same"}`},
		{"relationship", supplied, "SUPPLIED (komid-houthis)"},
		{"relationship without id", map[string]any{"_kind": "relationship", "type": "LEADS", "properties": map[string]any{}}, "LEADS"},
		{"path", map[string]any{"_kind": "path", "nodes": []any{node("komid", "KOMID"), node("houthis", "Houthis")}, "relationships": []any{supplied}},
			"KOMID (komid) -[SUPPLIED]- Houthis (houthis)"},
		{"list", []any{"SHIG", int64(3), nil}, `["SHIG",3,null]`},
		{"list of nodes", []any{node("komid", "KOMID"), node("a&b", "<A & B>")}, `["KOMID (komid)","<A & B> (a&b)"]`},
		{"map", map[string]any{"n": node("komid", "KOMID"), "k": []any{"=x"}}, `{"k":["=x"],"n":"KOMID (komid)"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := graph.QueryCell(tt.in); got != tt.want {
				t.Errorf("QueryCell(%#v) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWriteQueryCSV(t *testing.T) {
	res := &graph.QueryResult{
		Columns: []string{"name", "=n", "aliases"},
		Rows: []map[string]any{
			{"name": "KOMID, \"the\" dealer\nline 2", "=n": int64(1), "aliases": []any{"KOMID"}},
			{"name": "=cmd|' /C calc'!A0", "=n": nil, "aliases": []any{}},
		},
	}
	var buf bytes.Buffer
	if err := graph.WriteQueryCSV(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the CSV does not parse: %v", err)
	}
	want := [][]string{
		{"name", "'=n", "aliases"},
		{"KOMID, \"the\" dealer\nline 2", "1", `["KOMID"]`},
		{"'=cmd|' /C calc'!A0", "", "[]"},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("WriteQueryCSV (-want +got):\n%s", diff)
	}

	buf.Reset()
	if err := graph.WriteQueryCSV(&buf, &graph.QueryResult{}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "\n" {
		t.Errorf("WriteQueryCSV(no columns) = %q, want one empty header line", got)
	}
}
