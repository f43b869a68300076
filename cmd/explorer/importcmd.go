package main

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"explorer/graph"
	"explorer/ingest"
)

func importCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "import FILE... | --resume RUN FILE... | --rollback RUN",
		Short: "Import CSV, JSON lines or FollowTheMoney files: checked whole, then batched, idempotent",
		Long: `import reads every FILE (.gz is gunzipped, - is standard input), checks every record
against the vocabulary and the database, and writes only when nothing is wrong: a problem
anywhere is reported as FILE:LINE: field: message and nothing is written. Writes are
batched merges by id, so importing the same file twice changes nothing.

The writes are one import run, all or nothing: every batch journals what it creates and
what it changes, and a run that fails midway (Neo4j died, Ctrl-C) is rolled back to the
graph as it was. When the rollback cannot run (Neo4j is down), the run is left unfinished
and blocks other imports until it is rolled back (--rollback RUN) or resumed with the same
files (--resume RUN FILE...).

Claims that name their source document (sourceUrl, sourceTitle, sourcePublisher, sourceAuthor,
sourcePublished, sourceLanguage, sourceRetrieved, sourceLicence; FtM sourceUrl, publisher,
retrievedAt) create or reuse a source record and point at it: the same URL is the same source,
without a URL the same title and publisher. An existing source's fields are never overwritten
(the summary warns where the input differs).`,
		Example: `  explorer import entities.csv relationships.csv
  explorer import --dry-run graph.jsonl
  zcat opensanctions.ftm.json.gz | explorer import --format ftm -
  explorer import --rollback 20261201T120000Z-1a2b3c4d5e6f`,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "", "input format: csv, jsonl or ftm (default: from each file's extension)")
	batch := fs.Int("batch-size", ingest.DefaultBatchSize, "rows per write transaction")
	workers := fs.Int("workers", 2, "write transactions at a time")
	dryRun := fs.Bool("dry-run", false, "read and check the input against the database, write nothing")
	jsonOut := fs.Bool("json", false, "print the summary as JSON")
	bulk := fs.Bool("bulk", false, "initial load of the empty local database through neo4j-admin (stops and restarts it)")
	replace := fs.Bool("replace", false, "with --bulk: replace whatever the database holds")
	csvOnly := fs.String("csv-only", "", "with --bulk: only write neo4j-admin's CSV into this directory and print the command that loads it (for a Neo4j on another machine)")
	resume := fs.String("resume", "", "take up the unfinished import run RUN again with the same files")
	rollback := fs.String("rollback", "", "roll back the unfinished import run RUN (no files)")
	keep := fs.Bool("keep-failed", false, "leave a run that fails unfinished, for --resume, instead of rolling it back")
	match := fs.String("match", "review", "match incoming entities to the graph: auto (land on merged ids, merge strong matches), review (land on merged ids, list candidates) or off")
	registerCompletions(c, conn, map[string][]string{"format": {"csv", "jsonl", "ftm"}, "match": graph.MatchModes})
	c.Args = func(c *cobra.Command, files []string) error {
		if *rollback != "" {
			if len(files) > 0 {
				return usagef("import --rollback RUN takes no files")
			}
			return nil
		}
		return minArgs(1, "want one or more files (- reads standard input)")(c, files)
	}
	c.RunE = func(c *cobra.Command, files []string) (err error) {
		for _, f := range []string{"resume", "rollback", "keep-failed"} {
			if err := onlyWith(c, f, !*bulk, "to the transactional import (not with --bulk)"); err != nil {
				return err
			}
		}
		if *rollback != "" {
			return rollbackRun(c, e, conn, *rollback, *jsonOut)
		}
		var forced ingest.Format
		if *format != "" {
			var err error
			if forced, err = ingest.ParseFormat(*format); err != nil {
				return usagef("import: --format: %v", err)
			}
		}
		if err := oneOf("match", *match, graph.MatchModes...); err != nil {
			return err
		}
		if err := inRange("batch-size", *batch, 1, 1_000_000); err != nil {
			return err
		}
		if err := inRange("workers", *workers, 1, 64); err != nil {
			return err
		}
		for _, f := range []string{"batch-size", "workers"} {
			if err := onlyWith(c, f, !*dryRun, "when writing (not with --dry-run)"); err != nil {
				return err
			}
			if err := onlyWith(c, f, !*bulk, "to the transactional import (not with --bulk)"); err != nil {
				return err
			}
		}
		for _, f := range []string{"replace", "csv-only"} {
			if err := onlyWith(c, f, *bulk, "with --bulk"); err != nil {
				return err
			}
		}
		if err := onlyWith(c, "dry-run", !*bulk, "to the transactional import (not with --bulk)"); err != nil {
			return err
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
		ctx := c.Context()
		if *bulk && *csvOnly != "" {
			return bulkCSV(ctx, e, srcs, *csvOnly)
		}
		if *bulk {
			sum, err := bulkImport(ctx, e, conn, srcs, *replace)
			if err != nil {
				return fmt.Errorf("import %s: %w", strings.Join(files, ", "), err)
			}
			if *jsonOut {
				return writeJSON(e.stdout, sum)
			}
			fmt.Fprintln(e.stdout, sum)
			return nil
		}
		st, closeDB, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeDB()
		pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
		opts := ingest.Options{BatchSize: *batch, Workers: *workers, DryRun: *dryRun, Progress: pp.Update,
			Run: *resume, Resume: *resume != "", KeepFailed: *keep}
		matcher, err := ingest.NewMatcher(st, *match, nil)
		if err != nil {
			return err
		}
		matcher.Apply(&opts)
		sum, err := ingest.ImportAll(ctx, st, srcs, opts)
		pp.Finish()
		if err != nil {
			return fmt.Errorf("import %s: %w", strings.Join(files, ", "), err)
		}
		if !*dryRun {
			defer func() {
				if err == nil {
					w := e.stdout
					if *jsonOut {
						w = e.stderr
					}
					var m graph.ImportMatch
					if m, err = matcher.After(ctx, "import --match auto"); err == nil {
						printMatch(w, m)
					}
				}
			}()
		}
		if *jsonOut {
			return writeJSON(e.stdout, sum)
		}
		if *dryRun {
			fmt.Fprintf(e.stdout, "dry run: %s checked, no problem found, nothing written\n", strings.Join(files, ", "))
		}
		fmt.Fprintln(e.stdout, sum)
		return nil
	}
	return c
}

// rollbackRun undoes the unfinished import run id.
func rollbackRun(c *cobra.Command, e *env, conn *connFlags, id string, jsonOut bool) error {
	for _, f := range []string{"resume", "dry-run", "keep-failed", "format", "batch-size", "workers"} {
		if c.Flags().Changed(f) {
			return usagef("import --rollback takes no --%s", f)
		}
	}
	st, closeDB, err := conn.open(c.Context())
	if err != nil {
		return err
	}
	defer closeDB()
	rb, err := ingest.Rollback(c.Context(), st, id)
	if err != nil {
		return fmt.Errorf("import --rollback %s: %w", id, err)
	}
	if jsonOut {
		return writeJSON(e.stdout, rb)
	}
	fmt.Fprintf(e.stdout, "import run %s rolled back: %d entities and %d relationships deleted, %d entities and %d relationships restored",
		id, rb.DeletedEntities, rb.DeletedRelationships, rb.RestoredEntities, rb.RestoredRelationships)
	if rb.DeletedSources+rb.RestoredSources > 0 {
		fmt.Fprintf(e.stdout, "; %d sources deleted, %d restored", rb.DeletedSources, rb.RestoredSources)
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// openSource opens one import input: a file (gunzipped when its name ends in
// .gz) or "-" for standard input.
func openSource(e *env, name string, forced ingest.Format) (ingest.Source, func(), error) {
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

// isTerminal reports whether w is a terminal (for progress bars).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printMatch tells what matching did as an import ended.
func printMatch(w io.Writer, m graph.ImportMatch) {
	if m.TooMany > 0 {
		// A bulk load: cross-referencing it is a job of its own.
		fmt.Fprintf(w, "%d entities imported: too many to match now; run explorer xref --source PREFIX (or --source SOURCE) to review them\n", m.TooMany)
		return
	}
	for _, g := range m.Merged {
		fmt.Fprintf(w, "matched %s (%s) to %s (%s), score %.2f: merged (explorer unmerge %s undoes it)\n",
			termSafe(g.MergedName), termSafe(g.Merged), termSafe(g.CanonicalName), termSafe(g.Canonical), g.Score, termSafe(g.Merged))
	}
	if m.Review > 0 {
		fmt.Fprintf(w, "%d candidate pairs to review: explorer xref (or the review page, /xref)\n", m.Review)
	}
}
