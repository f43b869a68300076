package diagram

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenCases are diagrams whose DOT text is kept in testdata/NAME.golden.
func goldenCases() []struct {
	name string
	in   Request
	opt  Options
} {
	hostile := graph.Subgraph{}
	for i, s := range hostileNames {
		id := "h" + string(rune('a'+i))
		hostile.Nodes = append(hostile.Nodes, graph.Entity{ID: id, Name: s, Type: graph.Person, Aliases: []string{s}, Description: s})
		hostile.Relationships = append(hostile.Relationships, graph.Relationship{ID: "r" + id, Type: "MET_WITH", From: id, To: "ha",
			Evidence: s, Source: s, CitedSource: s, SourceURL: s, Confidence: graph.Alleged})
	}
	hostile.Nodes = append(hostile.Nodes, graph.Entity{ID: `Not "a" slug\`, Name: "odd id", Type: graph.State})
	return []struct {
		name string
		in   Request
		opt  Options
	}{
		{"path", Request{Title: "explorer path Houthis AIO", Paths: []graph.Path{komidPath()}},
			Options{NodeURL: EntityURL("/entities/")}},
		{"neighbourhood", Request{Title: "explorer neighbors Iran --depth 1", Source: "Neo4j database neo4j", Graph: richSubgraph()},
			Options{RankDir: "TB"}},
		{"neato", Request{Title: "neato layout", Graph: richSubgraph()}, Options{Layout: "neato", NoLegend: false}},
		{"hostile", Request{Title: hostileNames[2], Source: hostileNames[5], Graph: hostile, Highlight: []string{"ha"}},
			Options{NodeURL: EntityURL("/entities/")}},
	}
}

func TestBuildGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			got := Build(tc.in, tc.opt).Source()
			path := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./diagram -run TestBuildGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("Build(%s).Source() differs from %s (-want +got):\n%s", tc.name, path, diff)
			}
		})
	}
}

// TestBuildCounts: Build counts what it writes, legend included (that the
// counts match Graphviz's own is TestRenderGoldens).
func TestBuildCounts(t *testing.T) {
	big := bigGraph(100)
	tests := []struct {
		name         string
		d            Diagram
		nodes, edges int
	}{
		{"100 nodes, no legend", Build(Request{Graph: big}, Options{NoLegend: true}), 100, len(big.Relationships)},
		{"path with legend", Build(Request{Paths: []graph.Path{komidPath()}}, Options{}), 4 + 2, 3},
		{"path, neato legend", Build(Request{Paths: []graph.Path{komidPath()}}, Options{Layout: "neato"}), 4 + 1, 3},
		{"dangling endpoint", Build(Request{Graph: graph.Subgraph{Relationships: komidPath().Relationships[:1]}}, Options{NoLegend: true}), 2, 1},
		{"empty", Build(Request{}, Options{}), 0, 0},
	}
	for _, tt := range tests {
		if got, want := [2]int{tt.d.Nodes(), tt.d.Edges()}, [2]int{tt.nodes, tt.edges}; got != want {
			t.Errorf("Build(%s) counts (nodes, edges) = %v, want %v", tt.name, got, want)
		}
		if n := strings.Count(tt.d.Source(), " -> "); n < tt.edges {
			t.Errorf("Build(%s) wrote %d edge operators for %d edges", tt.name, n, tt.edges)
		}
	}
}

// TestBuildDeterministic: the same input gives the same bytes, whatever the
// order of the subgraph's nodes and relationships.
func TestBuildDeterministic(t *testing.T) {
	g := richSubgraph()
	want := Build(Request{Title: "t", Graph: g}, Options{}).Source()
	for range 20 {
		h := graph.Subgraph{Nodes: slices.Clone(g.Nodes), Relationships: slices.Clone(g.Relationships)}
		slices.Reverse(h.Nodes)
		slices.Reverse(h.Relationships)
		h.Nodes[0], h.Nodes[3] = h.Nodes[3], h.Nodes[0]
		if got := Build(Request{Title: "t", Graph: h}, Options{}).Source(); got != want {
			t.Fatalf("Build with reordered input differs:\n%s", cmp.Diff(want, got))
		}
	}
}

// TestBuildPaths: paths keep their order, shared relationships are drawn
// once, and hops walked against their direction point the right way.
func TestBuildPaths(t *testing.T) {
	p := komidPath()
	// A second path that shares the first hop.
	q := graph.Path{Nodes: p.Nodes[:2], Relationships: p.Relationships[:1]}
	dot := Build(Request{Paths: []graph.Path{p, q}, Graph: graph.Subgraph{Relationships: p.Relationships[2:]}}, Options{}).Source()
	if n := strings.Count(dot, "SUPPLIED 2018-08"); n != 1 {
		t.Errorf("shared relationship drawn %d times, want 1", n)
	}
	if n := strings.Count(dot, `-> "aio"`); n != 1 {
		t.Errorf("relationship in a path and in Graph drawn %d times, want 1", n)
	}
	order := []string{`"houthis" [`, `"komid" [`, `"shig" [`, `"aio" [`, `"houthis" -> "komid"`, `"komid" -> "shig"`, `"shig" -> "aio"`}
	last := -1
	for _, s := range order {
		i := strings.Index(dot, s)
		if i < 0 || i < last {
			t.Fatalf("%q missing or out of path order in\n%s", s, dot)
		}
		last = i
	}
	// KOMID supplied the Houthis; the path walks Houthis -> KOMID, so the
	// edge is drawn that way with the arrow turned back.
	line := lineWith(dot, `"houthis" -> "komid"`)
	if !strings.Contains(line, `dir="back"`) {
		t.Errorf("reversed hop without dir=back: %s", line)
	}
	// COOPERATED_WITH is symmetric: no arrow.
	if line := lineWith(dot, `"komid" -> "shig"`); !strings.Contains(line, `dir="none"`) {
		t.Errorf("symmetric hop without dir=none: %s", line)
	}
	// Endpoints are highlighted by default, the middle is not.
	dot = Build(Request{Paths: []graph.Path{p}}, Options{}).Source()
	for id, bold := range map[string]bool{"houthis": true, "aio": true, "komid": false, "shig": false} {
		if got := strings.Contains(lineWith(dot, `"`+id+`" [`), "peripheries=2"); got != bold {
			t.Errorf("node %s highlighted = %v, want %v", id, got, bold)
		}
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestBuildDetails(t *testing.T) {
	dot := Build(Request{Title: "q", Graph: richSubgraph()}, Options{NodeURL: EntityURL("/entities/")}).Source()
	tests := []struct{ line, want string }{
		{`"dprk" -> "iran"`, `label="SUPPLIED 1981–1983"`},
		{`"dprk" -> "iran"`, `style="solid"`},
		{`"dprk" -> "sci-tech-accord"`, `style="dotted"`},
		{`"poe-2011" -> "air-koryo"`, `style="dashed"`},
		{`"iran" -> "scud-b"`, `color="#808080"`},
		{`"kim-jong-un" -> "dprk"`, `label="LEADS 2011-12"`},
		{`"iran" [`, `URL="/entities/iran", target="_top"`},
		{`"iran" [`, `shape="octagon"`},
		{`"ghost" [`, `style="filled,dashed"`},
		{`"mystery" -> "ghost"`, `tooltip="Mystery \"entity\" — ghost: MET_WITH (reported)\nSource: a \\\\N source"`},
		{`"legend:type:Vessel"`, `shape="cds"`},
	}
	for _, tt := range tests {
		if l := lineWith(dot, tt.line); !strings.Contains(l, tt.want) {
			t.Errorf("line %s = %q, want it to contain %s", tt.line, l, tt.want)
		}
	}
	if strings.Contains(lineWith(dot, `"ghost" [`), "URL=") {
		t.Errorf("placeholder node has a link")
	}
	// Every confidence level and every present type is in the legend;
	// absent types are not.
	for _, c := range []string{"confirmed", "reported", "alleged", "disputed", "unstated"} {
		if !strings.Contains(lineWith(dot, "legend:confidence"), ">"+c+"<") {
			t.Errorf("legend lacks confidence %s", c)
		}
	}
	small := Build(Request{Paths: []graph.Path{komidPath()}}, Options{}).Source()
	if strings.Contains(small, "legend:type:Person") || !strings.Contains(small, "legend:type:Organization") {
		t.Errorf("legend of an all-organization path is wrong:\n%s", small)
	}
	if strings.Contains(small, ">disputed<") {
		t.Errorf("legend lists an absent confidence level")
	}
	if s := Build(Request{Paths: []graph.Path{komidPath()}}, Options{NoLegend: true}).Source(); strings.Contains(s, "legend") {
		t.Errorf("NoLegend still draws a legend")
	}
	long := komidPath()
	long.Relationships[0].Evidence = strings.Repeat("word ", 1000)
	if l := lineWith(Build(Request{Paths: []graph.Path{long}}, Options{}).Source(), `"houthis" -> "komid"`); len(l) > 2000 || !strings.Contains(l, "…") {
		t.Errorf("long evidence not truncated: %d bytes", len(l))
	}
	if s := Build(Request{Graph: graph.Subgraph{Truncated: true}}, Options{}).Source(); !strings.Contains(s, "Truncated") {
		t.Errorf("truncated input not said in the caption")
	}
}

func TestParseOptions(t *testing.T) {
	for _, s := range []string{"dot", "NEATO", " fdp ", "sfdp", "circo", ""} {
		if _, err := ParseLayout(s); err != nil {
			t.Errorf("ParseLayout(%q) = %v", s, err)
		}
	}
	for _, s := range []string{"twopi", "osage", "nop", "dot;rm"} {
		if _, err := ParseLayout(s); err == nil {
			t.Errorf("ParseLayout(%q) = nil error", s)
		}
	}
	for _, s := range []string{"LR", "tb", ""} {
		if _, err := ParseRankDir(s); err != nil {
			t.Errorf("ParseRankDir(%q) = %v", s, err)
		}
	}
	if _, err := ParseRankDir("RL"); err == nil {
		t.Errorf("ParseRankDir(RL) = nil error")
	}
	if _, err := ParseFormat("gif"); err == nil {
		t.Errorf("ParseFormat(gif) = nil error")
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		w, n int
		want string
	}{
		{"Korea Mining Development Trading Corporation", 24, 3, "Korea Mining Development\nTrading Corporation"},
		{"a b c d e f g h", 3, 2, "a b\nc…"},
		{strings.Repeat("x", 60), 10, 3, "xxxxxxxxxx\nxxxxxxxxxx\nxxxxxxxxx…"},
		{"김정은", 24, 3, "김정은"},
	}
	for _, tt := range tests {
		if got := clip(tt.in, tt.w, tt.n); got != tt.want {
			t.Errorf("clip(%q, %d, %d) = %q, want %q", tt.in, tt.w, tt.n, got, tt.want)
		}
	}
}

// TestBuildParallelLinks checks that a pair linked by parallelMin or more
// relationships is drawn as one edge with the count and the types, and a
// pair with fewer keeps one edge per relationship.
func TestBuildParallelLinks(t *testing.T) {
	r := func(id string, typ graph.RelType, from, to string, c graph.Confidence) graph.Relationship {
		return graph.Relationship{ID: id, Type: typ, From: from, To: to, Evidence: "e " + id, Source: "s", Confidence: c}
	}
	g := graph.Subgraph{
		Nodes: []graph.Entity{{ID: "kp", Name: "North Korea"}, {ID: "ir", Name: "Iran"}, {ID: "sy", Name: "Syria"}},
		Relationships: []graph.Relationship{
			r("a1", "SUPPLIED", "kp", "ir", graph.Alleged), r("a2", "SUPPLIED", "ir", "kp", graph.Confirmed),
			r("a3", "ASSISTED", "kp", "ir", graph.Reported), r("a4", "COOPERATED_WITH", "ir", "kp", graph.Reported),
			r("b1", "SUPPLIED", "kp", "sy", graph.Reported), r("b2", "ASSISTED", "kp", "sy", graph.Reported),
		},
	}
	dot := Build(Request{Title: "q", Graph: g}, Options{}).Source()
	pair := 0
	for _, l := range strings.Split(dot, "\n") {
		if strings.Contains(l, `"kp" -> "ir"`) || strings.Contains(l, `"ir" -> "kp"`) {
			pair++
			for _, want := range []string{`label="4 relationships: SUPPLIED ×2,`, `dir="none"`, `style="solid"`, `North Korea → Iran: ASSISTED (reported)`} {
				if !strings.Contains(l, want) {
					t.Errorf("grouped edge %q lacks %s", l, want)
				}
			}
		}
	}
	if pair != 1 {
		t.Errorf("North Korea and Iran are drawn with %d edges, want 1", pair)
	}
	if n := strings.Count(dot, `"kp" -> "sy"`); n != 2 {
		t.Errorf("North Korea and Syria are drawn with %d edges, want 2 (below the grouping threshold)", n)
	}
}

// TestEveryConfidenceHasAStyle checks that no confidence level of the
// vocabulary is drawn as "unstated".
func TestEveryConfidenceHasAStyle(t *testing.T) {
	for _, c := range graph.Confidences {
		if got := confidenceOf(c.Level); got != c.Level || !slices.Contains(confidenceOrder, c.Level) {
			t.Errorf("confidence %s is drawn as %s (legend %v)", c.Level, got, confidenceOrder)
		}
	}
}
