package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
	"explorer/web"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine to write while
// the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// requireDot reports whether the Graphviz dot program (PNG and PDF) is
// installed. When it is not, the check is logged as left out, or fails the
// test when CI or EXPLORER_REQUIRE_NEO4J is set.
func requireDot(t *testing.T) bool {
	t.Helper()
	if _, err := exec.LookPath("dot"); err != nil {
		if testdb.Required() {
			t.Errorf("the Graphviz dot program is required (CI or EXPLORER_REQUIRE_NEO4J is set): %v", err)
		} else {
			t.Logf("PNG checks left out: %v (apt-get install graphviz)", err)
		}
		return false
	}
	return true
}

var listeningLine = regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)

// serveEnv is the environment of a test server: the test database's
// connection settings plus extra variables.
func serveEnv(t *testing.T, extra ...string) map[string]string {
	t.Helper()
	_, cfg := testdb.Connect(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	for i := 0; i+1 < len(extra); i += 2 {
		env[extra[i]] = extra[i+1]
	}
	return env
}

// startServe runs the real run() with "serve --addr 127.0.0.1:0" and returns
// the URL it listens on and its log. The server is shut down, and must exit
// cleanly, when the test ends.
func startServe(t *testing.T, env map[string]string, args ...string) (string, *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), func(k string) string { return env[k] },
			strings.NewReader(""), io.Discard, stderr)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("serve exited with %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("serve did not shut down within 20s")
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := listeningLine.FindStringSubmatch(stderr.String()); m != nil {
			return m[1], stderr
		}
		select {
		case err := <-errc:
			t.Fatalf("serve exited early: %v\n%s", err, stderr)
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve printed no listening line:\n%s", stderr)
	return "", nil
}

// serveFixture is a small graph shaped like the article's: how SHIG is
// linked to the Houthis goes through KOMID.
var serveFixture = struct {
	entities []graph.Entity
	rels     []graph.Relationship
}{
	entities: []graph.Entity{
		{ID: "shig", Name: "Shahid Hemmat Industrial Group", Type: graph.Organization, Aliases: []string{"SHIG"}, Description: "Iran's liquid-fuel missile developer.", Country: "IR"},
		{ID: "komid", Name: "Korea Mining Development Trading Corporation", Type: graph.Organization, Aliases: []string{"KOMID"}, Description: "North Korea's primary arms dealer.", Country: "KP"},
		{ID: "houthis", Name: "Houthis", Type: graph.Organization, Aliases: []string{"Ansar Allah"}, Country: "YE"},
		{ID: "irgc", Name: "Islamic Revolutionary Guard Corps", Type: graph.Organization, Aliases: []string{"IRGC"}, Country: "IR"},
		{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization, Country: "LB"},
		{ID: "north-korea", Name: "North Korea", Type: graph.State, Aliases: []string{"DPRK"}},
		{ID: "iran", Name: "Iran", Type: graph.State},
		{ID: "xss-test", Name: "<script>alert(1)</script>", Type: graph.Organization, Description: `<img src=x onerror=alert(2)>`},
	},
	rels: []graph.Relationship{
		{ID: "shig-komid", Type: "COOPERATED_WITH", From: "shig", To: "komid", Start: graph.MustDate("2016-01"),
			Evidence: "SHIG's relationship with KOMID was announced", Source: "38 North", SourceURL: "https://www.38north.org/2021/06/north-korea-iran/",
			CitedSource: "US Treasury Department, January 2016", Confidence: graph.Reported},
		{ID: "komid-houthis", Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2018-08"),
			Evidence: `KOMID was trying to supply "arms" to the Houthis`, Source: "38 North", CitedSource: "UN Panel of Experts report, August 2018", Confidence: graph.Alleged},
		{ID: "komid-dprk", Type: "PART_OF", From: "komid", To: "north-korea", Evidence: "KOMID, North Korea's primary arms dealer", Source: "38 North", Confidence: graph.Confirmed},
		{ID: "irgc-hezbollah", Type: "SUPPORTS", From: "irgc", To: "hezbollah", Start: graph.MustDate("1982"), Evidence: "the IRGC created Hezbollah", Source: "38 North", Confidence: graph.Confirmed},
		{ID: "dprk-irgc", Type: "TRAINED", From: "north-korea", To: "irgc", Start: graph.MustDate("1990-11"), Evidence: "North Korea trained IRGC personnel", Source: "38 North", Confidence: graph.Reported},
		{ID: "dprk-iran", Type: "DIPLOMATIC_RELATIONS", From: "north-korea", To: "iran", Start: graph.MustDate("1973"), Evidence: "relations established in 1973", Source: "38 North", Confidence: graph.Confirmed},
		{ID: "xss-houthis", Type: "SUPPLIED", From: "xss-test", To: "houthis", Start: graph.MustDate("2009"),
			Evidence: `<img src=x onerror=alert(3)> "quoted" & more`, Source: "<b>bold source</b>", SourceURL: "javascript:alert(4)", Confidence: graph.Disputed},
	},
}

// loadServeFixture resets the test database and writes the fixture through
// the store.
func loadServeFixture(t *testing.T) {
	t.Helper()
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := st.UpsertEntities(ctx, serveFixture.entities); err != nil {
		t.Fatalf("UpsertEntities: %v", err)
	}
	if _, err := st.UpsertRelationships(ctx, serveFixture.rels); err != nil {
		t.Fatalf("UpsertRelationships: %v", err)
	}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func httpDo(t *testing.T, method, u, contentType, body string, header ...string) response {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, u, r)
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: read: %v", method, u, err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func errorOf(t *testing.T, r response) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	if err := json.Unmarshal(r.body, &e); err != nil {
		t.Fatalf("error body %q: %v", r.body, err)
	}
	return e.Error
}

func TestServeEndToEnd(t *testing.T) {
	loadServeFixture(t)
	env := serveEnv(t)
	base, logs := startServe(t, env)

	for _, p := range []string{"/healthz", "/readyz"} {
		if r := httpDo(t, "GET", base+p, "", ""); r.status != 200 {
			t.Errorf("GET %s = %d: %s", p, r.status, r.body)
		}
	}

	// Search, as the suggestions use it.
	r := httpDo(t, "GET", base+"/api/v1/entities?q=kom", "", "")
	var hits struct{ Results []graph.SearchHit }
	if err := json.Unmarshal(r.body, &hits); err != nil || r.status != 200 || len(hits.Results) == 0 || hits.Results[0].ID != "komid" {
		t.Errorf("search kom = %d %s, want komid first", r.status, r.body)
	}

	// An entity by alias.
	r = httpDo(t, "GET", base+"/api/v1/entities/kOmId", "", "")
	var ent graph.Entity
	if err := json.Unmarshal(r.body, &ent); err != nil || ent.ID != "komid" {
		t.Errorf("entity KOMID = %d %s", r.status, r.body)
	}

	// The path API answers exactly what `explorer path --format json` prints.
	r = httpDo(t, "GET", base+"/api/v1/paths?from=SHIG&to=Ansar+Allah", "", "")
	if r.status != 200 {
		t.Fatalf("paths = %d %s", r.status, r.body)
	}
	cliOut, cliErr, code := cli(t, "path", "SHIG", "Ansar Allah", "--format", "json")
	if code != 0 {
		t.Fatalf("cli path: exit %d: %s", code, cliErr)
	}
	var apiBody, cliBody any
	if err := json.Unmarshal(r.body, &apiBody); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(cliOut), &cliBody); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(cliBody, apiBody); diff != "" {
		t.Errorf("API paths differ from the CLI's JSON (-cli +api):\n%s", diff)
	}

	tests := []struct {
		name, target string
		status       int
		wantError    string
	}{
		{"no path", "/api/v1/paths?from=shig&to=houthis&types=TRAINED", 404, "no path found between Shahid Hemmat Industrial Group and Houthis (shortest, at most 4 hops; either direction; types TRAINED; any date; undated links included; any confidence; any status; ranked by length)"},
		{"unknown entity", "/api/v1/paths?from=shig&to=Atlantis", 404, `parameter "to": no entity is called "Atlantis"`},
		{"bad date", "/api/v1/paths?from=shig&to=houthis&since=2016-02-30", 400, `parameter "since"`},
		{"excluded hub", "/api/v1/paths?from=shig&to=houthis&exclude=KOMID", 404, "not through Korea Mining Development Trading Corporation"},
		{"window keeps old links out", "/api/v1/paths?from=shig&to=houthis&until=2017", 404, "until 2017"},
	}
	for _, tt := range tests {
		r := httpDo(t, "GET", base+tt.target, "", "")
		if r.status != tt.status || !strings.Contains(errorOf(t, r), tt.wantError) {
			t.Errorf("%s: GET %s = %d %s, want %d containing %q", tt.name, tt.target, r.status, r.body, tt.status, tt.wantError)
		}
	}

	// Neighbours.
	r = httpDo(t, "GET", base+"/api/v1/entities/komid/neighbors", "", "")
	var sub graph.Subgraph
	if err := json.Unmarshal(r.body, &sub); err != nil || len(sub.Nodes) != 4 || len(sub.Relationships) != 3 {
		t.Errorf("neighbors komid = %d %s, want 4 nodes and 3 relationships", r.status, r.body)
	}

	// Read-only Cypher, and a write refused.
	r = httpDo(t, "POST", base+"/api/v1/cypher", "application/json", `{"query":"MATCH (e:Entity) RETURN e.id AS id ORDER BY id LIMIT $n","params":{"n":3}}`)
	if got := strings.TrimSpace(string(r.body)); r.status != 200 || got != `{"columns":["id"],"rows":[{"id":"hezbollah"},{"id":"houthis"},{"id":"iran"}],"truncated":false}` {
		t.Errorf("cypher = %d %s", r.status, got)
	}
	r = httpDo(t, "POST", base+"/api/v1/cypher", "application/json", `{"query":"MATCH (e:Entity) DETACH DELETE e"}`)
	if r.status != 403 {
		t.Errorf("cypher write = %d %s, want 403", r.status, r.body)
	}
	if r := httpDo(t, "GET", base+"/api/v1/entities/komid", "", ""); r.status != 200 {
		t.Errorf("komid is gone after the refused write: %d", r.status)
	}

	// Diagrams, rendered by the real renderer (a worker process).
	r = httpDo(t, "GET", base+"/api/v1/paths?from=shig&to=houthis&format=svg", "", "")
	if r.status != 200 || r.header.Get("Content-Type") != "image/svg+xml" || !bytes.Contains(r.body, []byte(`xlink:href="/entities/komid"`)) {
		t.Errorf("paths svg = %d %s, want an SVG linking KOMID to its page", r.status, r.header.Get("Content-Type"))
	}
	r = httpDo(t, "GET", base+"/api/v1/entities/houthis/neighbors", "", "", "Accept", "image/svg+xml")
	if r.status != 200 || bytes.Contains(r.body, []byte("<script>alert")) || !bytes.Contains(r.body, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("neighbors svg = %d, want the hostile name escaped", r.status)
	}
	r = httpDo(t, "GET", base+"/api/v1/paths?from=shig&to=houthis&format=dot", "", "")
	if r.status != 200 || !bytes.HasPrefix(r.body, []byte("digraph")) {
		t.Errorf("paths dot = %d %.40q", r.status, r.body)
	}
	if requireDot(t) {
		r = httpDo(t, "GET", base+"/api/v1/paths?from=shig&to=houthis&format=png", "", "")
		if r.status != 200 || !bytes.HasPrefix(r.body, []byte("\x89PNG")) {
			t.Errorf("paths png = %d %.40q", r.status, r.body)
		}
	}
	r = httpDo(t, "POST", base+"/api/v1/cypher?format=svg", "application/json", `{"query":"MATCH p = (:Entity {id: 'shig'})-[*1..2]-(:Entity {id: 'houthis'}) RETURN p"}`)
	if r.status != 200 || !bytes.Contains(r.body, []byte(`xlink:href="/entities/houthis"`)) {
		t.Errorf("cypher svg = %d %.200s", r.status, r.body)
	}

	// Import is disabled without a token.
	r = httpDo(t, "POST", base+"/api/v1/import", "application/x-ndjson", "{}\n", "Authorization", "Bearer x")
	if r.status != 403 {
		t.Errorf("import without a configured token = %d, want 403", r.status)
	}

	// Pages.
	r = httpDo(t, "GET", base+"/paths?from=SHIG&to=Houthis", "", "")
	if r.status != 200 || !bytes.Contains(r.body, []byte("KOMID was trying to supply &#34;arms&#34; to the Houthis")) {
		t.Errorf("paths page = %d, want the evidence quote", r.status)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Frame-Options":         "DENY", "X-Content-Type-Options": "nosniff",
	} {
		if got := r.header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	r = httpDo(t, "GET", base+"/entities/xss-test", "", "")
	if r.status != 200 || bytes.Contains(r.body, []byte("<script>alert")) || !bytes.Contains(r.body, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Errorf("xss entity page = %d, want the name escaped", r.status)
	}

	// Metrics saw all of this.
	r = httpDo(t, "GET", base+"/metrics", "", "")
	if !bytes.Contains(r.body, []byte(`explorer_http_requests_total{method="GET",route="/api/v1/paths",status="200"}`)) ||
		!bytes.Contains(r.body, []byte(`explorer_graph_query_duration_seconds_count{op="paths",outcome="ok"}`)) {
		t.Errorf("metrics lack request and query series")
	}

	// Latency of the path API on the fixture, for the record.
	var ds []time.Duration
	for range 50 {
		start := time.Now()
		if r := httpDo(t, "GET", base+"/api/v1/paths?from=shig&to=houthis&mode=k-shortest&k=3", "", ""); r.status != 200 {
			t.Fatalf("paths = %d", r.status)
		}
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	t.Logf("GET /api/v1/paths on the fixture: p50 %v, p90 %v, max %v (50 sequential requests)", ds[25], ds[45], ds[49])

	// Requests are logged as JSON with snake_case keys.
	if !strings.Contains(logs.String(), `"route":"/api/v1/paths"`) || !strings.Contains(logs.String(), `"duration_ms":`) {
		t.Errorf("request log lacks route or duration:\n%s", logs)
	}
}

// TestServeNeo4jDown starts the service against a port where no Neo4j
// listens: it serves, /readyz and data requests answer 503 quickly and say
// nothing about the address or driver.
func TestServeNeo4jDown(t *testing.T) {
	env := map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "not-used-secret"}
	base, logs := startServe(t, env)
	for _, p := range []string{"/readyz", "/api/v1/entities?q=kom", "/api/v1/paths?from=shig&to=houthis"} {
		start := time.Now()
		r := httpDo(t, "GET", base+p, "", "")
		d := time.Since(start)
		if r.status != 503 {
			t.Errorf("GET %s = %d %s, want 503", p, r.status, r.body)
			continue
		}
		if got := errorOf(t, r); got != "the graph database is unavailable; try again shortly" {
			t.Errorf("GET %s: error %q", p, got)
		}
		if d > 5*time.Second {
			t.Errorf("GET %s took %v, want a fast 503", p, d)
		}
		t.Logf("GET %s with Neo4j down: 503 in %v", p, d.Round(time.Millisecond))
	}
	if r := httpDo(t, "GET", base+"/healthz", "", ""); r.status != 200 {
		t.Errorf("GET /healthz = %d, want 200", r.status)
	}
	if r := httpDo(t, "GET", base+"/", "", ""); r.status != 200 {
		t.Errorf("GET / = %d, want 200 (the search page needs no database)", r.status)
	}
	if strings.Contains(logs.String(), "not-used-secret") {
		t.Errorf("the password appears in the log")
	}
}

func TestServeFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:8080"}, `--addr "0.0.0.0:8080" is not a loopback address; add --public`},
		{[]string{"serve", "--addr", ":8080"}, "is not a loopback address"},
		{[]string{"serve", "--addr", "8080"}, "want host:port"},
		{[]string{"serve", "--import-token", "short"}, "at least 16 characters"},
		{[]string{"serve", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "--log-level", "loud"}, "--log-level"},
	}
	for _, tt := range tests {
		var stderr bytes.Buffer
		err := run(context.Background(), tt.args, func(string) string { return "" }, strings.NewReader(""), io.Discard, &stderr)
		var ue usageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v, want a usage error containing %q", tt.args, err, tt.want)
		}
	}
	for _, ok := range []struct {
		addr   string
		public bool
	}{{"127.0.0.1:0", false}, {"[::1]:8080", false}, {"localhost:8080", false}, {"0.0.0.0:8080", true}} {
		if err := checkListenAddr(ok.addr, ok.public); err != nil {
			t.Errorf("checkListenAddr(%q, %v) = %v, want nil", ok.addr, ok.public, err)
		}
	}
}

// TestServeImport checks the token guard and the import end to end.
func TestServeImport(t *testing.T) {
	loadServeFixture(t)
	const token = "0123456789abcdef-test"
	base, _ := startServe(t, serveEnv(t, "EXPLORER_IMPORT_TOKEN", token))
	const lines = `{"kind":"entity","id":"aio","name":"Aerospace Industries Organization","type":"Organization","aliases":["AIO"]}
{"kind":"relationship","id":"shig-aio","type":"SUBSIDIARY_OF","from":"shig","to":"aio","start":"1990","evidence":"SHIG, a subsidiary of AIO","source":"38 North","confidence":"confirmed"}
`
	r := httpDo(t, "POST", base+"/api/v1/import", "application/x-ndjson", lines, "Authorization", "Bearer wrong-token-wrong-token")
	if r.status != 401 {
		t.Errorf("import with a wrong token = %d, want 401", r.status)
	}
	if r := httpDo(t, "GET", base+"/api/v1/entities/aio", "", ""); r.status != 404 {
		t.Fatalf("aio exists before the import: %d", r.status)
	}
	j := importJob(t, base, token, lines)
	if want := (graph.BulkResult{Created: 1}); j.Result.Outcome != web.OutcomeCommitted || j.Result.Entities != want || j.Result.Relationships != want || j.Result.Run == "" {
		t.Fatalf("import job = %+v", j)
	}
	r = httpDo(t, "GET", base+"/api/v1/paths?from=AIO&to=Houthis", "", "")
	if r.status != 200 {
		t.Errorf("path from the imported entity = %d %s", r.status, r.body)
	}
	// A bad line rejects the whole body and names the line.
	bad := `{"kind":"entity","id":"new-one","name":"New","type":"Organization"}
{"kind":"relationship","id":"x","type":"BRIBED","from":"new-one","to":"shig","source":"s","confidence":"alleged"}
`
	j = importJob(t, base, token, bad)
	if j.Result.Outcome != web.OutcomeRejected || !strings.Contains(j.Error, "body:2") || len(j.Result.Problems) != 1 || !strings.HasPrefix(j.Result.Problems[0], "body:2") {
		t.Errorf("bad import = %+v, want rejected naming body:2", j)
	}
	if r := httpDo(t, "GET", base+"/api/v1/entities/new-one", "", ""); r.status != 404 {
		t.Errorf("a rejected import wrote new-one: %d", r.status)
	}
}

// importJob posts body to the import endpoint and follows the job until
// it is done.
func importJob(t *testing.T, base, token, body string) web.ImportJob {
	t.Helper()
	r := httpDo(t, "POST", base+"/api/v1/import", "application/x-ndjson", body, "Authorization", "Bearer "+token)
	if r.status != http.StatusAccepted {
		t.Fatalf("import = %d %s, want 202", r.status, r.body)
	}
	var j web.ImportJob
	if err := json.Unmarshal(r.body, &j); err != nil {
		t.Fatal(err)
	}
	return followJob(t, base, token, j.URL, 60*time.Second)
}

// followJob polls an import job until it is done or within passes.
func followJob(t *testing.T, base, token, url string, within time.Duration) web.ImportJob {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		r := httpDo(t, "GET", base+url, "", "", "Authorization", "Bearer "+token)
		var j web.ImportJob
		if r.status != http.StatusOK || json.Unmarshal(r.body, &j) != nil {
			t.Fatalf("GET %s = %d %s", url, r.status, r.body)
		}
		if j.Status == "done" {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("import job not done after %s: %+v", within, j)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
