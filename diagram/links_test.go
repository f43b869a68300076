package diagram

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// TestBaseURLLinks renders a path with every SVG renderer and reads the
// links back with an XML parser: with a base URL every node links to its
// entity page under it, without one the links stay as NodeURL gives them.
func TestBaseURLLinks(t *testing.T) {
	p := komidPath()
	var ids []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	links := func(prefix string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, prefix+url.PathEscape(id))
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name, base string
		want       []string
	}{
		{"no base URL", "", links("/entities/")},
		{"base URL", "https://x.example", links("https://x.example/entities/")},
		{"base URL with a path and a trailing slash", "https://x.example/explorer/", links("https://x.example/explorer/entities/")},
	}
	for name, r := range vectorRenderers(t) {
		for _, tt := range tests {
			t.Run(name+"/"+tt.name, func(t *testing.T) {
				d := Build(Request{Title: "links", Paths: []graph.Path{p}, BaseURL: tt.base}, Options{NodeURL: EntityURL("/entities/")})
				out, err := r.Render(context.Background(), d, FormatSVG)
				if err != nil {
					t.Fatal(err)
				}
				doc := parseSVG(t, out)
				var got []string
				for _, n := range doc.nodes {
					got = append(got, n.hrefs...)
				}
				for _, e := range doc.edges {
					if len(e.hrefs) > 0 {
						t.Errorf("edge %s links to %q; edges have no links", e.title, e.hrefs)
					}
				}
				if len(doc.graph.hrefs) > 0 {
					t.Errorf("the graph links to %q", doc.graph.hrefs)
				}
				slices.Sort(got)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("node links (-want +got):\n%s", diff)
				}
			})
		}
	}
	// Without NodeURL there are no links, base URL or not.
	d := Build(Request{Title: "links", Paths: []graph.Path{p}, BaseURL: "https://x.example"}, Options{})
	out, err := New(Config{Backend: BackendWasm}).Render(context.Background(), d, FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range parseSVG(t, out).nodes {
		if len(n.hrefs) > 0 {
			t.Errorf("node %s links to %q without a NodeURL", n.title, n.hrefs)
		}
	}
	// A link NodeURL makes absolute already, or one to another host, is
	// left alone.
	odd := func(e graph.Entity) string {
		if e.ID == p.Nodes[0].ID {
			return "https://other.example/" + e.ID
		}
		return "//cdn.example/" + e.ID
	}
	src := Build(Request{Paths: []graph.Path{p}, BaseURL: "https://x.example"}, Options{NodeURL: odd}).Source()
	for _, want := range []string{`URL="https://other.example/` + p.Nodes[0].ID + `"`, `URL="//cdn.example/` + p.Nodes[1].ID + `"`} {
		if !strings.Contains(src, want) {
			t.Errorf("DOT lacks %s:\n%s", want, src)
		}
	}
}

// TestRequestKey checks the render cache key: the same request gives the
// same key, another base URL, graph or format another.
func TestRequestKey(t *testing.T) {
	base := Request{Title: "t", Paths: []graph.Path{komidPath()}}
	key := func(r Request, f Format) CacheKey {
		t.Helper()
		k, err := r.Key(f)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k0 := key(base, FormatSVG)
	if key(base, FormatSVG) != k0 {
		t.Errorf("Key is not stable")
	}
	a, b := base, base
	a.BaseURL, b.BaseURL = "https://a.example", "https://b.example"
	other := base
	other.Title = "u"
	for name, k := range map[string]CacheKey{
		"base URL a": key(a, FormatSVG), "base URL b": key(b, FormatSVG), "title": key(other, FormatSVG), "format": key(base, FormatPNG),
	} {
		if k == k0 {
			t.Errorf("Key with another %s = the first request's key", name)
		}
	}
	if key(a, FormatSVG) == key(b, FormatSVG) {
		t.Errorf("two base URLs share a cache key")
	}
}
