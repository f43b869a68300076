package bench

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/synth"
)

// ImportConfig sets up the import benchmark.
type ImportConfig struct {
	Nodes, Rels int
	Seed        uint64
	// Naive is the number of relationships in the naive sample.
	Naive              int
	BatchSize, Workers int
	// Dir is where the synthetic JSON lines file is written.
	Dir string
	// Progress returns a printer for a phase's progress (labelled).
	Progress func(label string) *ingest.ProgressPrinter
}

// Import measures the batched import of a synthetic graph against the
// naive import of a sample of it (each relationship in its own auto-commit
// statement), in the same run and on the same database. It deletes the
// whole graph. The table goes to out, notes to log.
func Import(ctx context.Context, st *graph.Store, cfg ImportConfig, out, log io.Writer) error {
	cfg.Naive = min(cfg.Naive, cfg.Rels)
	// The graph goes to a file so that the batched import includes reading
	// and checking it, as a user's import does.
	var es []graph.Entity
	var rs []graph.Relationship
	path := filepath.Join(cfg.Dir, fmt.Sprintf("explorer-bench-%d-%d-%d.jsonl", cfg.Nodes, cfg.Rels, cfg.Seed))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	jw := ingest.NewJSONLWriter(f)
	err = synth.Generate(synth.Config{Nodes: cfg.Nodes, Rels: cfg.Rels, Seed: cfg.Seed},
		func(x graph.Entity) error { es = append(es, x); return jw.Entity(x) },
		func(r graph.Relationship) error {
			if len(rs) < cfg.Naive {
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
	fmt.Fprintf(log, "bench: wrote %s (%d entities, %d relationships)\n", path, cfg.Nodes, cfg.Rels)

	if err := st.Reset(ctx); err != nil {
		return err
	}
	naive, err := naiveImport(ctx, st, es, rs, cfg)
	if err != nil {
		return fmt.Errorf("bench: naive import: %w", err)
	}
	es = nil
	if err := st.Reset(ctx); err != nil {
		return err
	}

	in, err := os.Open(path)
	if err != nil {
		return err
	}
	defer in.Close()
	fi, _ := in.Stat()
	pp := cfg.Progress("import")
	batched, err := ingest.ImportAll(ctx, st, []ingest.Source{{Name: path, Format: ingest.JSONL, R: in, Size: fi.Size()}},
		ingest.Options{BatchSize: cfg.BatchSize, Workers: cfg.Workers, Progress: pp.Update})
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
	nRel := rate(len(rs), naive)
	fmt.Fprintf(out, `| measurement | value |
|---|---|
| graph | %d entities, %d relationships (synthetic, seed %d); database after import: %d nodes, %d relationships |
| batched import, end to end (read + check + write) | %s: %.0f relationships/s |
| batched import phases | read %s, check %s, entities %s, relationships %s |
| batched relationship writes (UNWIND, batch %d, %d workers) | %.0f relationships/s |
| naive relationship writes (one auto-commit statement each, %d relationships) | %s: %.0f relationships/s |
| ratio, relationship writes batched / naive | %.1fx |
| ratio, batched end to end / naive | %.1fx |
`, cfg.Nodes, cfg.Rels, cfg.Seed, counts.Nodes, counts.Relationships,
		round(total), bAll,
		round(batched.Read), round(batched.Check), round(batched.Write-batched.WriteRelationships), round(batched.WriteRelationships),
		cfg.BatchSize, cfg.Workers, bRel,
		len(rs), round(naive), nRel,
		bRel/nRel, bAll/nRel)
	return nil
}

// naiveImport is the baseline: the sample's entities are written in batches
// (untimed), then each relationship in its own auto-commit statement, as
// a one-statement-per-row loader would (the baseline of BENCHMARKS.md's
// figures since the first one). It returns the time the relationships
// took.
func naiveImport(ctx context.Context, st *graph.Store, es []graph.Entity, rs []graph.Relationship, cfg ImportConfig) (time.Duration, error) {
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
	if _, err := ingest.Load(ctx, st, sample, nil, ingest.Options{BatchSize: cfg.BatchSize, Workers: 1}); err != nil {
		return 0, err
	}
	pp := cfg.Progress("naive import")
	defer pp.Finish()
	t0 := time.Now()
	for i, r := range rs {
		if err := st.MergeRelationshipOne(ctx, r); err != nil {
			return 0, fmt.Errorf("relationship %d of %d (%s): %w", i+1, len(rs), r.ID, err)
		}
		if (i+1)%1000 == 0 || i+1 == len(rs) {
			pp.Update(ingest.Progress{Phase: "relationships", Done: int64(i + 1), Total: int64(len(rs)), Elapsed: time.Since(t0)})
		}
	}
	return time.Since(t0), nil
}

func round(d time.Duration) time.Duration { return d.Round(10 * time.Millisecond) }
