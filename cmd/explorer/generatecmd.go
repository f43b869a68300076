package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/synth"
)

func generateCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "generate",
		Short: "Generate a seeded synthetic graph (JSON lines, or loaded into Neo4j)",
		Long: `generate makes a synthetic graph of --nodes entities and --rels relationships with
the article's vocabulary; the same --seed gives the same graph. It writes JSON lines
(for import) or, with --load, imports the graph directly.`,
		Example: `  explorer generate --nodes 1000 --rels 3000 -o synth.jsonl
  explorer generate --nodes 1000000 --rels 3000000 --load
  explorer generate --nodes 50 --rels 120 --seed 3 | head`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	nodes := fs.Int("nodes", 1000, "number of entities")
	rels := fs.Int("rels", 3000, "number of relationships")
	seed := fs.Uint64("seed", 1, "random seed (the same seed gives the same graph)")
	out := fs.StringP("output", "o", "", "write JSON lines to this file (default standard output)")
	load := fs.Bool("load", false, "import the graph into Neo4j instead of writing JSON lines")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction with --load")
	c.RunE = func(c *cobra.Command, _ []string) error {
		if *nodes < 2 || *rels < 0 || *batch <= 0 {
			return usagef("generate: want --nodes >= 2, --rels >= 0 and a positive --batch-size")
		}
		if err := onlyWith(c, "batch-size", *load, "with --load"); err != nil {
			return err
		}
		if err := onlyWith(c, "output", !*load, "without --load"); err != nil {
			return err
		}
		cfg := synth.Config{Nodes: *nodes, Rels: *rels, Seed: *seed}
		if *load {
			return generateLoad(c, e, conn, cfg, *batch)
		}
		return generateFile(e, cfg, *out)
	}
	return c
}

// generateLoad imports the synthetic graph, with progress on standard error.
func generateLoad(c *cobra.Command, e *env, conn *connFlags, cfg synth.Config, batch int) error {
	var es []graph.Entity
	var rs []graph.Relationship
	if err := synth.Generate(cfg, func(x graph.Entity) error { es = append(es, x); return nil },
		func(r graph.Relationship) error { rs = append(rs, r); return nil }); err != nil {
		return err
	}
	ctx := c.Context()
	st, closeDB, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	pp.Label = "generate"
	sum, err := ingest.Load(ctx, st, es, rs, ingest.Options{BatchSize: batch, Progress: pp.Update})
	pp.Finish()
	if err != nil {
		return fmt.Errorf("generate --load: %w", err)
	}
	fmt.Fprintln(e.stdout, sum)
	return nil
}

// generateFile writes the synthetic graph as JSON lines to file or standard
// output.
func generateFile(e *env, cfg synth.Config, file string) error {
	var w io.Writer = e.stdout
	var f *os.File
	if file != "" && file != "-" {
		var err error
		if f, err = os.Create(file); err != nil {
			return err
		}
		defer f.Close()
		w = bufio.NewWriterSize(f, 1<<20)
	}
	jw := ingest.NewJSONLWriter(w)
	if err := synth.Generate(cfg, jw.Entity, jw.Relationship); err != nil {
		return err
	}
	if err := jw.Flush(); err != nil {
		return err
	}
	if f == nil {
		return nil
	}
	if err := w.(*bufio.Writer).Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d entities and %d relationships to %s\n", cfg.Nodes, cfg.Rels, file)
	return nil
}
