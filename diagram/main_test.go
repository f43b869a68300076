package diagram

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain lets the test binary serve as the render worker of Worker tests,
// and as the command of TestCommandStopsOnSignal. When CI or
// EXPLORER_REQUIRE_NEO4J is set, a missing dot program fails the package at
// once: the native renderer's checks must not silently drop out.
func TestMain(m *testing.M) {
	MaybeRunWorker()
	if spec := os.Getenv(helperEnv); spec != "" {
		runHelperCommand(spec)
		os.Exit(0)
	}
	if toolsRequired() && !hasDot() {
		fmt.Fprintln(os.Stderr, "the Graphviz dot program is required (CI or EXPLORER_REQUIRE_NEO4J is set) but not installed: apt-get install graphviz")
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// toolsRequired reports whether missing external programs are failures.
func toolsRequired() bool { return os.Getenv("CI") != "" || os.Getenv("EXPLORER_REQUIRE_NEO4J") != "" }

// requireDot skips a test that needs the native dot program when it is
// missing, except in CI, where a missing dot is a failure.
func requireDot(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if toolsRequired() {
			t.Fatalf("the Graphviz dot program is required in CI: %v", err)
		}
		t.Skipf("the Graphviz dot program is not installed: %v", err)
	}
}

func hasDot() bool {
	_, err := exec.LookPath("dot")
	return err == nil
}

// svgDoc is what the tests read from an SVG: every element name, the
// nodes and edges Graphviz drew, and their texts.
type svgDoc struct {
	elements map[string]int
	nodes    []svgItem
	edges    []svgItem
	graph    svgItem
}

// svgItem is one <g class="node|edge|graph">: its <title> (the DOT name), the
// lines of its <text>s, and the xlink:title (tooltip) and xlink:href of its
// links.
type svgItem struct {
	title    string
	texts    []string
	tooltips []string
	hrefs    []string
}

// parseSVG parses b strictly as XML and collects the nodes and edges; it
// fails the test when b is not well-formed.
func parseSVG(t testing.TB, b []byte) svgDoc {
	t.Helper()
	doc, err := readSVG(b)
	if err != nil {
		t.Fatalf("SVG is not well-formed XML: %v\n%s", err, b)
	}
	return doc
}

func readSVG(b []byte) (svgDoc, error) {
	doc := svgDoc{elements: map[string]int{}}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	// Graphviz declares the SVG 1.1 DTD, which defines no entities beyond
	// XML's own; an undeclared entity is an error.
	var cur *svgItem
	var inTitle, inText bool
	var text strings.Builder
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return doc, nil
		}
		if err != nil {
			return doc, err
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			doc.elements[tk.Name.Local]++
			switch tk.Name.Local {
			case "g":
				for _, a := range tk.Attr {
					if a.Name.Local == "class" {
						switch a.Value {
						case "node":
							doc.nodes = append(doc.nodes, svgItem{})
							cur = &doc.nodes[len(doc.nodes)-1]
						case "edge":
							doc.edges = append(doc.edges, svgItem{})
							cur = &doc.edges[len(doc.edges)-1]
						case "graph":
							cur = &doc.graph
						}
					}
				}
			case "title":
				inTitle = true
				text.Reset()
			case "text":
				inText = true
				text.Reset()
			case "a":
				for _, a := range tk.Attr {
					if cur == nil {
						break
					}
					switch a.Name.Local {
					case "title":
						cur.tooltips = append(cur.tooltips, a.Value)
					case "href":
						cur.hrefs = append(cur.hrefs, a.Value)
					}
				}
			}
		case xml.CharData:
			if inTitle || inText {
				text.Write(tk)
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "title":
				inTitle = false
				if cur != nil && cur.title == "" {
					cur.title = text.String()
				}
			case "text":
				inText = false
				if cur != nil {
					cur.texts = append(cur.texts, text.String())
				}
			}
		}
	}
}

// item returns the node or edge whose <title> is title.
func (d svgDoc) item(title string) (svgItem, bool) {
	for _, it := range append(append([]svgItem{}, d.nodes...), d.edges...) {
		if it.title == title {
			return it, true
		}
	}
	return svgItem{}, false
}

// diagramNodes returns the nodes that are not part of the legend.
func (d svgDoc) diagramNodes() []svgItem {
	var out []svgItem
	for _, n := range d.nodes {
		if !strings.HasPrefix(n.title, "legend") {
			out = append(out, n)
		}
	}
	return out
}
