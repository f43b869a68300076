package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"explorer/graph"
	"explorer/internal/testdb"
)

// cli runs the real run() against the test database and returns stdout,
// stderr and the exit status.
func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	_, cfg := testdb.Connect(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	code := exitStatus(err, &errb)
	return out.String(), errb.String(), code
}

const cliSeed = `MERGE (e:Entity {id: 'shig'}) SET e:Organization, e.name = 'Shahid Hemmat Industrial Group', e.aliases = ['SHIG'];
MERGE (e:Entity {id: 'komid'}) SET e:Organization, e.name = 'Korea Mining Development Trading Corporation', e.aliases = ['KOMID'];
MERGE (e:Entity {id: 'houthis'}) SET e:Organization, e.name = 'Houthis', e.aliases = ['Ansar Allah'];
MERGE (e:Entity {id: 'north-korea'}) SET e:State, e.name = 'North Korea', e.aliases = ['DPRK'];
MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'komid'})
MERGE (a)-[r:COOPERATED_WITH {id: 'shig-komid'}]->(b)
SET r.start = '2016-01', r.evidence = 'SHIG’s relationship with KOMID was announced', r.source = '38 North', r.citedSource = 'US Treasury Department, January 2016', r.confidence = 'reported';
MATCH (a:Entity {id: 'komid'}), (b:Entity {id: 'houthis'})
MERGE (a)-[r:SUPPLIED {id: 'komid-houthis'}]->(b)
SET r.start = '2018-08', r.evidence = 'KOMID was trying to supply "arms" to the Houthis', r.source = '38 North', r.confidence = 'alleged';
`

func seedFixture(t *testing.T) {
	t.Helper()
	testdb.Open(t)
	f := filepath.Join(t.TempDir(), "seed.cypher")
	if err := os.WriteFile(f, []byte(cliSeed), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		out, errOut, code := cli(t, "seed", "--file", f)
		if code != 0 {
			t.Fatalf("seed %d: exit %d: %s", i+1, code, errOut)
		}
		if !strings.Contains(out, "graph now holds 4 entities and 2 relationships") {
			t.Errorf("seed %d output = %q", i+1, out)
		}
	}
}

func TestCLIPathText(t *testing.T) {
	seedFixture(t)
	// "the houthis" is not a name or alias: an error listing candidates.
	_, errOut, code := cli(t, "path", "shig", "the houthis", "--format", "text")
	if code != 1 || !strings.Contains(errOut, "closest: Houthis") {
		t.Errorf("path with unknown name: exit %d, stderr %q; want exit 1 naming the candidate", code, errOut)
	}
	out, errOut, code := cli(t, "path", "SHIG", "Ansar Allah")
	if code != 0 {
		t.Fatalf("path: exit %d: %s", code, errOut)
	}
	want := "Shahid Hemmat Industrial Group to Houthis; shortest, at most 4 hops; either direction; operational and political links, not mentions; any date; undated links included; any confidence; any status; ranked by length\n\n" +
		"path 1 (score 0.379): 2 hops, weakest alleged (1 reported, 1 alleged), 1 source each, dated to the month\n" +
		"Shahid Hemmat Industrial Group -[COOPERATED_WITH since 2016-01, reported]-> Korea Mining Development Trading Corporation  \"SHIG’s relationship with KOMID was announced\"\n" +
		"Korea Mining Development Trading Corporation -[SUPPLIED 2018-08, alleged]-> Houthis  \"KOMID was trying to supply \\\"arms\\\" to the Houthis\"\n"
	if out != want {
		t.Errorf("path text =\n%s\nwant\n%s", out, want)
	}
	out, _, code = cli(t, "path", "houthis", "shig")
	if code != 0 || !strings.Contains(out, "Houthis <-[SUPPLIED 2018-08, alleged]- Korea Mining") {
		t.Errorf("reverse path: exit %d, output %q; want arrows pointing back", code, out)
	}
}

func TestCLIPathJSON(t *testing.T) {
	seedFixture(t)
	out, errOut, code := cli(t, "path", "komid", "shig", "--format", "json", "--since", "2016", "--until", "2016-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Paths []struct {
			Nodes []struct {
				ID, Name, Type string
			}
			Relationships []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("path json: %v\n%s", err, out)
	}
	if len(got.Paths) != 1 || len(got.Paths[0].Nodes) != 2 || len(got.Paths[0].Relationships) != 1 {
		t.Fatalf("path json = %+v", got)
	}
	r := got.Paths[0].Relationships[0]
	for k, v := range map[string]any{"type": "COOPERATED_WITH", "from": "shig", "to": "komid", "start": "2016-01", "end": nil,
		"confidence": "reported", "source": "38 North", "citedSource": "US Treasury Department, January 2016"} {
		if r[k] != v {
			t.Errorf("relationship[%q] = %v, want %v", k, r[k], v)
		}
	}
	if n := got.Paths[0].Nodes[0]; n.ID != "komid" || n.Type != "Organization" {
		t.Errorf("first node = %+v", n)
	}
}

// TestCLIExitCodes checks the statuses that need the database: 3 when no
// path passes the filters, 1 for an unknown entity or a refused query, 0 for
// a path found. Bad usage (2) needs none and is in TestExitStatus.
func TestCLIExitCodes(t *testing.T) {
	seedFixture(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"path", "shig", "houthis", "--types", "SUPPLIED"}, 3, "no path found"},
		{[]string{"path", "shig", "houthis", "--until", "2017"}, 3, "no path found"},
		{[]string{"path", "shig", "houthis", "--exclude", "KOMID"}, 3, "no path found"},
		{[]string{"path", "shig", "houthis", "--max-hops", "1"}, 3, "no path found"},
		{[]string{"path", "shig", "nobody-at-all"}, 1, "no entity is called"},
		{[]string{"path", "shig", "houthis", "--max-hops", "2"}, 0, ""},
		{[]string{"query", "CREATE (n:Entity {id: 'x'}) RETURN n"}, 1, "read-only"},
	}
	for _, tt := range tests {
		_, errOut, code := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("explorer %s: exit %d, stderr %q; want exit %d mentioning %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.msg)
		}
	}
}

func TestCLIQueryJSON(t *testing.T) {
	seedFixture(t)
	out, errOut, code := cli(t, "query", "MATCH (e:Entity) WHERE e.id STARTS WITH $p RETURN e.id AS id, e.aliases AS aliases ORDER BY id", "--param", "p=s", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Columns []string         `json:"columns"`
		Rows    []map[string]any `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Columns, ",") != "id,aliases" || len(got.Rows) != 1 || got.Rows[0]["id"] != "shig" {
		t.Errorf("query json = %+v", got)
	}
	out, _, code = cli(t, "query", "MATCH (e:Entity) RETURN count(e) AS n")
	if code != 0 || !strings.Contains(out, "4") || !strings.Contains(out, "(1 rows)") {
		t.Errorf("query table: exit %d, %q", code, out)
	}
}

func TestCLINeighborsAndSearch(t *testing.T) {
	seedFixture(t)
	out, errOut, code := cli(t, "neighbors", "KOMID", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var g graph.Subgraph
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 3 || len(g.Relationships) != 2 || g.Truncated {
		t.Errorf("neighbors KOMID = %d nodes, %d relationships, truncated %v; want 3, 2, false", len(g.Nodes), len(g.Relationships), g.Truncated)
	}
	_, errOut, _ = cli(t, "neighbors", "KOMID", "--limit", "2")
	if !strings.Contains(errOut, "truncated at 2") {
		t.Errorf("neighbors --limit 2 stderr = %q, want a truncation notice", errOut)
	}
	out, _, code = cli(t, "search", "hemmat")
	if code != 0 || !strings.HasPrefix(out, "shig ") {
		t.Errorf("search hemmat: exit %d, %q", code, out)
	}
}

func TestCLISeedRejectsBadFileAtomically(t *testing.T) {
	seedFixture(t)
	f := filepath.Join(t.TempDir(), "bad.cypher")
	bad := "MERGE (e:Entity {id: 'new'}) SET e:State, e.name = 'New';\nMATCH (a:Entity {id: 'new'}), (b:Entity {id: 'komid'})\nMERGE (a)-[r:SUPPLIED {id: 'n-k'}]->(b) SET r.start = '2019-02-30', r.source = 's', r.confidence = 'reported';\n"
	if err := os.WriteFile(f, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := cli(t, "seed", "--file", f)
	if code != 1 || !strings.Contains(errOut, f+":3:") || !strings.Contains(errOut, "nothing was written") {
		t.Errorf("bad seed: exit %d, stderr %q; want exit 1 naming %s:3", code, errOut, f)
	}
	out, _, _ := cli(t, "query", "MATCH (e:Entity {id: 'new'}) RETURN count(e) AS n", "--format", "json")
	if !strings.Contains(out, `"n": 0`) {
		t.Errorf("entity from the rejected file was written: %s", out)
	}
}
