package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/synth"
)

func init() {
	extraCommands["import"] = cmdImport
}

func cmdImport(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "", "input format: csv, jsonl or ftm (default: from each file's extension)")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction")
	workers := fs.Int("workers", 2, "write transactions at a time")
	dryRun := fs.Bool("dry-run", false, "read and check the input against the database, write nothing")
	jsonOut := fs.Bool("json", false, "print the summary as JSON")
	naive := fs.Bool("naive", false, "write each relationship in its own statement (benchmark baseline; slow)")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("import: want one or more files (- reads standard input)")
	}
	var forced ingest.Format
	if *format != "" {
		if forced, err = ingest.ParseFormat(*format); err != nil {
			return usagef("import: --format: %v", err)
		}
	}
	if *batch <= 0 {
		return usagef("import: --batch-size must be positive")
	}
	var srcs []ingest.Source
	for _, name := range files {
		src, closeFn, err := openSource(e, name, forced)
		if err != nil {
			return err
		}
		defer closeFn()
		srcs = append(srcs, src)
	}
	st, closeDB, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	sum, err := ingest.ImportAll(ctx, st, srcs, ingest.Options{BatchSize: *batch, Workers: *workers, DryRun: *dryRun, Naive: *naive, Progress: pp.Update})
	pp.Finish()
	if err != nil {
		return fmt.Errorf("import %s: %w", strings.Join(files, ", "), err)
	}
	if *jsonOut {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	if *dryRun {
		fmt.Fprintf(e.stdout, "dry run: %s checked, no problem found, nothing written\n", strings.Join(files, ", "))
	}
	fmt.Fprintln(e.stdout, sum)
	return nil
}

// cmdBenchImport measures the batched import of a synthetic graph against
// the naive one-statement-per-relationship import of a sample of it, in the
// same run and on the same database. It wipes the database.
func cmdBenchImport(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("bench import", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	nodes := fs.Int("nodes", 300000, "entities in the synthetic graph")
	rels := fs.Int("rels", 1000000, "relationships in the synthetic graph")
	seed := fs.Uint64("seed", 1, "random seed")
	naiveN := fs.Int("naive", 20000, "relationships in the naive sample")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction")
	workers := fs.Int("workers", 2, "concurrent write transactions")
	wipe := fs.Bool("wipe", false, "confirm that the database may be deleted")
	dir := fs.String("dir", os.TempDir(), "where the synthetic JSON lines file is written")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("bench import: unexpected argument %q", pos[0])
	}
	if !*wipe {
		return usagef("bench import deletes the whole graph; pass --wipe on a throw-away database")
	}
	if *naiveN > *rels {
		*naiveN = *rels
	}
	st, closeDB, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()

	// The graph goes to a file so that the batched import includes reading
	// and checking it, as a user's import does.
	var es []graph.Entity
	var rs []graph.Relationship
	path := filepath.Join(*dir, fmt.Sprintf("explorer-bench-%d-%d-%d.jsonl", *nodes, *rels, *seed))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	jw := ingest.NewJSONLWriter(f)
	err = synth.Generate(synth.Config{Nodes: *nodes, Rels: *rels, Seed: *seed},
		func(x graph.Entity) error { es = append(es, x); return jw.Entity(x) },
		func(r graph.Relationship) error {
			if len(rs) < *naiveN {
				rs = append(rs, r)
			}
			return jw.Relationship(r)
		})
	if err == nil {
		err = jw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "bench: wrote %s (%d entities, %d relationships)\n", path, *nodes, *rels)

	// Naive first, on an empty database: its entities are written in
	// batches (untimed), then each relationship in its own statement.
	if err := st.Reset(ctx); err != nil {
		return err
	}
	need := map[string]bool{}
	for _, r := range rs {
		need[r.From], need[r.To] = true, true
	}
	var sample []graph.Entity
	for _, x := range es {
		if need[x.ID] {
			sample = append(sample, x)
		}
	}
	es = nil
	pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	naive, err := ingest.Load(ctx, st, sample, rs, ingest.Options{BatchSize: *batch, Workers: 1, Naive: true, Progress: pp.Update})
	pp.Finish()
	if err != nil {
		return fmt.Errorf("bench: naive import: %w", err)
	}
	if err := st.Reset(ctx); err != nil {
		return err
	}

	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, _ := in.Stat()
	pp = ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	batched, err := ingest.ImportAll(ctx, st, []ingest.Source{{Name: path, Format: ingest.JSONL, R: in, Size: fi.Size()}},
		ingest.Options{BatchSize: *batch, Workers: *workers, Progress: pp.Update})
	pp.Finish()
	if err != nil {
		return fmt.Errorf("bench: batched import: %w", err)
	}
	counts, err := st.Count(ctx)
	if err != nil {
		return err
	}
	rate := func(n int, d time.Duration) float64 { return float64(n) / d.Seconds() }
	total := batched.Read + batched.Check + batched.Write
	bRel := rate(batched.Relationships.Total(), batched.WriteRelationships)
	bAll := rate(batched.Relationships.Total(), total)
	nRel := rate(naive.Relationships.Total(), naive.WriteRelationships)
	fmt.Fprintf(e.stdout, `| measurement | value |
|---|---|
| graph | %d entities, %d relationships (synthetic, seed %d); database after import: %d nodes, %d relationships |
| batched import, end to end (read + check + write) | %s: %.0f relationships/s |
| batched import phases | read %s, check %s, entities %s, relationships %s |
| batched relationship writes (UNWIND, batch %d, %d workers) | %.0f relationships/s |
| naive relationship writes (one auto-commit statement each, %d relationships) | %s: %.0f relationships/s |
| ratio, relationship writes batched / naive | %.1fx |
| ratio, batched end to end / naive | %.1fx |
`, *nodes, *rels, *seed, counts.Nodes, counts.Relationships,
		round(total), bAll,
		round(batched.Read), round(batched.Check), round(batched.Write-batched.WriteRelationships), round(batched.WriteRelationships),
		*batch, *workers, bRel,
		naive.Relationships.Total(), round(naive.WriteRelationships), nRel,
		bRel/nRel, bAll/nRel)
	return nil
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }

// openSource opens one import input: a file (gunzipped when its name ends in
// .gz) or "-" for standard input.
func openSource(e env, name string, forced ingest.Format) (ingest.Source, func(), error) {
	format := forced
	if format == "" {
		if name == "-" {
			return ingest.Source{}, nil, usagef("import: reading standard input needs --format")
		}
		f, err := ingest.FormatOf(name)
		if err != nil {
			return ingest.Source{}, nil, usagef("import: %v", err)
		}
		format = f
	}
	if name == "-" {
		return ingest.Source{Name: "stdin", Format: format, R: e.stdin}, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return ingest.Source{}, nil, err
	}
	src := ingest.Source{Name: name, Format: format, R: f}
	if fi, err := f.Stat(); err == nil {
		src.Size = fi.Size()
	}
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return ingest.Source{}, nil, fmt.Errorf("%s: %v", name, err)
		}
		src.R, src.Size = zr, 0
	}
	return src, func() { f.Close() }, nil
}

// isTerminal reports whether w is a terminal (for redrawn progress lines).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
