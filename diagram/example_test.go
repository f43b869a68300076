package diagram

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"explorer/graph"
)

// TestWriteExamples writes example diagrams (DOT, SVG and PNG) to the
// directory named by DIAGRAM_EXAMPLES, for looking at them:
//
//	DIAGRAM_EXAMPLES=/tmp/diagrams go test ./diagram -run WriteExamples
func TestWriteExamples(t *testing.T) {
	dir := os.Getenv("DIAGRAM_EXAMPLES")
	if dir == "" {
		t.Skip("set DIAGRAM_EXAMPLES to a directory to write example diagrams")
	}
	requireDot(t)
	examples := []struct {
		name string
		in   Request
		opt  Options
	}{
		{"path", Request{Title: "explorer path Houthis AIO", Paths: []graph.Path{komidPath()}}, Options{}},
		{"path-tb", Request{Title: "explorer path Houthis AIO --rankdir TB", Paths: []graph.Path{komidPath()}}, Options{RankDir: "TB"}},
		{"neighbourhood", Request{Title: "explorer neighbors Iran", Graph: richSubgraph()}, Options{}},
		{"neighbourhood-neato", Request{Title: "explorer neighbors Iran --layout neato", Graph: richSubgraph()}, Options{Layout: "neato"}},
		{"tree100", Request{Title: "100 nodes", Graph: bigGraph(100)}, Options{}},
	}
	e := New(Config{Backend: BackendWasm})
	for _, ex := range examples {
		dot := Build(ex.in, ex.opt)
		if err := os.WriteFile(filepath.Join(dir, ex.name+".dot"), []byte(dot.Source()), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{FormatSVG, FormatPNG} {
			out, err := e.Render(context.Background(), dot, f)
			if err != nil {
				t.Fatalf("%s %s: %v", ex.name, f, err)
			}
			if err := os.WriteFile(filepath.Join(dir, ex.name+"."+string(f)), out, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
