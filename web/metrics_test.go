package web

import (
	"strings"
	"testing"
)

func TestMetrics(t *testing.T) {
	ts := newTestServer(t)
	ts.do("GET", "/api/v1/entities?q=kom", "")
	ts.do("GET", "/api/v1/entities/nobody", "")
	ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "")
	ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "")
	ts.do("GET", "/no/such/page", "")
	w := ts.do("GET", "/metrics", "")
	if w.Code != 200 {
		t.Fatalf("GET /metrics = %d", w.Code)
	}
	body := w.Body.String()
	for _, want := range []string{
		`explorer_http_requests_total{method="GET",route="/api/v1/entities",status="200"} 1`,
		`explorer_http_requests_total{method="GET",route="/api/v1/entities/:id",status="404"} 1`,
		`explorer_http_requests_total{method="GET",route="/api/v1/paths",status="200"} 2`,
		`explorer_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`explorer_http_request_duration_seconds_count{method="GET",route="/api/v1/paths",status="200"} 2`,
		`explorer_graph_query_duration_seconds_count{op="paths",outcome="ok"} 2`,
		`explorer_graph_query_duration_seconds_count{op="resolve",outcome="not_found"} 1`,
		`explorer_diagram_render_duration_seconds_count{format="svg"} 1`,
		`explorer_diagram_cache_requests_total{result="hit"} 1`,
		`explorer_diagram_cache_requests_total{result="miss"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestRequestLog(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/api/v1/entities/komid", "")
	line := ts.log.String()
	for _, want := range []string{`"msg":"request"`, `"method":"GET"`, `"route":"/api/v1/entities/:id"`, `"status":200`, `"duration_ms":`, `"request_id":"` + w.Header().Get("X-Request-Id") + `"`} {
		if !strings.Contains(line, want) {
			t.Errorf("request log %s lacks %s", line, want)
		}
	}
}
