package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"explorer/graph"
	"explorer/web"
)

// HTTPConfig sets up the load benchmark.
type HTTPConfig struct {
	// Levels are the numbers of concurrent clients, run one after the other.
	Levels []int
	// Duration bounds each level.
	Duration time.Duration
	Seed     uint64
	// Diagrams is the service's renderer; Registry holds its metrics.
	Diagrams web.Diagrams
	Registry *prometheus.Registry
}

// httpKinds are the request kinds of the mix, in the order they are drawn.
var httpKinds = []string{"search", "entity page", "path JSON", "cached diagram"}

// HTTP drives the service's own stack (a real server on a loopback port,
// in this process) with closed-loop clients at each level of concurrency for
// a bounded time, over a mix of search, entity page, path JSON and cached
// diagram requests, and reports throughput, p50/p99, 503s (bulkheads
// refusing work, with Retry-After) apart from errors, and the server's RSS
// and goroutines before and after. Every loop stops by itself.
func HTTP(ctx context.Context, st *graph.Store, cfg HTTPConfig, out, log io.Writer) error {
	ids, err := entityIDs(ctx, st)
	if err != nil {
		return err
	}
	if len(ids) < 10 {
		return errors.New("bench http: load a graph first (explorer seed or explorer generate --load)")
	}
	names := make([]string, 0, 200)
	for _, id := range ids[:min(len(ids), 200)] {
		// Ids are slugs of names: their first word is a search term.
		names = append(names, strings.Split(id, "-")[0])
	}
	addr, stop, err := serveLoopback(web.Config{Graph: st, Diagrams: cfg.Diagrams, Registry: cfg.Registry})
	if err != nil {
		return err
	}
	defer stop()
	rng := rand.New(rand.NewPCG(cfg.Seed, 13))
	// A few fixed pairs make the diagrams: after the first render of each
	// they come from the render cache.
	// pair draws two different entities (a path from an entity to itself is
	// bad usage, 400).
	pair := func(r *rand.Rand) [2]string {
		a := r.IntN(len(ids))
		b := (a + 1 + r.IntN(len(ids)-1)) % len(ids)
		return [2]string{ids[a], ids[b]}
	}
	var diagramPairs [][2]string
	for range 8 {
		diagramPairs = append(diagramPairs, pair(rng))
	}
	target := func(r *rand.Rand) (string, string) {
		kind := httpKinds[r.IntN(len(httpKinds))]
		switch kind {
		case "search":
			return kind, addr + "/api/v1/entities?" + url.Values{"q": {names[r.IntN(len(names))]}}.Encode()
		case "entity page":
			return kind, addr + "/entities/" + url.PathEscape(ids[r.IntN(len(ids))])
		case "path JSON":
			p := pair(r)
			v := url.Values{"from": {p[0]}, "to": {p[1]}, "format": {"json"}}
			return kind, addr + "/api/v1/paths?" + v.Encode()
		default:
			p := diagramPairs[r.IntN(len(diagramPairs))]
			return kind, addr + "/api/v1/paths?" + url.Values{"from": {p[0]}, "to": {p[1]}, "format": {"svg"}}.Encode()
		}
	}
	// Warm up: the driver's pool, the render workers and the diagram cache.
	warm := &http.Client{Timeout: 60 * time.Second}
	for _, p := range diagramPairs {
		get(warm, addr+"/api/v1/paths?"+url.Values{"from": {p[0]}, "to": {p[1]}, "format": {"svg"}}.Encode())
	}
	for range 20 {
		_, u := target(rng)
		get(warm, u)
	}
	warm.CloseIdleConnections()
	settle := func() (int64, int) {
		time.Sleep(2 * time.Second)
		runtime.GC()
		return selfRSS(), runtime.NumGoroutine()
	}
	rss0, gor0 := settle()
	fmt.Fprintf(out, "graph: %d entities; mix: %s, drawn evenly; %s per level\n", len(ids), strings.Join(httpKinds, ", "), cfg.Duration)
	fmt.Fprintln(out, "| clients | requests | throughput | p50 | p99 | p99/p50 | 503 (bulkheads) | errors | server RSS after | goroutines after |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|---|---|")
	var perKind []string
	for li, n := range cfg.Levels {
		var (
			mu      sync.Mutex
			lat     []time.Duration
			kindLat = map[string][]time.Duration{}
			busy    int
			errs    int
			byKind  = map[string]int{}
		)
		client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: n}}
		deadline := time.Now().Add(cfg.Duration)
		t0 := time.Now()
		var wg sync.WaitGroup
		for c := range n {
			r := rand.New(rand.NewPCG(cfg.Seed+uint64(li), uint64(c)))
			wg.Go(func() {
				for time.Now().Before(deadline) && ctx.Err() == nil {
					kind, u := target(r)
					s := time.Now()
					status, err := get(client, u)
					d := time.Since(s)
					mu.Lock()
					switch {
					case err == nil && (status == http.StatusOK || status == http.StatusNotFound):
						lat = append(lat, d)
						kindLat[kind] = append(kindLat[kind], d)
					case status == http.StatusServiceUnavailable:
						busy++
						byKind[kind]++
					default:
						errs++
						if errs <= 5 {
							fmt.Fprintf(log, "bench http: %s %s: status %d, %v\n", kind, u, status, err)
						}
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		took := time.Since(t0)
		client.CloseIdleConnections()
		rss, gor := settle()
		slices.Sort(lat)
		q := func(f float64) time.Duration {
			if len(lat) == 0 {
				return 0
			}
			return lat[min(len(lat)-1, int(f*float64(len(lat))))]
		}
		total := len(lat) + busy + errs
		ratio := 0.0
		if q(.5) > 0 {
			ratio = float64(q(.99)) / float64(q(.5))
		}
		var busyKinds []string
		for _, k := range httpKinds {
			if byKind[k] > 0 {
				busyKinds = append(busyKinds, fmt.Sprintf("%d %s", byKind[k], k))
			}
		}
		busyText := fmt.Sprintf("%d", busy)
		if len(busyKinds) > 0 {
			busyText += " (" + strings.Join(busyKinds, ", ") + ")"
		}
		fmt.Fprintf(out, "| %d | %d | %.0f/s | %s | %s | %.1f | %s | %d (%.2f%%) | %.0f MB | %d |\n",
			n, total, float64(total)/took.Seconds(), msText(q(.5)), msText(q(.99)), ratio, busyText,
			errs, 100*float64(errs)/float64(max(total, 1)), float64(rss)/1e6, gor)
		var kinds []string
		for _, k := range httpKinds {
			ds := kindLat[k]
			if len(ds) == 0 {
				continue
			}
			slices.Sort(ds)
			kinds = append(kinds, fmt.Sprintf("%s %s/%s", k, msText(ds[len(ds)/2]), msText(ds[min(len(ds)-1, len(ds)*99/100)])))
		}
		perKind = append(perKind, fmt.Sprintf("%d clients: %s", n, strings.Join(kinds, ", ")))
	}
	fmt.Fprintf(out, "p50/p99 by kind: %s\n", strings.Join(perKind, "; "))
	rss1, gor1 := settle()
	fmt.Fprintf(out, "server before the run: %.0f MB RSS, %d goroutines; after: %.0f MB, %d goroutines\n",
		float64(rss0)/1e6, gor0, float64(rss1)/1e6, gor1)
	return nil
}

func msText(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// get fetches u, reads the body to the end and returns the status.
func get(c *http.Client, u string) (int, error) {
	resp, err := c.Get(u)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}
