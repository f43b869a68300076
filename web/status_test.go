package web

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"explorer/graph"
)

// TestStatusTellsTheTruth checks the status of each kind of failure that
// is not the service's fault: a drawing past its time limit, numbers no
// Cypher type can hold, and a request cut by the server's shutdown.
func TestStatusTellsTheTruth(t *testing.T) {
	const cypher = `{"query":"RETURN $n AS n","params":{"n":%s}}`
	tests := []struct {
		name      string
		renderErr error
		method    string
		target    string
		body      string
		want      int
		wantError string
	}{
		{"render past its limit (worker)", fmt.Errorf("%w: diagram: render took longer than 30s and was stopped", graph.ErrTimeout),
			"GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "", 504, "the diagram took longer than its time limit to draw; draw less"},
		{"render past the request's deadline", fmt.Errorf("dot dot/png: %w: gave up after 30s", context.DeadlineExceeded),
			"GET", "/api/v1/entities/komid/neighbors?format=png", "", 504, "ask for format=json"},
		// A page still shows its evidence, with a note in place of the diagram.
		{"page diagram past its limit", fmt.Errorf("%w: render", graph.ErrTimeout),
			"GET", "/entities/komid", "", 200, "The diagram could not be drawn: the diagram took longer than its time limit to draw"},
		{"integer past int64", nil, "POST", "/api/v1/cypher", fmt.Sprintf(cypher, "9223372036854775808"), 400,
			"params.n: integer 9223372036854775808 is out of range"},
		{"float past float64", nil, "POST", "/api/v1/cypher", fmt.Sprintf(cypher, "1e400"), 400, "params.n: number 1e400 is out of range for a float"},
		{"nested huge number", nil, "POST", "/api/v1/cypher", fmt.Sprintf(cypher, `{"a":[1,-1e999]}`), 400, "params.n.a[1]: number -1e999 is out of range"},
		{"largest int64 is fine", nil, "POST", "/api/v1/cypher", fmt.Sprintf(cypher, "9223372036854775807"), 200, ""},
		{"large float is fine", nil, "POST", "/api/v1/cypher", fmt.Sprintf(cypher, "1.5e300"), 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t)
			ts.d.err = tt.renderErr
			w := ts.do(tt.method, tt.target, tt.body, "Content-Type", "application/json")
			if w.Code != tt.want {
				t.Fatalf("%s %s = %d, want %d: %s", tt.method, tt.target, w.Code, tt.want, w.Body)
			}
			if tt.wantError != "" && !strings.Contains(w.Body.String(), tt.wantError) {
				t.Errorf("%s %s: body %s, want it to contain %q", tt.method, tt.target, w.Body, tt.wantError)
			}
		})
	}
	ts := newTestServer(t)
	ts.do("POST", "/api/v1/cypher", fmt.Sprintf(cypher, "9223372036854775807"), "Content-Type", "application/json")
	if got := ts.g.lastParams["n"]; got != int64(9223372036854775807) {
		t.Errorf("param n = %#v, want int64 max", got)
	}
}

// TestShutdownCancelIsServiceUnavailable checks that a request the server
// cancels at the end of its shutdown grace answers 503 "shutting down",
// while a client that hangs up stays 499.
func TestShutdownCancelIsServiceUnavailable(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		cause error
		want  int
	}{{ErrShuttingDown, 503}, {context.Canceled, 499}} {
		ctx, cancel := context.WithCancelCause(context.Background())
		cancel(tt.cause)
		ts.g.setErr(fmt.Errorf("search: %w", context.Canceled))
		req := httptest.NewRequest("GET", "/api/v1/entities?q=kom", nil).WithContext(ctx)
		w := httptest.NewRecorder()
		ts.ServeHTTP(w, req)
		if w.Code != tt.want {
			t.Errorf("request cancelled with cause %v = %d, want %d", tt.cause, w.Code, tt.want)
		}
		if tt.want == 503 && !strings.Contains(w.Body.String(), "shutting down") {
			t.Errorf("shutdown answer %s, want it to say so", w.Body)
		}
	}
	if w := ts.do("GET", "/healthz", ""); w.Code != http.StatusOK {
		t.Errorf("healthz = %d", w.Code)
	}
}

// TestMetricsTokenWhenPublic checks that /metrics is open on loopback and
// needs the token (any case of "Bearer") when the service is public.
func TestMetricsTokenWhenPublic(t *testing.T) {
	tests := []struct {
		name   string
		public bool
		token  string
		header string
		want   int
	}{
		{"loopback, no token needed", false, "", "", 200},
		{"public, no token configured", true, "", "Bearer x", 403},
		{"public, no credentials", true, "m3trics-token-123", "", 401},
		{"public, wrong token", true, "m3trics-token-123", "Bearer m3trics-token-124", 401},
		{"public, right token", true, "m3trics-token-123", "Bearer m3trics-token-123", 200},
		{"public, scheme in upper case", true, "m3trics-token-123", "BEARER m3trics-token-123", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := newTestServer(t, func(c *Config) { c.Public, c.MetricsToken = tt.public, tt.token })
			var h []string
			if tt.header != "" {
				h = []string{"Authorization", tt.header}
			}
			w := ts.do("GET", "/metrics", "", h...)
			if w.Code != tt.want {
				t.Fatalf("GET /metrics = %d, want %d: %s", w.Code, tt.want, w.Body)
			}
			if isMetrics := strings.Contains(w.Body.String(), "# HELP"); isMetrics != (tt.want == 200) {
				t.Errorf("GET /metrics = %d with metrics in the body: %v", w.Code, isMetrics)
			}
		})
	}
}
