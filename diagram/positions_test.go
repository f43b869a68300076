package diagram

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

func TestReadPlain(t *testing.T) {
	tests := []struct {
		name    string
		plain   string
		want    map[string]Box
		wantErr string
	}{
		{"nodes quoted or not; legend and hashed names left out",
			"graph 1 4 3\n" +
				"node komid 1.5 2.25 1.2 0.5 KOMID solid box black white\n" +
				`node "north-korea" 3 0.5 2 0.75 "North Korea" filled octagon black "#EEDD88"` + "\n" +
				`node "legend:type:State" 0.5 0.5 1 0.3 State filled octagon black white` + "\n" +
				`node "#0011223344556677" 2 2 1 0.5 x solid box black white` + "\n" +
				"edge komid \"north-korea\" 4 1 2 1.5 1.5 2 1 2.5 0.6 SUPPLIED 2 1.4 solid black\n" +
				"stop\n",
			map[string]Box{"komid": {Point{1.5, 2.25}, 1.2, 0.5}, "north-korea": {Point{3, 0.5}, 2, 0.75}}, ""},
		{"escaped quote in a name", `node "a\"b" 1 1 1 1 x` + "\n", map[string]Box{}, ""},
		{"empty output", "", map[string]Box{}, ""},
		{"no size", "graph 1 2 2\nnode komid 1 2\n", nil, "line 2: node \"komid\" has no position and size"},
		{"not a number", "node komid 1 two 1 1 x\n", nil, `line 1: node "komid": "two" is not a number`},
		{"not finite", "node komid NaN 1 1 1 x\n", nil, `line 1: node "komid": "NaN" is not a number`},
		{"unclosed quote", "graph 1 2 2\nstop\nnode \"komid 1 1 1 1\n", nil, "line 3: node name \"komid 1 1 1 1 has no closing quote"},
		{"no name", "node  1 1 1 1\n", nil, "line 1: node without a name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadPlain([]byte(tt.plain))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ReadPlain(%q) error = %v, want one containing %q", tt.plain, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ReadPlain(%q): %v", tt.plain, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadPlain(%q) (-want +got):\n%s", tt.plain, diff)
			}
		})
	}
}

// overlapping lists the pairs of boxes, at the centres at, closer than gap,
// leaving out pairs of fixed boxes.
func overlapping(boxes map[string]Box, at map[string]Point, fixed map[string]bool, gap float64) []string {
	var out []string
	for a, ba := range boxes {
		for b, bb := range boxes {
			if a >= b || (fixed[a] && fixed[b]) {
				continue
			}
			if math.Abs(at[a].X-at[b].X) < (ba.W+bb.W)/2+gap-1e-9 && math.Abs(at[a].Y-at[b].Y) < (ba.H+bb.H)/2+gap-1e-9 {
				out = append(out, a+"/"+b)
			}
		}
	}
	return out
}

func TestSeparate(t *testing.T) {
	box := func(x, y float64) Box { return Box{Point{x, y}, 1, 0.5} }
	tests := []struct {
		name  string
		boxes map[string]Box
		fixed []string
		// stay are loose boxes that were free and must not move.
		stay []string
	}{
		{"nothing overlaps", map[string]Box{"a": box(0, 0), "b": box(3, 0), "c": box(0, 3)}, []string{"a"}, []string{"b", "c"}},
		{"loose boxes piled on a fixed one", map[string]Box{"hub": box(0, 0), "a": box(0, 0), "b": box(0.1, 0), "c": box(0, 0.1), "d": box(-0.1, -0.1), "far": box(9, 9)},
			[]string{"hub"}, []string{"far"}},
		{"fixed boxes that overlap stay so", map[string]Box{"a": box(0, 0), "b": box(0.2, 0), "c": box(0.1, 0)}, []string{"a", "b"}, nil},
		{"no fixed box", map[string]Box{"a": box(0, 0), "b": box(0, 0), "c": box(0, 0), "d": box(5, 5)}, nil, []string{"d"}},
		{"a crowd", func() map[string]Box {
			m := map[string]Box{"hub": {Point{0, 0}, 2, 0.8}}
			for i := range 25 {
				m[string(rune('a'+i))] = Box{Point{math.Cos(float64(i)) * 0.5, math.Sin(float64(i)) * 0.5}, 1 + float64(i%3)*0.4, 0.5}
			}
			return m
		}(), []string{"hub"}, nil},
	}
	const gap = 0.25
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fixed := map[string]bool{}
			for _, id := range tt.fixed {
				fixed[id] = true
			}
			at := Separate(tt.boxes, func(id string) bool { return fixed[id] }, gap)
			if len(at) != len(tt.boxes) {
				t.Fatalf("Separate returned %d centres for %d boxes", len(at), len(tt.boxes))
			}
			for id := range fixed {
				if at[id] != tt.boxes[id].Point {
					t.Errorf("fixed box %s moved from %v to %v", id, tt.boxes[id].Point, at[id])
				}
			}
			for _, id := range tt.stay {
				if at[id] != tt.boxes[id].Point {
					t.Errorf("free box %s moved from %v to %v", id, tt.boxes[id].Point, at[id])
				}
			}
			if o := overlapping(tt.boxes, at, fixed, gap); len(o) > 0 {
				t.Errorf("boxes still closer than the gap: %q", o)
			}
			// A function of its input, whatever the map's order.
			for range 5 {
				if diff := cmp.Diff(at, Separate(tt.boxes, func(id string) bool { return fixed[id] }, gap)); diff != "" {
					t.Fatalf("a second run differs:\n%s", diff)
				}
			}
		})
	}
	// A loose box on a fixed one goes to the nearest free spot: below it
	// (0.75 in down) rather than beside it (1.15 in right).
	at := Separate(map[string]Box{"f": box(0, 0), "l": box(0.1, 0)}, func(id string) bool { return id == "f" }, gap)
	if want := (Point{0.1, -0.75}); math.Abs(at["l"].X-want.X) > 1e-3 || math.Abs(at["l"].Y-want.Y) > 1e-3 {
		t.Errorf("a loose box on a fixed one went to %v, want %v", at["l"], want)
	}
}

// grown is richSubgraph with more entities linked to two of its own.
func grown() graph.Subgraph {
	g := richSubgraph()
	for _, n := range []string{"komid", "shig", "houthis", "hezbollah", "aio", "sanam"} {
		g.Nodes = append(g.Nodes, graph.Entity{ID: n, Name: "Entity called " + n, Type: graph.Organization})
		g.Relationships = append(g.Relationships,
			graph.Relationship{ID: n + "-dprk", Type: "COOPERATED_WITH", From: n, To: "dprk", Source: source38North, Confidence: graph.Reported},
			graph.Relationship{ID: n + "-iran", Type: "SUPPLIED", From: n, To: "iran", Source: source38North, Confidence: graph.Alleged})
	}
	return g
}

// TestPinnedLayout draws a graph with neato, then a larger one with the
// first drawing's entities pinned, with every renderer: they keep their
// places (up to the move of the whole drawing to the origin).
func TestPinnedLayout(t *testing.T) {
	for name, r := range vectorRenderers(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			opt := Options{Layout: "neato", NoLegend: true}
			first, err := r.Render(ctx, Build(Request{Graph: richSubgraph()}, opt), FormatPlain)
			if err != nil {
				t.Fatal(err)
			}
			before, err := ReadPlain(first)
			if err != nil {
				t.Fatal(err)
			}
			pins := map[string]Point{}
			for id, b := range before {
				pins[id] = b.Point
			}
			if len(pins) != len(richSubgraph().Nodes)+1 { // and the placeholder "ghost"
				t.Fatalf("plain output of %d entities has %d: %v", len(richSubgraph().Nodes), len(pins), pins)
			}
			d := Build(Request{Graph: grown(), Pins: pins}, opt)
			if !strings.Contains(d.Source(), `pos="`+pins["dprk"].pos()+`"`) || !strings.Contains(d.Source(), `overlap="true"`) {
				t.Fatalf("pinned DOT lacks the pin or overlap=true:\n%s", d.Source())
			}
			second, err := r.Render(ctx, d, FormatPlain)
			if err != nil {
				t.Fatal(err)
			}
			after, err := ReadPlain(second)
			if err != nil {
				t.Fatal(err)
			}
			if len(after) != len(grown().Nodes)+1 {
				t.Fatalf("second drawing has %d entities, want %d", len(after), len(grown().Nodes)+1)
			}
			// The placeholder is not pinned (it is no entity of the input).
			delete(pins, "ghost")
			shift := Point{after["dprk"].X - pins["dprk"].X, after["dprk"].Y - pins["dprk"].Y}
			for id, p := range pins {
				got := after[id].Point
				if dx, dy := got.X-p.X-shift.X, got.Y-p.Y-shift.Y; math.Hypot(dx, dy) > 0.01 {
					t.Errorf("%s moved by (%.3f, %.3f) in, relative to dprk", id, dx, dy)
				}
			}
			// And the SVG draws them there too.
			svg, err := r.Render(ctx, d, FormatSVG)
			if err != nil {
				t.Fatal(err)
			}
			if doc := parseSVG(t, svg); len(doc.nodes) != len(after) {
				t.Errorf("the pinned SVG has %d nodes, want %d", len(doc.nodes), len(after))
			}
		})
	}
}

func TestBuildPins(t *testing.T) {
	pins := map[string]Point{"dprk": {1.5, -2.25}, "nobody": {1, 1}}
	for _, tt := range []struct {
		layout      string
		wantPos     bool
		wantOverlap string
	}{
		{"neato", true, `overlap="true"`},
		{"fdp", true, `overlap="true"`},
		{"dot", false, ""},
		{"circo", false, ""},
	} {
		src := Build(Request{Graph: richSubgraph(), Pins: pins}, Options{Layout: tt.layout}).Source()
		line := lineWith(src, `"dprk" [`)
		if got := strings.Contains(line, `pos="1.5000,-2.2500!", pin=true`); got != tt.wantPos {
			t.Errorf("%s: dprk's line %q has the pin: %t, want %t", tt.layout, line, got, tt.wantPos)
		}
		if strings.Count(src, "pos=") > 1 {
			t.Errorf("%s: a pin of an entity the graph does not hold was written:\n%s", tt.layout, src)
		}
		if tt.wantOverlap != "" && !strings.Contains(src, tt.wantOverlap) {
			t.Errorf("%s with pins: no %s (Graphviz's overlap removal would move pinned nodes)", tt.layout, tt.wantOverlap)
		}
	}
	// Without pins, neato removes overlaps itself.
	if src := Build(Request{Graph: richSubgraph()}, Options{Layout: "neato"}).Source(); !strings.Contains(src, `overlap="false"`) || strings.Contains(src, "pos=") {
		t.Errorf("neato without pins:\n%s", src)
	}
}

// TestPlainWithLegend: go-graphviz's JSON writer reads past strings of
// HTML-like labels (see Wasm); plain output of a drawing with the legend
// must read back whole.
func TestPlainWithLegend(t *testing.T) {
	for name, r := range vectorRenderers(t) {
		for _, layout := range []string{"dot", "neato"} {
			out, err := r.Render(context.Background(), Build(Request{Graph: richSubgraph()}, Options{Layout: layout}), FormatPlain)
			if err != nil {
				t.Fatalf("%s %s: %v", name, layout, err)
			}
			got, err := ReadPlain(out)
			if err != nil {
				t.Fatalf("%s %s: %v\n%s", name, layout, err, out)
			}
			if len(got) != len(richSubgraph().Nodes)+1 {
				t.Errorf("%s %s: read %d entities, want %d:\n%s", name, layout, len(got), len(richSubgraph().Nodes)+1, out)
			}
		}
	}
}
