package diagram

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing/fstest"

	graphviz "github.com/goccy/go-graphviz"

	"explorer/graph"
)

// go-graphviz runs one WebAssembly instance per process, shared by every
// graphviz.Graphviz value: concurrent use corrupts output or crashes. So the
// package keeps one lock, one Graphviz context and one set of counters for
// the whole process, whatever the number of Wasm values.
var (
	// wasmSem is the process-wide lock; a channel so waiting for it can
	// respect a context.
	wasmSem = make(chan struct{}, 1)
	// wasmGV is created on first use, under wasmSem.
	wasmGV *graphviz.Graphviz

	wasmRenders atomic.Int64
	wasmErrors  atomic.Int64
)

// Wasm renders in this process with go-graphviz (Graphviz 12 compiled to
// WebAssembly): svg, laid-out dot and plain, with the dot, neato, fdp and circo
// layouts. Not json: its JSON writer reads past the end of strings when a
// graph has HTML-like labels (such as the legend), putting wasm memory,
// which may hold text of earlier renders, into the output. Not sfdp: with
// overlap=false it drops nodes and edges and corrupts the next render.
// Every SVG is checked to hold as many nodes and edges as the diagram.
//
// Renders are serialised by one process-wide lock; a context is honoured
// while waiting for it. A layout that has started cannot be stopped: worse,
// wazero's compiled code cannot be preempted, so a garbage collection that
// starts meanwhile stalls the whole process, signal handling included, until
// the layout ends (measured: a neato layout stopped at 30 s took 230 s to
// let its command exit). The wasm memory also only grows (about 130 KB per
// render). So whatever must stop at a time limit or on a signal (the server,
// the command line) renders through a Worker, whose child is killed; Wasm is
// for tests, benchmarks and `serve --diagrams wasm`.
type Wasm struct {
	Limits Limits // zero fields take DefaultLimits
}

// NewWasm returns an in-process go-graphviz renderer with the given limits.
func NewWasm(lim Limits) *Wasm { return &Wasm{Limits: lim} }

// WasmRenders returns how many renders go-graphviz has run in this process,
// and how many of them failed.
func WasmRenders() (renders, failures int64) { return wasmRenders.Load(), wasmErrors.Load() }

// The formats and layouts go-graphviz renders correctly (see Wasm).
var (
	wasmFormats = []Format{FormatSVG, FormatLaidOutDOT, FormatPlain}
	wasmLayouts = []string{"dot", "neato", "fdp", "circo"}
)

// Render implements Renderer for svg, laid-out dot and plain.
func (w *Wasm) Render(ctx context.Context, d Diagram, format Format) ([]byte, error) {
	// Never hand go-graphviz a format it does not know: an unsupported
	// format poisons the next render.
	if err := checkRequest(w.Limits, d, format, wasmFormats, wasmLayouts); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case wasmSem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-wasmSem }()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := renderWasmLocked(d, format, w.Limits.orDefault())
	wasmRenders.Add(1)
	if err != nil {
		wasmErrors.Add(1)
	}
	return out, err
}

// ErrBadOutput: go-graphviz returned a diagram that cannot be right. Engine
// then renders with native dot instead.
var ErrBadOutput = errors.New("go-graphviz produced a broken diagram")

// checkSVG tests that svg is one whole document with a group for every node
// and edge of dot. Text cannot fake the markers: Graphviz writes quotes in
// text as &quot;.
func checkSVG(svg []byte, d Diagram) error {
	nodes, edges := d.nodes, d.edges
	s := string(svg)
	if !strings.HasSuffix(strings.TrimSpace(s), "</svg>") || strings.Count(s, "</svg>") != 1 {
		return fmt.Errorf("%w: the SVG document is cut short or runs on", ErrBadOutput)
	}
	gotN, gotE := strings.Count(s, `class="node"`), strings.Count(s, `class="edge"`)
	if gotN != nodes || gotE != edges {
		return fmt.Errorf("%w: %d nodes and %d edges drawn of %d and %d", ErrBadOutput, gotN, gotE, nodes, edges)
	}
	return nil
}

// renderWasmLocked renders with the lock held. A panic inside go-graphviz
// becomes an error, and the Graphviz context is rebuilt before the next use.
func renderWasmLocked(d Diagram, format Format, lim Limits) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("go-graphviz crashed: %v", p)
			wasmGV = nil
		}
	}()
	// go-graphviz's calls take a context but do not stop on it, and one
	// that closes the wasm module would break it for good.
	ctx := context.Background()
	if wasmGV == nil {
		// Without this, image= and shapefile= attributes read any file
		// on the host and put it into the output.
		graphviz.SetFileSystem(fstest.MapFS{})
		gv, err := graphviz.New(ctx)
		if err != nil {
			return nil, fmt.Errorf("go-graphviz: %w", err)
		}
		wasmGV = gv
	}
	g, err := graphviz.ParseBytes([]byte(d.source))
	if err != nil || g == nil {
		return nil, graph.Errorf(graph.ErrInvalid, "Graphviz cannot read the DOT text: %v", err)
	}
	defer g.Close()
	// Limits.Check already tested Build's counts; these are Graphviz's own,
	// in case the two ever disagree.
	if n, err := g.NodeNum(); err == nil && n > lim.MaxNodes {
		return nil, &LimitError{Cap: "MaxNodes", Limit: lim.MaxNodes, Got: n}
	}
	if n, err := g.EdgeNum(); err == nil && n > lim.MaxEdges {
		return nil, &LimitError{Cap: "MaxEdges", Limit: lim.MaxEdges, Got: n}
	}
	buf := &limitedBuffer{max: lim.MaxOutputBytes}
	if err := wasmGV.SetLayout(graphviz.Layout(d.layout)).Render(ctx, g, graphviz.Format(format.graphviz()), buf); err != nil {
		return nil, fmt.Errorf("go-graphviz %s/%s: %w", d.layout, format, err)
	}
	if err := buf.err(); err != nil {
		return nil, err
	}
	if len(buf.buf) == 0 {
		return nil, fmt.Errorf("go-graphviz %s/%s: %w: empty output", d.layout, format, ErrBadOutput)
	}
	if format == FormatSVG {
		if err := checkSVG(buf.buf, d); err != nil {
			return nil, fmt.Errorf("go-graphviz %s: %w", d.layout, err)
		}
	}
	return buf.buf, nil
}
