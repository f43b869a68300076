package ingest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// issueFtM is the case of issue 13: a company owns another from 2009-04 (no
// end), a person directs it from 2012 to 2016-01-17.
const issueFtM = `{"id":"co-a","schema":"Company","properties":{"name":["Alpha Holdings"]}}
{"id":"co-b","schema":"Company","properties":{"name":["Beta Trading"]}}
{"id":"p-1","schema":"Person","properties":{"name":["Pat Director"]}}
{"id":"own-ab","schema":"Ownership","properties":{"owner":["co-a"],"asset":["co-b"],"startDate":["2009-04"],"percentage":["51.5"],"sharesCount":["5150"]}}
{"id":"dir-pb","schema":"Directorship","properties":{"director":["p-1"],"organization":["co-b"],"startDate":["2012"],"endDate":["2016-01-17"]}}
{"id":"rep-1","schema":"Representation","properties":{"agent":["p-1"],"client":["co-a"],"startDate":["2014-05"]}}
{"id":"mem-1","schema":"Membership","properties":{"member":["p-1"],"organization":["co-a"],"date":["2015-02"]}}
`

func TestFtMIntervalsAreStates(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := ingest.Import(ctx, st, strings.NewReader(issueFtM), "issue.ftm.json", ingest.FtM, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	owns, err := st.RelationshipsPage(ctx, "OWNS", "", 10)
	if err != nil {
		t.Fatal(err)
	}
	wantOwns := []graph.Relationship{{ID: "ftm-own-ab", Type: "OWNS", From: "ftm-co-a", To: "ftm-co-b", Start: graph.MustDate("2009-04"),
		Percentage: 51.5, SharesCount: 5150, Evidence: "FollowTheMoney Ownership record (percentage: 51.5)",
		Source: "FollowTheMoney import: issue.ftm.json", Confidence: graph.Reported}}
	if diff := cmp.Diff(wantOwns, owns); diff != "" {
		t.Errorf("FtM Ownership (-want +got):\n%s", diff)
	}
	// The owner-to-asset ownership holds from 2009-04 onward, so the
	// director of the asset reaches its owner inside 2013.
	q := graph.PathQuery{From: "ftm-p-1", To: "ftm-co-a", Mode: graph.AllShortest,
		Filter: graph.Filter{Window: graph.Window{Since: graph.MustDate("2013"), Until: graph.MustDate("2013")}, Types: []graph.RelType{"OWNS", "LEADS"}}}
	ps, err := st.Paths(ctx, q)
	if err != nil {
		t.Fatalf("Paths(director to owner inside 2013): %v", err)
	}
	if got := pathStrings(ps); !cmp.Equal(got, []string{"ftm-p-1-[ftm-dir-pb]-ftm-co-b-[ftm-own-ab]-ftm-co-a"}) {
		t.Errorf("Paths(director to owner inside 2013) = %v", got)
	}
	// After the directorship ended there is no such path.
	q.Window = graph.Window{Since: graph.MustDate("2017")}
	if _, err := st.Paths(ctx, q); err == nil {
		t.Errorf("Paths(director to owner since 2017) found a path; the directorship ended on 2016-01-17")
	}
	// Representation maps to an event type (BROKERED_FOR); as an FtM
	// interval with no end it has not ended. A date alone attests a state.
	rep, _ := st.RelationshipsPage(ctx, "BROKERED_FOR", "", 10)
	if len(rep) != 1 || !rep[0].Span().Open() || rep[0].Ongoing == nil || !*rep[0].Ongoing {
		t.Errorf("FtM Representation since 2014-05 = %+v, want an ongoing BROKERED_FOR", rep)
	}
	mem, _ := st.RelationshipsPage(ctx, "MEMBER_OF", "", 10)
	if len(mem) != 1 || mem[0].Attested != graph.MustDate("2015-02") || !mem[0].Start.IsZero() {
		t.Errorf("FtM Membership dated 2015-02 = %+v, want attested 2015-02", mem)
	}
}

func pathStrings(ps []graph.Path) []string {
	var out []string
	for _, p := range ps {
		var b strings.Builder
		b.WriteString(p.Nodes[0].ID)
		for i, r := range p.Relationships {
			b.WriteString("-[" + r.ID + "]-" + p.Nodes[i+1].ID)
		}
		out = append(out, b.String())
	}
	return out
}

// TestFtMTimeRoundTrip exports every form of time to FollowTheMoney and
// imports it back: each claim keeps its span (the one rule of time), its
// type and its share.
func TestFtMTimeRoundTrip(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	yes, no := true, false
	org := func(id string) graph.Entity {
		return graph.Entity{ID: id, Name: strings.ToUpper(id), Type: graph.Organization}
	}
	rel := func(id, typ, start, end string) graph.Relationship {
		r := graph.Relationship{ID: id, Type: graph.RelType(typ), From: "a", To: "b", Evidence: id, Source: "s", Confidence: graph.Reported}
		if start != "" {
			r.Start = graph.MustDate(start)
		}
		if end != "" {
			r.End = graph.MustDate(end)
		}
		return r
	}
	owns := rel("owns", "OWNS", "2009-04", "")
	owns.Percentage, owns.SharesCount = 100, 20
	sub := rel("sub", "SUBSIDIARY_OF", "2001", "")
	ended := rel("ended", "LEADS", "2013", "")
	ended.Ongoing = &no
	lasting := rel("lasting", "SUPPLIED", "198X", "")
	lasting.Ongoing = &yes
	attested := rel("attested", "LEADS", "", "")
	attested.Attested = graph.MustDate("1990-11")
	src := &memGraph{es: []graph.Entity{org("a"), org("b")}, rs: []graph.Relationship{
		owns, sub, ended, lasting, attested,
		rel("event", "SUPPLIED", "1990-11", ""),
		rel("event-span", "SUPPLIED", "1981", "1983"),
		rel("state-span", "LEADS", "2012", "2016-01-17"),
		rel("undated", "SUPPORTS", "", ""),
	}}
	out := export(t, src, ingest.ExportFtM)
	if _, err := ingest.Import(ctx, st, bytes.NewReader(out), "export.ftm.json", ingest.FtM, ingest.Options{}); err != nil {
		t.Fatalf("import of the FtM export: %v\n%s", err, out)
	}
	got := map[string]graph.Relationship{}
	for _, typ := range []graph.RelType{"OWNS", "SUBSIDIARY_OF", "LEADS", "SUPPLIED", "SUPPORTS"} {
		page, err := st.RelationshipsPage(ctx, typ, "", 20)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			got[strings.TrimPrefix(r.ID, "ftm-")] = r
		}
	}
	for _, want := range src.rs {
		g, ok := got[want.ID]
		if !ok {
			t.Errorf("%s is missing after the FtM round trip:\n%s", want.ID, out)
			continue
		}
		if g.Type != want.Type || g.Span() != want.Span() || g.Percentage != want.Percentage || g.SharesCount != want.SharesCount {
			t.Errorf("%s after the FtM round trip: %s %v %v%% %d shares; want %s %v %v%% %d shares", want.ID,
				g.Type, g.Span(), g.Percentage, g.SharesCount, want.Type, want.Span(), want.Percentage, want.SharesCount)
		}
		if want.Type == "SUBSIDIARY_OF" && (g.From != "ftm-a" || g.To != "ftm-b") {
			t.Errorf("SUBSIDIARY_OF after the FtM round trip runs %s -> %s, want ftm-a -> ftm-b", g.From, g.To)
		}
	}
}

// TestShareRoundTrip checks that an ownership's share survives every
// re-importable format.
func TestShareRoundTrip(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	owns := graph.Relationship{ID: "a-owns-b", Type: "OWNS", From: "a", To: "b", Start: graph.MustDate("2009-04"),
		Percentage: 33.3, SharesCount: 1200, Evidence: "A owns a third of B", Source: "registry", Confidence: graph.Confirmed}
	whole := owns
	whole.ID, whole.Percentage, whole.SharesCount = "a-owns-c", 100, 0
	whole.To = "c"
	src := &memGraph{es: []graph.Entity{{ID: "a", Name: "A", Type: graph.Organization}, {ID: "b", Name: "B", Type: graph.Organization},
		{ID: "c", Name: "C", Type: graph.Organization}}, rs: []graph.Relationship{owns, whole}}
	for _, f := range []ingest.ExportFormat{ingest.ExportJSONL, ingest.ExportCSV, ingest.ExportCypher} {
		t.Run(string(f), func(t *testing.T) {
			if err := st.Reset(ctx); err != nil {
				t.Fatal(err)
			}
			out := export(t, src, f)
			var err error
			switch f {
			case ingest.ExportCypher:
				_, err = (&ingest.Seeder{Store: st}).Load(ctx, string(out))
			case ingest.ExportCSV:
				_, err = ingest.Import(ctx, st, bytes.NewReader(out), "x.csv", ingest.CSV, ingest.Options{})
			default:
				_, err = ingest.Import(ctx, st, bytes.NewReader(out), "x.jsonl", ingest.JSONL, ingest.Options{})
			}
			if err != nil {
				t.Fatalf("loading the %s export: %v\n%s", f, err, out)
			}
			got, err := st.RelationshipsPage(ctx, "OWNS", "", 10)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(src.rs, got); diff != "" {
				t.Errorf("OWNS after a %s round trip (-want +got):\n%s", f, diff)
			}
		})
	}
	bad := `{"kind":"relationship","id":"x","type":"OWNS","from":"a","to":"b","percentage":150,"source":"s","confidence":"reported"}` + "\n"
	if _, err := ingest.Import(ctx, st, strings.NewReader(bad), "bad.jsonl", ingest.JSONL, ingest.Options{}); err == nil || !strings.Contains(err.Error(), "bad.jsonl:1: percentage") {
		t.Errorf("import of a 150%% share: err = %v, want bad.jsonl:1: percentage ...", err)
	}
}
