package diagram

import (
	"context"
	"strings"
	"testing"

	"explorer/graph"
)

func changesInput() Request {
	ent := func(id string) graph.Entity {
		return graph.Entity{ID: id, Name: strings.ToUpper(id), Type: graph.State}
	}
	rel := func(id, from, to, typ string) graph.Relationship {
		return graph.Relationship{ID: id, From: from, To: to, Type: graph.RelType(typ), Confidence: graph.Confirmed, Source: "s"}
	}
	return Request{
		Title: "What changed",
		Graph: graph.Subgraph{Nodes: []graph.Entity{ent("a"), ent("b"), ent("c"), ent("d")}, Relationships: []graph.Relationship{
			rel("ab", "a", "b", "SANCTIONED"), rel("ac", "a", "c", "VISITED"), rel("ad", "a", "d", "DIPLOMATIC_RELATIONS"),
		}},
		Changes: map[string]graph.Change{"ab": graph.Started, "ac": graph.Ended, "ad": graph.Persisted},
	}
}

func TestBuildChanges(t *testing.T) {
	dot := Build(changesInput(), Options{}).Source()
	for _, c := range []struct {
		edge  string
		style EdgeStyle
		mark  string
	}{
		{`"a" -> "b"`, changeStyles[graph.Started], "+ SANCTIONED"},
		{`"a" -> "c"`, changeStyles[graph.Ended], "− VISITED"},
		{`"a" -> "d"`, changeStyles[graph.Persisted], "= DIPLOMATIC_RELATIONS"},
	} {
		line := lineWith(dot, c.edge)
		for _, want := range []string{`color="` + c.style.Color + `"`, `style="` + c.style.Style + `"`, c.mark} {
			if !strings.Contains(line, want) {
				t.Errorf("edge %s = %q, want it to hold %q", c.edge, line, want)
			}
		}
	}
	legend := lineWith(dot, `"legend:changes"`)
	for _, want := range []string{"+ started", "− ended", "= persisted"} {
		if !strings.Contains(legend, want) {
			t.Errorf("changes legend = %q, want %q", legend, want)
		}
	}
	if strings.Contains(legend, "between") || strings.Contains(dot, `"legend:confidence"`) {
		t.Errorf("legend explains absent changes or confidence lines:\n%s", dot)
	}
	if strings.Contains(Build(Request{Graph: changesInput().Graph}, Options{}).Source(), "legend:changes") {
		t.Errorf("a diagram without changes has a changes legend")
	}
}

func TestRenderChanges(t *testing.T) {
	svg, err := NewWasm(Limits{}).Render(context.Background(), Build(changesInput(), Options{}), FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, svg)
	if n := len(doc.edges); n != 3 {
		t.Errorf("SVG has %d edges, want 3", n)
	}
	for _, want := range []string{"#1a7f37", "#cf222e", "+ started", "− ended"} {
		if !strings.Contains(strings.ToLower(string(svg)), strings.ToLower(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}
