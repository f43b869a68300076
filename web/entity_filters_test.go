package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"explorer/graph"
)

// TestEntityPageFilters checks that the entity page reads its filters with
// graph's parser, shows them in the form and the caption, and hands the
// same query to the diagram's downloads.
func TestEntityPageFilters(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/entities/komid?depth=2&families=operational&types=SUPPLIED&since=2000&until=2019&min_confidence=reported&status=completed,attempted&as_of=2018", 200)
	want := graph.Filter{Types: []graph.RelType{"SUPPLIED"}, Families: []graph.Family{graph.Operational},
		Window: graph.Window{Since: graph.MustDate("2000"), Until: graph.MustDate("2019")}, MinConfidence: graph.Reported,
		Statuses: []graph.Status{graph.Completed, graph.Attempted}, AsOf: graph.MustDate("2018")}
	if diff := cmp.Diff(want, ts.g.lastNeigh.Filter); diff != "" {
		t.Errorf("neighbourhood filter (-want +got):\n%s", diff)
	}
	if ts.g.lastNeigh.Depth != 2 || ts.g.lastNeigh.Limit != pageNeighbors {
		t.Errorf("neighbourhood depth %d, limit %d; want 2, %d", ts.g.lastNeigh.Depth, ts.g.lastNeigh.Limit, pageNeighbors)
	}
	caption := text(one(t, doc, "caption", byID("filter-caption")))
	for _, part := range []string{"neighbourhood of KOMID, depth 2, at most 60 entities", "types SUPPLIED in the operational family",
		"holding between 2000 and 2019", "confidence reported or firmer", "status completed or attempted", "as of 2018"} {
		if !strings.Contains(caption, part) {
			t.Errorf("caption %q does not say %q", caption, part)
		}
	}
	// The form shows what is applied.
	checked := func(id string) bool {
		for _, a := range one(t, doc, id, byID(id)).Attr {
			if a.Key == "checked" || a.Key == "selected" {
				return true
			}
		}
		return false
	}
	for id, want := range map[string]bool{"family-operational": true, "family-political": false, "family-mention": false} {
		if got := checked(id); got != want {
			t.Errorf("%s checked = %v, want %v", id, got, want)
		}
	}
	var selected []string
	for _, o := range find(doc, func(n *html.Node) bool { return n.Data == "option" && hasAttr(n, "selected") }) {
		selected = append(selected, attr(o, "value"))
	}
	if diff := cmp.Diff([]string{"2", "SUPPLIED", "reported", "completed", "attempted"}, selected); diff != "" {
		t.Errorf("selected options (-want +got):\n%s", diff)
	}
	if got := attr(one(t, doc, "since", byID("since")), "value"); got != "2000" {
		t.Errorf("since field = %q, want 2000", got)
	}
	// The downloads draw the same query, capped at the diagram's size.
	var pdf string
	for _, a := range find(doc, byTag(atom.A)) {
		if strings.HasSuffix(attr(a, "href"), "format=pdf") {
			pdf = attr(a, "href")
		}
	}
	u, err := url.Parse(pdf)
	if err != nil || pdf == "" {
		t.Fatalf("PDF link %q", pdf)
	}
	wantQ := url.Values{"depth": {"2"}, "limit": {"60"}, "families": {"operational"}, "types": {"SUPPLIED"}, "since": {"2000"}, "until": {"2019"},
		"min_confidence": {"reported"}, "status": {"completed,attempted"}, "as_of": {"2018"}, "format": {"pdf"}}
	if u.Path != "/api/v1/entities/komid/neighbors" || !cmp.Equal(wantQ, u.Query()) {
		t.Errorf("PDF link %s, want the neighbours API with %v", pdf, wantQ)
	}
	// The API reads that query as the page did.
	page := ts.g.lastNeigh
	if w := ts.do("GET", strings.Replace(pdf, "format=pdf", "format=json", 1), ""); w.Code != http.StatusOK {
		t.Fatalf("GET %s = %d", pdf, w.Code)
	}
	page.Limit = pageDiagramNodes
	if diff := cmp.Diff(page, ts.g.lastNeigh, cmpopts.IgnoreFields(graph.NeighborQuery{}, "Names")); diff != "" {
		t.Errorf("API query differs from the page's (-page +API):\n%s", diff)
	}
	if n := len(find(doc, byID("as-of-clear"))); n != 1 {
		t.Errorf("%d clear links, want 1", n)
	}
}

// TestEntityPageFilterDefaults: without filters the page shows every
// family, mentions included; all three families ticked is the same.
func TestEntityPageFilterDefaults(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/entities/komid", "/entities/komid?families=operational&families=political&families=mention"} {
		doc := getPage(t, ts, target, 200)
		if want := (graph.Filter{WithMentions: true}); !cmp.Equal(want, ts.g.lastNeigh.Filter) {
			t.Errorf("%s: filter = %+v, want %+v", target, ts.g.lastNeigh.Filter, want)
		}
		if got := text(one(t, doc, "caption", byID("filter-caption"))); !strings.Contains(got, "operational, political and mention links; any date") {
			t.Errorf("%s: caption = %q", target, got)
		}
		for _, id := range []string{"family-operational", "family-political", "family-mention"} {
			if !hasAttr(one(t, doc, id, byID(id)), "checked") {
				t.Errorf("%s: %s is not ticked", target, id)
			}
		}
	}
	// Choosing types leaves mentions out unless one is named.
	getPage(t, ts, "/entities/komid?types=SUPPLIED", 200)
	if ts.g.lastNeigh.WithMentions {
		t.Errorf("types=SUPPLIED walks mentions too")
	}
}

// TestEntityFilterErrors: a bad value is a 400 that names its parameter,
// on the page and on the API.
func TestEntityFilterErrors(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct{ query, param string }{
		{"families=gossip", "families"},
		{"types=DROP", "types"},
		{"since=1990-13", "since"},
		{"since=2000&until=1990", "until"},
		{"as_of=soon", "as_of"},
		{"min_confidence=sure", "min_confidence"},
		{"status=done", "status"},
		{"types=SUPPORTS&families=mention", "types"},
	} {
		doc := getPage(t, ts, "/entities/komid?"+tt.query, 400)
		if got := text(one(t, doc, "problem", byID("problem"))); !strings.Contains(got, `parameter "`+tt.param+`"`) {
			t.Errorf("page ?%s: problem %q does not name %s", tt.query, got, tt.param)
		}
		w := ts.do("GET", "/api/v1/entities/komid/neighbors?"+tt.query, "")
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), `parameter \"`+tt.param+`\"`) {
			t.Errorf("API ?%s = %d %s, want 400 naming %s", tt.query, w.Code, w.Body, tt.param)
		}
	}
}
