package diagram

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"time"

	"explorer/graph"
)

// Backend names where an Engine renders svg, laid-out dot and plain.
type Backend string

// The backends for svg and dot. png, pdf, json and the sfdp layout always
// go to Native.
const (
	// BackendWorker renders with go-graphviz in recycled child processes,
	// which are killed at the time limit or when the context ends: the
	// choice for the server and the command line.
	BackendWorker Backend = "worker"
	// BackendWasm renders with go-graphviz in this process, where a layout
	// cannot be stopped (see Wasm).
	BackendWasm Backend = "wasm"
	// BackendNative runs the Graphviz dot program.
	BackendNative Backend = "native"
)

// Config configures an Engine; the zero value is a server's usual set-up.
type Config struct {
	// Backend renders svg, laid-out dot and plain; default BackendWorker.
	Backend Backend
	// Limits apply to every render; zero fields take DefaultLimits.
	Limits Limits
	// Timeout bounds one render by a worker or native dot; default
	// DefaultTimeout. BackendWasm cannot stop a layout (see Wasm).
	Timeout time.Duration
	// Worker configures BackendWorker (its Limits and Timeout are replaced
	// by the two above).
	Worker WorkerConfig
	// DotPath is the Graphviz dot program; default "dot" from PATH.
	DotPath string
	// DotProcs is how many dot processes may run at once; default the
	// number of CPUs.
	DotProcs int
	// DPI is the resolution of PNG output; default 144.
	DPI int
}

// Engine is the Renderer the rest of the program uses: every format, with
// the size caps checked before any work and, with the worker and native
// backends, every layout stopped at its time limit or when its context ends.
// It keeps no cache; a long-running caller puts a Cache in front (the web
// service does).
type Engine struct {
	vector Renderer // svg, laid-out dot, plain
	native *Native  // png, pdf, json, sfdp, and fallback
	worker *Worker  // when vector is a worker

	fallbacks atomic.Int64
}

// New returns an Engine; it starts no process until the first render.
func New(cfg Config) *Engine {
	e := &Engine{native: &Native{Path: cfg.DotPath, Timeout: cfg.Timeout, Procs: cfg.DotProcs, DPI: cfg.DPI, Limits: cfg.Limits}}
	switch cfg.Backend {
	case BackendWasm:
		e.vector = &Wasm{Limits: cfg.Limits}
	case BackendNative:
		e.vector = e.native
	default:
		wc := cfg.Worker
		wc.Limits, wc.Timeout = cfg.Limits, cfg.Timeout
		e.worker = NewWorker(wc)
		e.vector = e.worker
	}
	return e
}

// Draw builds req with opt and renders it in format: Build and Render in one
// call, which is what the command line and the web service do.
func (e *Engine) Draw(ctx context.Context, req Request, opt Options, format Format) ([]byte, error) {
	return e.Render(ctx, Build(req, opt), format)
}

// Render implements Renderer for every Format. FormatDOT is the diagram's
// source, which needs no layout. Otherwise png, pdf and json, and the sfdp
// layout, go to native dot (go-graphviz gets them wrong, see Wasm), the rest
// to the vector backend; when go-graphviz fails on its own account (a broken
// diagram, a crashed worker) and dot is installed, dot renders instead.
func (e *Engine) Render(ctx context.Context, d Diagram, format Format) ([]byte, error) {
	if format == FormatDOT {
		return []byte(d.source), nil
	}
	if !slices.Contains(wasmFormats, format) || !slices.Contains(wasmLayouts, d.layout) {
		return e.native.Render(ctx, d, format)
	}
	out, err := e.vector.Render(ctx, d, format)
	if err == nil || e.vector == Renderer(e.native) || ctx.Err() != nil ||
		errors.Is(err, graph.ErrInvalid) || errors.Is(err, ErrUnsupported) || errors.Is(err, context.DeadlineExceeded) {
		return out, err
	}
	if _, lerr := e.native.LookPath(); lerr != nil {
		return out, err
	}
	e.fallbacks.Add(1)
	return e.native.Render(ctx, d, format)
}

// Stats are an Engine's counters, for metrics.
type Stats struct {
	Worker WorkerStats // zero unless the backend is BackendWorker
	// Fallbacks counts renders that go-graphviz failed and dot redid.
	Fallbacks int64
}

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	s := Stats{Fallbacks: e.fallbacks.Load()}
	if e.worker != nil {
		s.Worker = e.worker.Stats()
	}
	return s
}

// Close stops the worker processes, if any.
func (e *Engine) Close() error {
	if e.worker != nil {
		return e.worker.Close()
	}
	return nil
}
