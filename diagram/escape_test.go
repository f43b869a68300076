package diagram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"explorer/graph"
)

func TestQuote(t *testing.T) {
	tests := []struct {
		in, label, tooltip string
	}{
		{"KOMID", `"KOMID"`, `"KOMID"`},
		{`Say "hi"`, `"Say \"hi\""`, `"Say \"hi\""`},
		{`a\b`, `"a\\b"`, `"a\\\\b"`},
		{`\N`, `"\\N"`, `"\\\\N"`},
		{`end\`, `"end\\"`, `"end\\\\"`},
		{"two\nlines", `"two\nlines"`, `"two\nlines"`},
		{"cr\r\nlf\rx", `"cr\nlf\nx"`, `"cr\nlf\nx"`},
		{"AT&T", `"AT&amp;T"`, `"AT&amp;T"`},
		{"&lt;", `"&amp;lt;"`, `"&amp;lt;"`},
		{"<b>{x|y}</b>", `"<b>{x|y}</b>"`, `"<b>{x|y}</b>"`},
		{"nul\x00\x1b", "\"nul\uFFFD\uFFFD\"", "\"nul\uFFFD\uFFFD\""},
		{"bad \xff", "\"bad \uFFFD\"", "\"bad \uFFFD\""},
		{"tab\tsep\u2028", `"tab sep\n"`, `"tab sep\n"`},
		{"김정은", `"김정은"`, `"김정은"`},
		{"آیت\u200cالله", "\"آیت\u200cالله\"", "\"آیت\u200cالله\""},
	}
	for _, tt := range tests {
		if got := QuoteLabel(tt.in); got != tt.label {
			t.Errorf("QuoteLabel(%q) = %s, want %s", tt.in, got, tt.label)
		}
		if got := QuoteTooltip(tt.in); got != tt.tooltip {
			t.Errorf("QuoteTooltip(%q) = %s, want %s", tt.in, got, tt.tooltip)
		}
	}
	if got, want := QuoteID(`we"ird\`), "\"we\\\"ird\u2216\""; got != want {
		t.Errorf("QuoteID = %s, want %s", got, want)
	}
}

// decodeQuoted is a model of how Graphviz reads a quoted string we wrote for
// a label (tooltip false) or a tooltip (tooltip true). It is strict: it
// fails on anything our escaper should never produce, such as a backslash
// that Graphviz would read as \N, \G... or a bare &. TestEscapeThroughGraphviz
// checks the model against Graphviz itself.
func decodeQuoted(q string, tooltip bool) (string, error) {
	if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' {
		return "", errors.New("not a quoted string")
	}
	body := q[1 : len(q)-1]
	// 1. The lexer: \\ is kept as a pair, \" is a quote; a bare " would
	// end the string early.
	var lexed strings.Builder
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\' && i+1 < len(body) && body[i+1] == '\\':
			lexed.WriteString(`\\`)
			i++
		case c == '\\' && i+1 < len(body) && body[i+1] == '"':
			lexed.WriteByte('"')
			i++
		case c == '"':
			return "", fmt.Errorf("bare quote at %d", i)
		case c == '\\' && i+1 < len(body) && body[i+1] == '\n':
			return "", fmt.Errorf("line continuation at %d", i)
		case c < 0x20:
			return "", fmt.Errorf("control byte %#x at %d", c, i)
		default:
			lexed.WriteByte(c)
		}
	}
	// 2. Entities: we only ever write &amp;.
	s := lexed.String()
	var ent strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '&' {
			if !strings.HasPrefix(s[i:], "&amp;") {
				return "", fmt.Errorf("bare & at %d", i)
			}
			ent.WriteByte('&')
			i += len("&amp;") - 1
			continue
		}
		ent.WriteByte(s[i])
	}
	// 3. Escapes.
	s = ent.String()
	backslash := `\\`
	if tooltip {
		backslash = `\\\\`
	}
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		switch {
		case strings.HasPrefix(s[i:], backslash):
			out.WriteByte('\\')
			i += len(backslash) - 1
		case strings.HasPrefix(s[i:], `\n`):
			out.WriteByte('\n')
			i++
		case s[i] == '\\':
			return "", fmt.Errorf("Graphviz would interpret %q at %d", s[i:min(i+2, len(s))], i)
		default:
			out.WriteByte(s[i])
		}
	}
	return out.String(), nil
}

// checkQuoted asserts the escaper's properties for input s.
func checkQuoted(t *testing.T, s string) {
	t.Helper()
	want := sanitize(s)
	if !utf8.ValidString(want) {
		t.Fatalf("sanitize(%q) = %q: not valid UTF-8", s, want)
	}
	for _, r := range want {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff {
			t.Fatalf("sanitize(%q) kept %U, which XML 1.0 cannot carry", s, r)
		}
	}
	if sanitize(want) != want {
		t.Fatalf("sanitize(%q) is not idempotent", s)
	}
	for _, tooltip := range []bool{false, true} {
		q := QuoteLabel(s)
		if tooltip {
			q = QuoteTooltip(s)
		}
		got, err := decodeQuoted(q, tooltip)
		if err != nil {
			t.Fatalf("quote(%q, tooltip=%v) = %s: %v", s, tooltip, q, err)
		}
		if got != want {
			t.Fatalf("decode(quote(%q, tooltip=%v)) = %q, want %q", s, tooltip, got, want)
		}
	}
	// A QuoteID holds no backslash but the one of \", and ends cleanly.
	id := QuoteID(s)
	for i := 1; i < len(id)-1; i++ {
		if id[i] == '\\' && (i+1 >= len(id)-1 || id[i+1] != '"') {
			t.Fatalf("QuoteID(%q) = %s holds a bare backslash", s, id)
		}
		if id[i] == '\\' {
			i++
		}
	}
}

// FuzzQuote checks that QuoteLabel and QuoteTooltip round-trip through a
// model of Graphviz's unescaping, never leave a backslash escape Graphviz
// would interpret, and yield valid UTF-8 without XML-invalid characters.
// Corpus: testdata/fuzz/FuzzQuote. Run: go test -fuzz FuzzQuote ./diagram
func FuzzQuote(f *testing.F) {
	for _, s := range hostileNames {
		f.Add(s)
	}
	f.Add(`\\N \\\N "\" \`)
	f.Fuzz(func(t *testing.T, s string) {
		checkQuoted(t, s)
	})
}

// TestEscapeThroughGraphviz pins the escaping rules against the real
// Graphviz: go-graphviz (Graphviz 12) and the native dot program. A node and
// an edge carry each hostile string as label and tooltip; the SVG must parse
// as XML, hold no markup beyond Graphviz's own, and show exactly the text.
func TestEscapeThroughGraphviz(t *testing.T) {
	var b strings.Builder
	b.WriteString("digraph \"escape\" {\n")
	for i, s := range hostileNames {
		fmt.Fprintf(&b, "n%d [label=%s, tooltip=%s, URL=\"/x\"]\n", i, QuoteLabel(s), QuoteTooltip(s))
		fmt.Fprintf(&b, "n%d -> n%d [label=%s, tooltip=%s, URL=\"/y\"]\n", i, i, QuoteLabel(s), QuoteTooltip(s))
	}
	b.WriteString("}\n")
	dot := rawDiagram(b.String(), "dot", len(hostileNames), len(hostileNames))

	renderers := map[string]Renderer{"wasm": NewWasm(Limits{})}
	if hasDot() {
		renderers["native"] = NewNative(Limits{})
	} else {
		requireDot(t) // fails in CI
	}
	for name, r := range renderers {
		t.Run(name, func(t *testing.T) {
			svg, err := r.Render(context.Background(), dot, FormatSVG)
			if err != nil {
				t.Fatal(err)
			}
			doc := parseSVG(t, svg)
			for el := range doc.elements {
				switch el {
				case "svg", "g", "title", "polygon", "ellipse", "path", "text", "a", "polyline":
				default:
					t.Errorf("SVG holds a <%s> element", el)
				}
			}
			for i, s := range hostileNames {
				want := sanitize(s)
				node, ok := doc.item(fmt.Sprintf("n%d", i))
				if !ok {
					t.Fatalf("no node n%d in SVG", i)
				}
				if got := strings.Join(node.texts, "\n"); nbsp(got) != want {
					t.Errorf("node label of %q = %q, want %q", s, got, want)
				}
				if len(node.tooltips) == 0 || nbsp(node.tooltips[0]) != want {
					t.Errorf("node tooltip of %q = %q, want %q", s, node.tooltips, want)
				}
				edge, ok := doc.item(fmt.Sprintf("n%d->n%d", i, i))
				if !ok {
					t.Fatalf("no edge n%d->n%d in SVG", i, i)
				}
				if got := strings.Join(edge.texts, "\n"); nbsp(got) != want {
					t.Errorf("edge label of %q = %q, want %q", s, got, want)
				}
				if len(edge.tooltips) == 0 || nbsp(edge.tooltips[0]) != want {
					t.Errorf("edge tooltip of %q = %q, want %q", s, edge.tooltips, want)
				}
			}
		})
	}
}

// nbsp undoes Graphviz's writing of a space after a space as U+00A0.
func nbsp(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// FuzzBuildSVG builds a diagram whose every text is the fuzz input and
// renders it with go-graphviz: the SVG must always be well-formed XML with
// only Graphviz's own elements, and the name's words must survive.
// Run: go test -fuzz FuzzBuildSVG ./diagram (slow: a render per input).
func FuzzBuildSVG(f *testing.F) {
	for _, s := range hostileNames {
		f.Add(s)
	}
	// A worker, so that long fuzzing does not grow this process's memory.
	r := NewWorker(WorkerConfig{})
	f.Cleanup(func() { r.Close() })
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		p := komidPath()
		p.Nodes[0].Name = s
		p.Nodes[1].Description = s
		p.Relationships[0].Evidence = s
		p.Relationships[0].Source = s
		dot := Build(Request{Title: s, Source: s, Paths: []graph.Path{p}}, Options{NodeURL: EntityURL("/entities/")})
		svg, err := r.Render(context.Background(), dot, FormatSVG)
		if err != nil {
			t.Fatalf("Render: %v\n%s", err, dot.Source())
		}
		doc, err := readSVG(svg)
		if err != nil {
			t.Fatalf("SVG is not well-formed: %v\n%s", err, svg)
		}
		for el := range doc.elements {
			switch el {
			case "svg", "g", "title", "polygon", "ellipse", "path", "text", "a", "polyline":
			default:
				t.Fatalf("SVG holds a <%s> element", el)
			}
		}
		node, ok := doc.item("houthis")
		if !ok {
			t.Fatalf("no node houthis")
		}
		want := strings.Fields(strings.TrimSpace(sanitize(s)))
		got := strings.Fields(nbsp(strings.Join(node.texts, " ")))
		if len(want) > 0 && len(want) <= 3 && utf8.RuneCountInString(strings.Join(want, " ")) <= nameWidth {
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("label of %q = %q, want %q", s, got, want)
			}
		}
	})
}
