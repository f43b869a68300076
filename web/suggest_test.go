package web

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestUnknownNameSuggests: a name that names no entity is a 404 whose body
// carries the store's suggestions, in the API (entity and path endpoints)
// and on the pages; nothing is picked for the user.
func TestUnknownNameSuggests(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/api/v1/entities/KOMIT", "/api/v1/entities/KOMIT/neighbors", "/api/v1/paths?from=KOMIT&to=houthis"} {
		w := ts.do("GET", target, "")
		var body struct {
			Error       string `json:"error"`
			Suggestions []struct {
				ID      string `json:"id"`
				Name    string `json:"name"`
				Matched string `json:"matched"`
			} `json:"suggestions"`
		}
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("GET %s: %v: %s", target, err, w.Body)
		}
		if w.Code != 404 || !strings.Contains(body.Error, `no entity is called "KOMIT"`) {
			t.Errorf("GET %s = %d %q, want 404 naming KOMIT", target, w.Code, body.Error)
		}
		if len(body.Suggestions) != 1 || body.Suggestions[0].ID != "komid" || body.Suggestions[0].Matched != "KOMID" {
			t.Errorf("GET %s suggestions = %+v, want KOMID", target, body.Suggestions)
		}
	}
	w := ts.do("GET", "/api/v1/entities/Atlantis", "")
	if w.Code != 404 || strings.Contains(w.Body.String(), "suggestions") {
		t.Errorf("GET Atlantis = %d %s, want 404 without suggestions", w.Code, w.Body)
	}
	for _, target := range []string{"/paths?from=KOMIT&to=houthis", "/entities/KOMIT"} {
		doc := getPage(t, ts, target, 404)
		var cands []string
		for _, ul := range find(doc, func(n *html.Node) bool { return attr(n, "class") == "candidates" }) {
			for _, a := range find(ul, byTag(atom.A)) {
				cands = append(cands, attr(a, "href"))
			}
		}
		if diff := cmp.Diff([]string{"/entities/komid"}, cands); diff != "" {
			t.Errorf("%s: suggested links (-want +got):\n%s", target, diff)
		}
	}
}

// TestSearchPageTiers: the search page marks description matches and says
// when it shows similar spellings because nothing matched as written.
func TestSearchPageTiers(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/?q=komit", 200)
	if got := text(one(t, doc, "similar", byID("similar"))); !strings.Contains(got, "No entity matches “komit” as written. Did you mean:") {
		t.Errorf("similar heading = %q", got)
	}
	links := find(one(t, doc, "results", byID("results")), byTag(atom.A))
	if len(links) != 1 || attr(links[0], "href") != "/entities/komid" {
		t.Errorf("similar results: %d links, want one to /entities/komid", len(links))
	}
	for _, tt := range []struct {
		q          string
		descMarked int
	}{{"kom", 0}, {"missile", 1}} {
		doc := getPage(t, ts, "/?q="+strings.ReplaceAll(tt.q, " ", "+"), 200)
		marks := find(one(t, doc, "results", byID("results")), func(n *html.Node) bool { return attr(n, "class") == "match" })
		if len(marks) != tt.descMarked {
			t.Errorf("search %q: %d hits marked as description matches, want %d", tt.q, len(marks), tt.descMarked)
		}
	}
}
