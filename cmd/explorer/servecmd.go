package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"

	"explorer/diagram"
	"explorer/graph"
	"explorer/web"
)

// Timeouts of the HTTP server. Requests do their work within the web
// package's request timeout (30s). A client has 5s to send its headers and
// 30s to send its body (the import endpoint extends its own read deadline,
// see web.ImportReadTimeout), so a slow client cannot hold a connection for
// minutes; writing a response may take as long as the work plus a large
// diagram's transfer.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	// shutdownMargin is added to the longest request limit to make the
	// grace period of a shutdown: a request that started just before it
	// still finishes.
	shutdownMargin = 5 * time.Second
	// importShutdown bounds the wait for a running import to roll back
	// when the server stops; past it the run stays unfinished (see
	// 'explorer import --rollback').
	importShutdown = time.Minute
)

// serveConfig is serve's checked command line.
type serveConfig struct {
	conn           *connFlags
	addr           string
	public         bool
	token          string
	diagramBackend string
	logLevel       string
	baseURL        string
	pathIndex      bool
}

func serveCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the JSON API",
		Long: `serve runs the web UI and the JSON API under /api/v1. It listens on 127.0.0.1 and
refuses any other address unless --public is given: the service has no login. It starts
even when Neo4j does not answer yet (/readyz says so) and logs JSON to standard error.`,
		Example: `  explorer serve
  explorer serve --addr 127.0.0.1:9090 --log-level debug
  EXPLORER_IMPORT_TOKEN=$(openssl rand -hex 24) explorer serve`,
		Args: noArgs,
	}
	fs := c.Flags()
	cfg := &serveConfig{conn: addConnFlags(fs, e.getenv)}
	fs.StringVar(&cfg.addr, "addr", or(e.getenv("EXPLORER_ADDR"), "127.0.0.1:8080"), "address to listen on (loopback unless --public; default $EXPLORER_ADDR)")
	fs.BoolVar(&cfg.public, "public", false, "allow a non-loopback --addr (put the service behind a reverse proxy with TLS)")
	fs.StringVar(&cfg.token, "import-token", e.getenv("EXPLORER_IMPORT_TOKEN"), "bearer token for POST /api/v1/import (default $EXPLORER_IMPORT_TOKEN; empty disables import)")
	fs.StringVar(&cfg.diagramBackend, "diagrams", or(e.getenv("EXPLORER_DIAGRAMS"), string(diagram.BackendWorker)),
		"how SVG diagrams are rendered: worker (go-graphviz in recycled child processes), wasm (in this process) or native (the dot program)")
	fs.StringVar(&cfg.baseURL, "base-url", e.getenv("EXPLORER_BASE_URL"), "the service's public URL (https://explorer.example.org), for absolute links in reports (default $EXPLORER_BASE_URL; empty: relative links)")
	fs.BoolVar(&cfg.pathIndex, "path-index", true, "keep an in-memory copy of the graph's topology for the k-shortest and chronological path searches, rebuilt when the graph changes (about 100 bytes per relationship)")
	fs.StringVar(&cfg.logLevel, "log-level", or(e.getenv("EXPLORER_LOG_LEVEL"), "info"), "debug, info, warn or error")
	registerCompletions(c, cfg.conn, map[string][]string{"diagrams": diagramBackends, "log-level": {"debug", "info", "warn", "error"}})
	c.RunE = func(c *cobra.Command, _ []string) error { return serve(c.Context(), e, cfg) }
	return c
}

// serve checks the configuration, wires the service and runs it until ctx
// is cancelled.
func serve(ctx context.Context, e *env, cfg *serveConfig) error {
	logHandler, err := cfg.check(e.stderr)
	if err != nil {
		return err
	}
	log := slog.New(logHandler)
	st, closeStore, err := openServeStore(ctx, cfg.conn, log)
	if err != nil {
		return err
	}
	defer closeStore()
	if cfg.pathIndex {
		st.EnablePathIndex(log)
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	diagrams, err := newDiagrams(cfg.diagramBackend, reg)
	if err != nil {
		return err
	}
	defer diagrams.Close()
	srv, err := web.New(web.Config{Graph: st, Diagrams: diagrams, Importer: importAdapter{st: st, log: log}, Exporter: subgraphExporter{st: st},
		ImportToken: cfg.token, Logger: log, Registry: reg, BaseURL: cfg.baseURL,
		Public: cfg.public, MetricsToken: or(e.getenv("EXPLORER_METRICS_TOKEN"), cfg.token)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	url := "http://" + ln.Addr().String()
	fmt.Fprintf(e.stderr, "listening on %s\n", url)
	log.Info("serving", "url", url, "import_enabled", cfg.token != "", "neo4j_uri", cfg.conn.uri)
	err = serveUntilDone(ctx, newHTTPServer(srv, logHandler), ln, log, srv.LongestRequest()+shutdownMargin)
	// Background work stops before the driver and the render workers close
	// (deferred above).
	jctx, cancel := context.WithTimeout(context.Background(), importShutdown)
	defer cancel()
	if cerr := srv.Close(jctx); cerr != nil {
		log.Error("import job still running at exit; its run is left unfinished", "error", cerr)
	}
	log.Info("stopped")
	return err
}

// check validates the flags and returns the log handler they ask for.
func (cfg *serveConfig) check(stderr io.Writer) (slog.Handler, error) {
	if err := checkListenAddr(cfg.addr, cfg.public); err != nil {
		return nil, err
	}
	if err := oneOf("diagrams", cfg.diagramBackend, diagramBackends...); err != nil {
		return nil, err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.logLevel)); err != nil {
		return nil, usagef("--log-level %q: want debug, info, warn or error", cfg.logLevel)
	}
	if cfg.token != "" && len(cfg.token) < 16 {
		return nil, usagef("--import-token: use at least 16 characters (for example: openssl rand -hex 24)")
	}
	return slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: level}), nil
}

func newHTTPServer(h http.Handler, logHandler slog.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logHandler, slog.LevelWarn),
	}
}

// serveUntilDone serves on ln until ctx is cancelled, then shuts down
// gracefully: no new connection is accepted, idle ones are closed, and the
// requests in flight get grace to finish. Those still running after it are
// cancelled with web.ErrShuttingDown, so that they answer 503 "shutting
// down" rather than being cut, and get a few seconds more to say so.
func serveUntilDone(ctx context.Context, hs *http.Server, ln net.Listener, log *slog.Logger, grace time.Duration) error {
	base, stop := context.WithCancelCause(context.Background())
	defer stop(nil)
	hs.BaseContext = func(net.Listener) context.Context { return base }
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace_s", grace.Seconds())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		log.Warn("requests still running after the grace period; cancelling them", "error", err)
		stop(web.ErrShuttingDown)
		lctx, lcancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer lcancel()
		if err := hs.Shutdown(lctx); err != nil {
			hs.Close()
		}
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
// the driver connects once the database is back. When it answers, the
// schema (constraints and search indexes) is brought up to date.
func openServeStore(ctx context.Context, c *connFlags, log *slog.Logger) (*graph.Store, func(), error) {
	st, err := c.store(dialService)
	if err != nil {
		return nil, nil, err
	}
	if err := st.Verify(ctx, dialService.verify); err != nil {
		log.Warn("neo4j does not answer yet; serving anyway, /readyz reports 503 until it does", "error", err)
	} else if err := st.EnsureSchema(ctx); err != nil {
		log.Warn("could not bring the schema up to date; search may miss description matches", "error", err)
	}
	return st, func() { st.Close(context.Background()) }, nil
}
