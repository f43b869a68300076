package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/prometheus/client_golang/prometheus"

	"explorer/diagram"
	"explorer/graph"
	"explorer/web"
)

func init() { extraCommands["bench"] = cmdBench }

// cmdBench runs a named benchmark: "paths" or "import".
func cmdBench(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return usagef("bench: want a benchmark name: paths or import")
	}
	switch args[0] {
	case "paths":
		return cmdBenchPaths(ctx, e, args[1:])
	case "import":
		return cmdBenchImport(ctx, e, args[1:])
	case "render":
		return cmdBenchRender(ctx, e, args[1:])
	}
	return usagef("bench: unknown benchmark %q (want paths, import or render)", args[0])
}

// cmdBenchPaths measures path queries on whatever graph the database holds,
// through the store (the Cypher run directly through the driver) and through
// the HTTP API of a real server on a loopback port, on the same random pairs.
func cmdBenchPaths(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("bench paths", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	pairs := fs.Int("pairs", 500, "random entity pairs to query")
	warmup := fs.Int("warmup", 50, "pairs run first and not measured")
	seed := fs.Uint64("seed", 1, "random seed for the pairs")
	mode := fs.String("mode", "shortest", "path mode")
	maxHops := fs.Int("max-hops", graph.DefaultMaxHops, "max hops")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("bench paths: unexpected argument %q", pos[0])
	}
	m, err := graph.ParsePathMode(*mode)
	if err != nil {
		return usagef("--mode: %v", err)
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	res, err := neo4j.ExecuteQuery(ctx, st.Driver(), `MATCH (e:Entity) RETURN e.id AS id ORDER BY id`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(conn.database), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return err
	}
	ids := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](r, "id")
		ids = append(ids, id)
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

	rng := rand.New(rand.NewPCG(*seed, 7))
	var drv, api []time.Duration
	found, failed := 0, 0
	for i := range *warmup + *pairs {
		a, b := ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]
		if a == b {
			continue
		}
		q := graph.PathQuery{From: a, To: b, Mode: m, MaxHops: *maxHops}
		t0 := time.Now()
		_, perr := st.Paths(ctx, q)
		d1 := time.Since(t0)
		if perr != nil && !errors.Is(perr, graph.ErrNoPath) {
			// A query that runs past its time limit is a result too.
			fmt.Fprintf(e.stderr, "bench: driver %s -> %s: %v\n", a, b, perr)
			if i >= *warmup {
				failed++
			}
		}
		v := url.Values{"from": {a}, "to": {b}, "mode": {string(m)}, "max_hops": {strconv.Itoa(*maxHops)}, "format": {"json"}}
		t0 = time.Now()
		resp, herr := client.Get(base + v.Encode())
		if herr != nil {
			return herr
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		d2 := time.Since(t0)
		if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusNotFound {
			fmt.Fprintf(e.stderr, "bench: API %s -> %s: status %d\n", a, b, resp.StatusCode)
		}
		if i < *warmup {
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
	fmt.Fprintf(e.stdout, "graph: %d entities, %d relationships; %d pairs (seed %d, %d warm-up), mode %s, max hops %d: %d with a path, %d failed\n",
		counts.Nodes, counts.Relationships, len(drv), *seed, *warmup, m, *maxHops, found, failed)
	fmt.Fprintln(e.stdout, "| through | p50 | p90 | p99 | max |")
	fmt.Fprintln(e.stdout, "|---|---|---|---|---|")
	fmt.Fprintf(e.stdout, "| driver (Store.Paths) | %s | %s | %s | %s |\n", ms(p(drv, .5)), ms(p(drv, .9)), ms(p(drv, .99)), ms(p(drv, 1)))
	fmt.Fprintf(e.stdout, "| HTTP API | %s | %s | %s | %s |\n", ms(p(api, .5)), ms(p(api, .9)), ms(p(api, .99)), ms(p(api, 1)))
	fmt.Fprintf(e.stdout, "API overhead at p50: %+.0f%%\n", 100*(float64(p(api, .5))/float64(p(drv, .5))-1))
	return nil
}

// cmdBenchRender renders many distinct diagrams through the service's own
// stack (HTTP, web, the diagram engine with its worker processes) and reports
// latency, broken outputs and the memory of the server process and its
// render workers as it goes.
func cmdBenchRender(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("bench render", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	renders := fs.Int("renders", 10000, "diagrams to render")
	conc := fs.Int("concurrency", 4, "requests in flight")
	backend := fs.String("diagrams", string(diagram.BackendWorker), "render backend: worker, wasm or native")
	seed := fs.Uint64("seed", 1, "random seed for the queries")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("bench render: unexpected argument %q", pos[0])
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	res, err := st.Query(ctx, `MATCH (e:Entity) RETURN e.id AS id ORDER BY id`, nil, graph.QueryLimits{Rows: 100000, Bytes: 64 << 20, Timeout: time.Minute})
	if err != nil {
		return err
	}
	var ids []string
	for _, r := range res.Rows {
		ids = append(ids, r["id"].(string))
	}
	if len(ids) < 10 {
		return errors.New("bench render: load a graph first (explorer seed)")
	}
	reg := prometheus.NewRegistry()
	diagrams, err := newDiagrams(*backend, reg)
	if err != nil {
		return err
	}
	defer diagrams.Close()
	addr, stop, err := serveLoopback(web.Config{Graph: st, Diagrams: diagrams, Registry: reg})
	if err != nil {
		return err
	}
	defer stop()
	target := addr + "/api/v1/cypher?format=svg"
	client := &http.Client{Timeout: 60 * time.Second}

	// Each request asks for the relationships among a random set of
	// entities, so nearly every diagram is new to the render cache.
	rng := rand.New(rand.NewPCG(*seed, 11))
	bodies := make([][]byte, *renders)
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
	fmt.Fprintf(e.stdout, "%d renders, %d in flight, backend %s, graph of %d entities\n", *renders, *conc, *backend, len(ids))
	fmt.Fprintln(e.stdout, "| renders | server RSS | workers RSS | p50 | p99 | bad outputs |")
	fmt.Fprintln(e.stdout, "|---|---|---|---|---|---|")
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
		fmt.Fprintf(e.stdout, "| %d | %.0f MB | %.0f MB | %s | %s | %d |\n", done, float64(selfRSS())/1e6,
			float64(diagrams.Stats().Worker.RSS)/1e6, q(.5), q(.99), bad)
		lat = lat[:0]
	}
	report(0)
	var wg sync.WaitGroup
	for range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
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
		}()
	}
	wg.Wait()
	if *renders%1000 != 0 {
		report(*renders)
	}
	if bad > 0 {
		return fmt.Errorf("bench render: %d of %d diagrams were missing or broken", bad, *renders)
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
