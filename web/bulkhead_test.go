package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"explorer/graph"
	"explorer/internal/testdb"
	"explorer/web"
)

// TestBulkheadsUnderLoad runs the real router against the real Neo4j, with
// a driver set up as `explorer serve` sets it up (50 connections, 3 s to
// get one), and sends 60 slow console queries at once. Search and entity
// pages must keep answering quickly throughout, the console queries beyond
// their bulkhead must get 503 with Retry-After, and none may get a 5xx of
// another kind.
func TestBulkheadsUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	_, cfg := testdb.Connect(t)
	st0 := testdb.Open(t)
	ctx := context.Background()
	if _, err := st0.UpsertEntities(ctx, []graph.Entity{{ID: "komid", Name: "KOMID", Type: graph.Organization}}); err != nil {
		t.Fatal(err)
	}
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		c.MaxConnectionPoolSize = 50
		c.ConnectionAcquisitionTimeout = 3 * time.Second
		c.MaxTransactionRetryTime = 500 * time.Millisecond
	})
	if err != nil {
		t.Fatal(err)
	}
	defer drv.Close(ctx)
	// As serve does at start-up; the driver's first connection also sets
	// up its connector, which races when many connections open at once.
	if err := drv.VerifyConnectivity(ctx); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Graph: graph.NewStore(drv, cfg.Database), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		QueryLimits: graph.QueryLimits{Rows: 10, Bytes: 1 << 20, Timeout: 8 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	slow := `{"query":"UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"}`
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	retryAfter := 0
	for range 60 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", ts.URL+"/api/v1/cypher", strings.NewReader(slow))
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			codes[resp.StatusCode]++
			if resp.StatusCode == 503 && resp.Header.Get("Retry-After") != "" {
				retryAfter++
			}
			mu.Unlock()
		}()
	}
	time.Sleep(500 * time.Millisecond)
	var lat []time.Duration
	deadline := time.Now().Add(4 * time.Second)
	for time.Now().Before(deadline) {
		for _, path := range []string{"/api/v1/entities?q=" + url.QueryEscape("KOMID"), "/entities/komid", "/api/v1/entities/komid", "/healthz"} {
			start := time.Now()
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			d := time.Since(start)
			lat = append(lat, d)
			if resp.StatusCode != 200 {
				t.Errorf("GET %s under load = %d, want 200", path, resp.StatusCode)
			}
		}
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("under 60 slow console queries: %d requests to search/entity/health, p50 %s, p99 %s, max %s; console answers %v (%d with Retry-After)",
		len(lat), p50, p99, lat[len(lat)-1], codes, retryAfter)
	// Without bulkheads the pool runs dry and these wait for their 3 s
	// connection timeout, then fail: the 200s above are the check. The
	// latencies are logged, not asserted (timings belong in BENCHMARKS.md,
	// and a shared machine's load moves them).
	if codes[503] < 60-web.DefaultBulkheads.Console || retryAfter != codes[503] {
		t.Errorf("console answers %v, %d with Retry-After; want at least %d refused with 503 and Retry-After", codes, retryAfter, 60-web.DefaultBulkheads.Console)
	}
	for code, n := range codes {
		// 504: the queries that got a slot ran past their time limit.
		if code != 503 && code != 504 && code != 400 && code != 200 {
			t.Errorf("%d console queries got %d", n, code)
		}
	}
}
