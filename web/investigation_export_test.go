package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// InvestigationSubgraph of the fake: the investigation's entities the
// fixture knows, sorted, and the relationships among them; the rest are
// missing.
func (f *fakeGraph) InvestigationSubgraph(ctx context.Context, inv graph.Investigation) (graph.InvestigationGraph, error) {
	if err := f.fail(); err != nil {
		return graph.InvestigationGraph{}, err
	}
	out := graph.InvestigationGraph{Subgraph: graph.Subgraph{Nodes: []graph.Entity{}, Relationships: []graph.Relationship{}}, Missing: []string{}}
	in := map[string]bool{}
	for _, id := range slices.Sorted(slices.Values(inv.Entities)) {
		i := slices.IndexFunc(f.entities, func(e graph.Entity) bool { return e.ID == id })
		if i < 0 {
			out.Missing = append(out.Missing, id)
			continue
		}
		in[id] = true
		out.Nodes = append(out.Nodes, f.entities[i])
	}
	for _, r := range f.rels {
		if in[r.From] && in[r.To] {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return out, nil
}

// recordingExporter writes one line per entity and relationship and keeps
// what it was asked for.
type recordingExporter struct {
	format string
	g      graph.Subgraph
}

func (x *recordingExporter) ExportSubgraph(ctx context.Context, g graph.Subgraph, w io.Writer, format string) error {
	x.format, x.g = format, g
	for _, e := range g.Nodes {
		fmt.Fprintf(w, "entity %s\n", e.ID)
	}
	for _, r := range g.Relationships {
		fmt.Fprintf(w, "rel %s %s %s\n", r.From, r.Type, r.To)
	}
	return nil
}

func TestInvestigationSubgraphExport(t *testing.T) {
	x := &recordingExporter{}
	ts := newTestServer(t, withClock, func(c *Config) { c.Exporter = x })
	created := ts.do(http.MethodPost, "/api/v1/investigations", `{"name":"KOMID and the Houthis","entities":["komid","houthis","deleted-since"]}`,
		"Authorization", "Bearer s3cret-token", "Content-Type", "application/json")
	if created.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", created.Code, created.Body)
	}
	for _, tt := range []struct{ format, file, mediaType string }{
		{"graphml", "komid-and-the-houthis.graphml", "application/graphml+xml; charset=utf-8"},
		{"FTM", "komid-and-the-houthis.ftm.json", "application/x-ndjson; charset=utf-8"},
		{"gexf", "komid-and-the-houthis.gexf", "application/gexf+xml; charset=utf-8"},
		{"jsonl", "komid-and-the-houthis.jsonl", "application/x-ndjson; charset=utf-8"},
	} {
		w := ts.do(http.MethodGet, "/api/v1/investigations/inv-1/export?format="+tt.format, "")
		if w.Code != http.StatusOK {
			t.Fatalf("export %s: %d %s", tt.format, w.Code, w.Body)
		}
		if x.format != strings.ToLower(tt.format) {
			t.Errorf("export %s: the exporter was asked for %q", tt.format, x.format)
		}
		if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="`+tt.file+`"` {
			t.Errorf("export %s: Content-Disposition = %q, want the file %s", tt.format, cd, tt.file)
		}
		if ct := w.Header().Get("Content-Type"); ct != tt.mediaType {
			t.Errorf("export %s: Content-Type = %q, want %q", tt.format, ct, tt.mediaType)
		}
		if got := w.Header().Get(headerMissing); got != "deleted-since" {
			t.Errorf("export %s: %s = %q, want deleted-since", tt.format, headerMissing, got)
		}
		want := "entity houthis\nentity komid\nrel komid SUPPLIED houthis\n"
		if diff := cmp.Diff(want, w.Body.String()); diff != "" {
			t.Errorf("export %s body (-want +got):\n%s", tt.format, diff)
		}
	}
	// JSON is the investigation, the default, on both paths.
	for _, target := range []string{"/api/v1/investigations/inv-1/export", "/investigations/inv-1/export?format=json"} {
		w := ts.do(http.MethodGet, target, "")
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"entities":["komid","houthis","deleted-since"]`) {
			t.Errorf("GET %s = %d %s, want the investigation as JSON", target, w.Code, w.Body)
		}
	}
	for _, tt := range []struct {
		target string
		status int
		want   string
	}{
		{"/api/v1/investigations/inv-1/export?format=pdf", http.StatusBadRequest, `parameter \"format\": want json, ftm, graphml, gexf, jsonl, got \"pdf\"`},
		{"/api/v1/investigations/inv-9/export?format=ftm", http.StatusNotFound, `no investigation \"inv-9\"`},
	} {
		if w := ts.do(http.MethodGet, tt.target, ""); w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("GET %s = %d %s, want %d %s", tt.target, w.Code, w.Body, tt.status, tt.want)
		}
	}
	// Without an exporter only JSON is offered.
	bare := newTestServer(t, withClock)
	bare.do(http.MethodPost, "/api/v1/investigations", `{"name":"x","entities":["komid"]}`, "Authorization", "Bearer s3cret-token", "Content-Type", "application/json")
	if w := bare.do(http.MethodGet, "/api/v1/investigations/inv-1/export?format=graphml", ""); w.Code != http.StatusNotImplemented {
		t.Errorf("graphml without an exporter = %d, want 501", w.Code)
	}
}

func TestDeleteInvestigationPage(t *testing.T) {
	ts := newTestServer(t, withClock)
	ct := []string{"Content-Type", "application/x-www-form-urlencoded"}
	for _, name := range []string{"first", "second"} {
		if w := ts.do(http.MethodPost, "/api/v1/investigations", `{"name":"`+name+`","entities":["komid"]}`,
			"Authorization", "Bearer s3cret-token", "Content-Type", "application/json"); w.Code != http.StatusCreated {
			t.Fatalf("create: %d %s", w.Code, w.Body)
		}
	}
	page := ts.do(http.MethodGet, "/investigations", "").Body.String()
	for _, s := range []string{`action="/investigations/inv-1/delete"`, `id="confirm-inv-1" name="confirm" value="yes" required`,
		`<label for="delete-token-inv-1">Import token</label>`} {
		if !strings.Contains(page, s) {
			t.Errorf("list page lacks %s", s)
		}
	}
	steps := []struct {
		name       string
		target     string
		form       url.Values
		wantStatus int
		want       string
	}{
		{"without token", "/investigations/inv-1/delete", url.Values{"confirm": {"yes"}}, http.StatusUnauthorized, "import token"},
		{"wrong token", "/investigations/inv-1/delete", url.Values{"confirm": {"yes"}, "token": {"guess"}}, http.StatusUnauthorized, "import token"},
		{"unconfirmed", "/investigations/inv-1/delete", url.Values{"token": {"s3cret-token"}}, http.StatusBadRequest, `parameter &#34;confirm&#34;: tick the box`},
		{"missing", "/investigations/inv-9/delete", url.Values{"confirm": {"yes"}, "token": {"s3cret-token"}}, http.StatusNotFound, "inv-9"},
		{"delete", "/investigations/inv-1/delete", url.Values{"confirm": {"yes"}, "token": {"s3cret-token"}}, http.StatusSeeOther, "/investigations"},
		{"again", "/investigations/inv-1/delete", url.Values{"confirm": {"yes"}, "token": {"s3cret-token"}}, http.StatusNotFound, "inv-1"},
	}
	for _, st := range steps {
		w := ts.do(http.MethodPost, st.target, st.form.Encode(), ct...)
		if w.Code != st.wantStatus {
			t.Fatalf("%s: status %d, want %d: %s", st.name, w.Code, st.wantStatus, w.Body)
		}
		if got := w.Header().Get("Location"); st.wantStatus == http.StatusSeeOther && got != st.want {
			t.Errorf("%s: Location = %q, want %q", st.name, got, st.want)
		} else if st.wantStatus != http.StatusSeeOther && !strings.Contains(w.Body.String(), st.want) {
			t.Errorf("%s: page lacks %q: %s", st.name, st.want, w.Body)
		}
	}
	list, _ := ts.g.Investigations(context.Background())
	if len(list) != 1 || list[0].Name != "second" {
		t.Errorf("after deleting the first: %+v, want only the second", list)
	}
	// Without a server token anyone who reaches the server may delete.
	open := newTestServer(t, withClock, func(c *Config) { c.ImportToken = "" })
	open.do(http.MethodPost, "/api/v1/investigations", `{"name":"x","entities":["komid"]}`, "Content-Type", "application/json")
	if w := open.do(http.MethodPost, "/investigations/inv-1/delete", url.Values{"confirm": {"yes"}}.Encode(), ct...); w.Code != http.StatusSeeOther {
		t.Errorf("delete without a server token = %d, want 303", w.Code)
	}
}
