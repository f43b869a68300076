package graph_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// TestXrefConcurrentEqualsSequential: the concurrent cross-reference
// (batches looked up at once, merged in order) returns exactly the
// candidates, reasons and order of the sequential one it replaced, on the
// seed with the sanctions file and the test set of name variants, with
// one batch and with many small ones, with and without a limit or source.
func TestXrefConcurrentEqualsSequential(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := (&ingest.Seeder{Store: st}).LoadFile(ctx, "../seed.cypher"); err != nil {
		t.Fatal(err)
	}
	var srcs []ingest.Source
	for _, n := range []string{"sanctions.ftm.json", "xref-variants.ftm.json"} {
		f, err := os.Open(filepath.Join("..", "cmd", "explorer", "testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		srcs = append(srcs, ingest.Source{Name: n, Format: "ftm", R: f})
	}
	if _, err := ingest.ImportAll(ctx, st, srcs, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	// Homonyms make the same index query, which the concurrent xref runs
	// once for all of them.
	var homonyms []graph.Entity
	for _, id := range []string{"homonym-1", "homonym-2", "homonym-3"} {
		homonyms = append(homonyms, ent(id, "Korea Mining Development Trading Corporation", graph.Organization))
	}
	if _, err := st.UpsertEntities(ctx, homonyms); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		o    graph.XrefOptions
	}{
		{"default", graph.XrefOptions{}},
		{"low threshold", graph.XrefOptions{MinScore: 0.5}},
		{"limit", graph.XrefOptions{MinScore: 0.6, Limit: 4}},
		{"source", graph.XrefOptions{Source: "ftm-", MinScore: 0.6}},
	} {
		for _, batch := range []int{0, 7} {
			o := graph.WithBatch(tc.o, batch)
			want, err := st.XrefSequential(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 {
				t.Fatalf("%s, batch %d: the sequential xref found no candidates; the comparison would prove nothing", tc.name, batch)
			}
			got, err := st.Xref(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(graph.Candidate{})); diff != "" {
				t.Errorf("%s, batch %d: Xref (-sequential +concurrent):\n%s", tc.name, batch, diff)
			}
		}
	}
}
