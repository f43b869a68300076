// Package web is explorer's HTTP service: the JSON API under /api/v1, the
// server-rendered HTML pages for investigators, their embedded static assets,
// health and metrics endpoints.
//
// The package declares the small interfaces it needs (Graph, Diagrams,
// Importer, in deps.go); cmd/explorer wires the real implementations in.
// Where each concern lives: routes.go holds every route; handlers are
// grouped by resource (api.go, pages.go, explore.go, imports.go, ...) and
// return errors; errors.go is the one error middleware, with the one table
// from errors to status codes, and takes a client's message from the
// graph.Error the error carries; params.go reads query parameters (path
// and neighbourhood ones go to graph's parser); bulkhead.go and breaker.go
// bound slow work and a failing database; render.go draws diagrams.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"explorer/diagram"
	"explorer/graph"
)

// Config is what a Server is built from. Graph and Logger are required.
type Config struct {
	Graph    Graph
	Diagrams Diagrams // nil: diagram formats answer 503
	Importer Importer // nil: POST /api/v1/import answers 501
	// Exporter writes investigations' subgraphs; nil: those exports answer 501.
	Exporter SubgraphExporter
	// ImportToken guards POST /api/v1/import; empty disables the endpoint.
	ImportToken string
	// Public says the service listens beyond loopback: /metrics then needs
	// MetricsToken as a bearer token (and answers 403 without one set).
	Public       bool
	MetricsToken string
	Logger       *slog.Logger
	// Registry receives the service's metrics; nil makes a fresh one with
	// the Go and process collectors.
	Registry *prometheus.Registry
	// MaxBodyBytes caps request bodies (default 1 MiB); MaxImportBytes caps
	// import bodies (default 64 MiB).
	MaxBodyBytes   int64
	MaxImportBytes int64
	// RequestTimeout bounds the work of one request (default 30s).
	RequestTimeout time.Duration
	// PingTimeout bounds the /readyz database check (default 2s).
	PingTimeout time.Duration
	// QueryLimits bound ad-hoc Cypher (default graph.DefaultQueryLimits).
	QueryLimits graph.QueryLimits
	// DiagramCacheBytes caps the rendered-diagram cache (default 32 MiB; a
	// negative value disables it).
	DiagramCacheBytes int
	// Bulkheads bound console queries, ranked path searches and renders
	// (default DefaultBulkheads).
	Bulkheads Bulkheads
	// Now is the clock (default time.Now); the as-of sliders run to its year.
	Now func() time.Time
	// BaseURL is the service's public URL (no trailing slash), for absolute
	// links in reports that leave the service; empty keeps links relative.
	BaseURL string
}

// ParseBaseURL checks a public base URL (serve --base-url, the diagram
// commands' --base-url) and returns it without a trailing slash: an
// absolute http or https URL with a host, no query and no fragment.
func ParseBaseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil ||
		strings.ContainsAny(s, "\\\"<>` \t\r\n") {
		return "", graph.Errorf(graph.ErrInvalid, "base URL %q: want an absolute http or https URL such as https://explorer.example.org", s)
	}
	return strings.TrimRight(s, "/"), nil
}

// Server is the HTTP handler of the service.
type Server struct {
	cfg      Config
	graph    Graph
	log      *slog.Logger
	engine   *gin.Engine
	handler  http.Handler
	metrics  *metrics
	cache    *diagram.Cache // nil: no cache
	pages    *pages
	registry *prometheus.Registry
	imports  *importJobs
	xrefJobs *xrefJobs
	renders  *bulkhead
	// xref is the store's cross-referencing, when it has it (see Resolver).
	xref Resolver
}

// New builds the service's handler.
func New(cfg Config) (*Server, error) {
	if cfg.Graph == nil {
		return nil, errors.New("web: Config.Graph is nil")
	}
	if cfg.BaseURL != "" {
		base, err := ParseBaseURL(cfg.BaseURL)
		if err != nil {
			return nil, err
		}
		cfg.BaseURL = base
	}
	if cfg.Logger == nil {
		return nil, errors.New("web: Config.Logger is nil")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxImportBytes <= 0 {
		cfg.MaxImportBytes = 64 << 20
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.PingTimeout <= 0 {
		cfg.PingTimeout = 2 * time.Second
	}
	if cfg.QueryLimits.Rows <= 0 {
		cfg.QueryLimits = graph.DefaultQueryLimits
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Bulkheads == (Bulkheads{}) {
		cfg.Bulkheads = DefaultBulkheads
	}
	if cfg.Bulkheads.Wait <= 0 {
		cfg.Bulkheads.Wait = DefaultBulkheads.Wait
	}
	if cfg.DiagramCacheBytes == 0 {
		cfg.DiagramCacheBytes = 32 << 20
	}
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, fmt.Errorf("web: metrics: %w", err)
	}
	p, err := parsePages()
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	s := &Server{
		cfg: cfg,
		graph: bulkheaded{
			Graph:   instrumented{g: &breaker{g: cfg.Graph, pingTimeout: cfg.PingTimeout}, m: m},
			console: newBulkhead("console queries", cfg.Bulkheads.Console, cfg.Bulkheads.Wait, 5*time.Second),
			ranked:  newBulkhead("ranked path searches", cfg.Bulkheads.RankedPaths, cfg.Bulkheads.Wait, 5*time.Second),
		},
		renders:  newBulkhead("diagram renders", cfg.Bulkheads.Renders, cfg.Bulkheads.Wait, 2*time.Second),
		log:      cfg.Logger,
		metrics:  m,
		cache:    newRenderCache(cfg.DiagramCacheBytes),
		pages:    p,
		registry: reg,
		imports:  newImportJobs(),
		xrefJobs: newXrefJobs(),
	}
	s.xref, _ = cfg.Graph.(Resolver)
	gin.SetMode(gin.ReleaseMode)
	s.engine = gin.New()
	// No proxy is trusted: ClientIP is the peer address. A deployment behind
	// a reverse proxy would configure it here.
	if err := s.engine.SetTrustedProxies(nil); err != nil {
		return nil, err
	}
	s.engine.HandleMethodNotAllowed = true
	s.engine.RedirectTrailingSlash = false
	s.routes()

	// Browsers may not make state-changing cross-origin requests (CSRF):
	// the service sends no CORS headers and refuses them here.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintln(w, `{"error":"cross-origin requests are not allowed"}`)
	}))
	s.handler = cop.Handler(s.engine)
	return s, nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// LongestRequest is the longest time a request may work: a shutdown's
// grace period must cover it.
func (s *Server) LongestRequest() time.Duration { return s.cfg.RequestTimeout }

// Close stops the background work of the service: the import job running
// is cancelled (its run is rolled back) and waited for until ctx ends;
// jobs still queued end refused; a cross-reference being recomputed is
// cancelled (the stored one stays). Call it after http.Server.Shutdown.
func (s *Server) Close(ctx context.Context) error {
	return errors.Join(s.imports.close(ctx), s.xrefJobs.close(ctx))
}

// Routes lists the registered method and path pairs, for documentation
// checks.
func (s *Server) Routes() gin.RoutesInfo { return s.engine.Routes() }

// ctx returns the request's context bounded by the request timeout.
func (s *Server) ctx(c *gin.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(c.Request.Context(), s.cfg.RequestTimeout)
}
