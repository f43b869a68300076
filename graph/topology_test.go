package graph_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"explorer/graph"
	"explorer/internal/testdb"
)

// TestPathIndexFollowsTheGraph checks that the path index answers only
// while it matches the graph: a write makes the next search run on Neo4j
// (and see the write), and the index is rebuilt in the background, after
// which searches read it again, with the same answer.
func TestPathIndexFollowsTheGraph(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	es := []graph.Entity{ent("a", "A", graph.Organization), ent("b", "B", graph.Organization), ent("c", "C", graph.Organization), ent("d", "D", graph.Organization)}
	load(t, st, es, []graph.Relationship{
		rel("r1", "SUPPLIED", "a", "b", "1990", "", graph.Reported),
		rel("r2", "SUPPLIED", "b", "c", "1991", "", graph.Reported),
		rel("r3", "SUPPLIED", "c", "d", "1992", "", graph.Reported),
	})
	ix := st.WithoutPathIndex()
	stats, err := ix.BuildPathIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Entities != 4 || stats.Relationships != 3 {
		t.Fatalf("index holds %d entities, %d relationships; want 4, 3", stats.Entities, stats.Relationships)
	}
	for _, m := range []graph.PathMode{graph.KShortest, graph.Chronological} {
		q := graph.PathQuery{From: "a", To: "d", Mode: m, MaxHops: 4, K: 2}
		got, err := ix.Paths(ctx, q)
		if want := []string{"a-[r1]-b-[r2]-c-[r3]-d"}; err != nil || !slices.Equal(pathIDs(got), want) {
			t.Fatalf("%s: Paths = %v, %v; want %v", m, pathIDs(got), err, want)
		}
	}
	if s := ix.PathIndexStats(); s.Hits != 2 || s.Misses != 0 {
		t.Fatalf("after two searches on a current index: %+v; want 2 hits, no miss", s)
	}
	// A shortcut written after the index was built.
	load(t, st, nil, []graph.Relationship{rel("r4", "SUPPLIED", "b", "d", "1993", "", graph.Reported)})
	want := []string{"a-[r1]-b-[r4]-d", "a-[r1]-b-[r2]-c-[r3]-d"}
	q := graph.PathQuery{From: "a", To: "d", Mode: graph.KShortest, MaxHops: 4, K: 2}
	got, err := ix.Paths(ctx, q)
	if err != nil || !slices.Equal(pathIDs(got), want) {
		t.Fatalf("after a write: Paths = %v, %v; want %v", pathIDs(got), err, want)
	}
	if s := ix.PathIndexStats(); s.Misses == 0 {
		t.Fatalf("a search after a write read the old index: %+v", s)
	}
	deadline := time.Now().Add(30 * time.Second)
	for ix.PathIndexStats().Relationships != 4 {
		if time.Now().After(deadline) {
			t.Fatalf("the index was not rebuilt within 30 s: %+v", ix.PathIndexStats())
		}
		time.Sleep(50 * time.Millisecond)
	}
	hits := ix.PathIndexStats().Hits
	got, err = ix.Paths(ctx, q)
	if err != nil || !slices.Equal(pathIDs(got), want) {
		t.Fatalf("on the rebuilt index: Paths = %v, %v; want %v", pathIDs(got), err, want)
	}
	if s := ix.PathIndexStats(); s.Hits != hits+1 {
		t.Fatalf("the search did not read the rebuilt index: %+v", s)
	}
	// An entity the index does not know is no path, as on Neo4j.
	if _, err := ix.Paths(ctx, graph.PathQuery{From: "a", To: "zz", Mode: graph.KShortest, MaxHops: 4, K: 2}); !errors.Is(err, graph.ErrNotFound) && !errors.Is(err, graph.ErrNoPath) {
		t.Fatalf("to an unknown entity: %v", err)
	}
}
