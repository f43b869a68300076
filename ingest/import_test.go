package ingest_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// importFiles imports testdata files as one unit, inferring each format.
func importFiles(t *testing.T, st *graph.Store, opts ingest.Options, names ...string) (ingest.Summary, error) {
	t.Helper()
	var srcs []ingest.Source
	for _, n := range names {
		f, err := os.Open(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		format, err := ingest.FormatOf(n)
		if err != nil {
			t.Fatal(err)
		}
		srcs = append(srcs, ingest.Source{Name: n, Format: format, R: f})
	}
	return ingest.ImportAll(context.Background(), st, srcs, opts)
}

func counts(t *testing.T, st *graph.Store) graph.Counts {
	t.Helper()
	c, err := st.Count(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestImportGoodFilesIsIdempotent(t *testing.T) {
	st := testdb.Open(t)
	files := []string{"entities.csv", "relationships.csv", "mixed.csv", "graph.jsonl", "opensanctions.ftm.json"}
	first, err := importFiles(t, st, ingest.Options{BatchSize: 2}, files...)
	if err != nil {
		t.Fatalf("first import: %v", err)
	}
	// 5 + 2 CSV entities, 2 new JSON lines ones (north-korea repeats
	// identically), 4 FtM nodes and one for the Sanction's authority, which no
	// FtM entity of the file names.
	wantEnt := graph.BulkResult{Created: 5 + 2 + 2 + 4 + 1}
	wantRel := graph.BulkResult{Created: 3 + 1 + 2 + 4}
	if first.Entities != wantEnt || first.Relationships != wantRel {
		t.Errorf("first import: entities %+v relationships %+v, want %+v %+v", first.Entities, first.Relationships, wantEnt, wantRel)
	}
	wantSkipped := map[string]int{"Address": 1, "Security": 1, "UnknownLink (link to a skipped Security)": 1, "Sanction (no authority)": 1}
	if diff := cmp.Diff(wantSkipped, first.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	c1 := counts(t, st)
	second, err := importFiles(t, st, ingest.Options{}, files...)
	if err != nil {
		t.Fatalf("second import: %v", err)
	}
	if second.Entities != (graph.BulkResult{Unchanged: wantEnt.Created}) || second.Relationships != (graph.BulkResult{Unchanged: wantRel.Created}) {
		t.Errorf("second import: entities %+v relationships %+v, want all unchanged", second.Entities, second.Relationships)
	}
	if c2 := counts(t, st); c2 != c1 {
		t.Errorf("counts after re-import = %+v, want %+v", c2, c1)
	}
	ctx := context.Background()
	e, err := st.GetEntity(ctx, "komid")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Entity{ID: "komid", Name: "Korea Mining Development Trading Corporation", Type: graph.Organization,
		Aliases: []string{"KOMID", "Korea Mining Development Trading Corp"}, Description: "North Korea's primary arms dealer, sanctioned by the UN in 2009.", Country: "KP"}
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("komid (-want +got):\n%s", diff)
	}
	ftm, err := st.GetEntity(ctx, ingest.FtMID("NK-aXYZ12"))
	if err != nil {
		t.Fatal(err)
	}
	wantFtM := graph.Entity{ID: ingest.FtMID("NK-aXYZ12"), Name: "Korea Mining Development Trading Corporation", Type: graph.Organization,
		Aliases: []string{"KOMID", "Changgwang Sinyong Corporation"}, Description: "Primary arms dealer.", Country: "KP"}
	if diff := cmp.Diff(wantFtM, ftm); diff != "" {
		t.Errorf("FtM company (-want +got):\n%s", diff)
	}
}

// The store is what import and export need.
var (
	_ ingest.Store  = (*graph.Store)(nil)
	_ ingest.Reader = (*graph.Store)(nil)
)

func TestImportUpdatesChangedRecords(t *testing.T) {
	st := testdb.Open(t)
	if _, err := importFiles(t, st, ingest.Options{}, "graph.jsonl"); err != nil {
		t.Fatal(err)
	}
	changed := `{"kind":"entity","id":"irgc","name":"Islamic Revolutionary Guard Corps","type":"Organization","aliases":["IRGC"],"country":"IR"}
{"kind":"relationship","id":"irgc-houthis-support","type":"SUPPORTS","from":"irgc","to":"houthis","start":"2015","evidence":"The IRGC has armed and trained the Houthis.","source":"38 North","confidence":"confirmed"}
{"kind":"entity","id":"houthis","name":"Ansar Allah","type":"Organization","aliases":["Houthis"],"description":"Yemeni armed movement.","country":"YE"}
`
	sum, err := ingest.Import(context.Background(), st, strings.NewReader(changed), "changed.jsonl", ingest.JSONL, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Entities != (graph.BulkResult{Updated: 1, Unchanged: 1}) || sum.Relationships != (graph.BulkResult{Updated: 1}) {
		t.Errorf("re-import with changes: entities %+v relationships %+v", sum.Entities, sum.Relationships)
	}
	e, _ := st.GetEntity(context.Background(), "irgc")
	if !slices.Equal(e.Aliases, []string{"IRGC"}) {
		t.Errorf("irgc aliases = %q, want [IRGC]", e.Aliases)
	}
	// A new type replaces the old type label.
	retyped := `{"kind":"entity","id":"irgc","name":"Islamic Revolutionary Guard Corps","type":"State","aliases":["IRGC"],"country":"IR"}`
	sum, err = ingest.Import(context.Background(), st, strings.NewReader(retyped), "retyped.jsonl", ingest.JSONL, ingest.Options{})
	if err != nil || sum.Entities != (graph.BulkResult{Updated: 1}) {
		t.Fatalf("re-typing: %+v, %v", sum.Entities, err)
	}
	drv, cfg := testdb.Connect(t)
	res, err := neo4j.ExecuteQuery(context.Background(), drv, `MATCH (e:Entity {id: 'irgc'}) RETURN labels(e) AS labels`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	raw, _, _ := neo4j.GetRecordValue[[]any](res.Records[0], "labels")
	var labels []string
	for _, l := range raw {
		labels = append(labels, l.(string))
	}
	slices.Sort(labels)
	if diff := cmp.Diff([]string{"Entity", "State"}, labels); diff != "" {
		t.Errorf("labels after re-typing (-want +got):\n%s", diff)
	}
}

func TestImportRejectsBrokenFiles(t *testing.T) {
	st := testdb.Open(t)
	// A graph that is already there must stay exactly as it is.
	if _, err := importFiles(t, st, ingest.Options{}, "graph.jsonl"); err != nil {
		t.Fatal(err)
	}
	before := counts(t, st)
	tests := []struct {
		files []string
		want  []string // FILE:LINE: field, then a part of the message
	}{
		{[]string{"broken-unknown-type.csv"}, []string{
			`broken-unknown-type.csv:3: type: unknown entity type "Organisation"`,
		}},
		{[]string{"entities.csv", "broken-dates.csv"}, []string{
			`broken-dates.csv:3: start: date "1990-13": bad month`,
			`broken-dates.csv:4: end: end 1989 is before start 1990`,
			`broken-dates.csv:5: source: missing`,
			`broken-dates.csv:5: confidence: unknown confidence "sure"`,
		}},
		{[]string{"broken-malformed.csv"}, []string{
			`broken-malformed.csv:3: malformed CSV: extraneous or missing " in quoted-field`,
			`broken-malformed.csv:4: malformed CSV: wrong number of fields`,
		}},
		{[]string{"broken-duplicate.csv"}, []string{
			`broken-duplicate.csv:4: id: entity "komid" is also defined at broken-duplicate.csv:2 with different data`,
			`broken-duplicate.csv:7: id: relationship "komid-shig" is also defined at broken-duplicate.csv:6 with different data`,
		}},
		{[]string{"broken-endpoint.jsonl"}, []string{
			`broken-endpoint.jsonl:2: to: entity "no-such-entity" is neither in the input nor in the database`,
		}},
		{[]string{"broken-malformed.jsonl"}, []string{
			`broken-malformed.jsonl:2: malformed JSON: unexpected end of JSON input`,
			`broken-malformed.jsonl:3: kind: "thing": want "entity" or "relationship"`,
			`broken-malformed.jsonl:4: weight: unknown field`,
			`broken-malformed.jsonl:4: type: unknown relationship type "FUNDED"`,
			`broken-malformed.jsonl:5: malformed JSON: want an object, one per line`,
			`broken-malformed.jsonl:6: aliases: want a list of strings, got string`,
			`broken-malformed.jsonl:6: id: "Bad Id": want a lowercase slug`,
			`broken-malformed.jsonl:6: name: missing`,
		}},
		{[]string{"broken-control.jsonl"}, []string{
			`broken-control.jsonl:2: name: control character U+001B at byte 4`,
			`broken-control.jsonl:3: aliases[0]: control character U+202E at byte 3`,
			`broken-control.jsonl:4: source: control character U+0000 at byte 2`,
			`broken-control.jsonl:4: to: entity "bidi" is neither in the input nor in the database`,
		}},
		{[]string{"broken-utf8.jsonl"}, []string{
			`broken-utf8.jsonl:2: invalid UTF-8`,
		}},
		{[]string{"broken.ftm.json"}, []string{
			`broken.ftm.json:2: properties.name: missing`,
			`broken.ftm.json:3: properties.startDate: date "2020-02-30": bad day`,
			`broken.ftm.json:3: properties.organization: entity "ftm-org-missing" is neither in the input nor in the database`,
			`broken.ftm.json:4: properties.name: want a list of strings, got "not a list"`,
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.files, "+"), func(t *testing.T) {
			sum, err := importFiles(t, st, ingest.Options{}, tt.files...)
			var rej *ingest.RejectedError
			if !errors.As(err, &rej) || !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("import = %v, want a RejectedError", err)
			}
			var got []string
			for _, p := range rej.Problems {
				got = append(got, p.String())
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range min(len(got), len(tt.want)) {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
			if sum.Rejected == 0 || sum.Entities.Total()+sum.Relationships.Total() != 0 {
				t.Errorf("summary = %+v, want rejected records and nothing written", sum)
			}
			if after := counts(t, st); after != before {
				t.Errorf("counts = %+v after a rejected import, want %+v", after, before)
			}
		})
	}
}

func TestImportRejectsRelationshipIDThatLinksOtherEntities(t *testing.T) {
	st := testdb.Open(t)
	if _, err := importFiles(t, st, ingest.Options{}, "graph.jsonl"); err != nil {
		t.Fatal(err)
	}
	moved := `{"kind":"relationship","id":"irgc-houthis-support","type":"SUPPORTS","from":"north-korea","to":"houthis","source":"38 North","confidence":"reported"}`
	_, err := ingest.Import(context.Background(), st, strings.NewReader(moved), "moved.jsonl", ingest.JSONL, ingest.Options{})
	if err == nil || !strings.Contains(err.Error(), `moved.jsonl:1: id: relationship "irgc-houthis-support" already links irgc -> houthis in the database`) {
		t.Errorf("import = %v, want the id conflict at line 1", err)
	}
}

// chainInput is 30 entities and 29 relationships linking them in a chain,
// with e0 and r0 as given.
func chainInput(e0, r0 string) string {
	lines := []string{e0}
	for i := 1; i < 30; i++ {
		lines = append(lines, `{"kind":"entity","id":"e`+itoa(i)+`","name":"E`+itoa(i)+`","type":"Person"}`)
	}
	lines = append(lines, r0)
	for i := 1; i < 29; i++ {
		lines = append(lines, `{"kind":"relationship","id":"r`+itoa(i)+`","type":"MET_WITH","from":"e`+itoa(i)+`","to":"e`+itoa(i+1)+`","source":"s","confidence":"reported"}`)
	}
	return strings.Join(lines, "\n")
}

// TestImportIsAllOrNothing stops imports in the middle of their
// relationships (as a crash of Neo4j or of the process would) over a graph
// that holds some of their records in another state: a stopped run is
// rolled back to exactly the graph before (entities it changed get their
// old properties and type back, what it created is gone), and a run kept
// unfinished is resumed to exactly the graph of the whole file, or rolled
// back later by id.
func TestImportIsAllOrNothing(t *testing.T) {
	before := `{"kind":"entity","id":"e0","name":"Old name","type":"Organization","aliases":["X"]}
{"kind":"entity","id":"e1","name":"E1","type":"Person"}
{"kind":"relationship","id":"r0","type":"MET_WITH","from":"e0","to":"e1","source":"old","confidence":"alleged","start":"1990"}`
	input := chainInput(`{"kind":"entity","id":"e0","name":"E0","type":"Person"}`,
		`{"kind":"relationship","id":"r0","type":"MET_WITH","from":"e0","to":"e1","source":"s","confidence":"reported"}`)
	d, cfg := testdb.Connect(t)
	// full is the graph the whole file makes over the graph before.
	st := testdb.Open(t)
	ctx := context.Background()
	for _, in := range []string{before, input} {
		if _, err := ingest.Import(ctx, st, strings.NewReader(in), "x.jsonl", ingest.JSONL, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	full := testdb.Take(t, d, cfg.Database)

	stopped := func(t *testing.T, keep bool, after int64) (*ingest.FailedRunError, testdb.Fingerprint) {
		st := testdb.Open(t)
		if _, err := ingest.Import(ctx, st, strings.NewReader(before), "before.jsonl", ingest.JSONL, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		want := testdb.Take(t, d, cfg.Database)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		opts := ingest.Options{BatchSize: 7, Workers: 1, KeepFailed: keep, Progress: func(p ingest.Progress) {
			if p.Phase == "relationships" && p.Done >= after {
				cancel()
			}
		}}
		_, err := ingest.Import(cctx, st, strings.NewReader(input), "big.jsonl", ingest.JSONL, opts)
		var fe *ingest.FailedRunError
		if !errors.As(err, &fe) || !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped import = %v, want a FailedRunError for the cancellation", err)
		}
		return fe, want
	}
	t.Run("rolled back at once", func(t *testing.T) {
		// Stopped after its last batch, before it commits: all of it is undone.
		fe, want := stopped(t, false, 29)
		if fe.RolledBack == nil {
			t.Fatalf("not rolled back: %v", fe)
		}
		// The run created 28 entities and 28 relationships, changed e0 and r0.
		if got := *fe.RolledBack; got != (graph.RollbackResult{DeletedEntities: 28, DeletedRelationships: 28, RestoredEntities: 1, RestoredRelationships: 1}) {
			t.Errorf("rollback = %+v", got)
		}
		if diff := want.Diff(testdb.Take(t, d, cfg.Database)); diff != "" {
			t.Errorf("graph after the rollback is not the graph before:\n%s", diff)
		}
	})
	t.Run("kept, then resumed", func(t *testing.T) {
		fe, _ := stopped(t, true, 7)
		if fe.RolledBack != nil || !strings.Contains(fe.Error(), "--resume "+fe.Run) {
			t.Fatalf("kept run: %v", fe)
		}
		st := graph.NewStore(d, cfg.Database)
		// Another import is refused while the run is unfinished.
		_, err := ingest.Import(ctx, st, strings.NewReader(before), "other.jsonl", ingest.JSONL, ingest.Options{})
		if !errors.Is(err, graph.ErrConflict) || !strings.Contains(err.Error(), fe.Run) {
			t.Errorf("import during an unfinished run = %v, want a conflict naming it", err)
		}
		// A resume with other input is refused.
		_, err = ingest.Import(ctx, st, strings.NewReader(before), "other.jsonl", ingest.JSONL, ingest.Options{Run: fe.Run, Resume: true})
		if !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("resume with other input = %v, want ErrInvalid", err)
		}
		sum, err := ingest.Import(ctx, st, strings.NewReader(input), "big.jsonl", ingest.JSONL, ingest.Options{BatchSize: 7, Run: fe.Run, Resume: true})
		if err != nil {
			t.Fatalf("resume: %v", err)
		}
		if sum.Run != fe.Run || sum.Relationships.Total() != 29 {
			t.Errorf("resume summary: %+v", sum)
		}
		if diff := full.Diff(testdb.Take(t, d, cfg.Database)); diff != "" {
			t.Errorf("graph after the resume is not the graph of the whole file:\n%s", diff)
		}
		run, err := st.GetImportRun(ctx, fe.Run)
		if err != nil || run.Status != graph.RunCommitted {
			t.Errorf("run after the resume: %+v, %v", run, err)
		}
		if _, err := ingest.Rollback(ctx, st, fe.Run); !errors.Is(err, graph.ErrConflict) {
			t.Errorf("rollback of a committed run = %v, want a conflict", err)
		}
	})
	t.Run("kept, then rolled back by id", func(t *testing.T) {
		fe, want := stopped(t, true, 7)
		st := graph.NewStore(d, cfg.Database)
		rb, err := ingest.Rollback(ctx, st, fe.Run)
		if err != nil {
			t.Fatal(err)
		}
		if rb.DeletedEntities != 28 || rb.RestoredEntities != 1 {
			t.Errorf("rollback = %+v", rb)
		}
		if diff := want.Diff(testdb.Take(t, d, cfg.Database)); diff != "" {
			t.Errorf("graph after the rollback is not the graph before:\n%s", diff)
		}
		// Again: nothing to do, no error.
		if rb, err := ingest.Rollback(ctx, st, fe.Run); err != nil || rb != (graph.RollbackResult{}) {
			t.Errorf("second rollback = %+v, %v", rb, err)
		}
	})
}

func TestImportDryRunWritesNothing(t *testing.T) {
	st := testdb.Open(t)
	sum, err := importFiles(t, st, ingest.Options{DryRun: true}, "graph.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if c := counts(t, st); c.Nodes != 0 || sum.Entities.Total() != 0 {
		t.Errorf("dry run wrote %+v (summary %+v)", c, sum)
	}
}

func TestFormatOf(t *testing.T) {
	for name, want := range map[string]ingest.Format{
		"a.csv": ingest.CSV, "x/entities.ftm.json": ingest.FtM, "b.ftm": ingest.FtM, "c.jsonl": ingest.JSONL,
		"d.ndjson.gz": ingest.JSONL, "E.JSON": ingest.JSONL, "f.ftm.jsonl": ingest.FtM,
	} {
		if got, err := ingest.FormatOf(name); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v, want %q", name, got, err, want)
		}
	}
	if _, err := ingest.FormatOf("graph.xml"); err == nil {
		t.Error("FormatOf(graph.xml): want an error")
	}
}

func TestFtMID(t *testing.T) {
	for in, want := range map[string]string{
		"a3f9c1":     "ftm-a3f9c1",
		"q12345":     "ftm-q12345",
		"NK-aXYZ12":  "ftm-nk-axyz12-",
		"ofac-12/34": "ftm-ofac-12-34-",
		"Q12345":     "ftm-q12345-",
	} {
		got := ingest.FtMID(in)
		if !strings.HasPrefix(got, want) || !graph.ValidID(got) {
			t.Errorf("FtMID(%q) = %q, want a valid id starting with %q", in, got, want)
		}
	}
	if ingest.FtMID("NK-ab") == ingest.FtMID("NK-AB") {
		t.Error("FtMID folds case without keeping ids apart")
	}
	if long := ingest.FtMID(strings.Repeat("x", 300)); len(long) > 128 || !graph.ValidID(long) {
		t.Errorf("FtMID(300 x) = %q, want a valid id", long)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
