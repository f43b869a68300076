package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"explorer/graph"
)

// TestSourcePage checks the source page: numbered paragraphs with anchors,
// the asked-for quote highlighted inside its paragraph, escaped text, and
// the claim listed under the paragraph that holds it.
func TestSourcePage(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/sources/article?rel=komid-houthis", "")
	if w.Code != http.StatusOK {
		t.Fatalf("GET /sources/article = %d: %s", w.Code, w.Body)
	}
	doc := parse(t, w.Body.String())
	if got := text(one(t, doc, "title", byID("source-title"))); got != "The <b>article</b>" {
		t.Errorf("title = %q, want the escaped title", got)
	}
	items := find(one(t, doc, "paragraph list", byID("paragraphs")), func(n *html.Node) bool {
		return n.Type == html.ElementNode && n.DataAtom == atom.Li && attr(n, "value") != ""
	})
	if len(items) != 3 || attr(items[1], "id") != "p2" || attr(items[1], "value") != "2" {
		t.Fatalf("paragraphs: %d items, second id %q; want 3 numbered from 1 with anchors p1..p3", len(items), attr(items[1], "id"))
	}
	mark := one(t, doc, "highlighted quote", byID("quote"))
	if mark.DataAtom != atom.Mark || text(mark) != "KOMID sold missiles to the Houthis." {
		t.Errorf("highlight = <%s>%q, want <mark> around the quote", mark.Data, text(mark))
	}
	if got := text(items[1]); got[:len("Before. KOMID sold")] != "Before. KOMID sold" {
		t.Errorf("paragraph 2 text = %q, want the quote in its paragraph", got)
	}
	if len(find(items[1], byID("rel-komid-houthis"))) != 1 || len(find(items[0], byID("rel-komid-houthis"))) != 0 {
		t.Errorf("the claim is not listed under paragraph 2 only")
	}

	// Without a selected claim nothing is highlighted.
	doc = parse(t, ts.do("GET", "/sources/article", "").Body.String())
	if len(find(doc, byID("quote"))) != 0 {
		t.Errorf("a quote is highlighted though none was asked for")
	}
	for _, tt := range []struct {
		target string
		status int
	}{
		{"/sources/ghost", http.StatusNotFound},
		{"/sources/Bad%20Id", http.StatusBadRequest},
		{"/api/v1/sources/ghost", http.StatusNotFound},
	} {
		if w := ts.do("GET", tt.target, ""); w.Code != tt.status {
			t.Errorf("GET %s = %d, want %d", tt.target, w.Code, tt.status)
		}
	}
}

// TestSourcesAPI checks the JSON of the source list and of one source.
func TestSourcesAPI(t *testing.T) {
	ts := newTestServer(t)
	var list graph.SourceList
	w := ts.do("GET", "/api/v1/sources", "")
	if err := json.Unmarshal(w.Body.Bytes(), &list); err != nil || w.Code != 200 {
		t.Fatalf("GET /api/v1/sources = %d %s (%v)", w.Code, w.Body, err)
	}
	if len(list.Sources) != 1 || list.Sources[0].ID != "article" || list.Sources[0].Claims != 1 || list.Sources[0].Paragraphs != nil {
		t.Errorf("sources = %+v, want the article without its text and with 1 claim", list.Sources)
	}
	if list.Next != "page2" {
		t.Errorf("next = %q, want the fake's cursor page2", list.Next)
	}
	w = ts.do("GET", "/api/v1/sources?cursor=page2&limit=5", "")
	if body := strings.TrimSpace(w.Body.String()); w.Code != 200 || body != `{"sources":[]}` {
		t.Errorf("GET /api/v1/sources?cursor=page2 = %d %s, want 200 and an empty last page without next", w.Code, body)
	}
	var one graph.SourceClaims
	w = ts.do("GET", "/api/v1/sources/article", "")
	if err := json.Unmarshal(w.Body.Bytes(), &one); err != nil || w.Code != 200 {
		t.Fatalf("GET /api/v1/sources/article = %d %s (%v)", w.Code, w.Body, err)
	}
	if len(one.Source.Paragraphs) != 3 || len(one.Relationships) != 1 || one.Relationships[0].Paragraph != 2 {
		t.Errorf("source = %+v", one)
	}
}

// TestSourcesPaging checks that the source list page links to the next page
// with the cursor and the asked-for limit, that the last page has no such
// link, and that a bad limit or cursor is a 400 naming the parameter.
func TestSourcesPaging(t *testing.T) {
	ts := newTestServer(t)
	doc := parse(t, ts.do("GET", "/sources?limit=7", "").Body.String())
	if got := attr(one(t, doc, "next link", byID("next-page")), "href"); got != "/sources?cursor=page2&limit=7" {
		t.Errorf("next link = %q, want /sources?cursor=page2&limit=7", got)
	}
	doc = parse(t, ts.do("GET", "/sources?cursor=page2", "").Body.String())
	if n := len(find(doc, byID("next-page"))); n != 0 {
		t.Errorf("the last page has %d next links, want none", n)
	}
	for _, tt := range []struct{ target, want string }{
		{"/api/v1/sources?limit=0", "limit"},
		{"/api/v1/sources?limit=1001", "limit"},
		{"/api/v1/sources?cursor=bogus", "cursor"},
		{"/sources?limit=x", "limit"},
	} {
		if w := ts.do("GET", tt.target, ""); w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("GET %s = %d %s, want 400 naming %s", tt.target, w.Code, w.Body, tt.want)
		}
	}
}

// TestSourceURL checks where an evidence link lands.
func TestSourceURL(t *testing.T) {
	for _, tt := range []struct {
		r    graph.Relationship
		want string
	}{
		{graph.Relationship{ID: "r1", SourceID: "art", Paragraph: 12}, "/sources/art?rel=r1#p12"},
		{graph.Relationship{ID: "r1", SourceID: "art"}, "/sources/art?rel=r1"},
		{graph.Relationship{ID: "r1"}, ""},
	} {
		if got := SourceURL(tt.r); got != tt.want {
			t.Errorf("SourceURL(%+v) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

// TestCiteReports checks the citable reports of paths and neighbourhoods:
// Markdown and HTML answers with a sentence per hop and numbered notes to
// the source and paragraph, absolute links with a base URL, and the path
// page's Cite links.
func TestCiteReports(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.BaseURL = "https://explorer.example/" })
	w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=md", "")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/markdown") {
		t.Fatalf("GET paths?format=md = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	md := w.Body.String()
	for _, want := range []string{"# How Shahid Hemmat Industrial Group is linked to Houthis", "Query: ", "## Path 1", "## Notes", "[1] "} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown report lacks %q:\n%s", want, md)
		}
	}
	w = ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=html", "")
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET paths?format=html = %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	doc := parse(t, w.Body.String())
	if n := len(find(doc, byID("note-1"))); n != 1 {
		t.Errorf("HTML report has %d note-1 elements, want 1", n)
	}
	w = ts.do("GET", "/api/v1/entities/komid/neighbors?format=md", "")
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "# The links of KOMID") {
		t.Errorf("GET neighbors?format=md = %d:\n%s", w.Code, w.Body)
	}
	page := getPage(t, ts, "/paths?from=shig&to=houthis", 200)
	for _, id := range []string{"cite", "cite-html"} {
		u := attr(one(t, page, id+" link", byID(id)), "href")
		if w := ts.do("GET", u, ""); w.Code != http.StatusOK {
			t.Errorf("GET %s (the %s link) = %d", u, id, w.Code)
		}
	}
	if _, err := New(Config{Graph: ts.g, BaseURL: "javascript:alert(1)"}); err == nil {
		t.Errorf("New accepted a javascript: base URL")
	}
}
