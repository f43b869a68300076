package diagram

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"
	"time"

	"explorer/graph"
)

// Backend names where an Engine renders svg and laid-out dot.
type Backend string

// The backends for svg and dot. png, pdf, json and the sfdp layout always
// go to Native.
const (
	// BackendWorker renders with go-graphviz in recycled child processes:
	// the choice for servers.
	BackendWorker Backend = "worker"
	// BackendWasm renders with go-graphviz in this process: the choice for
	// one-shot commands, whose memory goes when they exit.
	BackendWasm Backend = "wasm"
	// BackendNative runs the Graphviz dot program.
	BackendNative Backend = "native"
)

// Config configures an Engine; the zero value is a server's usual set-up.
type Config struct {
	// Backend renders svg and dot; default BackendWorker.
	Backend Backend
	// Limits apply to every render; zero fields take DefaultLimits.
	Limits Limits
	// Worker configures BackendWorker (its Limits are replaced by Limits).
	Worker WorkerConfig
	// DotPath is the Graphviz dot program; default "dot" from PATH.
	DotPath string
	// DotTimeout bounds one run of dot; default 30 seconds.
	DotTimeout time.Duration
	// DPI is the resolution of PNG output; default 144.
	DPI int
	// CacheEntries and CacheBytes size the render cache; zero means 256
	// entries and 64 MiB, and a negative CacheEntries turns it off.
	CacheEntries int
	CacheBytes   int64
}

// Engine is the Renderer the rest of the program uses: every format, behind
// one cache, with the size caps checked before any work.
type Engine struct {
	vector Renderer // svg, dot
	native *Native  // png, pdf, json, sfdp, and fallback
	worker *Worker  // when vector is a worker
	cache  *Cache   // nil when off
	front  Renderer

	fallbacks atomic.Int64
}

// New returns an Engine; it starts no process until the first render.
func New(cfg Config) *Engine {
	e := &Engine{native: &Native{Path: cfg.DotPath, Timeout: cfg.DotTimeout, DPI: cfg.DPI, Limits: cfg.Limits}}
	switch cfg.Backend {
	case BackendWasm:
		e.vector = NewWasm(cfg.Limits)
	case BackendNative:
		e.vector = e.native
	default:
		wc := cfg.Worker
		wc.Limits = cfg.Limits
		e.worker = NewWorker(wc)
		e.vector = e.worker
	}
	e.front = router{e}
	if cfg.CacheEntries >= 0 {
		e.cache = NewCache(e.front, cfg.CacheEntries, cfg.CacheBytes)
		e.front = e.cache
	}
	return e
}

// router sends each request to its backend: png, pdf and json, and the sfdp
// layout, to native dot (go-graphviz gets them wrong, see Wasm), the rest to
// the vector backend. When go-graphviz fails on its own account (a broken
// diagram, a crashed worker) and dot is installed, dot renders instead.
type router struct{ e *Engine }

func (r router) Render(ctx context.Context, dot string, format Format, layout string) ([]byte, error) {
	if !slices.Contains(wasmFormats, format) || !slices.Contains(wasmLayouts, layout) {
		return r.e.native.Render(ctx, dot, format, layout)
	}
	out, err := r.e.vector.Render(ctx, dot, format, layout)
	if err == nil || r.e.vector == Renderer(r.e.native) || ctx.Err() != nil ||
		errors.Is(err, graph.ErrInvalid) || errors.Is(err, ErrUnsupported) {
		return out, err
	}
	if _, lerr := r.e.native.LookPath(); lerr != nil {
		return out, err
	}
	r.e.fallbacks.Add(1)
	return r.e.native.Render(ctx, dot, format, layout)
}

// Render implements Renderer for every Format.
func (e *Engine) Render(ctx context.Context, dot string, format Format, layout string) ([]byte, error) {
	return e.front.Render(ctx, dot, format, layout)
}

// Stats are an Engine's counters, for metrics.
type Stats struct {
	Cache  CacheStats  // zero when the cache is off
	Worker WorkerStats // zero unless the backend is BackendWorker
	// Fallbacks counts renders that go-graphviz failed and dot redid.
	Fallbacks int64
}

// Stats returns the engine's counters.
func (e *Engine) Stats() Stats {
	s := Stats{Fallbacks: e.fallbacks.Load()}
	if e.cache != nil {
		s.Cache = e.cache.Stats()
	}
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
