package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"explorer/graph"
	"explorer/ingest"
)

func exportCmd(e *env) *cobra.Command {
	var names []string
	for _, f := range ingest.ExportFormats {
		names = append(names, string(f))
	}
	c := &cobra.Command{
		Use:   "export --format FORMAT",
		Short: "Export the whole graph: " + strings.Join(names, ", "),
		Long: `export writes the whole graph, entities in id order and then relationships, streaming
through bounded memory. With -o the file is written beside its target and renamed into
place only when complete.`,
		Example: `  explorer export --format jsonl -o graph.jsonl
  explorer export --format ftm -o graph.ftm.json
  explorer export --format graphml -o graph.graphml`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "", strings.Join(names, ", ")+" (required)")
	out := fs.StringP("output", "o", "", "write to this file instead of standard output")
	registerCompletions(c, conn, map[string][]string{"format": names})
	c.RunE = func(c *cobra.Command, _ []string) error {
		if *format == "" {
			return usagef("export: --format is required (%s)", strings.Join(names, ", "))
		}
		f, err := ingest.ParseExportFormat(*format)
		if err != nil {
			return usagef("export: %v", err)
		}
		ctx := c.Context()
		st, closeDB, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeDB()
		counts, err := st.Count(ctx)
		if err != nil {
			return err
		}
		pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
		pp.Label = "export"
		r := &countingExport{Store: st, total: counts, progress: pp.Update, t0: time.Now()}
		sum, err := exportTo(ctx, e, r, *out, f)
		pp.Finish()
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if *out == "" || *out == "-" {
			fmt.Fprintf(e.stderr, "exported %d entities and %d relationships\n", sum.Entities, sum.Relationships)
			return nil
		}
		fmt.Fprintf(e.stderr, "exported %d entities and %d relationships to %s (%s)\n", sum.Entities, sum.Relationships, *out, strings.ToUpper(string(f)))
		return nil
	}
	return c
}

// exportTo writes the export to standard output or to file; a large graph
// streams to a temporary file beside the target, which is renamed into
// place only when the export is complete.
func exportTo(ctx context.Context, e *env, r ingest.Reader, file string, f ingest.ExportFormat) (ingest.ExportSummary, error) {
	if file == "" || file == "-" {
		return ingest.Export(ctx, r, e.stdout, f)
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".explorer-export-*")
	if err != nil {
		return ingest.ExportSummary{}, err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriterSize(tmp, 1<<20)
	sum, err := ingest.Export(ctx, r, bw, f)
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
		err = os.Rename(tmp.Name(), file)
	}
	return sum, err
}

// countingExport reports an export's progress from the pages it reads.
type countingExport struct {
	*graph.Store
	total      graph.Counts
	progress   func(ingest.Progress)
	t0         time.Time
	ents, rels int64
}

func (c *countingExport) EntitiesPage(ctx context.Context, after string, limit int) ([]graph.Entity, error) {
	es, err := c.Store.EntitiesPage(ctx, after, limit)
	c.ents += int64(len(es))
	c.progress(ingest.Progress{Phase: "entities", Done: c.ents, Total: int64(c.total.Nodes), Elapsed: time.Since(c.t0)})
	return es, err
}

func (c *countingExport) RelationshipsPage(ctx context.Context, t graph.RelType, after string, limit int) ([]graph.Relationship, error) {
	rs, err := c.Store.RelationshipsPage(ctx, t, after, limit)
	if c.rels == 0 && len(rs) > 0 {
		c.t0 = time.Now()
	}
	c.rels += int64(len(rs))
	c.progress(ingest.Progress{Phase: "relationships", Done: c.rels, Total: int64(c.total.Relationships), Elapsed: time.Since(c.t0)})
	return rs, err
}
