package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"explorer/diagram"
	"explorer/graph"
	"explorer/ingest"
	"explorer/web"
)

func init() {
	extraCommands["serve"] = cmdServe
}

// Timeouts of the HTTP server. Requests do their work within the web
// package's request timeout (30s); reads and writes get more room for large
// imports and diagrams.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 15 * time.Second
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	addr := fs.String("addr", or(e.getenv("EXPLORER_ADDR"), "127.0.0.1:8080"), "address to listen on (loopback unless --public)")
	public := fs.Bool("public", false, "allow a non-loopback --addr (put the service behind a reverse proxy with TLS)")
	token := fs.String("import-token", e.getenv("EXPLORER_IMPORT_TOKEN"), "bearer token for POST /api/v1/import (default $EXPLORER_IMPORT_TOKEN; empty disables import)")
	diagramBackend := fs.String("diagrams", or(e.getenv("EXPLORER_DIAGRAMS"), string(diagram.BackendWorker)),
		"how SVG diagrams are rendered: worker (go-graphviz in recycled child processes), wasm (in this process) or native (the dot program)")
	logLevel := fs.String("log-level", or(e.getenv("EXPLORER_LOG_LEVEL"), "info"), "debug, info, warn or error")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve: unexpected argument %q", pos[0])
	}
	if err := checkListenAddr(*addr, *public); err != nil {
		return err
	}
	if !slices.Contains(diagramBackends, *diagramBackend) {
		return usagef("--diagrams %q: want %s", *diagramBackend, strings.Join(diagramBackends, ", "))
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return usagef("--log-level %q: want debug, info, warn or error", *logLevel)
	}
	logHandler := slog.NewJSONHandler(e.stderr, &slog.HandlerOptions{Level: level})
	log := slog.New(logHandler)
	if *token != "" && len(*token) < 16 {
		return usagef("--import-token: use at least 16 characters (for example: openssl rand -hex 24)")
	}

	st, closeStore, err := openServeStore(ctx, conn, log)
	if err != nil {
		return err
	}
	defer closeStore()
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	diagrams, err := newDiagrams(*diagramBackend, reg)
	if err != nil {
		return err
	}
	defer diagrams.Close()

	srv, err := web.New(web.Config{
		Graph:       st,
		Diagrams:    diagrams,
		Importer:    importAdapter{st},
		ImportToken: *token,
		Logger:      log,
		Registry:    reg,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logHandler, slog.LevelWarn),
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stderr, "listening on %s\n", url)
	log.Info("serving", "url", url, "import_enabled", *token != "", "neo4j_uri", conn.uri)

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout_s", shutdownTimeout.Seconds())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// checkListenAddr refuses to expose the service beyond this machine unless
// the operator says so: it has no authentication besides the import token.
func checkListenAddr(addr string, public bool) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: want host:port, such as 127.0.0.1:8080", addr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return usagef("--addr %q: bad port", addr)
	}
	if public {
		return nil
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return usagef("--addr %q is not a loopback address; add --public to listen on it (the service has no login)", addr)
}

// openServeStore connects to Neo4j with short timeouts, so that requests fail
// fast with 503 while the database is down. Unlike the one-shot commands, the
// service starts even when Neo4j does not answer yet: /readyz says so, and
// the driver connects once the database is back.
func openServeStore(ctx context.Context, c *connFlags, log *slog.Logger) (*graph.Store, func(), error) {
	pw, err := c.passwordOrLocal()
	if err != nil {
		return nil, nil, err
	}
	drv, err := neo4j.NewDriverWithContext(c.uri, neo4j.BasicAuth(c.user, pw, ""), func(cfg *config.Config) {
		cfg.ConnectionAcquisitionTimeout = 3 * time.Second
		cfg.SocketConnectTimeout = 2 * time.Second
		cfg.MaxConnectionPoolSize = 50
		// The driver retries failed transactions until this much time has
		// passed; a request should rather fail fast with 503.
		// A dead pooled connection is retried at once; a database that
		// refuses connections fails the query after one backoff (about 1s).
		cfg.MaxTransactionRetryTime = 500 * time.Millisecond
	})
	if err != nil {
		return nil, nil, fmt.Errorf("neo4j: %v", graph.Redact(err, pw))
	}
	vctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := drv.VerifyConnectivity(vctx); err != nil {
		log.Warn("neo4j does not answer yet; serving anyway, /readyz reports 503 until it does",
			"neo4j_uri", c.uri, "error", graph.Redact(err, pw))
	}
	st := graph.NewStore(drv, c.database)
	return st, func() { drv.Close(context.Background()) }, nil
}

// diagramBackends are the choices of --diagrams.
var diagramBackends = []string{string(diagram.BackendWorker), string(diagram.BackendWasm), string(diagram.BackendNative)}

// newDiagrams returns the service's diagram renderer and registers its
// worker's counters as metrics. The web package keeps the render cache.
func newDiagrams(backend string, reg prometheus.Registerer) (*diagram.Engine, error) {
	eng := diagram.New(diagram.Config{Backend: diagram.Backend(backend)})
	stats := func(f func(diagram.Stats) float64) func() float64 {
		return func() float64 { return f(eng.Stats()) }
	}
	for _, c := range []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_renders_total", Help: "Diagrams rendered by go-graphviz worker processes."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Renders) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_recycled_total", Help: "Render worker processes retired (render count, memory or failure)."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Recycled) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_worker_killed_total", Help: "Render worker processes killed (timeout or cancellation)."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.Killed) })),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "explorer_diagram_worker_rss_bytes", Help: "Resident memory of the live render worker processes."},
			stats(func(s diagram.Stats) float64 { return float64(s.Worker.RSS) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "explorer_diagram_fallbacks_total", Help: "Renders go-graphviz failed and native dot redid."},
			stats(func(s diagram.Stats) float64 { return float64(s.Fallbacks) })),
	} {
		if err := reg.Register(c); err != nil {
			eng.Close()
			return nil, err
		}
	}
	return eng, nil
}

// importAdapter runs POST /api/v1/import through the ingest package: the
// whole body is checked before anything is written, and a rejection is an
// ErrInvalid that lists the problems by line.
type importAdapter struct{ st *graph.Store }

func (a importAdapter) Import(ctx context.Context, format string, body io.Reader) (web.ImportResult, error) {
	f, err := ingest.ParseFormat(format)
	if err != nil {
		return web.ImportResult{}, err
	}
	sum, err := ingest.Import(ctx, a.st, body, "body", f, ingest.Options{})
	if err != nil {
		return web.ImportResult{}, unavailable(err)
	}
	return web.ImportResult{Entities: sum.Entities, Relationships: sum.Relationships}, nil
}

// unavailable marks an import that the driver gave up retrying as the
// database being unreachable (503); ingest runs its own transactions.
func unavailable(err error) error {
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) && !errors.Is(err, graph.ErrUnavailable) {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	return err
}
