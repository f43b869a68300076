package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"explorer/graph"
)

func decode[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return v
}

func TestAPIStatusAndErrors(t *testing.T) {
	const json = "application/json"
	tests := []struct {
		name       string
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		// wantError is a substring of the {"error"} message; "" for success.
		wantError string
		wantType  string
	}{
		{"search", "GET", "/api/v1/entities?q=kom", "", nil, 200, "", json},
		{"search without q", "GET", "/api/v1/entities", "", nil, 400, `parameter "q": required`, json},
		{"search bad limit", "GET", "/api/v1/entities?q=kom&limit=1000", "", nil, 400, `parameter "limit": want an integer from 1 to 100, got "1000"`, json},
		{"search empty words", "GET", "/api/v1/entities?q=***", "", nil, 400, `parameter "q": search: empty query`, json},
		{"entity by id", "GET", "/api/v1/entities/komid", "", nil, 200, "", json},
		{"entity by alias", "GET", "/api/v1/entities/Ansar%20Allah", "", nil, 200, "", json},
		{"unknown entity", "GET", "/api/v1/entities/nobody", "", nil, 404, `no entity is called "nobody"`, json},
		{"ambiguous entity", "GET", "/api/v1/entities/kim%20il", "", nil, 400, `"kim il" is ambiguous`, json},
		{"neighbors", "GET", "/api/v1/entities/komid/neighbors", "", nil, 200, "", json},
		{"neighbors bad depth", "GET", "/api/v1/entities/komid/neighbors?depth=9", "", nil, 400, `parameter "depth": want an integer from 1 to 4, got "9"`, json},
		{"neighbors bad type", "GET", "/api/v1/entities/komid/neighbors?types=SUPPLIED,BRIBED", "", nil, 400, `parameter "types": unknown relationship type "BRIBED"`, json},
		{"neighbors bad since", "GET", "/api/v1/entities/komid/neighbors?since=1990-13", "", nil, 400, `parameter "since": want YYYY, YYYY-MM, YYYY-MM-DD or a decade like 198X, got "1990-13"`, json},
		{"neighbors reversed window", "GET", "/api/v1/entities/komid/neighbors?since=2000&until=1990", "", nil, 400, `parameter "until": 1990 is before since 2000`, json},
		{"neighbors bad directed", "GET", "/api/v1/entities/komid/neighbors?directed=maybe", "", nil, 400, `parameter "directed": want true or false`, json},
		{"neighbors bad format", "GET", "/api/v1/entities/komid/neighbors?format=gif", "", nil, 400, `parameter "format": want json, svg, png, dot or csv, md, html, pdf, got "gif"`, json},
		{"neighbors unknown exclude", "GET", "/api/v1/entities/komid/neighbors?exclude=nobody", "", nil, 404, `parameter "exclude": no entity is called "nobody"`, json},
		{"neighbors svg", "GET", "/api/v1/entities/komid/neighbors?format=svg", "", nil, 200, "", "image/svg+xml"},
		{"neighbors png by accept", "GET", "/api/v1/entities/komid/neighbors", "", []string{"Accept", "image/png"}, 200, "", "image/png"},
		{"neighbors unknown centre", "GET", "/api/v1/entities/nobody/neighbors", "", nil, 404, `no entity is called "nobody"`, json},
		{"neighbors as of", "GET", "/api/v1/entities/komid/neighbors?as_of=1990&include_past_events=true", "", nil, 200, "", json},
		{"neighbors bad as of", "GET", "/api/v1/entities/komid/neighbors?as_of=1990-13", "", nil, 400, `parameter "as_of": want YYYY`, json},
		{"neighbors past events without as of", "GET", "/api/v1/entities/komid/neighbors?include_past_events=1", "", nil, 400, `parameter "include_past_events": needs an as-of date`, json},
		{"diff", "GET", "/api/v1/entities/komid/diff?from=2000&to=2018", "", nil, 200, "", json},
		{"diff svg", "GET", "/api/v1/entities/KOMID/diff?from=2000&to=2018&format=svg", "", nil, 200, "", "image/svg+xml"},
		{"diff without from", "GET", "/api/v1/entities/komid/diff?to=2018", "", nil, 400, `parameter "from": required`, json},
		{"diff bad to", "GET", "/api/v1/entities/komid/diff?from=2000&to=20x8", "", nil, 400, `parameter "to": want YYYY`, json},
		{"diff reversed", "GET", "/api/v1/entities/komid/diff?from=2018&to=2000", "", nil, 400, `parameter "to": 2000 must come after from 2018`, json},
		{"diff bad depth", "GET", "/api/v1/entities/komid/diff?from=2000&to=2018&depth=0", "", nil, 400, `parameter "depth": want an integer from 1 to 4`, json},
		{"diff unknown centre", "GET", "/api/v1/entities/nobody/diff?from=2000&to=2018", "", nil, 404, `no entity is called "nobody"`, json},
		{"paths", "GET", "/api/v1/paths?from=SHIG&to=houthis", "", nil, 200, "", json},
		{"no path as of", "GET", "/api/v1/paths?from=shig&to=houthis&exclude=komid&as_of=2016", "", nil, 404, "as of 2016 (states holding then and events of that date)", json},
		{"paths without from", "GET", "/api/v1/paths?to=houthis", "", nil, 400, `parameter "from": required`, json},
		{"paths unknown to", "GET", "/api/v1/paths?from=shig&to=Atlantis", "", nil, 404, `parameter "to": no entity is called "Atlantis"`, json},
		{"paths ambiguous from", "GET", "/api/v1/paths?from=Kim%20Il&to=komid", "", nil, 400, `parameter "from": "Kim Il" is ambiguous`, json},
		{"paths same entity", "GET", "/api/v1/paths?from=shig&to=SHIG", "", nil, 400, `parameter "to": is the same entity as from`, json},
		{"paths bad mode", "GET", "/api/v1/paths?from=shig&to=houthis&mode=fastest", "", nil, 400, `parameter "mode": want shortest, all-shortest, k-shortest or chronological, got "fastest"`, json},
		{"paths bad k", "GET", "/api/v1/paths?from=shig&to=houthis&k=0", "", nil, 400, `parameter "k": want an integer from 1 to 50, got "0"`, json},
		{"paths bad max_hops", "GET", "/api/v1/paths?from=shig&to=houthis&max_hops=99", "", nil, 400, `parameter "max_hops": want an integer from 1 to 8, got "99"`, json},
		{"paths exclude endpoint", "GET", "/api/v1/paths?from=shig&to=houthis&exclude=KOMID,shig", "", nil, 400, `parameter "exclude": cannot exclude a path endpoint`, json},
		{"no path", "GET", "/api/v1/paths?from=shig&to=houthis&exclude=komid", "", nil, 404, "no path found between Shahid Hemmat Industrial Group and Houthis (shortest, at most 4 hops; either direction; operational and political links, not mentions; not through KOMID; any date; undated links included; any confidence; any status; ranked by length)", json},
		{"paths dot", "GET", "/api/v1/paths?from=shig&to=houthis&format=dot", "", nil, 200, "", "text/vnd.graphviz"},
		{"paths svg by accept", "GET", "/api/v1/paths?from=shig&to=houthis", "", []string{"Accept", "image/svg+xml, application/json;q=0.5"}, 200, "", "image/svg+xml"},
		{"paths json by browser accept", "GET", "/api/v1/paths?from=shig&to=houthis", "", []string{"Accept", "text/html,application/xhtml+xml,image/avif,image/webp,*/*;q=0.8"}, 200, "", json},
		{"cypher", "POST", "/api/v1/cypher", `{"query":"RETURN 1 AS n"}`, []string{"Content-Type", "application/json"}, 200, "", json},
		{"cypher svg", "POST", "/api/v1/cypher?format=svg", `{"query":"RETURN 1 AS n"}`, []string{"Content-Type", "application/json"}, 200, "", "image/svg+xml"},
		{"cypher not json", "POST", "/api/v1/cypher", `{"query":"RETURN 1"}`, []string{"Content-Type", "text/plain"}, 415, "send the body as application/json", json},
		{"cypher malformed", "POST", "/api/v1/cypher", `{"query":`, []string{"Content-Type", "application/json"}, 400, `body: want {"query": "...", "params": {...}}`, json},
		{"cypher unknown field", "POST", "/api/v1/cypher", `{"cypher":"RETURN 1"}`, []string{"Content-Type", "application/json"}, 400, `unknown field "cypher"`, json},
		{"cypher empty", "POST", "/api/v1/cypher", `{"query":"  "}`, []string{"Content-Type", "application/json"}, 400, `"query" is required`, json},
		{"cypher write refused", "POST", "/api/v1/cypher", `{"query":"MATCH (n) DETACH DELETE n"}`, []string{"Content-Type", "application/json"}, 403, "only read-only statements", json},
		{"cypher too large", "POST", "/api/v1/cypher", `{"query":"` + strings.Repeat("x", 70<<10) + `"}`, []string{"Content-Type", "application/json"}, 413, "request body too large (limit 65536 bytes)", json},
		{"unknown api route", "GET", "/api/v1/nothing", "", nil, 404, "no such endpoint", json},
		{"wrong method", "POST", "/api/v1/paths", "", nil, 405, "method POST is not allowed", json},
		{"healthz", "GET", "/healthz", "", nil, 200, "", json},
		{"readyz", "GET", "/readyz", "", nil, 200, "", json},
		{"healthz head", "HEAD", "/healthz", "", nil, 200, "", json},
		{"openapi", "GET", "/api/v1/openapi.json", "", nil, 200, "", json},
		{"cross-origin post", "POST", "/api/v1/cypher", `{"query":"RETURN 1"}`, []string{"Content-Type", "application/json", "Sec-Fetch-Site", "cross-site"}, 403, "cross-origin requests are not allowed", json},
	}
	ts := newTestServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := ts.do(tt.method, tt.target, tt.body, tt.header...)
			if w.Code != tt.wantStatus {
				t.Fatalf("%s %s = %d, want %d; body %s", tt.method, tt.target, w.Code, tt.wantStatus, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("%s %s: Content-Type = %q, want %s", tt.method, tt.target, ct, tt.wantType)
			}
			if tt.wantError != "" {
				body := decode[errorBody](t, w.Body.Bytes())
				if !strings.Contains(body.Error, tt.wantError) {
					t.Errorf("%s %s: error = %q, want it to contain %q", tt.method, tt.target, body.Error, tt.wantError)
				}
				if strings.Contains(body.Error, "invalid:") || strings.Contains(body.Error, "not found:") {
					t.Errorf("%s %s: error %q carries a sentinel prefix", tt.method, tt.target, body.Error)
				}
			}
		})
	}
}

func TestAPISecurityHeaders(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/", "/api/v1/entities?q=kom", "/api/v1/nothing", "/static/app.js", "/paths?from=nobody&to=komid"} {
		w := ts.do("GET", target, "")
		want := map[string]string{
			"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
			"X-Content-Type-Options":  "nosniff",
			"X-Frame-Options":         "DENY",
			"Referrer-Policy":         "same-origin",
		}
		for h, v := range want {
			if got := w.Header().Get(h); got != v {
				t.Errorf("GET %s: %s = %q, want %q", target, h, got, v)
			}
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("GET %s: Access-Control-Allow-Origin = %q, want none", target, got)
		}
	}
}

func TestAPISearchShape(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/api/v1/entities?q=kom", "")
	got := decode[map[string][]map[string]any](t, w.Body.Bytes())
	if len(got["results"]) != 1 || got["results"][0]["id"] != "komid" || got["results"][0]["name"] != "KOMID" {
		t.Errorf("GET /api/v1/entities?q=kom = %s, want one result komid", w.Body)
	}
	w = ts.do("GET", "/api/v1/entities?q=zzz", "")
	if strings.TrimSpace(w.Body.String()) != `{"results":[]}` {
		t.Errorf("GET /api/v1/entities?q=zzz = %s, want {\"results\":[]}", w.Body)
	}
}

func TestAPIPathsShape(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/api/v1/paths?from=SHIG&to=Ansar+Allah&types=cooperated_with&types=SUPPLIED&since=2010&until=2020-06&directed=true&k=5&mode=k-shortest&max_hops=3", "")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	// The body is exactly {"query":"...","paths":[{"nodes":[...],"relationships":[...]}]}.
	var top map[string]json.RawMessage
	if err := json.Unmarshal(w.Body.Bytes(), &top); err != nil {
		t.Fatalf("decode: %v", err)
	}
	var raw struct {
		Query string                       `json:"query"`
		Paths []map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &raw); err != nil {
		t.Fatalf("decode: %v", err)
	}
	if len(top) != 2 || len(raw.Paths) != 1 {
		t.Fatalf("body = %s, want keys query and paths with one path", w.Body)
	}
	wantQuery := "Shahid Hemmat Industrial Group to Houthis; k-shortest (k 5), at most 3 hops; stored direction only; types COOPERATED_WITH, SUPPLIED; holding between 2010 and 2020-06; undated links included; any confidence; any status; ranked by length"
	if raw.Query != wantQuery {
		t.Errorf("query = %q, want %q", raw.Query, wantQuery)
	}
	var keys []string
	for k := range raw.Paths[0] {
		keys = append(keys, k)
	}
	if len(keys) != 2 || raw.Paths[0]["nodes"] == nil || raw.Paths[0]["relationships"] == nil {
		t.Errorf("path keys = %v, want nodes and relationships", keys)
	}
	body := decode[pathsResponse](t, w.Body.Bytes())
	p := body.Paths[0]
	var ids []string
	for _, n := range p.Nodes {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"shig", "komid", "houthis"}, ids); diff != "" {
		t.Errorf("path nodes (-want +got):\n%s", diff)
	}
	r := p.Relationships[1]
	if r.Type != "SUPPLIED" || r.From != "komid" || r.To != "houthis" || r.Start.String() != "2018-08" || r.Confidence != graph.Alleged || r.CitedSource == "" {
		t.Errorf("hop 2 = %+v, want KOMID SUPPLIED Houthis 2018-08 alleged with cited source", r)
	}
	if !strings.Contains(w.Body.String(), `"start":"2018-08","end":null`) {
		t.Errorf("body %s does not write partial dates as strings and null", w.Body)
	}
	want := graph.PathQuery{From: "shig", To: "houthis", Mode: graph.KShortest, K: 5, MaxHops: 3, Rank: graph.RankLength, Filter: graph.Filter{
		Types:    []graph.RelType{"COOPERATED_WITH", "SUPPLIED"},
		Window:   graph.Window{Since: graph.MustDate("2010"), Until: graph.MustDate("2020-06")},
		Directed: true,
	}}
	if diff := cmp.Diff(want, ts.g.lastPath, cmpopts.IgnoreFields(graph.PathQuery{}, "Names")); diff != "" {
		t.Errorf("path query (-want +got):\n%s", diff)
	}
}

func TestAPINeighborsShape(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/api/v1/entities/KOMID/neighbors?depth=2&limit=10&exclude=Houthis", "")
	body := decode[graph.Subgraph](t, w.Body.Bytes())
	if len(body.Nodes) == 0 || body.Nodes[0].ID != "komid" {
		t.Errorf("neighbors = %s, want komid first", w.Body)
	}
	want := graph.NeighborQuery{ID: "komid", Depth: 2, Limit: 10, Filter: graph.Filter{Exclude: []string{"houthis"}},
		Names: map[string]string{"komid": "KOMID", "houthis": "Houthis"}}
	if diff := cmp.Diff(want, ts.g.lastNeigh); diff != "" {
		t.Errorf("neighbor query (-want +got):\n%s", diff)
	}
	w = ts.do("GET", "/api/v1/entities/komid/neighbors?as_of=1990-11&include_past_events=yes", "")
	if n := decode[struct{ Note string }](t, w.Body.Bytes()).Note; n != "as of 1990-11: states holding then and events up to then; undated claims included (their time is unknown)" {
		t.Errorf("neighbors as of: note = %q", n)
	}
	want = graph.NeighborQuery{ID: "komid", Depth: 1, Limit: graph.DefaultNodeCap, Filter: graph.Filter{AsOf: graph.MustDate("1990-11"), IncludePastEvents: true},
		Names: map[string]string{"komid": "KOMID"}}
	if diff := cmp.Diff(want, ts.g.lastNeigh); diff != "" {
		t.Errorf("neighbor query as of (-want +got):\n%s", diff)
	}
}

func TestAPICypher(t *testing.T) {
	ts := newTestServer(t)
	ts.g.result = &graph.QueryResult{Columns: []string{"name", "n"}, Rows: []map[string]any{{"name": "KOMID", "n": int64(2)}}, Truncated: true}
	w := ts.do("POST", "/api/v1/cypher", `{"query":"MATCH (e) RETURN e.name AS name LIMIT $n","params":{"n":5,"f":1.5,"l":[1,2],"s":"x"}}`, "Content-Type", "application/json; charset=utf-8")
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if got, want := strings.TrimSpace(w.Body.String()), `{"columns":["name","n"],"rows":[{"n":2,"name":"KOMID"}],"truncated":true}`; got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	wantParams := map[string]any{"n": int64(5), "f": 1.5, "l": []any{int64(1), int64(2)}, "s": "x"}
	if diff := cmp.Diff(wantParams, ts.g.lastParams); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}
}

// waitJob follows an import job until it is done.
func waitJob(t *testing.T, ts *testServer, url string) ImportJob {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		w := ts.do("GET", url, "", "Authorization", "Bearer s3cret-token")
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s = %d: %s", url, w.Code, w.Body)
		}
		j := decode[ImportJob](t, w.Body.Bytes())
		if j.Status == jobDone {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s not done: %+v", url, j)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestAPIImport(t *testing.T) {
	const lines = `{"kind":"entity","id":"a","name":"A","type":"Organization"}` + "\n"
	tests := []struct {
		name       string
		cfg        func(*Config)
		header     []string
		body       string
		importErr  error
		importRes  ImportResult
		wantStatus int
		wantError  string
		// For accepted imports: the job's outcome.
		wantOutcome ImportOutcome
	}{
		{"disabled without token", func(c *Config) { c.ImportToken = "" }, []string{"Authorization", "Bearer "}, lines, nil, ImportResult{}, 403, "import is disabled", ""},
		{"no credentials", nil, nil, lines, nil, ImportResult{}, 401, `send the import token as "Authorization: Bearer TOKEN"`, ""},
		{"wrong token", nil, []string{"Authorization", "Bearer s3cret-tokem"}, lines, nil, ImportResult{}, 401, "send the import token", ""},
		{"token prefix", nil, []string{"Authorization", "Bearer s3cret"}, lines, nil, ImportResult{}, 401, "send the import token", ""},
		{"other scheme", nil, []string{"Authorization", "Basic s3cret-token"}, lines, nil, ImportResult{}, 401, "send the import token", ""},
		{"no importer", func(c *Config) { c.Importer = nil }, []string{"Authorization", "Bearer s3cret-token"}, lines, nil, ImportResult{}, 501, "import is not available", ""},
		{"bad format", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, nil, ImportResult{}, 400, `parameter "format": want jsonl, csv, ftm, got "xml"`, ""},
		{"too large", nil, []string{"Authorization", "Bearer s3cret-token"}, strings.Repeat(lines, 40), nil, ImportResult{}, 413, "request body too large", ""},
		{"invalid line", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, graph.Errorf(graph.ErrInvalid, "line 3: unknown type"),
			ImportResult{Problems: []string{"body:3: type: unknown type"}}, 202, "line 3: unknown type", OutcomeRejected},
		{"another run unfinished", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, graph.Errorf(graph.ErrConflict, "import run R is unfinished"),
			ImportResult{}, 202, "import run R is unfinished", OutcomeRefused},
		{"database died, rolled back", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, fmt.Errorf("%w: %v", graph.ErrUnavailable, errBoom),
			ImportResult{Run: "R1", Outcome: OutcomeRolledBack}, 202, "run R1 was rolled back: nothing of it is in the graph", OutcomeRolledBack},
		{"database died, unfinished", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, fmt.Errorf("%w: %v", graph.ErrUnavailable, errBoom),
			ImportResult{Run: "R2", Outcome: OutcomeUnfinished}, 202, "explorer import --rollback R2", OutcomeUnfinished},
		{"ok", nil, []string{"Authorization", "Bearer s3cret-token"}, lines, nil, ImportResult{Run: "R3"}, 202, "", OutcomeCommitted},
		{"ok, scheme in lower case", nil, []string{"Authorization", "bearer s3cret-token"}, lines, nil, ImportResult{Run: "R3"}, 202, "", OutcomeCommitted},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*Config)
			if tt.cfg != nil {
				opts = append(opts, tt.cfg)
			}
			ts := newTestServer(t, opts...)
			ts.im.err, ts.im.res = tt.importErr, tt.importRes
			target := "/api/v1/import"
			if tt.name == "bad format" {
				target += "?format=xml"
			}
			w := ts.do("POST", target, tt.body, append([]string{"Content-Type", "application/x-ndjson"}, tt.header...)...)
			if w.Code != tt.wantStatus {
				t.Fatalf("POST %s = %d, want %d: %s", target, w.Code, tt.wantStatus, w.Body)
			}
			if w.Code != http.StatusAccepted {
				if got := decode[errorBody](t, w.Body.Bytes()).Error; !strings.Contains(got, tt.wantError) {
					t.Errorf("error = %q, want it to contain %q", got, tt.wantError)
				}
				if w.Code == 401 && w.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("401 without WWW-Authenticate")
				}
				return
			}
			accepted := decode[ImportJob](t, w.Body.Bytes())
			if loc := w.Header().Get("Location"); loc == "" || loc != accepted.URL || accepted.ID == "" {
				t.Fatalf("202 with Location %q and job %+v", loc, accepted)
			}
			if w := ts.do("GET", accepted.URL, ""); w.Code != http.StatusUnauthorized {
				t.Errorf("GET %s without the token = %d, want 401", accepted.URL, w.Code)
			}
			j := waitJob(t, ts, accepted.URL)
			if j.Result.Outcome != tt.wantOutcome || !strings.Contains(j.Error, tt.wantError) {
				t.Errorf("job = outcome %q error %q, want %q and an error containing %q", j.Result.Outcome, j.Error, tt.wantOutcome, tt.wantError)
			}
			if strings.Contains(j.Error, "hunter2") || strings.Contains(j.Error, "10.0.0.7") {
				t.Errorf("job error leaks internals: %q", j.Error)
			}
			if ts.im.body != tt.body || ts.im.format != "jsonl" || j.Bytes != int64(len(tt.body)) {
				t.Errorf("importer got format %q body %q (job says %d bytes), want jsonl %q", ts.im.format, ts.im.body, j.Bytes, tt.body)
			}
			if tt.wantOutcome == OutcomeCommitted && (j.Result.Entities.Created != 1 || j.Result.Run != "R3") {
				t.Errorf("result = %+v, want run R3 with 1 entity", j.Result)
			}
			if tt.wantOutcome == OutcomeRejected && !slices.Equal(j.Result.Problems, tt.importRes.Problems) {
				t.Errorf("problems = %q, want %q", j.Result.Problems, tt.importRes.Problems)
			}
		})
	}
}

// TestAPIImportJobs checks a job's life: progress while it runs, a queue
// that refuses more than it holds (429), an unknown job (404), and
// Close, which cancels the running job and refuses the queued ones.
func TestAPIImportJobs(t *testing.T) {
	ts := newTestServer(t)
	ts.im.gate = make(chan struct{})
	auth := []string{"Content-Type", "application/x-ndjson", "Authorization", "Bearer s3cret-token"}
	post := func() *httptest.ResponseRecorder { return ts.do("POST", "/api/v1/import", `{"name":"x"}`, auth...) }
	before := spoolFiles()
	first := decode[ImportJob](t, post().Body.Bytes())
	deadline := time.Now().Add(5 * time.Second)
	for {
		j, _ := ts.imports.view(first.ID)
		if j.Status == jobRunning && j.Progress.Phase == "entities" && j.Progress.Done == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job never showed progress: %+v", j)
		}
		time.Sleep(5 * time.Millisecond)
	}
	var queued []ImportJob
	for range maxQueuedImports {
		w := post()
		if w.Code != http.StatusAccepted {
			t.Fatalf("queued import = %d %s", w.Code, w.Body)
		}
		queued = append(queued, decode[ImportJob](t, w.Body.Bytes()))
	}
	if w := post(); w.Code != http.StatusTooManyRequests {
		t.Errorf("import past the queue = %d %s, want 429", w.Code, w.Body)
	}
	if w := ts.do("GET", "/api/v1/imports/nope", "", auth...); w.Code != http.StatusNotFound {
		t.Errorf("unknown job = %d, want 404", w.Code)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := ts.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if j, _ := ts.imports.view(first.ID); j.Status != jobDone || j.Result.Outcome != OutcomeRolledBack {
		t.Errorf("running job after Close: %+v, want done and rolled back", j)
	}
	for _, q := range queued {
		if j, _ := ts.imports.view(q.ID); j.Status != jobDone || j.Result.Outcome != OutcomeRefused || !strings.Contains(j.Error, "shut down") {
			t.Errorf("queued job after Close: %+v, want refused", j)
		}
	}
	if w := post(); w.Code != http.StatusServiceUnavailable {
		t.Errorf("import after Close = %d, want 503", w.Code)
	}
	if after := spoolFiles(); after != before {
		t.Errorf("%d spool files before, %d after: the jobs left theirs", before, after)
	}
}

func spoolFiles() int {
	entries, _ := filepath.Glob(filepath.Join(os.TempDir(), "explorer-import-*.body"))
	return len(entries)
}

func TestAPIUnavailable(t *testing.T) {
	ts := newTestServer(t)
	ts.g.err = fmt.Errorf("%w: dial tcp 10.0.0.7:7687: connection refused", graph.ErrUnavailable)
	for _, target := range []string{"/api/v1/entities?q=kom", "/api/v1/entities/komid", "/api/v1/entities/komid/neighbors", "/api/v1/paths?from=a&to=b", "/readyz"} {
		w := ts.do("GET", target, "")
		if w.Code != http.StatusServiceUnavailable {
			t.Errorf("GET %s = %d, want 503", target, w.Code)
			continue
		}
		got := decode[errorBody](t, w.Body.Bytes()).Error
		if got != "the graph database is unavailable; try again shortly" {
			t.Errorf("GET %s: error = %q, want the generic unavailable message", target, got)
		}
	}
	if w := ts.do("GET", "/healthz", ""); w.Code != 200 {
		t.Errorf("GET /healthz with the database down = %d, want 200 (liveness does not depend on Neo4j)", w.Code)
	}
	w := ts.do("POST", "/api/v1/cypher", `{"query":"RETURN 1"}`, "Content-Type", "application/json")
	if w.Code != http.StatusServiceUnavailable {
		t.Errorf("POST /api/v1/cypher = %d, want 503", w.Code)
	}
}

// TestExpensiveIsNotAnOutage checks that a query past its time limit is a
// 504 that names the remedy, a client that hung up is not a 5xx, and
// neither opens the breaker for everyone else.
func TestExpensiveIsNotAnOutage(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		err    error
		status int
	}{
		{fmt.Errorf("%w: context deadline exceeded", graph.ErrTimeout), http.StatusGatewayTimeout},
		{fmt.Errorf("search: %w", context.Canceled), 499},
	} {
		ts.g.setErr(tt.err)
		if w := ts.do("GET", "/api/v1/entities?q=kom", ""); w.Code != tt.status {
			t.Errorf("search failing with %v = %d, want %d", tt.err, w.Code, tt.status)
		}
		ts.g.setErr(nil)
		if w := ts.do("GET", "/api/v1/entities?q=kom", ""); w.Code != 200 {
			t.Errorf("after %v: status %d, want 200", tt.err, w.Code)
		}
	}
	if p := ts.g.count("ping"); p != 0 {
		t.Errorf("%d pings: the breaker opened on a timeout or a cancellation", p)
	}
}

// TestBreaker checks that once the database is known to be down, requests
// cost a ping instead of a query, and that the service recovers.
func TestBreaker(t *testing.T) {
	ts := newTestServer(t)
	ts.g.setErr(fmt.Errorf("%w: connection refused", graph.ErrUnavailable))
	for range 3 {
		if w := ts.do("GET", "/api/v1/entities?q=kom", ""); w.Code != 503 {
			t.Fatalf("status %d, want 503", w.Code)
		}
	}
	if s, p := ts.g.count("search"), ts.g.count("ping"); s != 1 || p != 2 {
		t.Errorf("while down: %d searches and %d pings, want 1 search then pings only", s, p)
	}
	ts.g.setErr(nil)
	for range 2 {
		if w := ts.do("GET", "/api/v1/entities?q=kom", ""); w.Code != 200 {
			t.Fatalf("after recovery: status %d, want 200", w.Code)
		}
	}
	if s, p := ts.g.count("search"), ts.g.count("ping"); s != 3 || p != 3 {
		t.Errorf("after recovery: %d searches and %d pings, want 3 and 3 (one ping closes the breaker)", s, p)
	}
}

func TestAPIInternalErrorsDoNotLeak(t *testing.T) {
	ts := newTestServer(t)
	ts.g.err = errBoom
	w := ts.do("GET", "/api/v1/entities/komid", "")
	if w.Code != http.StatusInternalServerError {
		t.Fatalf("status = %d, want 500", w.Code)
	}
	if got := strings.TrimSpace(w.Body.String()); got != `{"error":"internal error"}` {
		t.Errorf("body = %s, want {\"error\":\"internal error\"}", got)
	}
	logs := ts.log.String()
	if n := strings.Count(logs, "connection reset by peer"); n != 1 {
		t.Errorf("the internal error is logged %d times, want once:\n%s", n, logs)
	}
	if !strings.Contains(logs, `"request_id":"`+w.Header().Get("X-Request-Id")+`"`) {
		t.Errorf("log does not carry the request id %s:\n%s", w.Header().Get("X-Request-Id"), logs)
	}
}

func TestAPIEncodeFailure(t *testing.T) {
	ts := newTestServer(t)
	ts.g.result = &graph.QueryResult{Columns: []string{"x"}, Rows: []map[string]any{{"x": make(chan int)}}}
	w := ts.do("POST", "/api/v1/cypher", `{"query":"RETURN 1"}`, "Content-Type", "application/json")
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500: %s", w.Code, w.Body)
	}
}

// panicGraph panics on every call: its embedded Graph is nil.
type panicGraph struct{ Graph }

func TestAPIPanicRecovered(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.Graph = panicGraph{} })
	for _, target := range []string{"/api/v1/entities/komid", "/entities/komid"} {
		w := ts.do("GET", target, "")
		if w.Code != http.StatusInternalServerError {
			t.Errorf("GET %s = %d, want 500", target, w.Code)
		}
		if strings.Contains(w.Body.String(), "nil pointer") {
			t.Errorf("GET %s leaks the panic: %s", target, w.Body)
		}
	}
	if !strings.Contains(ts.log.String(), `"msg":"handler panic"`) {
		t.Errorf("panic not logged:\n%s", ts.log)
	}
	if w := ts.do("GET", "/healthz", ""); w.Code != 200 {
		t.Errorf("server unhealthy after a panic: %d", w.Code)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct{ accept, want string }{
		{"", "json"},
		{"*/*", "json"},
		{"application/json", "json"},
		{"image/svg+xml", "svg"},
		{"image/png", "png"},
		{"text/vnd.graphviz", "dot"},
		{"image/svg+xml;q=0.4, image/png;q=0.9", "png"},
		{"*/*, image/svg+xml;q=0.5", "json"},
		{"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8", "json"},
		{"garbage;;;", "json"},
	}
	for _, tt := range tests {
		if got := negotiate(tt.accept); got != tt.want {
			t.Errorf("negotiate(%q) = %q, want %q", tt.accept, got, tt.want)
		}
	}
}

func TestPublicMessage(t *testing.T) {
	tests := []struct {
		err    error
		status int
		want   string
	}{
		{graph.WrapParam("from", graph.Errorf(graph.ErrNotFound, "no entity is called %q", "x")), 404, `parameter "from": no entity is called "x"`},
		{graph.WrapParam("to", &graph.UnknownEntityError{Ref: "x"}), 404, `parameter "to": no entity is called "x"`},
		{fmt.Errorf("resolving: %w", &graph.AmbiguousError{Ref: "kim"}), 400, `"kim" is ambiguous: it names ; use an id`},
		{graph.ParamErrorf("k", "want an integer from 1 to 50, got %q", "99"), 400, `parameter "k": want an integer from 1 to 50, got "99"`},
		{graph.Errorf(graph.ErrInvalid, "k 99: want 1 to 50"), 400, "k 99: want 1 to 50"},
		{graph.ErrNotFound, 404, "Not Found"},
		{errBoom, 500, "internal error"},
		{fmt.Errorf("%w: %v", graph.ErrUnavailable, errBoom), 503, "the graph database is unavailable; try again shortly"},
		{fmt.Errorf("%w: context deadline exceeded", graph.ErrTimeout), 504, "the query ran past its time limit; narrow it (fewer hops, a smaller k, a date window, fewer types) and try again"},
	}
	for _, tt := range tests {
		if got := publicMessage(tt.err, tt.status); got != tt.want {
			t.Errorf("publicMessage(%q, %d) = %q, want %q", tt.err, tt.status, got, tt.want)
		}
	}
}

func TestTokenEqual(t *testing.T) {
	if !tokenEqual("abc", "abc") || tokenEqual("abc", "abd") || tokenEqual("", "abc") || tokenEqual("abcd", "abc") {
		t.Error("tokenEqual is wrong")
	}
}

// TestPathsIDFastPath checks that refs that look like ids are taken as ids
// without resolving them first, and that refs that look like ids but are
// names or unknown still resolve (or fail) as names do.
func TestPathsIDFastPath(t *testing.T) {
	tests := []struct {
		target string
		status int
		want   string
	}{
		{"/api/v1/paths?from=shig&to=houthis", 200, `"id":"houthis"`},
		{"/api/v1/paths?from=shig&to=ansarallah", 200, `"id":"houthis"`},
		{"/api/v1/paths?from=SHIG&to=Ansar+Allah", 200, `"id":"houthis"`},
		{"/api/v1/paths?from=shig&to=nobody", 404, `nobody`},
		{"/api/v1/paths?from=shig&to=hezbollah&max_hops=1", 404, `no path found between Shahid Hemmat Industrial Group and Hezbollah`},
	}
	for _, tt := range tests {
		ts := newTestServer(t)
		w := ts.do("GET", tt.target, "")
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("GET %s = %d %s; want %d containing %q", tt.target, w.Code, w.Body.String(), tt.status, tt.want)
		}
	}
}

func TestAPIDiff(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/api/v1/entities/komid/diff?from=2000&to=2018", "")
	if w.Code != http.StatusOK {
		t.Fatalf("diff = %d %s", w.Code, w.Body)
	}
	type diffBody struct {
		Entity                             graph.Entity
		From, To                           string
		Started, Ended, Persisted, Between []graph.Relationship
		Entered, Left                      []graph.Entity
		Note                               string
	}
	body := decode[diffBody](t, w.Body.Bytes())
	ids := func(rs []graph.Relationship) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	names := func(es []graph.Entity) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	got := map[string][]string{"started": ids(body.Started), "ended": ids(body.Ended), "persisted": ids(body.Persisted),
		"between": ids(body.Between), "entered": names(body.Entered), "left": names(body.Left)}
	want := map[string][]string{"started": {"r1", "r2"}, "ended": {"r4"}, "persisted": {}, "between": {"r5"},
		"entered": {"houthis", "shig"}, "left": {"irgc"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diff (-want +got):\n%s", diff)
	}
	if body.Entity.ID != "komid" || body.From != "2000" || body.To != "2018" || !strings.Contains(body.Note, "undated claims listed apart") {
		t.Errorf("diff entity %q from %q to %q note %q", body.Entity.ID, body.From, body.To, body.Note)
	}
	w = ts.do("GET", "/api/v1/entities/komid/diff?from=2000&to=2018&format=svg", "")
	if w.Code != http.StatusOK {
		t.Fatalf("diff svg = %d %s", w.Code, w.Body)
	}
	ts.d.mu.Lock()
	in := ts.d.last
	ts.d.mu.Unlock()
	wantChanges := map[string]graph.Change{"r1": graph.Started, "r2": graph.Started, "r4": graph.Ended, "r5": graph.Between}
	if diff := cmp.Diff(wantChanges, in.Changes); diff != "" {
		t.Errorf("diagram changes (-want +got):\n%s", diff)
	}
	if !strings.Contains(in.Title, "What changed around KOMID between 2000 and 2018") || len(in.Graph.Relationships) != 4 {
		t.Errorf("diagram title %q with %d relationships", in.Title, len(in.Graph.Relationships))
	}
}
