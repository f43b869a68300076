package web_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
	"explorer/web"
)

// TestCypherAttacksThroughHTTP sends the attack list of the graph package
// (graph/testdata/attacks.txt) through the real router to the real Neo4j:
// as JSON to POST /api/v1/cypher, as the console's form to POST /cypher,
// and as a GET /cypher link. Every POST must be refused with 400 or 403,
// every GET must only fill the form; no answer may show file content or
// settings, a loopback listener must get no connection, and the database
// must not change.
func TestCypherAttacksThroughHTTP(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := st.UpsertEntities(ctx, []graph.Entity{{ID: "komid", Name: "KOMID", Type: graph.Organization}}); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var hits atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			hits.Add(1)
			c.Close()
		}
	}()
	before := dbFingerprint(t)
	srv, err := web.New(web.Config{Graph: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	attacks := readAttacks(t, ln.Addr().String())
	for _, q := range attacks {
		body, _ := json.Marshal(map[string]string{"query": q})
		code, text := send(t, "POST", ts.URL+"/api/v1/cypher", "application/json", string(body))
		if code != 400 && code != 403 {
			t.Errorf("POST /api/v1/cypher %q = %d, want 400 or 403: %.200s", q, code, text)
		}
		checkNoLeak(t, "api", q, text)
		code, text = send(t, "POST", ts.URL+"/cypher", "application/x-www-form-urlencoded", url.Values{"query": {q}}.Encode())
		if code != 400 && code != 403 {
			t.Errorf("POST /cypher %q = %d, want 400 or 403: %.200s", q, code, text)
		}
		checkNoLeak(t, "console", q, text)
		code, text = send(t, "GET", ts.URL+"/cypher?query="+url.QueryEscape(q), "", "")
		if code != 200 || strings.Contains(text, `id="result"`) || strings.Contains(text, `id="problem"`) {
			t.Errorf("GET /cypher?query=%q = %d and ran it; want the form only", q, code)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback listener got %d connections", n)
	}
	if after := dbFingerprint(t); after != before {
		t.Error("the database changed under the attacks")
	}
}

func send(t *testing.T, method, target, ctype, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func checkNoLeak(t *testing.T, via, q, text string) {
	t.Helper()
	for _, s := range []string{"root:x:0:0", "/bin/bash", "PATH=", "NEO4J_", "server.directories", "dbms.security."} {
		if strings.Contains(text, s) {
			t.Errorf("%s: %q leaked %q", via, q, s)
		}
	}
}

// readAttacks reads graph/testdata/attacks.txt, the one attack list.
func readAttacks(t *testing.T, addr string) []string {
	t.Helper()
	f, err := os.Open("../graph/testdata/attacks.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		_, lit, _ := strings.Cut(line, "\t")
		q, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("attacks.txt: %q: %v", line, err)
		}
		out = append(out, strings.ReplaceAll(q, "{{ADDR}}", addr))
	}
	if len(out) < 50 {
		t.Fatalf("attacks.txt holds %d attacks", len(out))
	}
	return out
}

// dbFingerprint summarises the database: every node and relationship with
// its properties, and the schema.
func dbFingerprint(t *testing.T) string {
	t.Helper()
	drv, cfg := testdb.Connect(t)
	h := sha256.New()
	for _, q := range []string{
		`MATCH (n) WITH n ORDER BY elementId(n) RETURN count(n) AS c, collect([labels(n), properties(n)]) AS x`,
		`MATCH ()-[r]->() WITH r ORDER BY elementId(r) RETURN count(r) AS c, collect([type(r), properties(r)]) AS x`,
		`SHOW INDEXES YIELD name RETURN count(*) AS c, collect(name) AS x`,
	} {
		res, err := neo4j.ExecuteQuery(context.Background(), drv, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprint(h, res.Records[0].Values)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}
