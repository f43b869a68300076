package web

import (
	"context"
	"errors"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"explorer/graph"
)

// metrics are the service's Prometheus series.
type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	queries  *prometheus.HistogramVec
	renders  *prometheus.HistogramVec
	cache    *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explorer_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status code.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "explorer_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern, method and status code.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .2, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
		queries: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "explorer_graph_query_duration_seconds",
			Help:    "Time of graph store calls, by operation and outcome (ok, not_found, invalid, unavailable, error).",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .2, .5, 1, 2.5, 5, 15},
		}, []string{"op", "outcome"}),
		renders: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "explorer_diagram_render_duration_seconds",
			Help:    "Time to render diagrams that were not in the cache, by format.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"format"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "explorer_diagram_cache_requests_total",
			Help: "Diagram cache lookups, by result (hit or miss).",
		}, []string{"result"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.queries, m.renders, m.cache} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m *metrics) observeRequest(route, method string, status int, d time.Duration) {
	s := statusLabel(status)
	m.requests.WithLabelValues(route, method, s).Inc()
	m.latency.WithLabelValues(route, method, s).Observe(d.Seconds())
}

func (m *metrics) observeQuery(op string, start time.Time, err error) {
	outcome := "ok"
	switch {
	case err == nil:
	case errors.Is(err, graph.ErrNotFound), errors.Is(err, graph.ErrNoPath):
		outcome = "not_found"
	case errors.Is(err, graph.ErrInvalid), errors.Is(err, graph.ErrForbidden):
		outcome = "invalid"
	case errors.Is(err, graph.ErrUnavailable):
		outcome = "unavailable"
	default:
		outcome = "error"
	}
	m.queries.WithLabelValues(op, outcome).Observe(time.Since(start).Seconds())
}

// instrumented times every call to the graph store.
type instrumented struct {
	g Graph
	m *metrics
}

func (i instrumented) Search(ctx context.Context, text string, limit int) (_ []graph.SearchHit, err error) {
	defer func(t time.Time) { i.m.observeQuery("search", t, err) }(time.Now())
	return i.g.Search(ctx, text, limit)
}

func (i instrumented) Resolve(ctx context.Context, ref string) (_ graph.Entity, err error) {
	defer func(t time.Time) { i.m.observeQuery("resolve", t, err) }(time.Now())
	return i.g.Resolve(ctx, ref)
}

func (i instrumented) Neighbors(ctx context.Context, q graph.NeighborQuery) (_ graph.Subgraph, err error) {
	defer func(t time.Time) { i.m.observeQuery("neighbors", t, err) }(time.Now())
	return i.g.Neighbors(ctx, q)
}

func (i instrumented) Diff(ctx context.Context, q graph.DiffQuery) (_ graph.Diff, err error) {
	defer func(t time.Time) { i.m.observeQuery("diff", t, err) }(time.Now())
	return i.g.Diff(ctx, q)
}

func (i instrumented) Paths(ctx context.Context, q graph.PathQuery) (_ []graph.Path, err error) {
	defer func(t time.Time) { i.m.observeQuery("paths", t, err) }(time.Now())
	return i.g.Paths(ctx, q)
}

func (i instrumented) Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (_ *graph.QueryResult, err error) {
	defer func(t time.Time) { i.m.observeQuery("cypher", t, err) }(time.Now())
	return i.g.Query(ctx, cypher, params, lim)
}

func (i instrumented) Ping(ctx context.Context) (err error) {
	defer func(t time.Time) { i.m.observeQuery("ping", t, err) }(time.Now())
	return i.g.Ping(ctx)
}
