package ingest_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

func TestSplitStatements(t *testing.T) {
	script := `// header comment; with a semicolon
MERGE (e:Entity {id: 'a'}) SET e.name = 'A; not the end';

/* block; comment
   spanning lines */
MERGE (e:Entity {id: 'b'})
SET e.name = "B \" ; quoted", e.x = ` + "`odd;name`" + `;
   // trailing comment only
MATCH (n) RETURN n`
	got, err := ingest.SplitStatements(script)
	if err != nil {
		t.Fatal(err)
	}
	want := []ingest.Statement{
		{Text: "MERGE (e:Entity {id: 'a'}) SET e.name = 'A; not the end'", Line: 2},
		{Text: "MERGE (e:Entity {id: 'b'})\nSET e.name = \"B \\\" ; quoted\", e.x = `odd;name`", Line: 6},
		{Text: "MATCH (n) RETURN n", Line: 9},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SplitStatements (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"MERGE (e {id: 'a})", "/* never closed", "RETURN \"x"} {
		if _, err := ingest.SplitStatements(bad); err == nil {
			t.Errorf("SplitStatements(%q): want an error", bad)
		}
	}
}

func FuzzSplitStatements(f *testing.F) {
	f.Add("MERGE (a {x: 'a;b'}); RETURN 1;")
	f.Add("// c\nRETURN 1 /* ; */;\n")
	f.Fuzz(func(t *testing.T, s string) {
		stmts, err := ingest.SplitStatements(s)
		if err != nil {
			return
		}
		for _, st := range stmts {
			if strings.TrimSpace(st.Text) == "" || st.Line < 1 || st.Line > strings.Count(s, "\n")+1 {
				t.Fatalf("SplitStatements(%q) gave %+v", s, st)
			}
		}
	})
}

func seeder(t *testing.T) (*ingest.Seeder, *graph.Store) {
	st := testdb.Open(t)
	return &ingest.Seeder{Store: st}, st
}

const good = `MERGE (e:Entity {id: 'shig'}) SET e:Organization, e.name = 'Shahid Hemmat Industrial Group', e.aliases = ['SHIG'];
MERGE (e:Entity {id: 'komid'}) SET e:Organization, e.name = 'KOMID';
MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'komid'})
MERGE (a)-[r:COOPERATED_WITH {id: 'shig-komid'}]->(b)
SET r.start = '2016-01', r.evidence = 'SHIG’s relationship with KOMID', r.source = '38 North', r.confidence = 'reported';
`

func TestSeedLoadIsIdempotent(t *testing.T) {
	sd, st := seeder(t)
	ctx := context.Background()
	for i := range 2 {
		rep, err := sd.Load(ctx, good)
		if err != nil {
			t.Fatalf("load %d: %v", i+1, err)
		}
		if rep.Counts != (graph.Counts{Nodes: 2, Relationships: 1}) {
			t.Errorf("load %d: counts %+v, want 2 nodes and 1 relationship", i+1, rep.Counts)
		}
		wantCreated := 2
		if i > 0 {
			wantCreated = 0
		}
		if rep.NodesCreated != wantCreated {
			t.Errorf("load %d: created %d nodes, want %d", i+1, rep.NodesCreated, wantCreated)
		}
	}
	e, err := st.Resolve(ctx, "shig")
	if err != nil || e.Name != "Shahid Hemmat Industrial Group" {
		t.Errorf("Resolve(shig) after seed = %+v, %v", e, err)
	}
	// nameKey is filled in so names resolve case-insensitively.
	if e, err := st.Resolve(ctx, "shahid hemmat industrial group"); err != nil || e.ID != "shig" {
		t.Errorf("Resolve by lower-case name = %+v, %v", e, err)
	}
}

func TestSeedErrorsLeaveGraphUnchanged(t *testing.T) {
	tests := []struct {
		name   string
		script string
		want   string // in the error
	}{
		{"syntax error names the line", good + "\n\nMERGE (e:Entity {id: 'x'}) SETT e.name = 'x';\n", "8:"},
		{"missing endpoint changes nothing", good + "MATCH (a:Entity {id: 'shig'}), (b:Entity {id: 'ghost'})\nMERGE (a)-[r:SUPPLIED {id: 'g'}]->(b) SET r.source = 's';\n", "6: statement"},
		{"bad date", strings.Replace(good, "'2016-01'", "'2016-13'", 1), "relationship shig-komid: start"},
		{"unknown relationship type", strings.Replace(good, "COOPERATED_WITH", "BEFRIENDED", 1), "unknown type"},
		{"unknown confidence", strings.Replace(good, "'reported'", "'rumoured'", 1), "unknown confidence"},
		{"end before start", strings.Replace(good, "r.start = '2016-01'", "r.start = '2016-01', r.end = '2015'", 1), "before start"},
		{"two type labels", strings.Replace(good, "SET e:Organization, e.name = 'KOMID'", "SET e:Organization:State, e.name = 'KOMID'", 1), "exactly one type label"},
		{"unknown label", strings.Replace(good, "SET e:Organization, e.name = 'KOMID'", "SET e:Company, e.name = 'KOMID'", 1), `label "Company"`},
	}
	sd, st := seeder(t)
	ctx := context.Background()
	const before = `MERGE (e:Entity {id: 'keep'}) SET e:State, e.name = 'Kept';`
	if _, err := sd.Load(ctx, before); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sd.Load(ctx, tt.script)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load = %v, want an error containing %q", err, tt.want)
			}
			c, err := st.Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if c != (graph.Counts{Nodes: 1, Relationships: 0}) {
				t.Errorf("after a failed load the graph holds %+v, want only the entity from before", c)
			}
		})
	}
}

// TestRepositorySeed loads the real seed.cypher twice and checks that it is
// idempotent, valid and answers the article's questions.
func TestRepositorySeed(t *testing.T) {
	if _, err := os.Stat("../seed.cypher"); errors.Is(err, os.ErrNotExist) {
		t.Fatal("seed.cypher is missing")
	}
	sd, st := seeder(t)
	ctx := context.Background()
	first, err := sd.LoadFile(ctx, "../seed.cypher")
	if err != nil {
		t.Fatal(err)
	}
	second, err := sd.LoadFile(ctx, "../seed.cypher")
	if err != nil {
		t.Fatal(err)
	}
	if first.Counts != second.Counts || second.NodesCreated != 0 || second.RelationshipsCreated != 0 {
		t.Errorf("second load changed the graph: %+v then %+v", first, second)
	}
	if first.Counts.Nodes < 60 || first.Counts.Relationships < 90 {
		t.Errorf("seed holds %d entities and %d relationships; the article has about 70 and 100", first.Counts.Nodes, first.Counts.Relationships)
	}
	for _, ref := range []string{"KOMID", "SHIG", "IRGC", "Hezbollah", "Houthis", "AIO", "Air Koryo",
		"Shahid Haj Ali Movahed Research Center", "Mohsen Rezai", "O Jin U", "Kim Jong Un", "Ebrahim Raisi",
		"Hassan Rouhani", "Javad Zarif", "Ri Yong Ho", "Kim Yong Nam", "Akbar Hashemi Rafsanjani", "Hussein al-Ali",
		"Bashar al-Assad", "Kayhan", "Rodong Sinmun", "NCRI", "Natanz", "Al-Kibar", "JCPOA", "Iran Air", "Hamas",
		"Tamil Tigers", "Musudan", "Nodong", "Shahab-3", "Scud-C", "North Korea", "DPRK", "Iran", "Syria", "Israel",
		"South Korea", "China", "Iraq", "Saudi Arabia", "United States", "Boko Haram", "ISIS", "SBS"} {
		if _, err := st.Resolve(ctx, ref); err != nil {
			t.Errorf("Resolve(%q) on the seed: %v", ref, err)
		}
	}
	komid, _ := st.Resolve(ctx, "KOMID")
	houthis, _ := st.Resolve(ctx, "Houthis")
	if _, err := st.Paths(ctx, graph.PathQuery{From: komid.ID, To: houthis.ID}); err != nil {
		t.Errorf("path KOMID to the Houthis: %v", err)
	}
	irgc, _ := st.Resolve(ctx, "IRGC")
	dprk, _ := st.Resolve(ctx, "North Korea")
	w := graph.Window{Since: graph.MustDate("1990"), Until: graph.MustDate("1990")}
	ps, err := st.Paths(ctx, graph.PathQuery{From: irgc.ID, To: dprk.ID, Mode: graph.AllShortest, Filter: graph.Filter{Window: w}})
	if err != nil {
		t.Fatalf("path IRGC to North Korea in 1990: %v", err)
	}
	for _, p := range ps {
		for _, r := range p.Relationships {
			if !r.Start.IsZero() && !w.Overlaps(r.Span()) {
				t.Errorf("path IRGC to North Korea in 1990 uses %s (%s) outside the window", r.ID, r.Start)
			}
			if r.Evidence == "" || r.Source == "" || r.Confidence == "" {
				t.Errorf("relationship %s lacks evidence, source or confidence", r.ID)
			}
		}
	}
}
