package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

func date(t *testing.T, s string) graph.PartialDate {
	t.Helper()
	d, err := graph.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// sourceIDs returns the sourceId of every relationship in the database, by
// relationship id ("" for none).
func sourceIDs(t *testing.T) map[string]string {
	t.Helper()
	d, cfg := testdb.Connect(t)
	res, err := neo4j.ExecuteQuery(context.Background(), d, `MATCH (:Entity)-[r]->(:Entity) RETURN r.id AS id, coalesce(r.sourceId, '') AS src`,
		nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, rec := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		src, _, _ := neo4j.GetRecordValue[string](rec, "src")
		out[id] = src
	}
	return out
}

func TestImportCreatesAndReusesSources(t *testing.T) {
	report := graph.ImportedSourceID("https://example.org/report")
	press := graph.ImportedSourceID(graph.SourceTitleKey("Press release sm1234", "US Treasury"))
	treasury := graph.ImportedSourceID(graph.SourceTitleKey("US Treasury", "US Treasury"))
	text := []graph.Source{
		{ID: report, Title: "Registry report 2019", Publisher: "Example Registry", Author: "J. Doe", Published: date(t, "2019-05"),
			URL: "HTTPS://Example.ORG/report/#p2", Retrieved: date(t, "2026-11-30")},
		{ID: press, Title: "Press release sm1234", Publisher: "US Treasury", Published: date(t, "2021-03-02")},
	}
	textClaims := map[string]string{"acme-bolt-1": report, "acme-bolt-2": report, "acme-bolt-3": press, "acme-bolt-4": ""}
	for _, tc := range []struct {
		file    string
		sources []graph.Source
		// claims maps every relationship to its source ("" names no
		// document: it keeps its free-text source only).
		claims map[string]string
	}{
		{"claims.csv", text, textClaims},
		{"claims.jsonl", text, textClaims},
		{"claims.ftm.json", []graph.Source{
			{ID: report, Title: "Example Registry", Publisher: "Example Registry", URL: "HTTPS://Example.ORG/report/#p2", Retrieved: date(t, "2026-11-30")},
			{ID: treasury, Title: "US Treasury", Publisher: "US Treasury"},
		}, map[string]string{"ftm-own-1": report, "ftm-own-2": report, "ftm-dir-1": treasury, "ftm-link-1": ""}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			st := testdb.Open(t)
			ctx := context.Background()
			first, err := importFiles(t, st, ingest.Options{}, "sources/"+tc.file)
			if err != nil {
				t.Fatalf("first import: %v", err)
			}
			if want := (graph.BulkResult{Created: len(tc.sources)}); first.Sources != want {
				t.Errorf("first import: sources %+v, want %+v", first.Sources, want)
			}
			got, err := st.SourceIndex(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.sources, got); diff != "" {
				t.Errorf("sources after the first import (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.claims, sourceIDs(t)); diff != "" {
				t.Errorf("claims' sources (-want +got):\n%s", diff)
			}
			c1 := counts(t, st)
			second, err := importFiles(t, st, ingest.Options{}, "sources/"+tc.file)
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			if want := (graph.BulkResult{Unchanged: len(tc.sources)}); second.Sources != want || second.Relationships.Unchanged != second.Relationships.Total() {
				t.Errorf("second import: sources %+v relationships %+v, want sources %+v and every relationship unchanged", second.Sources, second.Relationships, want)
			}
			if len(second.Warnings) > 0 {
				t.Errorf("second import warns: %v", second.Warnings)
			}
			again, err := st.SourceIndex(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(got, again); diff != "" {
				t.Errorf("sources changed by the second import (-first +second):\n%s", diff)
			}
			if c2 := counts(t, st); c2 != c1 {
				t.Errorf("counts after re-import = %+v, want %+v", c2, c1)
			}
		})
	}
}

func TestImportSourceProblemsNameLineAndField(t *testing.T) {
	const ents = `{"kind":"entity","id":"a","name":"A","type":"Organization"}
{"kind":"entity","id":"b","name":"B","type":"Organization"}
`
	for _, tc := range []struct {
		name, file string
		format     ingest.Format
		in         string
		want       ingest.Problem
	}{
		{"conflicting publisher for one URL", "c.csv", ingest.CSV, `id,type,from,to,source,sourceUrl,sourcePublisher,confidence
r1,MET_WITH,a,b,Report,https://example.org/r,Example,reported
r2,MET_WITH,b,a,Report,https://EXAMPLE.org/r/,Other,reported
`, ingest.Problem{File: "c.csv", Line: 3, Field: "sourcePublisher",
			Message: `"Other", but c.csv:2 gives "Example" for the same source (https://example.org/r)`}},
		{"conflicting date for one title", "c.jsonl", ingest.JSONL, ents +
			`{"kind":"relationship","id":"r1","type":"MET_WITH","from":"a","to":"b","source":"s","sourceTitle":"Report","sourcePublished":"2019","confidence":"reported"}
{"kind":"relationship","id":"r2","type":"MET_WITH","from":"b","to":"a","source":"s","sourceTitle":"report","sourcePublished":"2020","confidence":"reported"}
`, ingest.Problem{File: "c.jsonl", Line: 4, Field: "sourcePublished",
			Message: `"2020", but c.jsonl:3 gives "2019" for the same source ("Report")`}},
		{"URL that is not absolute", "u.csv", ingest.CSV, `id,type,from,to,source,sourceUrl,confidence
r1,MET_WITH,a,b,Report,www.example.org/r,reported
`, ingest.Problem{File: "u.csv", Line: 2, Field: "sourceUrl",
			Message: `"www.example.org/r" is not an absolute URL (want scheme://host/..., such as https://example.org/report)`}},
		{"bad retrieval date", "d.jsonl", ingest.JSONL, ents +
			`{"kind":"relationship","id":"r1","type":"MET_WITH","from":"a","to":"b","source":"s","sourceUrl":"https://example.org","sourceRetrieved":"2019-13","confidence":"reported"}
`, ingest.Problem{File: "d.jsonl", Line: 3, Field: "sourceRetrieved"}},
		{"source field on an entity", "e.jsonl", ingest.JSONL, `{"kind":"entity","id":"a","name":"A","type":"Organization","sourceTitle":"x"}
`, ingest.Problem{File: "e.jsonl", Line: 1, Field: "sourceTitle", Message: "not a field of an entity"}},
		{"FtM publisher conflict", "f.ftm.json", ingest.FtM, `{"id":"a","schema":"Company","properties":{"name":["A"]}}
{"id":"b","schema":"Company","properties":{"name":["B"]}}
{"id":"o1","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"publisher":["Registry"],"sourceUrl":["https://example.org/x"]}}
{"id":"o2","schema":"Ownership","properties":{"owner":["b"],"asset":["a"],"publisher":["Other"],"sourceUrl":["https://example.org/x#2"]}}
`, ingest.Problem{File: "f.ftm.json", Line: 4, Field: "properties.publisher",
			Message: `"Other", but f.ftm.json:3 gives "Registry" for the same source (https://example.org/x)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := testdb.Open(t)
			ctx := context.Background()
			in := tc.in
			if tc.format == ingest.CSV {
				// CSV relationships need their endpoints in the database.
				if _, err := ingest.Import(ctx, st, strings.NewReader(ents), "ents.jsonl", ingest.JSONL, ingest.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			before := counts(t, st)
			_, err := ingest.Import(ctx, st, strings.NewReader(in), tc.file, tc.format, ingest.Options{})
			var rej *ingest.RejectedError
			if !errors.As(err, &rej) {
				t.Fatalf("Import = %v, want a RejectedError", err)
			}
			found := false
			for _, p := range rej.Problems {
				if p.File == tc.want.File && p.Line == tc.want.Line && p.Field == tc.want.Field &&
					(tc.want.Message == "" || p.Message == tc.want.Message) {
					found = true
				}
			}
			if !found {
				t.Errorf("problems = %v, want one like %v", rej.Problems, tc.want)
			}
			if got := counts(t, st); got != before {
				t.Errorf("a rejected import wrote: counts %+v, want %+v", got, before)
			}
			if srcs, err := st.SourceIndex(ctx); err != nil || len(srcs) != 0 {
				t.Errorf("a rejected import left sources %v (%v)", srcs, err)
			}
		})
	}
}

// failingRelationships makes every relationship batch fail, after the
// import wrote its sources and entities.
type failingRelationships struct{ *graph.Store }

func (failingRelationships) ImportRelationships(context.Context, string, []graph.Relationship, bool) (graph.BulkResult, error) {
	return graph.BulkResult{}, errors.New("injected failure")
}

func TestImportReusesExistingSourceAndRollsBack(t *testing.T) {
	existing := graph.Source{ID: "38north-dprk-iran", Title: "North Korea and Iran", Publisher: "38 North",
		URL: "https://www.38north.org/2021/07/x/"}
	const in = `{"kind":"entity","id":"a","name":"A","type":"Organization"}
{"kind":"entity","id":"b","name":"B","type":"Organization"}
{"kind":"relationship","id":"r1","type":"MET_WITH","from":"a","to":"b","source":"38 North","sourceUrl":"https://WWW.38north.org/2021/07/x#top","sourcePublisher":"38 North Digital","sourceAuthor":"A. Writer","confidence":"reported"}
{"kind":"relationship","id":"r2","type":"MET_WITH","from":"b","to":"a","source":"UN","sourceTitle":"UN Panel of Experts report S/2019/171","sourcePublisher":"United Nations","confidence":"reported"}
`
	poe := graph.ImportedSourceID(graph.SourceTitleKey("UN Panel of Experts report S/2019/171", "United Nations"))
	ctx := context.Background()
	setup := func(t *testing.T) *graph.Store {
		st := testdb.Open(t)
		if err := st.AddSource(ctx, existing); err != nil {
			t.Fatal(err)
		}
		return st
	}
	t.Run("committed", func(t *testing.T) {
		st := setup(t)
		sum, err := ingest.Import(ctx, st, strings.NewReader(in), "in.jsonl", ingest.JSONL, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if want := (graph.BulkResult{Created: 1, Updated: 1}); sum.Sources != want {
			t.Errorf("sources %+v, want %+v", sum.Sources, want)
		}
		wantWarn := []ingest.Problem{{File: "in.jsonl", Line: 3, Field: "sourcePublisher",
			Message: `source 38north-dprk-iran already has publisher "38 North"; kept (the input gives "38 North Digital")`}}
		if diff := cmp.Diff(wantWarn, sum.Warnings); diff != "" {
			t.Errorf("warnings (-want +got):\n%s", diff)
		}
		if !strings.Contains(sum.String(), "warning: in.jsonl:3: sourcePublisher: source 38north-dprk-iran already has publisher") {
			t.Errorf("summary does not show the warning:\n%s", sum)
		}
		got, err := st.SourceIndex(ctx)
		if err != nil {
			t.Fatal(err)
		}
		filled := existing
		filled.Author = "A. Writer"
		want := []graph.Source{filled, {ID: poe, Title: "UN Panel of Experts report S/2019/171", Publisher: "United Nations"}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("sources (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(map[string]string{"r1": existing.ID, "r2": poe}, sourceIDs(t)); diff != "" {
			t.Errorf("claims' sources (-want +got):\n%s", diff)
		}
	})
	t.Run("rolled back", func(t *testing.T) {
		st := setup(t)
		d, cfg := testdb.Connect(t)
		before := testdb.Take(t, d, cfg.Database)
		_, err := ingest.Import(ctx, failingRelationships{st}, strings.NewReader(in), "in.jsonl", ingest.JSONL, ingest.Options{})
		var fe *ingest.FailedRunError
		if !errors.As(err, &fe) || fe.RolledBack == nil {
			t.Fatalf("Import = %v, want a rolled back run", err)
		}
		if want := (graph.RollbackResult{DeletedEntities: 2, DeletedSources: 1, RestoredSources: 1}); *fe.RolledBack != want {
			t.Errorf("rollback = %+v, want %+v", *fe.RolledBack, want)
		}
		if diff := before.Diff(testdb.Take(t, d, cfg.Database)); diff != "" {
			t.Errorf("graph after the rollback is not the graph before:\n%s", diff)
		}
	})
}

func TestImportSourceByExplicitID(t *testing.T) {
	const ents = `{"kind":"entity","id":"a","name":"A","type":"Organization"}
{"kind":"entity","id":"b","name":"B","type":"Organization"}
`
	ctx := context.Background()
	st := testdb.Open(t)
	// The sourceUrl of a claim with a sourceId is the claim's own link; the
	// source fields make the record under that id.
	in := ents + `{"kind":"relationship","id":"r1","type":"MET_WITH","from":"a","to":"b","source":"UN","sourceId":"un-poe-2019","sourceTitle":"UN Panel of Experts report S/2019/171","sourcePublished":"2019-03","sourceUrl":"https://example.org/poe#p12","confidence":"reported"}
{"kind":"relationship","id":"r2","type":"MET_WITH","from":"b","to":"a","source":"UN","sourceId":"un-poe-2019","sourceUrl":"https://example.org/other","confidence":"reported"}
`
	sum, err := ingest.Import(ctx, st, strings.NewReader(in), "id.jsonl", ingest.JSONL, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (graph.BulkResult{Created: 1}); sum.Sources != want {
		t.Errorf("sources %+v, want %+v", sum.Sources, want)
	}
	got, err := st.SourceIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []graph.Source{{ID: "un-poe-2019", Title: "UN Panel of Experts report S/2019/171", Published: date(t, "2019-03")}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"r1": "un-poe-2019", "r2": "un-poe-2019"}, sourceIDs(t)); diff != "" {
		t.Errorf("claims' sources (-want +got):\n%s", diff)
	}
	// Two dates for one id in one input is a problem.
	bad := `{"kind":"relationship","id":"r3","type":"MET_WITH","from":"a","to":"b","source":"UN","sourceId":"un-poe-2019","sourcePublished":"2019-03","confidence":"reported"}
{"kind":"relationship","id":"r4","type":"MET_WITH","from":"b","to":"a","source":"UN","sourceId":"un-poe-2019","sourcePublished":"2019-04","confidence":"reported"}
`
	_, err = ingest.Import(ctx, st, strings.NewReader(bad), "bad.jsonl", ingest.JSONL, ingest.Options{})
	var rej *ingest.RejectedError
	wantP := ingest.Problem{File: "bad.jsonl", Line: 2, Field: "sourcePublished",
		Message: `"2019-04", but bad.jsonl:1 gives "2019-03" for the same source (source id un-poe-2019)`}
	if !errors.As(err, &rej) || len(rej.Problems) != 1 || rej.Problems[0] != wantP {
		t.Errorf("Import = %v, want the one problem %v", err, wantP)
	}
}
