package diagram

import (
	"errors"
	"testing"

	"explorer/graph"
)

func TestCountDOT(t *testing.T) {
	tests := []struct {
		dot          string
		nodes, edges int
	}{
		{`digraph { a -> b }`, 2, 1},
		{`digraph G { a; b; a -> b -> c; }`, 3, 2},
		{`graph { a -- {b c d} }`, 4, 3},
		{`digraph { {a b} -> {c d} }`, 4, 4},
		{`digraph { subgraph s1 { a b } -> subgraph s2 { c } }`, 3, 2},
		{`strict DiGraph { rankdir=LR; node [shape=box]; a [label="x -> y"] }`, 1, 0},
		{`digraph { "a" -> "b" [label="{c d} -> e"]; "a\"q" }`, 3, 1},
		{`digraph { a:p1:n -> b:s }`, 2, 1},
		{`digraph { a [label=<<b>x &gt; y</b>>]; -1.5 -> .5 }`, 3, 1},
		{"digraph { /* c -> d */ a // e -> f\n# g -> h\n -> b }", 2, 1},
		{`digraph { "a" + "b" -> c }`, 2, 1},
		{`digraph { subgraph cluster_x { label="L"; a; } graph [x=1] edge [y=2] }`, 1, 0},
		{`digraph { "end\\" -> b }`, 2, 1},
		{`digraph { a -> b } digraph { c }`, 3, 1},
	}
	for _, tt := range tests {
		n, e, err := CountDOT(tt.dot)
		if err != nil || n != tt.nodes || e != tt.edges {
			t.Errorf("CountDOT(%q) = %d, %d, %v, want %d, %d, nil", tt.dot, n, e, err, tt.nodes, tt.edges)
		}
	}
	for _, bad := range []string{"", "   ", "digraph {", `digraph { "open }`, "digraph { a -> }", "graph { a [x=1 }", "hello"} {
		if _, _, err := CountDOT(bad); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("CountDOT(%q) = %v, want an ErrInvalid error", bad, err)
		}
	}
}

// TestCountDOTBuild: the counts of Build's output match the input.
func TestCountDOTBuild(t *testing.T) {
	g := bigGraph(100)
	dot := Build(Input{Graph: g}, Options{NoLegend: true})
	n, e, err := CountDOT(dot)
	if err != nil || n != 100 || e != len(g.Relationships) {
		t.Errorf("CountDOT(Build(100 nodes, %d relationships)) = %d, %d, %v", len(g.Relationships), n, e, err)
	}
}

// FuzzCountDOT: CountDOT never panics or hangs, and counts what it accepts
// consistently. Corpus: testdata/fuzz/FuzzCountDOT.
func FuzzCountDOT(f *testing.F) {
	f.Add(`digraph { {a b} -> {c d} -> e [x=1] }`)
	f.Add(Build(Input{Paths: []graph.Path{komidPath()}}, Options{}))
	f.Fuzz(func(t *testing.T, dot string) {
		n, e, err := CountDOT(dot)
		if err != nil && (n != 0 || e != 0) {
			t.Fatalf("CountDOT(%q) = %d, %d with error %v", dot, n, e, err)
		}
		if n < 0 || e < 0 || e > maxCount {
			t.Fatalf("CountDOT(%q) = %d, %d", dot, n, e)
		}
	})
}
