package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

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
	}
	return usagef("bench: unknown benchmark %q (want paths or import)", args[0])
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
	srv, err := web.New(web.Config{Graph: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 5 * time.Second}
	go hs.Serve(ln)
	defer hs.Close()
	base := "http://" + ln.Addr().String() + "/api/v1/paths?"
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
