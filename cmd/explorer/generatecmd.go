package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/synth"
)

func init() {
	extraCommands["generate"] = cmdGenerate
}

func cmdGenerate(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	nodes := fs.Int("nodes", 1000, "number of entities")
	rels := fs.Int("rels", 3000, "number of relationships")
	seed := fs.Uint64("seed", 1, "random seed (the same seed gives the same graph)")
	out := fs.String("o", "", "write JSON lines to this file (default standard output)")
	load := fs.Bool("load", false, "import the graph into Neo4j instead of writing JSON lines")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction with --load")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("generate: unexpected argument %q", pos[0])
	}
	if *nodes < 2 || *rels < 0 || *batch <= 0 {
		return usagef("generate: want --nodes >= 2, --rels >= 0 and a positive --batch-size")
	}
	cfg := synth.Config{Nodes: *nodes, Rels: *rels, Seed: *seed}
	if *load {
		var es []graph.Entity
		var rs []graph.Relationship
		if err := synth.Generate(cfg, func(x graph.Entity) error { es = append(es, x); return nil },
			func(r graph.Relationship) error { rs = append(rs, r); return nil }); err != nil {
			return err
		}
		st, closeDB, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeDB()
		pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
		sum, err := ingest.Load(ctx, st, es, rs, ingest.Options{BatchSize: *batch, Progress: pp.Update})
		pp.Finish()
		if err != nil {
			return fmt.Errorf("generate --load: %w", err)
		}
		fmt.Fprintln(e.stdout, sum)
		return nil
	}
	var w io.Writer = e.stdout
	var f *os.File
	if *out != "" && *out != "-" {
		if f, err = os.Create(*out); err != nil {
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
	if f != nil {
		if err := w.(*bufio.Writer).Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "wrote %d entities and %d relationships to %s\n", *nodes, *rels, *out)
	}
	return nil
}
