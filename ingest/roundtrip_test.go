package ingest_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// loadTricky writes the tricky graph through the import path.
func loadTricky(t *testing.T, st *graph.Store) []byte {
	t.Helper()
	addTrickySources(t, st)
	src := export(t, tricky(), ingest.ExportJSONL)
	if _, err := ingest.Import(context.Background(), st, bytes.NewReader(src), "tricky.jsonl", ingest.JSONL, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	return src
}

// trickySources are the source records tricky's claims refer to.
var trickySources = []graph.Source{
	{ID: "38north-dprk-iran", Title: "The North Korea-Iran Relationship", Publisher: "38 North", Language: "en",
		Paragraphs: []string{"Title", "SHIG’s relationship with KOMID 'quoted' \\ here"}},
	{ID: "un-poe-2011", Title: "UN Panel of Experts report", Published: graph.MustDate("2011-05")},
}

func addTrickySources(t *testing.T, st *graph.Store) {
	t.Helper()
	for _, src := range trickySources {
		if err := st.AddSource(context.Background(), src); err != nil {
			t.Fatal(err)
		}
	}
}

// TestExportRoundTrip exports the database in each re-importable format,
// loads the export into an empty database and checks that the graph is the
// same (compared as JSON lines, which carry every property).
func TestExportRoundTrip(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	want := loadTricky(t, st)
	if got := export(t, st, ingest.ExportJSONL); !bytes.Equal(got, want) {
		t.Fatalf("JSON lines export of the imported graph differs:\n%s", cmp.Diff(string(want), string(got)))
	}
	for _, f := range []ingest.ExportFormat{ingest.ExportJSONL, ingest.ExportCSV, ingest.ExportCypher} {
		t.Run(string(f), func(t *testing.T) {
			if srcs, _ := st.AllSources(ctx); len(srcs) == 0 {
				addTrickySources(t, st)
			}
			out := export(t, st, f)
			if err := st.Reset(ctx); err != nil {
				t.Fatal(err)
			}
			var err error
			switch f {
			case ingest.ExportCypher:
				sd := &ingest.Seeder{Store: st}
				_, err = sd.Load(ctx, string(out))
			case ingest.ExportCSV:
				_, err = ingest.Import(ctx, st, bytes.NewReader(out), "export.csv", ingest.CSV, ingest.Options{})
			default:
				_, err = ingest.Import(ctx, st, bytes.NewReader(out), "export.jsonl", ingest.JSONL, ingest.Options{})
			}
			if err != nil {
				t.Fatalf("loading the %s export: %v", f, err)
			}
			if got := export(t, st, ingest.ExportJSONL); !bytes.Equal(got, want) {
				t.Errorf("graph after a %s round trip differs:\n%s", f, cmp.Diff(string(want), string(got)))
			}
			if f == ingest.ExportCypher {
				got, err := st.AllSources(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(trickySources, got); diff != "" {
					t.Errorf("sources after a cypher round trip (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestFtMRoundTrip checks what FollowTheMoney carries: entities of the
// schemata that import come back under "ftm-" ids (states as
// organizations), relationships keep type, dates, evidence, source and URL,
// and confidence becomes "reported".
func TestFtMRoundTrip(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	loadTricky(t, st)
	out := export(t, st, ingest.ExportFtM)
	if err := st.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	sum, err := ingest.Import(ctx, st, bytes.NewReader(out), "export.ftm.json", ingest.FtM, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantSkipped := map[string]int{"Asset": 1, "UnknownLink (link to a skipped Asset)": 1}
	if diff := cmp.Diff(wantSkipped, sum.Skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	komid, err := st.GetEntity(ctx, "ftm-komid")
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := tricky().GetEntity(ctx, "komid")
	orig.ID = "ftm-komid"
	if diff := cmp.Diff(orig, komid); diff != "" {
		t.Errorf("komid after FtM round trip (-want +got):\n%s", diff)
	}
	if dprk, err := st.GetEntity(ctx, "ftm-north-korea"); err != nil || dprk.Type != graph.Organization {
		t.Errorf("north-korea after FtM round trip: %+v, %v; want an Organization", dprk, err)
	}
	var got []graph.Relationship
	for _, typ := range []graph.RelType{"COOPERATED_WITH", "SANCTIONED", "LEADS"} {
		page, err := st.RelationshipsPage(ctx, typ, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page...)
	}
	// FtM's publisher and sourceUrl make source records: the URL one, whose
	// title stands in from the publisher, is found again by the claim that
	// has the same publisher and no URL.
	key, err := graph.SourceURLKey("https://www.38north.org/?a=1&b=2")
	if err != nil {
		t.Fatal(err)
	}
	north := graph.ImportedSourceID(key)
	src := graph.ImportedSourceID(graph.SourceTitleKey("src", "src"))
	want := []graph.Relationship{
		{ID: "ftm-komid-shig", Type: "COOPERATED_WITH", From: "ftm-komid", To: "ftm-shig", Start: graph.MustDate("2016-01"), Evidence: "SHIG’s relationship with KOMID", Source: "38 North", SourceID: north, SourceURL: "https://www.38north.org/?a=1&b=2", Confidence: graph.Reported},
		// The authority is found again by its name.
		{ID: "ftm-unsc-komid", Type: "SANCTIONED", From: "ftm-unsc", To: "ftm-komid", Start: graph.MustDate("2009-04-24"), Evidence: "designated", Source: "38 North", SourceID: north, Confidence: graph.Reported},
		// An attested date is FtM's date alone, read back as attested.
		{ID: "ftm-odd-komid", Type: "LEADS", From: "ftm-odd", To: "ftm-komid", Attested: graph.MustDate("1990-11"), Evidence: "line one\nline two; '\\'", Source: "src", SourceID: src, Confidence: graph.Reported},
		// "Ended at a date the source does not give" has no FtM form; it is
		// written as a date alone, not as an open startDate (which FtM reads
		// as not ended), and comes back attested then: the same span.
		{ID: "ftm-shig-komid-lead", Type: "LEADS", From: "ftm-shig", To: "ftm-komid", Attested: graph.MustDate("2013"), Evidence: "formerly", Source: "src", SourceID: src, Confidence: graph.Reported},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relationships after FtM round trip (-want +got):\n%s", diff)
	}
}

// TestFtMSeedSourceRecords exports the seed to FtM and checks what becomes
// of its source records: imported into the same database the export names
// the original records (the article, given a URL here, is found by it), and
// imported into an empty one it recreates each quoted record with what FtM
// carries (publisher, URL, retrieval date), one record per original.
func TestFtMSeedSourceRecords(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	sd := &ingest.Seeder{Store: st}
	if _, err := sd.LoadFile(ctx, "../seed.cypher"); err != nil {
		t.Fatal(err)
	}
	const article = "38north-dprk-iran"
	if err := st.UpdateSource(ctx, graph.Source{ID: article, URL: "https://www.38north.org/2019/test-article/", Retrieved: graph.MustDate("2026-11-30")}); err != nil {
		t.Fatal(err)
	}
	before, err := st.AllSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// quoted are the records the claims quote (sourceId); the others are
	// only cited (citedSourceId), which FtM carries as text in "summary".
	quoted := map[string]int{}
	for _, spec := range graph.Vocabulary {
		page, err := st.RelationshipsPage(ctx, spec.Type, "", 100000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			if r.SourceID != "" {
				quoted[r.SourceID]++
			}
		}
	}
	if len(quoted) == 0 || quoted[article] == 0 {
		t.Fatalf("quoted records = %v, want the seed's claims to quote %s", quoted, article)
	}
	out := export(t, st, ingest.ExportFtM)

	// Into the same database: no new record, and the imported claims name
	// the original one.
	if _, err := ingest.Import(ctx, st, bytes.NewReader(out), "seed.ftm.json", ingest.FtM, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	after, err := st.AllSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("re-import into the same database: %d source records, want the %d it had", len(after), len(before))
	}
	ids := map[string]bool{}
	for _, src := range before {
		ids[src.ID] = true
	}
	reimported := 0
	for _, spec := range graph.Vocabulary {
		page, err := st.RelationshipsPage(ctx, spec.Type, "", 100000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			if !strings.HasPrefix(r.ID, "ftm-") {
				continue
			}
			reimported++
			if !ids[r.SourceID] {
				t.Errorf("re-imported %s names source %q, want an original record", r.ID, r.SourceID)
			}
		}
	}
	if reimported == 0 {
		t.Error("no claim was re-imported")
	}

	// Into an empty database: one record per quoted original, with the
	// fields FtM carries; the title stands in from the publisher.
	if err := st.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Import(ctx, st, bytes.NewReader(out), "seed.ftm.json", ingest.FtM, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	type carried struct{ Publisher, URL, Retrieved string }
	var want, got []carried
	for _, src := range before {
		if quoted[src.ID] > 0 && (src.Publisher != "" || src.URL != "") {
			want = append(want, carried{src.Publisher, src.URL, src.Retrieved.String()})
		}
	}
	empty, err := st.AllSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range empty {
		got = append(got, carried{src.Publisher, src.URL, src.Retrieved.String()})
	}
	less := func(a, b carried) int { return strings.Compare(a.Publisher+a.URL, b.Publisher+b.URL) }
	slices.SortFunc(want, less)
	slices.SortFunc(got, less)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("source records after an FtM import into an empty database (-want +got):\n%s", diff)
	}
}
