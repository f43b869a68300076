package diagram

import (
	"regexp"
	"strings"
	"testing"

	"explorer/graph"
)

// sizeAttr is the size attribute, not fontsize.
var sizeAttr = regexp.MustCompile(`\bsize=`)

func TestBuildFit(t *testing.T) {
	g := graph.Subgraph{Nodes: []graph.Entity{{ID: "komid", Name: "KOMID", Type: graph.Organization}}}
	tests := []struct {
		name          string
		width, height float64
		want          string // "" means no size attribute
	}{
		{"natural size", 0, 0, ""},
		{"width only is natural size", 8, 0, ""},
		{"a page", 7.5, 10.5, `size="7.50,10.50"`},
		{"png 1000 px", 1000.0 / 96, 1414.0 / 96, `size="10.42,14.73"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := Build(Request{Graph: g, FitWidth: tt.width, FitHeight: tt.height}, Options{}).Source()
			if tt.want == "" {
				if sizeAttr.MatchString(src) {
					t.Errorf("source has a size:\n%s", src)
				}
				return
			}
			if !strings.Contains(src, tt.want) {
				t.Errorf("source lacks %s:\n%s", tt.want, src)
			}
		})
	}
}
