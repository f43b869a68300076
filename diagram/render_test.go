package diagram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"explorer/graph"
)

func pathDOT() string {
	return Build(Input{Title: "explorer path Houthis AIO", Paths: []graph.Path{komidPath()}}, Options{NodeURL: EntityURL("/entities/")})
}

// vectorRenderers are the renderers that produce SVG, each a fresh value.
func vectorRenderers(t *testing.T) map[string]Renderer {
	t.Helper()
	rs := map[string]Renderer{"wasm": NewWasm(Limits{})}
	w := NewWorker(WorkerConfig{})
	t.Cleanup(func() { w.Close() })
	rs["worker"] = w
	if hasDot() {
		rs["native"] = NewNative(Limits{})
	} else {
		requireDot(t)
	}
	return rs
}

func TestRenderSVG(t *testing.T) {
	for name, r := range vectorRenderers(t) {
		t.Run(name, func(t *testing.T) {
			svg, err := r.Render(context.Background(), pathDOT(), FormatSVG, "dot")
			if err != nil {
				t.Fatal(err)
			}
			doc := parseSVG(t, svg)
			if n := len(doc.diagramNodes()); n != 4 {
				t.Errorf("SVG has %d diagram nodes, want 4", n)
			}
			if n := len(doc.nodes) - len(doc.diagramNodes()); n != 2 {
				t.Errorf("SVG has %d legend nodes, want 2 (Organization and the confidence table)", n)
			}
			if n := len(doc.edges); n != 3 {
				t.Errorf("SVG has %d edges, want 3", n)
			}
			for title, want := range map[string]string{
				"houthis->komid": "SUPPLIED 2018-08",
				"komid->shig":    "COOPERATED_WITH 2016-01",
				"shig->aio":      "SUBSIDIARY_OF",
				"komid":          "Korea Mining Development\nTrading Corporation",
			} {
				it, ok := doc.item(title)
				if !ok {
					t.Errorf("no %s in SVG", title)
					continue
				}
				if got := strings.Join(it.texts, "\n"); got != want {
					t.Errorf("%s text = %q, want %q", title, got, want)
				}
			}
			if it, _ := doc.item("komid"); len(it.hrefs) == 0 || it.hrefs[0] != "/entities/komid" {
				t.Errorf("komid links to %q, want /entities/komid", it.hrefs)
			}
			if it, _ := doc.item("houthis->komid"); len(it.tooltips) == 0 || !strings.Contains(it.tooltips[0], "UN Panel of Experts report, August 2018") {
				t.Errorf("SUPPLIED tooltip = %q, want the cited source", it.tooltips)
			}
			if !strings.Contains(strings.Join(doc.graph.texts, "\n"), "explorer path Houthis AIO") {
				t.Errorf("caption = %q, want the query", doc.graph.texts)
			}
		})
	}
}

// TestRenderGoldens renders every golden diagram with every layout through
// go-graphviz and native dot: the SVG parses, holds only Graphviz's own
// elements, and has the nodes and edges CountDOT counts.
func TestRenderGoldens(t *testing.T) {
	rs := vectorRenderers(t)
	delete(rs, "worker") // same code as wasm, in another process
	for _, tc := range goldenCases() {
		for _, layout := range Layouts {
			opt := tc.opt
			opt.Layout = layout
			dot := Build(tc.in, opt)
			nodes, edges, err := CountDOT(dot)
			if err != nil {
				t.Fatal(err)
			}
			for name, r := range rs {
				if name == "wasm" && layout == "sfdp" {
					continue // see Wasm
				}
				t.Run(tc.name+"/"+layout+"/"+name, func(t *testing.T) {
					svg, err := r.Render(context.Background(), dot, FormatSVG, layout)
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
					if len(doc.nodes) != nodes || len(doc.edges) != edges {
						t.Errorf("SVG has %d nodes and %d edges, CountDOT says %d and %d", len(doc.nodes), len(doc.edges), nodes, edges)
					}
				})
			}
		}
	}
}

func TestRenderPNG(t *testing.T) {
	requireDot(t)
	out, err := NewNative(Limits{}).Render(context.Background(), pathDOT(), FormatPNG, "dot")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("PNG output starts %q", out[:min(8, len(out))])
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() < 300 || b.Dy() < 100 {
		t.Errorf("PNG is %dx%d, want a readable size", b.Dx(), b.Dy())
	}
	first := img.At(b.Min.X, b.Min.Y)
	same := true
	for y := b.Min.Y; y < b.Max.Y && same; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if r1, g1, b1, _ := img.At(x, y).RGBA(); func() bool { r0, g0, b0, _ := first.RGBA(); return r0 != r1 || g0 != g1 || b0 != b1 }() {
				same = false
				break
			}
		}
	}
	if same {
		t.Errorf("every PNG pixel is the same colour")
	}
}

func TestRenderPDF(t *testing.T) {
	requireDot(t)
	out, err := NewNative(Limits{}).Render(context.Background(), pathDOT(), FormatPDF, "dot")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) || len(out) < 1000 {
		t.Errorf("PDF output: %d bytes starting %q", len(out), out[:min(8, len(out))])
	}
}

func TestRenderDOTAndJSON(t *testing.T) {
	out, err := NewWasm(Limits{}).Render(context.Background(), pathDOT(), FormatDOT, "dot")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "pos=") {
		t.Errorf("laid-out DOT has no positions:\n%s", out)
	}
	if _, err := NewWasm(Limits{}).Render(context.Background(), pathDOT(), FormatJSON, "dot"); !errors.Is(err, ErrUnsupported) {
		t.Errorf("wasm JSON = %v, want ErrUnsupported", err)
	}
	requireDot(t)
	e := New(Config{Backend: BackendWasm})
	out, err = e.Render(context.Background(), pathDOT(), FormatJSON, "neato")
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Objects []struct {
			Name string `json:"name"`
		} `json:"objects"`
		Edges []json.RawMessage `json:"edges"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("JSON output does not parse: %v", err)
	}
	if len(v.Objects) < 4 || len(v.Edges) < 3 {
		t.Errorf("JSON has %d objects and %d edges", len(v.Objects), len(v.Edges))
	}
}

// TestEngineRouting: what go-graphviz gets wrong goes to native dot.
func TestEngineRouting(t *testing.T) {
	requireDot(t)
	e := New(Config{Backend: BackendWasm, CacheEntries: -1})
	before, _ := WasmRenders()
	dot := Build(Input{Graph: richSubgraph()}, Options{Layout: "sfdp"})
	svg, err := e.Render(context.Background(), dot, FormatSVG, "sfdp")
	if err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, svg)
	if n, m, _ := CountDOT(dot); len(doc.nodes) != n || len(doc.edges) != m {
		t.Errorf("sfdp SVG has %d nodes and %d edges, want %d and %d", len(doc.nodes), len(doc.edges), n, m)
	}
	if after, _ := WasmRenders(); after != before {
		t.Errorf("sfdp went to go-graphviz")
	}
}

func TestCheckSVG(t *testing.T) {
	dot := "digraph { a -> b }"
	good := `<svg><g class="node"></g><g class="node"></g><g class="edge"></g></svg>` + "\n"
	if err := checkSVG([]byte(good), dot); err != nil {
		t.Errorf("checkSVG(good) = %v", err)
	}
	for _, bad := range []string{good[:30], good + "garbage</svg>", `<svg><g class="node"></g></svg>`} {
		if err := checkSVG([]byte(bad), dot); !errors.Is(err, ErrBadOutput) {
			t.Errorf("checkSVG(%q) = %v, want ErrBadOutput", bad, err)
		}
	}
}

// TestWasmConcurrent: with go test -race, 50 concurrent renders of three
// different diagrams each equal the serial render of the same diagram.
func TestWasmConcurrent(t *testing.T) {
	r := NewWasm(Limits{})
	ctx := context.Background()
	dots := []string{pathDOT(), Build(Input{Graph: richSubgraph()}, Options{}), Build(Input{Graph: bigGraph(30)}, Options{Layout: "neato"})}
	layouts := []string{"dot", "dot", "neato"}
	want := make([][]byte, len(dots))
	for i, d := range dots {
		var err error
		if want[i], err = r.Render(ctx, d, FormatSVG, layouts[i]); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Go(func() {
			k := i % len(dots)
			got, err := r.Render(ctx, dots[k], FormatSVG, layouts[k])
			if err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(got, want[k]) {
				errs <- fmt.Errorf("render %d of diagram %d differs from the serial render", i, k)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestWasmContext: a cancelled context is honoured before the lock, and a
// render waiting for the lock gives up when its context ends.
func TestWasmContext(t *testing.T) {
	r := NewWasm(Limits{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before, _ := WasmRenders()
	if _, err := r.Render(ctx, pathDOT(), FormatSVG, "dot"); !errors.Is(err, context.Canceled) {
		t.Errorf("Render(cancelled) = %v, want context.Canceled", err)
	}
	wasmSem <- struct{}{} // hold the lock
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := r.Render(ctx, pathDOT(), FormatSVG, "dot")
	<-wasmSem
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Render(waiting on the lock) = %v, want context.DeadlineExceeded", err)
	}
	if after, _ := WasmRenders(); after != before {
		t.Errorf("%d renders ran for cancelled contexts", after-before)
	}
}

// TestUnsupportedFormat: a format go-graphviz does not do is refused before
// it reaches go-graphviz, and the next render still works.
func TestUnsupportedFormat(t *testing.T) {
	r := NewWasm(Limits{})
	for _, f := range []Format{FormatPNG, FormatPDF, "jpg", "svg;x"} {
		if _, err := r.Render(context.Background(), pathDOT(), f, "dot"); !errors.Is(err, ErrUnsupported) {
			t.Errorf("wasm Render(%s) = %v, want ErrUnsupported", f, err)
		}
	}
	if _, err := r.Render(context.Background(), pathDOT(), FormatSVG, "twopi"); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Render(layout twopi) = %v, want ErrInvalid", err)
	}
	svg, err := r.Render(context.Background(), pathDOT(), FormatSVG, "dot")
	if err != nil {
		t.Fatal(err)
	}
	parseSVG(t, svg)
}

func TestLimits(t *testing.T) {
	big := Build(Input{Graph: bigGraph(60)}, Options{NoLegend: true})
	tests := []struct {
		lim Limits
		cap string
	}{
		{Limits{MaxNodes: 50}, "MaxNodes"},
		{Limits{MaxEdges: 70}, "MaxEdges"},
		{Limits{MaxDOTBytes: 1000}, "MaxDOTBytes"},
	}
	for _, tt := range tests {
		rs := map[string]Renderer{"wasm": NewWasm(tt.lim), "native": NewNative(tt.lim), "worker": NewWorker(WorkerConfig{Limits: tt.lim}),
			"engine": New(Config{Limits: tt.lim})}
		for name, r := range rs {
			_, err := r.Render(context.Background(), big, FormatSVG, "dot")
			var le *LimitError
			if !errors.As(err, &le) || le.Cap != tt.cap || !errors.Is(err, ErrTooLarge) || !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), tt.cap) {
				t.Errorf("%s with %+v: Render = %v, want a LimitError naming %s", name, tt.lim, err, tt.cap)
			}
		}
	}
	// Output cap, checked after the render.
	for name, r := range map[string]Renderer{"wasm": NewWasm(Limits{MaxOutputBytes: 2000}), "native": NewNative(Limits{MaxOutputBytes: 2000}),
		"worker": NewWorker(WorkerConfig{Limits: Limits{MaxOutputBytes: 2000}})} {
		if name == "native" && !hasDot() {
			continue
		}
		_, err := r.Render(context.Background(), big, FormatSVG, "dot")
		var le *LimitError
		if !errors.As(err, &le) || le.Cap != "MaxOutputBytes" {
			t.Errorf("%s: Render with a small MaxOutputBytes = %v, want a MaxOutputBytes LimitError", name, err)
		}
	}
}

func TestCache(t *testing.T) {
	inner := &countingRenderer{next: NewWasm(Limits{})}
	c := NewCache(inner, 2, 0)
	ctx := context.Background()
	a, b, d := pathDOT(), Build(Input{Graph: richSubgraph()}, Options{}), Build(Input{Graph: bigGraph(10)}, Options{})
	first, err := c.Render(ctx, a, FormatSVG, "dot")
	if err != nil {
		t.Fatal(err)
	}
	second, err := c.Render(ctx, a, FormatSVG, "dot")
	if err != nil || !bytes.Equal(first, second) {
		t.Fatalf("cached render = %v, differs: %v", err, !bytes.Equal(first, second))
	}
	if s := c.Stats(); s.Hits != 1 || s.Misses != 1 || s.Entries != 1 || inner.n != 1 {
		t.Errorf("after a miss and a hit: %+v, %d renders", s, inner.n)
	}
	// Another layout or format is another entry.
	c.Render(ctx, a, FormatSVG, "neato")
	c.Render(ctx, b, FormatSVG, "dot") // evicts a/dot, the least recently used
	if s := c.Stats(); s.Entries != 2 || s.Evictions != 1 || s.Misses != 3 {
		t.Errorf("after filling: %+v", s)
	}
	c.Render(ctx, a, FormatSVG, "dot")
	if s := c.Stats(); s.Misses != 4 {
		t.Errorf("evicted entry was still a hit: %+v", s)
	}
	// Errors are not cached.
	c.Render(ctx, "digraph {", FormatSVG, "dot")
	c.Render(ctx, "digraph {", FormatSVG, "dot")
	if s := c.Stats(); s.Misses != 6 {
		t.Errorf("errors were cached: %+v", s)
	}
	// Concurrent identical requests share one render.
	inner.n = 0
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() { c.Render(ctx, d, FormatSVG, "dot") })
	}
	wg.Wait()
	if inner.n != 1 {
		t.Errorf("20 concurrent identical renders ran %d times, want 1", inner.n)
	}
}

type countingRenderer struct {
	mu   sync.Mutex
	n    int
	next Renderer
}

func (c *countingRenderer) Render(ctx context.Context, dot string, f Format, layout string) ([]byte, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	time.Sleep(10 * time.Millisecond) // let concurrent callers pile up
	return c.next.Render(ctx, dot, f, layout)
}

func TestNativeMissing(t *testing.T) {
	n := &Native{Path: "/nonexistent/dot"}
	_, err := n.Render(context.Background(), pathDOT(), FormatPNG, "dot")
	if !errors.Is(err, ErrNoGraphviz) || !strings.Contains(err.Error(), "apt-get install graphviz") {
		t.Errorf("Render without dot = %v, want ErrNoGraphviz with advice", err)
	}
}

func TestNativeTimeout(t *testing.T) {
	requireDot(t)
	n := &Native{Timeout: time.Millisecond}
	_, err := n.Render(context.Background(), Build(Input{Graph: bigGraph(400)}, Options{}), FormatSVG, "dot")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Render with a 1ms timeout = %v, want DeadlineExceeded", err)
	}
}

func TestWorker(t *testing.T) {
	ctx := context.Background()
	w := NewWorker(WorkerConfig{MaxRenders: 3})
	defer w.Close()
	want, err := NewWasm(Limits{}).Render(ctx, pathDOT(), FormatSVG, "dot")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		got, err := w.Render(ctx, pathDOT(), FormatSVG, "dot")
		if err != nil {
			t.Fatalf("render %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("worker render %d differs from the in-process render", i)
		}
	}
	if s := w.Stats(); s.Renders != 7 || s.Spawned != 3 || s.Recycled != 2 || s.RSS <= 0 {
		t.Errorf("after 7 renders with MaxRenders 3: %+v, want 3 spawned, 2 recycled", s)
	}
	// A bad render is reported as the render's error, and the child,
	// possibly damaged, is replaced.
	_, err = w.Render(ctx, "digraph { a -> b; c [shape=", FormatSVG, "dot")
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad DOT: %v, want ErrInvalid", err)
	}
	if _, err := w.Render(ctx, "digraph { a -> b }", FormatSVG, "dot"); err != nil {
		t.Errorf("render after a failure: %v", err)
	}
}

// TestWorkerStops: a render that passes its timeout or whose context ends is
// stopped by killing the child, and the next render gets a new one.
func TestWorkerStops(t *testing.T) {
	slow := Build(Input{Graph: bigGraph(600)}, Options{})
	w := NewWorker(WorkerConfig{Timeout: 100 * time.Millisecond})
	defer w.Close()
	start := time.Now()
	if _, err := w.Render(context.Background(), slow, FormatSVG, "dot"); err == nil || !strings.Contains(err.Error(), "stopped") {
		t.Errorf("slow render = %v, want a timeout", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := w.Render(ctx, slow, FormatSVG, "dot"); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow render with a deadline = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping two renders took %s", d)
	}
	if s := w.Stats(); s.Killed != 2 {
		t.Errorf("stats %+v, want 2 killed", s)
	}
	if _, err := w.Render(context.Background(), pathDOT(), FormatSVG, "dot"); err != nil {
		t.Errorf("render after kills: %v", err)
	}
}

func TestWorkerBadCommand(t *testing.T) {
	w := NewWorker(WorkerConfig{Command: []string{"/bin/cat"}, Timeout: 5 * time.Second})
	defer w.Close()
	if _, err := w.Render(context.Background(), pathDOT(), FormatSVG, "dot"); err == nil || !strings.Contains(err.Error(), "MaybeRunWorker") {
		t.Errorf("worker that is not one: %v", err)
	}
}

func TestEngine(t *testing.T) {
	e := New(Config{})
	defer e.Close()
	ctx := context.Background()
	for _, f := range []Format{FormatSVG, FormatSVG, FormatDOT} {
		if _, err := e.Render(ctx, pathDOT(), f, "dot"); err != nil {
			t.Fatal(err)
		}
	}
	if hasDot() {
		out, err := e.Render(ctx, pathDOT(), FormatPNG, "dot")
		if err != nil || !bytes.HasPrefix(out, []byte("\x89PNG")) {
			t.Errorf("engine PNG: %v", err)
		}
	}
	s := e.Stats()
	if s.Cache.Hits != 1 || s.Worker.Renders != 2 || s.Worker.Spawned != 1 {
		t.Errorf("engine stats %+v", s)
	}
	if ct := FormatSVG.ContentType(); ct != "image/svg+xml" {
		t.Errorf("svg content type %q", ct)
	}
}

// TestWorkerConcurrent: two worker processes serve 20 concurrent renders of
// two diagrams, each equal to the in-process render.
func TestWorkerConcurrent(t *testing.T) {
	ctx := context.Background()
	dots := []string{pathDOT(), Build(Input{Graph: richSubgraph()}, Options{})}
	want := make([][]byte, len(dots))
	for i, d := range dots {
		var err error
		if want[i], err = NewWasm(Limits{}).Render(ctx, d, FormatSVG, "dot"); err != nil {
			t.Fatal(err)
		}
	}
	w := NewWorker(WorkerConfig{Procs: 2, MaxRenders: 4})
	defer w.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			got, err := w.Render(ctx, dots[i%2], FormatSVG, "dot")
			if err != nil {
				errs <- err
			} else if !bytes.Equal(got, want[i%2]) {
				errs <- fmt.Errorf("render %d differs", i)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if s := w.Stats(); s.Renders != 20 || s.Spawned < 5 {
		t.Errorf("stats %+v, want 20 renders by at least 5 processes", s)
	}
}

// TestNoHostFiles: image and shapefile attributes cannot pull files from the
// host into a diagram.
func TestNoHostFiles(t *testing.T) {
	dir := t.TempDir()
	img := dir + "/secret.png"
	// A valid 1x1 PNG, so that only the file policy can keep it out.
	data := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	if err := os.WriteFile(img, data, 0o644); err != nil {
		t.Fatal(err)
	}
	dot := fmt.Sprintf(`digraph { a [image=%q, label=""]; b [shape=custom, shapefile=%q] }`, img, img)
	rs := map[string]Renderer{"wasm": NewWasm(Limits{})}
	if hasDot() {
		rs["native"] = NewNative(Limits{})
	}
	for name, r := range rs {
		svg, err := r.Render(context.Background(), dot, FormatSVG, "dot")
		if err != nil {
			continue // refusing is fine too
		}
		if strings.Contains(string(svg), "<image") {
			t.Errorf("%s: the SVG embeds a host file:\n%s", name, svg)
		}
	}
}
