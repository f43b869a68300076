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
	"sync/atomic"
	"testing"
	"time"

	"explorer/graph"
)

func pathDOT() Diagram {
	return Build(Request{Title: "explorer path Houthis AIO", Paths: []graph.Path{komidPath()}}, Options{NodeURL: EntityURL("/entities/")})
}

// rawDiagram wraps hand-written DOT, with the counts the caps are to see,
// for tests of what Build never writes.
func rawDiagram(src, layout string, nodes, edges int) Diagram {
	return Diagram{source: src, layout: layout, nodes: nodes, edges: edges}
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
			svg, err := r.Render(context.Background(), pathDOT(), FormatSVG)
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
// elements, and has the nodes and edges Build counted.
func TestRenderGoldens(t *testing.T) {
	rs := vectorRenderers(t)
	delete(rs, "worker") // same code as wasm, in another process
	for _, tc := range goldenCases() {
		for _, layout := range Layouts {
			opt := tc.opt
			opt.Layout = layout
			dot := Build(tc.in, opt)
			nodes, edges := dot.Nodes(), dot.Edges()
			if nodes == 0 || edges == 0 || dot.Layout() != layout {
				t.Fatalf("Build(%s, %s) counted %d nodes and %d edges, layout %q", tc.name, layout, nodes, edges, dot.Layout())
			}
			for name, r := range rs {
				if name == "wasm" && layout == "sfdp" {
					continue // see Wasm
				}
				t.Run(tc.name+"/"+layout+"/"+name, func(t *testing.T) {
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
					if len(doc.nodes) != nodes || len(doc.edges) != edges {
						t.Errorf("SVG has %d nodes and %d edges, Build counted %d and %d", len(doc.nodes), len(doc.edges), nodes, edges)
					}
				})
			}
		}
	}
}

func TestRenderPNG(t *testing.T) {
	requireDot(t)
	out, err := NewNative(Limits{}).Render(context.Background(), pathDOT(), FormatPNG)
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
	out, err := NewNative(Limits{}).Render(context.Background(), pathDOT(), FormatPDF)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) || len(out) < 1000 {
		t.Errorf("PDF output: %d bytes starting %q", len(out), out[:min(8, len(out))])
	}
}

func TestRenderDOTAndJSON(t *testing.T) {
	out, err := NewWasm(Limits{}).Render(context.Background(), pathDOT(), FormatLaidOutDOT)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "pos=") {
		t.Errorf("laid-out DOT has no positions:\n%s", out)
	}
	// "dot" is the source everywhere: the engine runs no layout for it, and
	// the renderers themselves refuse it.
	src, err := New(Config{Backend: BackendWasm}).Render(context.Background(), pathDOT(), FormatDOT)
	if err != nil || string(src) != pathDOT().Source() {
		t.Errorf("engine FormatDOT = %v, %.40q, want the source", err, src)
	}
	if _, err := NewWasm(Limits{}).Render(context.Background(), pathDOT(), FormatDOT); !errors.Is(err, ErrUnsupported) {
		t.Errorf("wasm FormatDOT = %v, want ErrUnsupported", err)
	}
	if _, err := NewWasm(Limits{}).Render(context.Background(), pathDOT(), FormatJSON); !errors.Is(err, ErrUnsupported) {
		t.Errorf("wasm JSON = %v, want ErrUnsupported", err)
	}
	requireDot(t)
	e := New(Config{Backend: BackendWasm})
	out, err = e.Render(context.Background(), pathDOT(), FormatJSON)
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
	e := New(Config{Backend: BackendWasm})
	before, _ := WasmRenders()
	dot := Build(Request{Graph: richSubgraph()}, Options{Layout: "sfdp"})
	svg, err := e.Render(context.Background(), dot, FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	doc := parseSVG(t, svg)
	if n, m := dot.Nodes(), dot.Edges(); len(doc.nodes) != n || len(doc.edges) != m {
		t.Errorf("sfdp SVG has %d nodes and %d edges, want %d and %d", len(doc.nodes), len(doc.edges), n, m)
	}
	if after, _ := WasmRenders(); after != before {
		t.Errorf("sfdp went to go-graphviz")
	}
}

func TestCheckSVG(t *testing.T) {
	dot := rawDiagram("digraph { a -> b }", "dot", 2, 1)
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
	dots := []Diagram{pathDOT(), Build(Request{Graph: richSubgraph()}, Options{}), Build(Request{Graph: bigGraph(30)}, Options{Layout: "neato"})}
	want := make([][]byte, len(dots))
	for i, d := range dots {
		var err error
		if want[i], err = r.Render(ctx, d, FormatSVG); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Go(func() {
			k := i % len(dots)
			got, err := r.Render(ctx, dots[k], FormatSVG)
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
	if _, err := r.Render(ctx, pathDOT(), FormatSVG); !errors.Is(err, context.Canceled) {
		t.Errorf("Render(cancelled) = %v, want context.Canceled", err)
	}
	wasmSem <- struct{}{} // hold the lock
	ctx, cancel = context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := r.Render(ctx, pathDOT(), FormatSVG)
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
		if _, err := r.Render(context.Background(), pathDOT(), f); !errors.Is(err, ErrUnsupported) {
			t.Errorf("wasm Render(%s) = %v, want ErrUnsupported", f, err)
		}
	}
	twopi := pathDOT()
	twopi.layout = "twopi"
	if _, err := r.Render(context.Background(), twopi, FormatSVG); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Render(layout twopi) = %v, want ErrInvalid", err)
	}
	svg, err := r.Render(context.Background(), pathDOT(), FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	parseSVG(t, svg)
}

func TestLimits(t *testing.T) {
	big := Build(Request{Graph: bigGraph(60)}, Options{NoLegend: true})
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
			_, err := r.Render(context.Background(), big, FormatSVG)
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
		_, err := r.Render(context.Background(), big, FormatSVG)
		var le *LimitError
		if !errors.As(err, &le) || le.Cap != "MaxOutputBytes" {
			t.Errorf("%s: Render with a small MaxOutputBytes = %v, want a MaxOutputBytes LimitError", name, err)
		}
	}
}

func TestCache(t *testing.T) {
	var mu sync.Mutex
	runs := 0
	render := func(out string, err error) func(context.Context) ([]byte, error) {
		return func(context.Context) ([]byte, error) {
			mu.Lock()
			runs++
			mu.Unlock()
			time.Sleep(10 * time.Millisecond) // let concurrent callers pile up
			return []byte(out), err
		}
	}
	c := NewCache(2, 0)
	ctx := context.Background()
	a, a2, b, d := KeyOf([]byte("svg"), []byte("a")), KeyOf([]byte("sv"), []byte("ga")), KeyOf([]byte("b")), KeyOf([]byte("d"))
	if a == a2 {
		t.Fatal("KeyOf ignores where its parts end")
	}
	first, hit, err := c.Do(ctx, a, render("A", nil))
	if err != nil || hit || string(first) != "A" {
		t.Fatalf("first Do = %q, %v, %v", first, hit, err)
	}
	second, hit, err := c.Do(ctx, a, render("other", nil))
	if err != nil || !hit || string(second) != "A" {
		t.Fatalf("second Do = %q, %v, %v, want the kept A", second, hit, err)
	}
	if s := c.Stats(); s.Hits != 1 || s.Misses != 1 || s.Entries != 1 || s.Bytes != 1 || runs != 1 {
		t.Errorf("after a miss and a hit: %+v, %d renders", s, runs)
	}
	c.Do(ctx, a2, render("A2", nil))
	c.Do(ctx, b, render("B", nil)) // evicts a, the least recently used
	if s := c.Stats(); s.Entries != 2 || s.Evictions != 1 || s.Misses != 3 {
		t.Errorf("after filling: %+v", s)
	}
	if _, hit, _ := c.Do(ctx, a, render("A", nil)); hit {
		t.Errorf("evicted entry was still a hit: %+v", c.Stats())
	}
	// Errors are not kept.
	bad := KeyOf([]byte("bad"))
	c.Do(ctx, bad, render("", errors.New("broken")))
	if _, hit, err := c.Do(ctx, bad, render("", errors.New("broken"))); hit || err == nil {
		t.Errorf("errors were kept: hit %v, %v", hit, err)
	}
	// An output over a quarter of the byte cap is not kept.
	small := NewCache(0, 8)
	small.Do(ctx, a, render("123", nil))
	if s := small.Stats(); s.Entries != 0 {
		t.Errorf("an output of 3 bytes was kept under a cap of 8: %+v", s)
	}
	// Concurrent identical requests share one render.
	runs = 0
	var wg sync.WaitGroup
	hits := make(chan bool, 20)
	for range 20 {
		wg.Go(func() {
			out, hit, err := c.Do(ctx, d, render("D", nil))
			if err != nil || string(out) != "D" {
				t.Errorf("concurrent Do = %q, %v", out, err)
			}
			hits <- hit
		})
	}
	wg.Wait()
	close(hits)
	n := 0
	for h := range hits {
		if !h {
			n++
		}
	}
	if runs != 1 || n != 1 {
		t.Errorf("20 concurrent identical requests ran %d renders and %d missed, want 1 and 1", runs, n)
	}
}

// TestCacheLeaderCancelled: when the caller that leads a render goes away,
// the others render with their own context; a render that fails on its own
// (such as at its time limit) is their answer too.
func TestCacheLeaderCancelled(t *testing.T) {
	c := NewCache(0, 0)
	k := KeyOf([]byte("k"))
	started := make(chan struct{})
	lctx, cancel := context.WithCancel(context.Background())
	go func() {
		c.Do(lctx, k, func(ctx context.Context) ([]byte, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		})
	}()
	<-started
	time.AfterFunc(20*time.Millisecond, cancel)
	out, hit, err := c.Do(context.Background(), k, func(context.Context) ([]byte, error) { return []byte("mine"), nil })
	if err != nil || hit || string(out) != "mine" {
		t.Errorf("Do after the leader left = %q, %v, %v, want its own render", out, hit, err)
	}
	slow := KeyOf([]byte("slow"))
	var runs atomic.Int64
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			_, _, err := c.Do(context.Background(), slow, func(context.Context) ([]byte, error) {
				runs.Add(1)
				time.Sleep(20 * time.Millisecond)
				return nil, timedOut("test", pathDOT(), FormatSVG, time.Millisecond)
			})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Do = %v, want the time limit", err)
			}
		})
	}
	wg.Wait()
	if runs.Load() != 1 {
		t.Errorf("a render stopped at its time limit ran %d times for 3 callers, want 1", runs.Load())
	}
}

func TestNativeMissing(t *testing.T) {
	n := &Native{Path: "/nonexistent/dot"}
	_, err := n.Render(context.Background(), pathDOT(), FormatPNG)
	if !errors.Is(err, ErrNoGraphviz) || !strings.Contains(err.Error(), "apt-get install graphviz") {
		t.Errorf("Render without dot = %v, want ErrNoGraphviz with advice", err)
	}
}

func TestNativeTimeout(t *testing.T) {
	requireDot(t)
	n := &Native{Timeout: time.Millisecond}
	_, err := n.Render(context.Background(), Build(Request{Graph: bigGraph(400)}, Options{}), FormatSVG)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Render with a 1ms timeout = %v, want DeadlineExceeded", err)
	}
}

func TestWorker(t *testing.T) {
	ctx := context.Background()
	w := NewWorker(WorkerConfig{MaxRenders: 3})
	defer w.Close()
	want, err := NewWasm(Limits{}).Render(ctx, pathDOT(), FormatSVG)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 7 {
		got, err := w.Render(ctx, pathDOT(), FormatSVG)
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
	_, err = w.Render(ctx, rawDiagram("digraph { a -> b; c [shape=", "dot", 3, 1), FormatSVG)
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad DOT: %v, want ErrInvalid", err)
	}
	if _, err := w.Render(ctx, rawDiagram("digraph { a -> b }", "dot", 2, 1), FormatSVG); err != nil {
		t.Errorf("render after a failure: %v", err)
	}
}

// TestWorkerStops: a render that passes its timeout or whose context ends is
// stopped by killing the child, and the next render gets a new one.
func TestWorkerStops(t *testing.T) {
	slow := Build(Request{Graph: bigGraph(600)}, Options{})
	w := NewWorker(WorkerConfig{Timeout: 100 * time.Millisecond})
	defer w.Close()
	start := time.Now()
	if _, err := w.Render(context.Background(), slow, FormatSVG); err == nil || !strings.Contains(err.Error(), "stopped") {
		t.Errorf("slow render = %v, want a timeout", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := w.Render(ctx, slow, FormatSVG); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow render with a deadline = %v, want DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping two renders took %s", d)
	}
	if s := w.Stats(); s.Killed != 2 {
		t.Errorf("stats %+v, want 2 killed", s)
	}
	if _, err := w.Render(context.Background(), pathDOT(), FormatSVG); err != nil {
		t.Errorf("render after kills: %v", err)
	}
}

func TestWorkerBadCommand(t *testing.T) {
	w := NewWorker(WorkerConfig{Command: []string{"/bin/cat"}, Timeout: 5 * time.Second})
	defer w.Close()
	if _, err := w.Render(context.Background(), pathDOT(), FormatSVG); err == nil || !strings.Contains(err.Error(), "MaybeRunWorker") {
		t.Errorf("worker that is not one: %v", err)
	}
}

func TestEngine(t *testing.T) {
	e := New(Config{})
	defer e.Close()
	ctx := context.Background()
	for _, f := range []Format{FormatSVG, FormatLaidOutDOT, FormatDOT} {
		out, err := e.Render(ctx, pathDOT(), f)
		if err != nil {
			t.Fatal(err)
		}
		if (f == FormatDOT) != (string(out) == pathDOT().Source()) {
			t.Errorf("engine %s output is the source: %v", f, f != FormatDOT)
		}
	}
	if hasDot() {
		out, err := e.Render(ctx, pathDOT(), FormatPNG)
		if err != nil || !bytes.HasPrefix(out, []byte("\x89PNG")) {
			t.Errorf("engine PNG: %v", err)
		}
	}
	s := e.Stats()
	if s.Worker.Renders != 2 || s.Worker.Spawned != 1 {
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
	dots := []Diagram{pathDOT(), Build(Request{Graph: richSubgraph()}, Options{})}
	want := make([][]byte, len(dots))
	for i, d := range dots {
		var err error
		if want[i], err = NewWasm(Limits{}).Render(ctx, d, FormatSVG); err != nil {
			t.Fatal(err)
		}
	}
	w := NewWorker(WorkerConfig{Procs: 2, MaxRenders: 4})
	defer w.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		wg.Go(func() {
			got, err := w.Render(ctx, dots[i%2], FormatSVG)
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
	dot := rawDiagram(fmt.Sprintf(`digraph { a [image=%q, label=""]; b [shape=custom, shapefile=%q] }`, img, img), "dot", 2, 0)
	rs := map[string]Renderer{"wasm": NewWasm(Limits{})}
	if hasDot() {
		rs["native"] = NewNative(Limits{})
	}
	for name, r := range rs {
		svg, err := r.Render(context.Background(), dot, FormatSVG)
		if err != nil {
			continue // refusing is fine too
		}
		if strings.Contains(string(svg), "<image") {
			t.Errorf("%s: the SVG embeds a host file:\n%s", name, svg)
		}
	}
}
