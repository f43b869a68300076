package bench

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"explorer/diagram"
	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// TestImportAndPaths runs both harnesses on a tiny synthetic graph: the
// import table reports both imports and a ratio, and the path table times
// the same pairs through the driver and the API.
func TestImportAndPaths(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	var out, log bytes.Buffer
	cfg := ImportConfig{Nodes: 60, Rels: 200, Seed: 2, Naive: 50, BatchSize: 100, Workers: 2, Dir: t.TempDir(),
		Progress: func(label string) *ingest.ProgressPrinter { return ingest.NewProgressPrinter(&log, false, nil) }}
	if err := Import(ctx, st, cfg, &out, &log); err != nil {
		t.Fatalf("Import: %v\n%s", err, log.String())
	}
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`database after import: 60 nodes, 200 relationships`),
		regexp.MustCompile(`naive relationship writes \(one auto-commit statement each, 50 relationships\) \| [0-9.]+m?s: \d+ relationships/s`),
		regexp.MustCompile(`ratio, relationship writes batched / naive \| [0-9.]+x`),
	} {
		if !want.MatchString(out.String()) {
			t.Errorf("import table lacks %s:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := Paths(ctx, st, PathsConfig{Pairs: 10, Warmup: 2, Seed: 1, Mode: graph.Shortest, MaxHops: 4}, &out, &log); err != nil {
		t.Fatalf("Paths: %v", err)
	}
	if !strings.Contains(out.String(), "graph: 60 entities, 200 relationships") || !strings.Contains(out.String(), "| HTTP API | ") {
		t.Errorf("path table:\n%s", out.String())
	}

	// The chronological search and the former exhaustive query on the
	// same pairs: both timed, and both find as many paths on every pair.
	out.Reset()
	if err := Paths(ctx, st, PathsConfig{Pairs: 10, Warmup: 2, Seed: 1, Mode: graph.Chronological, MaxHops: 4, K: 2, Baseline: true}, &out, &log); err != nil {
		t.Fatalf("Paths: %v", err)
	}
	for _, want := range []string{"mode chronological, k 2, max hops 4", "| driver, baseline exhaustive query | ", ", 0 past the time limit, 0 answers with another number of paths than the search"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("chronological path table lacks %q:\n%s\n%s", want, out.String(), log.String())
		}
	}

	// k-shortest and Yen's algorithm, one query per spur, on the same
	// pairs: both timed, and the same path lengths on every pair.
	drv, dbcfg := testdb.Connect(t)
	out.Reset()
	if err := Paths(ctx, st, PathsConfig{Pairs: 10, Warmup: 2, Seed: 1, Mode: graph.KShortest, MaxHops: 4, K: 3, Baseline: true, Driver: drv, Database: dbcfg.Database}, &out, &log); err != nil {
		t.Fatalf("Paths: %v", err)
	}
	for _, want := range []string{"mode k-shortest, k 3, max hops 4", "| driver, baseline Yen, one query per spur | ", ", 0 past the time limit, 0 answers with other path lengths than the search"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("k-shortest path table lacks %q:\n%s\n%s", want, out.String(), log.String())
		}
	}
	if regexp.MustCompile(`: 0 with a path`).MatchString(out.String()) {
		t.Errorf("k-shortest path table: no pair with a path, nothing compared:\n%s", out.String())
	}

	// The k-shortest search with the path index and on Neo4j alone, on
	// the same pairs: both timed, and the same paths on every pair.
	out.Reset()
	if err := Paths(ctx, st, PathsConfig{Pairs: 10, Warmup: 2, Seed: 1, Mode: graph.KShortest, MaxHops: 4, K: 3, PathIndex: true}, &out, &log); err != nil {
		t.Fatalf("Paths: %v", err)
	}
	for _, want := range []string{"path index: 60 entities, 200 relationships", "no path index): 0 answers differ", "| driver, Neo4j alone (no path index) | "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("k-shortest path table with the index lacks %q:\n%s\n%s", want, out.String(), log.String())
		}
	}
	if s := st.PathIndexStats(); s.Hits == 0 || s.Misses != 0 {
		t.Errorf("the timed searches did not read the path index: %+v", s)
	}
	out.Reset()
	if err := Paths(ctx, st, PathsConfig{Pairs: 10, Warmup: 2, Seed: 1, Mode: graph.AllShortest, MaxHops: 4, PathIndex: true}, &out, &log); err != nil {
		t.Fatalf("Paths: %v", err)
	}
	if !strings.Contains(out.String(), "no path index): 0 answers differ") {
		t.Errorf("all-shortest path table with the index:\n%s\n%s", out.String(), log.String())
	}

	out.Reset()
	eng := diagram.New(diagram.Config{Backend: diagram.BackendWasm})
	defer eng.Close()
	if err := HTTP(ctx, st, HTTPConfig{Levels: []int{1, 4}, Duration: time.Second, Seed: 1, Diagrams: eng, Registry: prometheus.NewRegistry()}, &out, &log); err != nil {
		t.Fatalf("HTTP: %v", err)
	}
	// One row per level, none with an error: | clients | requests | ... | errors | ...
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (\d+) \| \d+/s \| [0-9.]+ ms \| [0-9.]+ ms \| [0-9.]+ \| \d+[^|]* \| (\d+) \(`).FindAllStringSubmatch(out.String(), -1)
	if len(rows) != 2 || rows[0][1] != "1" || rows[1][1] != "4" {
		t.Fatalf("load table has no row per level:\n%s\n%s", out.String(), log.String())
	}
	for _, r := range rows {
		if r[2] == "0" || r[3] != "0" {
			t.Errorf("level %s: %s requests, %s errors; want some and none:\n%s\n%s", r[1], r[2], r[3], out.String(), log.String())
		}
	}
	if !strings.Contains(out.String(), "server before the run:") {
		t.Errorf("load table lacks the server's memory and goroutines:\n%s", out.String())
	}
}
