package bench

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

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
}
