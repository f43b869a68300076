package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/localneo4j"
)

// bulkSummary says what a bulk import did, phase by phase.
type bulkSummary struct {
	Files         []string       `json:"files"`
	Entities      int            `json:"entities"`
	Relationships int            `json:"relationships"`
	Replaced      graph.Counts   `json:"replaced"`
	Phases        []bulkPhase    `json:"phases"`
	Skipped       map[string]int `json:"skipped,omitempty"`
	Total         time.Duration  `json:"total_ns"`
}

// bulkPhase times one phase of a bulk import.
type bulkPhase struct {
	Name string        `json:"name"`
	Time time.Duration `json:"ns"`
}

func (s bulkSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "bulk import: %d entities, %d relationships", s.Entities, s.Relationships)
	if s.Replaced.Nodes > 0 || s.Replaced.Relationships > 0 {
		fmt.Fprintf(&b, " (replaced %d nodes, %d relationships)", s.Replaced.Nodes, s.Replaced.Relationships)
	}
	var parts []string
	for _, p := range s.Phases {
		parts = append(parts, fmt.Sprintf("%s %s", p.Name, p.Time.Round(10*time.Millisecond)))
	}
	fmt.Fprintf(&b, "\ntime: %s (%s)", s.Total.Round(10*time.Millisecond), strings.Join(parts, ", "))
	return b.String()
}

// bulkImport loads srcs into the empty local database through Neo4j's
// offline importer: the same reading and checks as the transactional
// import, then the importer's CSV, the importer on a fresh store swapped in
// only on success, a restart, the schema and a count of what landed.
func bulkImport(ctx context.Context, e *env, conn *connFlags, srcs []ingest.Source, replace bool) (bulkSummary, error) {
	t0 := time.Now()
	sum := bulkSummary{}
	srv, err := localneo4j.New(e.getenv, e.stderr)
	if err != nil {
		return sum, err
	}
	if conn.uri != srv.URI() || conn.database != "neo4j" {
		return sum, fmt.Errorf("import --bulk: %s (database %s) is not the local Neo4j that 'explorer neo4j' runs (%s, database neo4j): "+
			"a bulk load stops the server and replaces its store files, which only works on this machine's own server. "+
			"On another server use the transactional import (explorer import FILE... without --bulk), "+
			"or write the CSV with 'explorer import --bulk --csv-only DIR FILE...', stop that server and run the neo4j-admin database import full command it prints there", conn.uri, conn.database, srv.URI())
	}
	if _, err := srv.Status(ctx); err != nil {
		return sum, fmt.Errorf("import --bulk: the local Neo4j does not answer on %s (start it with 'explorer neo4j start'): %w", srv.BoltAddr, err)
	}
	st, closeDB, err := conn.open(ctx)
	if err != nil {
		return sum, err
	}
	defer func() { closeDB() }()
	before, err := st.CountAll(ctx)
	if err != nil {
		return sum, err
	}
	if (before.Nodes > 0 || before.Relationships > 0) && !replace {
		return sum, fmt.Errorf("import --bulk: the database holds %d nodes and %d relationships; a bulk load only fills an empty database. "+
			"Add --replace to replace all of it, or use the transactional import (without --bulk) to add to it", before.Nodes, before.Relationships)
	}
	sum.Replaced = before

	phase := func(name string, fn func() error) error {
		t := time.Now()
		fmt.Fprintf(e.stderr, "import --bulk: %s...\n", name)
		err := fn()
		d := time.Since(t)
		sum.Phases = append(sum.Phases, bulkPhase{name, d})
		if err == nil {
			fmt.Fprintf(e.stderr, "import --bulk: %s done in %s\n", name, d.Round(10*time.Millisecond))
		}
		return err
	}

	pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	pp.Label = "import --bulk"
	checked, err := ingest.CheckAll(ctx, srcs, ingest.Options{Progress: pp.Update})
	pp.Finish()
	sum.Files, sum.Skipped = checked.Summary.Files, checked.Summary.Skipped
	sum.Phases = append(sum.Phases, bulkPhase{"read", checked.Summary.Read}, bulkPhase{"check", checked.Summary.Check})
	if err != nil {
		return sum, err
	}
	sum.Entities, sum.Relationships = len(checked.Entities), len(checked.Relationships)

	dir, err := os.MkdirTemp(srv.Home, "bulk-csv-")
	if err != nil {
		return sum, err
	}
	defer os.RemoveAll(dir)
	var files graph.AdminCSV
	if err := phase("csv", func() error {
		files, err = graph.WriteAdminCSV(dir, checked.Entities, checked.Relationships)
		return err
	}); err != nil {
		return sum, err
	}
	if !replace {
		// Nothing may have been written since the first look.
		if now, err := st.CountAll(ctx); err != nil {
			return sum, err
		} else if now.Nodes > 0 || now.Relationships > 0 {
			return sum, fmt.Errorf("import --bulk: the database received %d nodes while the input was checked; nothing was imported (add --replace to replace them)", now.Nodes)
		}
	}
	closeDB()
	closeDB = func() {}
	var progress io.Writer = e.stderr
	if err := phase("neo4j-admin and restart", func() error {
		return srv.ImportFull(ctx, "neo4j", files.Args(), progress, 180*time.Second)
	}); err != nil {
		return sum, err
	}
	st, closeDB, err = conn.open(ctx)
	if err != nil {
		return sum, err
	}
	if err := phase("schema", func() error { return st.EnsureSchema(ctx) }); err != nil {
		return sum, err
	}
	if err := phase("verify", func() error {
		got, err := st.CountAll(ctx)
		if err != nil {
			return err
		}
		if got.Nodes != int64(files.Entities) || got.Relationships != int64(files.Relationships) {
			return fmt.Errorf("import --bulk: the database holds %d nodes and %d relationships after the import, want %d and %d",
				got.Nodes, got.Relationships, files.Entities, files.Relationships)
		}
		return nil
	}); err != nil {
		return sum, err
	}
	// The store was replaced outside the store's writes: a new version
	// (with a new time) tells whatever noted the old one, the stored
	// cross-reference and a server's path index, that the graph changed.
	if err := phase("version", func() error { return st.BumpVersion(ctx) }); err != nil {
		return sum, err
	}
	if len(checked.Sources) > 0 {
		// neo4j-admin loads the graph only; the few source records the
		// claims name follow.
		if err := phase("sources", func() error { return st.AddSources(ctx, checked.Sources) }); err != nil {
			return sum, err
		}
	}
	sum.Total = time.Since(t0)
	return sum, nil
}

// bulkCSV reads and checks srcs like any import, writes them as
// neo4j-admin's CSV into dir and prints the command that loads them, for a
// server this command cannot stop.
func bulkCSV(ctx context.Context, e *env, srcs []ingest.Source, dir string) error {
	pp := ingest.NewProgressPrinter(e.stderr, isTerminal(e.stderr), nil)
	pp.Label = "import --bulk"
	checked, err := ingest.CheckAll(ctx, srcs, ingest.Options{Progress: pp.Update})
	pp.Finish()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	files, err := graph.WriteAdminCSV(abs, checked.Entities, checked.Relationships)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d entities and %d relationships to %s; with the server stopped, run:\n", files.Entities, files.Relationships, abs)
	fmt.Fprintf(e.stdout, "neo4j-admin database import full neo4j --overwrite-destination %s\n", strings.Join(files.Args(), " "))
	fmt.Fprintln(e.stderr, "then start Neo4j and run 'explorer import' on the same files once: it creates the constraints and indexes and finds every record unchanged")
	return nil
}
