package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"explorer/ingest"
)

func init() {
	extraCommands["import"] = cmdImport
}

func cmdImport(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "", "input format: csv, jsonl or ftm (default: from each file's extension)")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction")
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
	sum, err := ingest.ImportAll(ctx, st, srcs, ingest.Options{BatchSize: *batch, DryRun: *dryRun, Naive: *naive, Progress: pp.Update})
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
