package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"explorer/ingest"
)

func init() {
	extraCommands["export"] = cmdExport
}

func cmdExport(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "", "jsonl, csv, ftm, graphml, gexf, cypher or dot")
	out := fs.String("o", "", "write to this file instead of standard output")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("export: unexpected argument %q", pos[0])
	}
	if *format == "" {
		return usagef("export: --format is required (jsonl, csv, ftm, graphml, gexf, cypher or dot)")
	}
	f, err := ingest.ParseExportFormat(*format)
	if err != nil {
		return usagef("export: %v", err)
	}
	st, closeDB, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeDB()
	if *out == "" || *out == "-" {
		sum, err := ingest.Export(ctx, st, e.stdout, f)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		fmt.Fprintf(e.stderr, "exported %d entities and %d relationships\n", sum.Entities, sum.Relationships)
		return nil
	}
	// A large graph streams to a temporary file beside the target, which is
	// renamed into place only when the export is complete.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".explorer-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	sum, err := ingest.Export(ctx, st, bw, f)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), *out)
	}
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	fmt.Fprintf(e.stderr, "exported %d entities and %d relationships to %s (%s)\n", sum.Entities, sum.Relationships, *out, strings.ToUpper(string(f)))
	return nil
}
