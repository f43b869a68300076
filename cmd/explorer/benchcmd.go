package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"explorer/diagram"
	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/bench"
)

// benchCmd is "explorer bench paths|render|import"; the harnesses live in
// internal/bench.
func benchCmd(e *env) *cobra.Command {
	return group(&cobra.Command{
		Use:   "bench paths|render|import|http|soak",
		Short: "Benchmarks (see BENCHMARKS.md)",
		Example: `  explorer bench paths --pairs 500 --mode shortest
  explorer bench import --wipe --nodes 300000 --rels 1000000
  explorer bench http --clients 1,8,64 --duration 20s`,
	}, benchPathsCmd(e), benchRenderCmd(e), benchImportCmd(e), benchHTTPCmd(e), benchSoakCmd(e))
}

func benchSoakCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "soak",
		Short:   "A bounded soak of a running service on this machine (see RELIABILITY.md)",
		Example: "  explorer bench soak --url http://127.0.0.1:8080 --token $EXPLORER_IMPORT_TOKEN --clients 64 --duration 10m",
		Args:    noArgs,
	}
	fs := c.Flags()
	var cfg bench.SoakConfig
	fs.StringVar(&cfg.URL, "url", "http://127.0.0.1:8080", "the service (loopback only)")
	fs.StringVar(&cfg.Token, "token", e.getenv("EXPLORER_IMPORT_TOKEN"), "its import token (default $EXPLORER_IMPORT_TOKEN)")
	fs.IntVar(&cfg.Clients, "clients", 64, "concurrent clients")
	fs.DurationVar(&cfg.Duration, "duration", 10*time.Minute, "how long")
	fs.DurationVar(&cfg.ImportEvery, "import-every", 20*time.Second, "pause between import jobs")
	fs.IntVar(&cfg.ImportLines, "import-lines", 2000, "lines per import")
	fs.IntVar(&cfg.BoltPort, "bolt-port", 7687, "Neo4j's Bolt port, to count the service's connections")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	c.RunE = func(c *cobra.Command, _ []string) error {
		if err := inRange("clients", cfg.Clients, 1, 1024); err != nil {
			return err
		}
		if cfg.Duration <= 0 || cfg.Duration > time.Hour {
			return usagef("--duration %s: want more than 0 and at most 1h", cfg.Duration)
		}
		return bench.Soak(c.Context(), cfg, e.stdout, e.stderr)
	}
	return c
}

func benchPathsCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "paths",
		Short: "Path queries through the driver and the HTTP API on random pairs of the current graph",
		Example: `  explorer bench paths --pairs 500 --mode k-shortest
  explorer bench paths --pairs 200 --mode k-shortest --k 3 --baseline
  explorer bench paths --pairs 200 --mode chronological --k 3 --path-index`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	var cfg bench.PathsConfig
	fs.IntVar(&cfg.Pairs, "pairs", 500, "random entity pairs to query")
	fs.IntVar(&cfg.Warmup, "warmup", 50, "pairs run first and not measured")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed for the pairs")
	mode := fs.String("mode", "shortest", "path mode")
	fs.IntVar(&cfg.MaxHops, "max-hops", graph.DefaultMaxHops, "max hops")
	fs.IntVar(&cfg.K, "k", 0, "paths the ranked modes ask for (0: the default)")
	fs.BoolVar(&cfg.PathIndex, "path-index", false, "with --mode all-shortest, k-shortest or chronological, build the path index first (as serve does) and also time the search on Neo4j alone, comparing answers")
	fs.BoolVar(&cfg.Baseline, "baseline", false, "with --mode chronological or k-shortest, also time the mode's former search on the same pairs")
	registerCompletions(c, conn, map[string][]string{"mode": pathModes})
	c.RunE = func(c *cobra.Command, _ []string) error {
		m, err := graph.ParsePathMode(*mode)
		if err != nil {
			return usagef("--mode: %v", err)
		}
		cfg.Mode = m
		if err := inRange("pairs", cfg.Pairs, 1, 1_000_000); err != nil {
			return err
		}
		if cfg.PathIndex && m == graph.Shortest {
			return usagef("--path-index: it serves --mode all-shortest, k-shortest and chronological only")
		}
		if cfg.Baseline && m != graph.Chronological && m != graph.KShortest {
			return usagef("--baseline: there is one for --mode chronological and --mode k-shortest only")
		}
		st, closeFn, err := conn.open(c.Context())
		if err != nil {
			return err
		}
		defer closeFn()
		if cfg.Baseline && m == graph.KShortest {
			// Yen's spur queries are no product API: they run on a
			// driver of their own, on the same connection settings.
			pw, err := conn.passwordOrLocal()
			if err != nil {
				return err
			}
			drv, err := neo4j.NewDriverWithContext(conn.uri, neo4j.BasicAuth(conn.user, pw, ""))
			if err != nil {
				return fmt.Errorf("bench baseline driver: %s", graph.Redact(err, pw))
			}
			defer drv.Close(context.Background())
			cfg.Driver, cfg.Database = drv, conn.database
		}
		return bench.Paths(c.Context(), st, cfg, e.stdout, e.stderr)
	}
	return c
}

func benchRenderCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "render",
		Short:   "Many distinct diagrams through the service, with memory",
		Example: "  explorer bench render --renders 10000 --concurrency 4",
		Args:    noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	var cfg bench.RenderConfig
	fs.IntVar(&cfg.Renders, "renders", 10000, "diagrams to render")
	fs.IntVar(&cfg.Concurrency, "concurrency", 4, "requests in flight")
	fs.StringVar(&cfg.Backend, "diagrams", string(diagram.BackendWorker), "render backend: worker, wasm or native")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed for the queries")
	registerCompletions(c, conn, map[string][]string{"diagrams": diagramBackends})
	c.RunE = func(c *cobra.Command, _ []string) error {
		if err := oneOf("diagrams", cfg.Backend, diagramBackends...); err != nil {
			return err
		}
		if err := inRange("renders", cfg.Renders, 1, 10_000_000); err != nil {
			return err
		}
		if err := inRange("concurrency", cfg.Concurrency, 1, 256); err != nil {
			return err
		}
		st, closeFn, err := conn.open(c.Context())
		if err != nil {
			return err
		}
		defer closeFn()
		cfg.Registry = prometheus.NewRegistry()
		diagrams, err := newDiagrams(cfg.Backend, cfg.Registry)
		if err != nil {
			return err
		}
		defer diagrams.Close()
		cfg.Diagrams, cfg.WorkerRSS = diagrams, func() int64 { return diagrams.Stats().Worker.RSS }
		return bench.Render(c.Context(), st, cfg, e.stdout)
	}
	return c
}

func benchImportCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "import --wipe",
		Short: "Batched import of a synthetic graph against the naive one-statement-per-row import (deletes the graph)",
		Example: `  explorer bench import --wipe
  explorer bench import --wipe --nodes 30000 --rels 100000 --naive 5000`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	cfg := bench.ImportConfig{Progress: func(label string) *ingest.ProgressPrinter {
		pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
		pp.Label = label
		return pp
	}}
	fs.IntVar(&cfg.Nodes, "nodes", 300000, "entities in the synthetic graph")
	fs.IntVar(&cfg.Rels, "rels", 1000000, "relationships in the synthetic graph")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed")
	fs.IntVar(&cfg.Naive, "naive", 20000, "relationships in the naive sample")
	fs.IntVar(&cfg.BatchSize, "batch-size", ingest.DefaultBatchSize, "rows per write transaction")
	fs.IntVar(&cfg.Workers, "workers", 2, "concurrent write transactions")
	wipe := fs.Bool("wipe", false, "confirm that the database may be deleted")
	fs.StringVar(&cfg.Dir, "dir", os.TempDir(), "where the synthetic JSON lines file is written")
	c.RunE = func(c *cobra.Command, _ []string) error {
		if !*wipe {
			return usagef("bench import deletes the whole graph; pass --wipe on a throw-away database")
		}
		if cfg.Nodes < 2 || cfg.Rels < 1 || cfg.Naive < 1 || cfg.BatchSize < 1 || cfg.Workers < 1 {
			return usagef("bench import: want --nodes >= 2 and a positive --rels, --naive, --batch-size and --workers")
		}
		st, closeFn, err := conn.open(c.Context())
		if err != nil {
			return err
		}
		defer closeFn()
		return bench.Import(c.Context(), st, cfg, e.stdout, e.stderr)
	}
	return c
}

func benchHTTPCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:     "http",
		Short:   "Concurrent loopback clients on a mix of search, entity pages, path JSON and cached diagrams",
		Example: "  explorer bench http --clients 1,8,64 --duration 20s",
		Args:    noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	var cfg bench.HTTPConfig
	fs.IntSliceVar(&cfg.Levels, "clients", []int{1, 8, 64}, "concurrent clients of each level, run in turn")
	fs.DurationVar(&cfg.Duration, "duration", 20*time.Second, "how long each level runs")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed for the requests")
	backend := fs.String("diagrams", string(diagram.BackendWorker), "render backend: worker, wasm or native")
	registerCompletions(c, conn, map[string][]string{"diagrams": diagramBackends})
	c.RunE = func(c *cobra.Command, _ []string) error {
		if err := oneOf("diagrams", *backend, diagramBackends...); err != nil {
			return err
		}
		for _, n := range cfg.Levels {
			if err := inRange("clients", n, 1, 1024); err != nil {
				return err
			}
		}
		if cfg.Duration < time.Second || cfg.Duration > 10*time.Minute {
			return usagef("--duration %s: want 1s to 10m", cfg.Duration)
		}
		st, closeFn, err := conn.openWith(c.Context(), dialService)
		if err != nil {
			return err
		}
		defer closeFn()
		cfg.Registry = prometheus.NewRegistry()
		diagrams, err := newDiagrams(*backend, cfg.Registry)
		if err != nil {
			return err
		}
		defer diagrams.Close()
		cfg.Diagrams = diagrams
		return bench.HTTP(c.Context(), st, cfg, e.stdout, e.stderr)
	}
	return c
}
