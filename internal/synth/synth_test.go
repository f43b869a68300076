package synth_test

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"testing"

	"explorer/graph"
	"explorer/internal/synth"
)

func collect(t *testing.T, cfg synth.Config) ([]graph.Entity, []graph.Relationship) {
	t.Helper()
	var es []graph.Entity
	var rs []graph.Relationship
	err := synth.Generate(cfg, func(e graph.Entity) error { es = append(es, e); return nil },
		func(r graph.Relationship) error { rs = append(rs, r); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return es, rs
}

func TestGenerateIsValidAndDeterministic(t *testing.T) {
	cfg := synth.Config{Nodes: 2000, Rels: 6000, Seed: 7}
	es, rs := collect(t, cfg)
	if len(es) != cfg.Nodes || len(rs) != cfg.Rels {
		t.Fatalf("got %d entities and %d relationships, want %d and %d", len(es), len(rs), cfg.Nodes, cfg.Rels)
	}
	ids := map[string]bool{}
	types := map[graph.EntityType]int{}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			t.Fatalf("entity %+v: %v", e, err)
		}
		if ids[e.ID] {
			t.Fatalf("entity id %q repeated", e.ID)
		}
		ids[e.ID] = true
		types[e.Type]++
	}
	relTypes := map[graph.RelType]bool{}
	dated := 0
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			t.Fatalf("relationship %+v: %v", r, err)
		}
		if !ids[r.From] || !ids[r.To] || r.From == r.To {
			t.Fatalf("relationship %s: bad endpoints %s -> %s", r.ID, r.From, r.To)
		}
		relTypes[r.Type] = true
		if !r.Start.IsZero() {
			dated++
		}
	}
	if len(types) < 8 || len(relTypes) < 25 || dated < len(rs)*3/4 {
		t.Errorf("variety: %d entity types, %d relationship types, %d of %d dated", len(types), len(relTypes), dated, len(rs))
	}
	hash := func(es []graph.Entity, rs []graph.Relationship) [32]byte {
		return sha256.Sum256(fmt.Appendf(nil, "%v%v", es, rs))
	}
	es2, rs2 := collect(t, cfg)
	if hash(es, rs) != hash(es2, rs2) {
		t.Error("the same seed gave a different graph")
	}
	cfg.Seed = 8
	es3, rs3 := collect(t, cfg)
	if hash(es, rs) == hash(es3, rs3) {
		t.Error("another seed gave the same graph")
	}
}

// TestGenerateHasHubs checks the power-law shape: preferential attachment
// gives a few nodes far more relationships than the average.
func TestGenerateHasHubs(t *testing.T) {
	_, rs := collect(t, synth.Config{Nodes: 10000, Rels: 30000, Seed: 1})
	deg := map[string]int{}
	for _, r := range rs {
		deg[r.From]++
		deg[r.To]++
	}
	var ds []int
	for _, d := range deg {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	slices.Reverse(ds)
	mean := float64(2*len(rs)) / 10000
	top := 0
	for _, d := range ds[:100] {
		top += d
	}
	if float64(ds[0]) < 20*mean || top < len(rs)/5 {
		t.Errorf("max degree %d (mean %.1f), top 100 nodes hold %d of %d endpoints: want hubs", ds[0], mean, top, 2*len(rs))
	}
}
