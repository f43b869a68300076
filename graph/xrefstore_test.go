package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// TestGraphVersion: every write path raises the graph's change counter:
// writes outside a run, an import run, the seed script, source records,
// judgements, merges and unmerges; reads do not.
func TestGraphVersion(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{ent("komid", "Korea Mining Development Trading Corporation", graph.Organization, "KOMID"),
		ent("ofac-komid", "KOREA MINING DEVELOPMENT TRADING CORP.", graph.Organization),
		ent("ofac-tangun", "KOREA TANGUN TRADING CORPORATION", graph.Organization)}, nil)
	version := func() int64 {
		t.Helper()
		v, err := st.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v.Version
	}
	if v := version(); v == 0 {
		t.Fatalf("Version after loading the fixture = 0, want the writes counted")
	}
	for _, tc := range []struct {
		name  string
		write func() error
		bumps bool
	}{
		{"a read", func() error { _, err := st.Xref(ctx, graph.XrefOptions{}); return err }, false},
		{"upsert outside a run", func() error {
			_, err := st.UpsertEntities(ctx, []graph.Entity{ent("newcomer", "Newcomer", graph.Person)})
			return err
		}, true},
		{"import run", func() error {
			_, err := ingest.ImportAll(ctx, st, []ingest.Source{{Name: "x.jsonl", Format: "jsonl",
				R: strings.NewReader(`{"kind":"entity","id":"imported","name":"Imported","type":"Person"}` + "\n")}}, ingest.Options{})
			return err
		}, true},
		{"seed script", func() error {
			_, err := (&ingest.Seeder{Store: st}).Load(ctx, `MERGE (e:Entity:Person {id: 'scripted'}) SET e.name = 'Scripted';`)
			return err
		}, true},
		{"add a source", func() error { return st.AddSource(ctx, graph.Source{ID: "src-a", Title: "A"}) }, true},
		{"edit a source", func() error { return st.UpdateSource(ctx, graph.Source{ID: "src-a", Title: "A, revised"}) }, true},
		{"judge", func() error {
			_, err := st.Judge(ctx, "komid", "ofac-tangun", graph.Different, "test", time.Now())
			return err
		}, true},
		{"merge", func() error {
			_, err := st.Judge(ctx, "komid", "ofac-komid", graph.Same, "test", time.Now())
			return err
		}, true},
		{"unmerge", func() error { _, err := st.Unmerge(ctx, "ofac-komid"); return err }, true},
	} {
		before := version()
		if err := tc.write(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if after := version(); (after > before) != tc.bumps {
			t.Errorf("%s: version %d -> %d, want raised: %v", tc.name, before, after, tc.bumps)
		}
	}
}

// TestStoredXref: the stored cross-reference holds what Xref computes, is
// read back at once, drops pairs as they are judged, says when the graph
// changed since, stays out of entity searches and counts, and a new one
// replaces the old.
func TestStoredXref(t *testing.T) {
	st := xrefFixture(t)
	ctx := context.Background()
	none, err := st.StoredXref(ctx, graph.StoredQuery{Limit: 10})
	if err != nil || none.Run != nil || len(none.Candidates) != 0 {
		t.Fatalf("StoredXref before any = %+v, %v; want no run", none, err)
	}
	counts, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := st.Xref(ctx, graph.XrefOptions{MinScore: 0.3})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 2 {
		t.Fatalf("Xref at 0.3 = %d candidates, want at least 2 for this test", len(want))
	}
	var seen []int
	run, err := st.StoreXref(ctx, graph.XrefOptions{MinScore: 0.3, Progress: func(n int) { seen = append(seen, n) }})
	if err != nil {
		t.Fatal(err)
	}
	if run.Candidates != len(want) || run.Entities != 6 || run.MinScore != 0.3 || run.Finished.Before(run.Started) {
		t.Errorf("StoreXref = %+v, want %d candidates from 6 entities", run, len(want))
	}
	if diff := cmp.Diff([]int{6}, seen); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
	got, err := st.StoredXref(ctx, graph.StoredQuery{MinScore: 0.3, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got.Run == nil || got.Run.ID != run.ID || got.Stale || got.Pending != len(want) || got.Graph.Version != run.Version {
		t.Errorf("StoredXref = run %+v, stale %v, pending %d, graph %+v; want run %s fresh with %d", got.Run, got.Stale, got.Pending, got.Graph, run.ID, len(want))
	}
	if diff := cmp.Diff(want, got.Candidates, cmp.AllowUnexported(graph.Candidate{})); diff != "" {
		t.Errorf("stored candidates (-computed +stored):\n%s", diff)
	}
	// A page, and a higher score.
	page, err := st.StoredXref(ctx, graph.StoredQuery{MinScore: 0.3, Offset: 1, Limit: 1})
	if err != nil || len(page.Candidates) != 1 || page.Candidates[0].Right.ID != want[1].Right.ID {
		t.Errorf("StoredXref(offset 1, limit 1) = %+v, %v; want the second", page.Candidates, err)
	}
	high, err := st.StoredXref(ctx, graph.StoredQuery{MinScore: 0.99, Limit: 100})
	if err != nil || len(high.Candidates) != 1 || high.Pending != 1 || high.Candidates[0].Score < 0.99 {
		t.Errorf("StoredXref(0.99) = %+v, %v; want the one pair at 1", high.Candidates, err)
	}
	// Not entities: counts and searches do not see them.
	if after, err := st.Count(ctx); err != nil || after != counts {
		t.Errorf("Count after storing = %+v, %v; want %+v", after, err, counts)
	}
	if hits, err := st.Search(ctx, "KOMID", 20); err != nil || len(hits) == 0 {
		t.Errorf("Search(KOMID) = %v, %v", hits, err)
	} else {
		for _, h := range hits {
			if h.ID == "" || strings.Contains(h.ID, "|") {
				t.Errorf("search hit %+v is not an entity", h)
			}
		}
	}
	// A judged pair leaves the list at once; the graph is then newer.
	top := want[0]
	if _, err := st.Judge(ctx, top.Left.ID, top.Right.ID, graph.Different, "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	after, err := st.StoredXref(ctx, graph.StoredQuery{MinScore: 0.3, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !after.Stale || after.Pending != len(want)-1 || len(after.Candidates) != len(want)-1 {
		t.Errorf("after judging: stale %v, pending %d, %d candidates; want stale and %d", after.Stale, after.Pending, len(after.Candidates), len(want)-1)
	}
	for _, c := range after.Candidates {
		if c.Left.ID == top.Left.ID && c.Right.ID == top.Right.ID {
			t.Errorf("the judged pair %s=%s is still listed", top.Left.ID, top.Right.ID)
		}
	}
	// A new run replaces the old one's candidates.
	run2, err := st.StoreXref(ctx, graph.XrefOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, cfg := testdb.Connect(t)
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (c:XrefCandidate) RETURN count(c) AS n, collect(DISTINCT c.run) AS runs`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n")
	runs, _, _ := neo4j.GetRecordValue[[]any](res.Records[0], "runs")
	if int(n) != run2.Candidates || (n > 0 && (len(runs) != 1 || runs[0] != run2.ID)) {
		t.Errorf("after a second run: %d stored candidates of runs %v, want %d of %s", n, runs, run2.Candidates, run2.ID)
	}
	if _, err := st.StoreXref(ctx, graph.XrefOptions{Source: "ftm-"}); err == nil {
		t.Errorf("StoreXref(source) = nil error, want one: a stored cross-reference covers the whole graph")
	}
}
