// Package bench holds the benchmark harnesses behind `explorer bench`: path
// queries through the driver and the HTTP API, diagram rendering through
// the service, and batched against naive imports. Benchmarks are commands
// that print a Markdown table for BENCHMARKS.md, not timed tests; the
// product's packages carry no benchmark-only options.
package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/prometheus/client_golang/prometheus"

	"explorer/graph"
	"explorer/web"
)

// PathsConfig sets up the path benchmark.
type PathsConfig struct {
	Pairs, Warmup int
	Seed          uint64
	Mode          graph.PathMode
	MaxHops       int
	// K is the number of paths the ranked modes ask for; 0 is the default.
	K int
	// Baseline also times, on the same pairs right after the search, the
	// way the mode ran before: in the chronological mode the exhaustive
	// query (see baselineChronological), in the k-shortest mode Yen's
	// algorithm with one shortestPath query per spur (see
	// baselineKShortest), which runs on Driver.
	Baseline bool
	// Driver and Database are the k-shortest baseline's connection: its
	// spur queries are not a product API, so they run on a driver of
	// their own.
	Driver   neo4j.DriverWithContext
	Database string
	// PathIndex builds the store's path index first (see
	// graph.Store.BuildPathIndex) and also times, on the same pairs, the
	// same search on Neo4j alone, checking that both give the same paths
	// (see samePaths). It serves every mode but shortest.
	PathIndex bool
}

// Paths measures path queries on whatever graph the database holds,
// through the store (the Cypher run directly through the driver) and through
// the HTTP API of a real server on a loopback port, on the same random
// pairs. Failures are logged to log; the table goes to out.
func Paths(ctx context.Context, st *graph.Store, cfg PathsConfig, out, log io.Writer) error {
	ids, err := entityIDs(ctx, st)
	if err != nil {
		return err
	}
	counts, err := st.Count(ctx)
	if err != nil {
		return err
	}
	if len(ids) < 2 {
		return errors.New("bench: the graph has fewer than two entities; generate and import one first")
	}
	addr, stop, err := serveLoopback(web.Config{Graph: st})
	if err != nil {
		return err
	}
	defer stop()
	base := addr + "/api/v1/paths?"
	client := &http.Client{Timeout: 60 * time.Second}

	if cfg.Baseline && cfg.Mode != graph.Chronological && cfg.Mode != graph.KShortest {
		return errors.New("bench: a baseline exists for --mode chronological and --mode k-shortest only")
	}
	if cfg.Baseline && cfg.Mode == graph.KShortest && cfg.Driver == nil {
		return errors.New("bench: the k-shortest baseline needs a driver")
	}
	if cfg.PathIndex && cfg.Mode == graph.Shortest {
		return errors.New("bench: the path index serves --mode all-shortest, k-shortest and chronological only")
	}
	var plain *graph.Store
	var plainTimes []time.Duration
	plainDiffer := 0
	if cfg.PathIndex {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		stats, err := st.BuildPathIndex(ctx)
		if err != nil {
			return err
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		fmt.Fprintf(out, "path index: %d entities, %d relationships, built in %.1f s, %.0f MiB of heap\n",
			stats.Entities, stats.Relationships, stats.Built.Seconds(), float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20))
		plain = st.WithoutPathIndex()
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	var drv, api, old []time.Duration
	found, failed, timeouts, baseFound, baseTimeouts, disagree := 0, 0, 0, 0, 0, 0
	for i := range cfg.Warmup + cfg.Pairs {
		a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		if a == b {
			continue
		}
		q := graph.PathQuery{From: a, To: b, Mode: cfg.Mode, MaxHops: cfg.MaxHops, K: cfg.K}
		t0 := time.Now()
		got, perr := st.Paths(ctx, q)
		d1 := time.Since(t0)
		if perr != nil && !errors.Is(perr, graph.ErrNoPath) {
			// A query that runs past its time limit is a result too.
			fmt.Fprintf(log, "bench: driver %s -> %s: %v\n", a, b, perr)
			if i >= cfg.Warmup {
				failed++
				if errors.Is(perr, graph.ErrTimeout) {
					timeouts++
				}
			}
		}
		if plain != nil {
			t0 = time.Now()
			want, werr := plain.Paths(ctx, q)
			d := time.Since(t0)
			if i >= cfg.Warmup {
				plainTimes = append(plainTimes, d)
			}
			if !samePaths(got, perr, want, werr) {
				fmt.Fprintf(log, "bench: %s -> %s: the path index gives %s, Neo4j alone %s\n", a, b, describe(got, perr), describe(want, werr))
				plainDiffer++
			}
		}
		if cfg.Baseline {
			var n int
			var berr error
			var lengths []int
			t0 = time.Now()
			if cfg.Mode == graph.KShortest {
				lengths, berr = baselineKShortest(ctx, cfg.Driver, cfg.Database, q)
				n = len(lengths)
			} else {
				n, berr = baselineChronological(ctx, st, q)
			}
			d := time.Since(t0)
			switch {
			case berr != nil:
				fmt.Fprintf(log, "bench: baseline %s -> %s: %v\n", a, b, berr)
				if i >= cfg.Warmup && (errors.Is(berr, graph.ErrTimeout) || isTxTimeout(berr)) {
					baseTimeouts++
				}
			case n != len(got):
				// Both answer the same question: the same number of paths.
				fmt.Fprintf(log, "bench: %s -> %s: baseline finds %d paths, the search %d\n", a, b, n, len(got))
				disagree++
			case cfg.Mode == graph.KShortest && !slices.Equal(lengths, pathLengths(got)):
				// The k shortest lengths are one answer, whichever
				// equally long paths fill the last places.
				fmt.Fprintf(log, "bench: %s -> %s: baseline path lengths %v, the search's %v\n", a, b, lengths, pathLengths(got))
				disagree++
			}
			if i >= cfg.Warmup {
				old = append(old, d)
				if n > 0 {
					baseFound++
				}
			}
		}
		v := url.Values{"from": {a}, "to": {b}, "mode": {string(cfg.Mode)}, "max_hops": {strconv.Itoa(cfg.MaxHops)}, "format": {"json"}}
		if cfg.K > 0 {
			v.Set("k", strconv.Itoa(cfg.K))
		}
		t0 = time.Now()
		resp, herr := client.Get(base + v.Encode())
		if herr != nil {
			return herr
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d2 := time.Since(t0)
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
			fmt.Fprintf(log, "bench: API %s -> %s: status %d\n", a, b, resp.StatusCode)
		}
		if i < cfg.Warmup {
			continue
		}
		if perr == nil {
			found++
		}
		drv = append(drv, d1)
		api = append(api, d2)
	}
	p := func(ds []time.Duration, q float64) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[min(len(s)-1, int(q*float64(len(s))))]
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	k := ""
	if cfg.K > 0 {
		k = fmt.Sprintf(", k %d", cfg.K)
	}
	fmt.Fprintf(out, "graph: %d entities, %d relationships; %d pairs (seed %d, %d warm-up), mode %s%s, max hops %d: %d with a path, %d failed (%d past the time limit)\n",
		counts.Nodes, counts.Relationships, len(drv), cfg.Seed, cfg.Warmup, cfg.Mode, k, cfg.MaxHops, found, failed, timeouts)
	baseName := "baseline exhaustive query"
	switch {
	case cfg.Baseline && cfg.Mode == graph.KShortest:
		baseName = "baseline Yen, one query per spur"
		fmt.Fprintf(out, "baseline (Yen's algorithm, one shortestPath query per spur): %d with a path, %d past the time limit, %d answers with other path lengths than the search\n",
			baseFound, baseTimeouts, disagree)
	case cfg.Baseline:
		fmt.Fprintf(out, "baseline (the exhaustive query): %d with a path, %d past the time limit, %d answers with another number of paths than the search\n",
			baseFound, baseTimeouts, disagree)
	}
	if plain != nil {
		fmt.Fprintf(out, "the same search on Neo4j alone (no path index): %d answers differ from the index's\n", plainDiffer)
	}
	fmt.Fprintln(out, "| through | p50 | p90 | p99 | max |")
	fmt.Fprintln(out, "|---|---|---|---|---|")
	fmt.Fprintf(out, "| driver (Store.Paths) | %s | %s | %s | %s |\n", ms(p(drv, .5)), ms(p(drv, .9)), ms(p(drv, .99)), ms(p(drv, 1)))
	if plain != nil {
		fmt.Fprintf(out, "| driver, Neo4j alone (no path index) | %s | %s | %s | %s |\n", ms(p(plainTimes, .5)), ms(p(plainTimes, .9)), ms(p(plainTimes, .99)), ms(p(plainTimes, 1)))
	}
	if cfg.Baseline {
		fmt.Fprintf(out, "| driver, %s | %s | %s | %s | %s |\n", baseName, ms(p(old, .5)), ms(p(old, .9)), ms(p(old, .99)), ms(p(old, 1)))
	}
	fmt.Fprintf(out, "| HTTP API | %s | %s | %s | %s |\n", ms(p(api, .5)), ms(p(api, .9)), ms(p(api, .99)), ms(p(api, 1)))
	fmt.Fprintf(out, "API overhead at p50: %+.0f%%\n", 100*(float64(p(api, .5))/float64(p(drv, .5))-1))
	return nil
}

// samePaths reports whether two answers are the same: the same error
// kind, or the same paths in the same order. Two all-shortest answers cut
// at graph.PathsCap are the same when their paths are as long: which of
// the more shortest paths Neo4j keeps depends on the order it meets them
// in, the index keeps the first in canonical order.
func samePaths(a []graph.Path, aerr error, b []graph.Path, berr error) bool {
	if aerr != nil || berr != nil {
		return errors.Is(aerr, graph.ErrNoPath) && errors.Is(berr, graph.ErrNoPath)
	}
	if len(a) == graph.PathsCap && len(b) == graph.PathsCap {
		return slices.Equal(pathLengths(a), pathLengths(b))
	}
	return describe(a, nil) == describe(b, nil)
}

// describe writes an answer as its paths' entity and relationship ids.
func describe(ps []graph.Path, err error) string {
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		for j, n := range p.Nodes {
			b.WriteString(n.ID)
			if j < len(p.Relationships) {
				r := p.Relationships[j]
				b.WriteString(" -" + string(r.Type) + ":" + r.ID + "- ")
			}
		}
	}
	return b.String()
}

// pathLengths returns the number of hops of each path.
func pathLengths(ps []graph.Path) []int {
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = p.Len()
	}
	return out
}

// isTxTimeout reports whether err is Neo4j ending a transaction at its
// time limit, as the baseline's raw driver reports it.
func isTxTimeout(err error) bool {
	var ne *neo4j.Neo4jError
	return errors.As(err, &ne) && strings.Contains(ne.Code, "TransactionTimedOut")
}

// entityIDs lists every entity id, a page at a time.
func entityIDs(ctx context.Context, st *graph.Store) ([]string, error) {
	var ids []string
	after := ""
	for {
		page, err := st.EntitiesPage(ctx, after, 10000)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			ids = append(ids, e.ID)
		}
		if len(page) < 10000 {
			return ids, nil
		}
		after = page[len(page)-1].ID
	}
}

// RenderConfig sets up the render benchmark.
type RenderConfig struct {
	Renders, Concurrency int
	Seed                 uint64
	Backend              string
	// Diagrams is the service's renderer and WorkerRSS the memory of its
	// worker processes; Registry holds its metrics.
	Diagrams  web.Diagrams
	WorkerRSS func() int64
	Registry  *prometheus.Registry
}

// Render renders many distinct diagrams through the service's own stack
// (HTTP, web, the diagram engine with its worker processes) and reports
// latency, broken outputs and the memory of the server process and its
// render workers as it goes.
func Render(ctx context.Context, st *graph.Store, cfg RenderConfig, out io.Writer) error {
	ids, err := entityIDs(ctx, st)
	if err != nil {
		return err
	}
	if len(ids) < 10 {
		return errors.New("bench render: load a graph first (explorer seed)")
	}
	addr, stop, err := serveLoopback(web.Config{Graph: st, Diagrams: cfg.Diagrams, Registry: cfg.Registry})
	if err != nil {
		return err
	}
	defer stop()
	target := addr + "/api/v1/cypher?format=svg"
	client := &http.Client{Timeout: 60 * time.Second}

	// Each request asks for the relationships among a random set of
	// entities, so nearly every diagram is new to the render cache.
	rng := rand.New(rand.NewPCG(cfg.Seed, 11))
	bodies := make([][]byte, cfg.Renders)
	for i := range bodies {
		n := 3 + rng.IntN(12)
		pick := make([]string, n)
		for j := range pick {
			pick[j] = ids[rng.IntN(len(ids))]
		}
		bodies[i], _ = json.Marshal(map[string]any{
			"query":  "MATCH (a:Entity)-[r]-(b:Entity) WHERE a.id IN $ids RETURN a, r, b LIMIT 60",
			"params": map[string]any{"ids": pick},
		})
	}
	fmt.Fprintf(out, "%d renders, %d in flight, backend %s, graph of %d entities\n", cfg.Renders, cfg.Concurrency, cfg.Backend, len(ids))
	fmt.Fprintln(out, "| renders | server RSS | workers RSS | p50 | p99 | bad outputs |")
	fmt.Fprintln(out, "|---|---|---|---|---|---|")
	var (
		mu   sync.Mutex
		lat  []time.Duration
		bad  int
		next int
	)
	report := func(done int) {
		mu.Lock()
		defer mu.Unlock()
		s := slices.Clone(lat)
		slices.Sort(s)
		q := func(f float64) string {
			if len(s) == 0 {
				return "-"
			}
			return fmt.Sprintf("%.1f ms", float64(s[min(len(s)-1, int(f*float64(len(s))))].Microseconds())/1000)
		}
		fmt.Fprintf(out, "| %d | %.0f MB | %.0f MB | %s | %s | %d |\n", done, float64(selfRSS())/1e6,
			float64(cfg.WorkerRSS())/1e6, q(.5), q(.99), bad)
		lat = lat[:0]
	}
	report(0)
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(bodies) {
					return
				}
				t0 := time.Now()
				resp, err := client.Post(target, "application/json", bytes.NewReader(bodies[i]))
				var body []byte
				if err == nil {
					body, err = io.ReadAll(resp.Body)
					resp.Body.Close()
				}
				d := time.Since(t0)
				ok := err == nil && resp.StatusCode == http.StatusOK && wellFormedSVG(body)
				mu.Lock()
				lat = append(lat, d)
				if !ok {
					bad++
				}
				mu.Unlock()
				if (i+1)%1000 == 0 {
					report(i + 1)
				}
			}
		})
	}
	wg.Wait()
	if cfg.Renders%1000 != 0 {
		report(cfg.Renders)
	}
	if bad > 0 {
		return fmt.Errorf("bench render: %d of %d diagrams were missing or broken", bad, cfg.Renders)
	}
	return nil
}

// wellFormedSVG reports whether b is one complete SVG document.
func wellFormedSVG(b []byte) bool {
	if !bytes.Contains(b, []byte("<svg")) || !bytes.HasSuffix(bytes.TrimSpace(b), []byte("</svg>")) {
		return false
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = true
	for {
		if _, err := dec.Token(); err != nil {
			return err == io.EOF
		}
	}
}

// selfRSS returns this process's resident memory in bytes.
func selfRSS() int64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

// serveLoopback runs the service with cfg (logging discarded) on a free
// loopback port and returns its base URL and a stop function.
func serveLoopback(cfg web.Config) (string, func(), error) {
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := web.New(cfg)
	if err != nil {
		return "", nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	return "http://" + ln.Addr().String(), func() { hs.Close() }, nil
}
