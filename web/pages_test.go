package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"explorer/graph"
)

// parse parses an HTML response.
func parse(t *testing.T, body string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return doc
}

// find returns the nodes under n for which match is true, in document order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if match(d) {
			out = append(out, d)
		}
	}
	return out
}

func byID(id string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && attr(n, "id") == id }
}

func byTag(a atom.Atom) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.DataAtom == a }
}

// one returns the single node matching, failing the test otherwise.
func one(t *testing.T, n *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	got := find(n, match)
	if len(got) != 1 {
		t.Fatalf("found %d %s, want 1", len(got), what)
	}
	return got[0]
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// text is the text content of n with white space collapsed.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// rows returns the text of each body row's cells of a table.
func rows(table *html.Node) [][]string {
	var out [][]string
	for _, tbody := range find(table, byTag(atom.Tbody)) {
		for _, tr := range find(tbody, byTag(atom.Tr)) {
			var cells []string
			for _, td := range find(tr, byTag(atom.Td)) {
				cells = append(cells, text(td))
			}
			out = append(out, cells)
		}
	}
	return out
}

// checkNoInlineScript fails when a page carries a script that is not one of
// its own static files, or an event handler attribute: the CSP would block
// them, and their presence means escaping failed.
func checkNoInlineScript(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, n := range find(doc, func(n *html.Node) bool { return n.Type == html.ElementNode }) {
		if n.Data == "script" && (!strings.HasPrefix(attr(n, "src"), "/static/") || text(n) != "") {
			t.Errorf("page has an inline or foreign script: src=%q text=%q", attr(n, "src"), text(n))
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Errorf("element <%s> has event handler %s=%q", n.Data, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				t.Errorf("element <%s> links to %q", n.Data, a.Val)
			}
		}
	}
}

func getPage(t *testing.T, ts *testServer, target string, wantStatus int) *html.Node {
	t.Helper()
	w := ts.do("GET", target, "")
	if w.Code != wantStatus {
		t.Fatalf("GET %s = %d, want %d: %s", target, w.Code, wantStatus, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("GET %s: Content-Type = %q", target, ct)
	}
	doc := parse(t, w.Body.String())
	checkNoInlineScript(t, doc)
	return doc
}

func TestSearchPage(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/", 200)
	q := one(t, doc, "search box", byID("q"))
	if attr(q, "data-suggest") != "go" || attr(q, "name") != "q" {
		t.Errorf("search box attributes = %v, want name=q data-suggest=go", q.Attr)
	}
	one(t, doc, "suggestion list", byID("q-suggestions"))

	doc = getPage(t, ts, "/?q=kom", 200)
	links := find(one(t, doc, "results", byID("results")), byTag(atom.A))
	if len(links) != 1 || attr(links[0], "href") != "/entities/komid" || text(links[0]) != "KOMID" {
		t.Errorf("results for kom: %d links, want one to /entities/komid", len(links))
	}
	doc = getPage(t, ts, "/?q=zzz", 200)
	if got := text(one(t, doc, "results", byID("results"))); !strings.Contains(got, "No entity matches") {
		t.Errorf("empty results say %q", got)
	}
	doc = getPage(t, ts, "/?q=***", 400)
	if got := text(one(t, doc, "problem", byID("problem"))); got != "search: empty query" {
		t.Errorf("problem = %q", got)
	}
}

func TestPathsPage(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/paths", 200)
	if got := len(find(doc, byID("result"))); got != 0 {
		t.Errorf("empty form shows %d results", got)
	}
	types := one(t, doc, "types select", byID("types"))
	if attr(types, "multiple") == "" && !hasAttr(types, "multiple") {
		t.Errorf("types select is not multiple")
	}
	if got := len(find(types, byTag(atom.Option))); got != len(graph.Vocabulary) {
		t.Errorf("types select has %d options, want %d (the vocabulary)", got, len(graph.Vocabulary))
	}

	doc = getPage(t, ts, "/paths?from=SHIG&to=Houthis&types=SUPPLIED&types=COOPERATED_WITH&since=2000&max_hops=5", 200)
	// The form keeps what was asked.
	if got := attr(one(t, doc, "from", byID("from")), "value"); got != "SHIG" {
		t.Errorf("from input = %q, want SHIG", got)
	}
	var selected []string
	for _, o := range find(one(t, doc, "types", byID("types")), byTag(atom.Option)) {
		if hasAttr(o, "selected") {
			selected = append(selected, attr(o, "value"))
		}
	}
	if diff := cmp.Diff([]string{"SUPPLIED", "COOPERATED_WITH"}, selected); diff != "" {
		t.Errorf("selected types (-want +got):\n%s", diff)
	}
	// The evidence table, hop by hop.
	got := rows(one(t, doc, "evidence table", byID("evidence-1")))
	want := [][]string{
		{"1", "Shahid Hemmat Industrial Group", "COOPERATED_WITH →", "KOMID", "since 2016-01", "completed", "reported", "SHIG cooperated with KOMID", "38 North", ""},
		{"2", "KOMID", "SUPPLIED →", "Houthis", "2018-08", "completed", "alleged", "KOMID allegedly supplied the Houthis", "38 North", "UN Panel of Experts report, 2018"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("evidence rows (-want +got):\n%s", diff)
	}
	// The source link goes to the source.
	src := find(one(t, doc, "evidence table", byID("evidence-1")), func(n *html.Node) bool {
		return n.DataAtom == atom.A && attr(n, "href") == "https://www.38north.org/x"
	})
	if len(src) != 1 {
		t.Errorf("found %d links to the source URL, want 1", len(src))
	}
	// The diagram is inline and its nodes link to entity pages.
	d := one(t, doc, "diagram", byID("diagram"))
	svg := one(t, d, "svg", byTag(atom.Svg))
	var hrefs []string
	for _, a := range find(svg, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "a" }) {
		hrefs = append(hrefs, attrNS(a, "xlink", "href"))
	}
	if diff := cmp.Diff([]string{"/entities/shig", "/entities/komid", "/entities/houthis"}, hrefs); diff != "" {
		t.Errorf("diagram node links (-want +got):\n%s", diff)
	}
	// The permalink reproduces the query with ids; downloads go to the API.
	perma := attr(one(t, doc, "permalink", byID("permalink")), "href")
	u, err := url.Parse(perma)
	if err != nil || u.Path != "/paths" {
		t.Fatalf("permalink %q", perma)
	}
	wantQ := url.Values{"from": {"shig"}, "to": {"houthis"}, "mode": {"shortest"}, "max_hops": {"5"}, "types": {"SUPPLIED,COOPERATED_WITH"}, "since": {"2000"}}
	if diff := cmp.Diff(wantQ, u.Query()); diff != "" {
		t.Errorf("permalink query (-want +got):\n%s", diff)
	}
	again := getPage(t, ts, perma, 200)
	if diff := cmp.Diff(want, rows(one(t, again, "evidence table", byID("evidence-1")))); diff != "" {
		t.Errorf("permalink evidence differs (-want +got):\n%s", diff)
	}
	var downloads []string
	for _, a := range find(doc, func(n *html.Node) bool { return n.DataAtom == atom.A && hasAttr(n, "download") }) {
		downloads = append(downloads, attr(a, "href"))
	}
	if len(downloads) != 3 || !strings.HasPrefix(downloads[0], "/api/v1/paths?") || !strings.HasSuffix(downloads[0], "&format=csv") ||
		!strings.HasSuffix(downloads[1], "&format=svg") || !strings.HasSuffix(downloads[2], "&format=png") {
		t.Errorf("download links = %q, want CSV, SVG and PNG from the API", downloads)
	}
	// The page states the whole query, defaults included.
	wantQuery := "Shahid Hemmat Industrial Group to Houthis; shortest, at most 5 hops; either direction; types SUPPLIED, COOPERATED_WITH; holding since 2000; undated links included; any confidence; any status; ranked by length"
	if got := text(one(t, doc, "query", byID("query"))); got != wantQuery {
		t.Errorf("query line = %q, want %q", got, wantQuery)
	}
	for _, dl := range downloads {
		if w := ts.do("GET", dl, ""); w.Code != 200 {
			t.Errorf("GET %s = %d", dl, w.Code)
		}
	}
}

func attrNS(n *html.Node, ns, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == ns && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func TestPathsPageProblems(t *testing.T) {
	tests := []struct {
		name, target string
		status       int
		problem      string
		candidates   []string
	}{
		{"ambiguous", "/paths?from=Kim+Il&to=komid", 400, `parameter "from": "Kim Il" is ambiguous`, []string{"/entities/kim-a", "/entities/kim-b"}},
		{"unknown", "/paths?from=shig&to=Atlantis", 404, `parameter "to": no entity is called "Atlantis"`, nil},
		{"no path", "/paths?from=shig&to=houthis&exclude=komid", 404, "no path found between Shahid Hemmat Industrial Group and Houthis", nil},
		{"bad date", "/paths?from=shig&to=houthis&until=yesterday", 400, `parameter "until": want YYYY, YYYY-MM, YYYY-MM-DD or a decade like 198X, got "yesterday"`, nil},
		{"missing to", "/paths?from=shig", 400, `parameter "to": required`, nil},
	}
	ts := newTestServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := getPage(t, ts, tt.target, tt.status)
			if got := text(one(t, doc, "problem", byID("problem"))); !strings.Contains(got, tt.problem) {
				t.Errorf("problem = %q, want %q", got, tt.problem)
			}
			var cands []string
			for _, ul := range find(doc, func(n *html.Node) bool { return attr(n, "class") == "candidates" }) {
				for _, a := range find(ul, byTag(atom.A)) {
					cands = append(cands, attr(a, "href"))
				}
			}
			if diff := cmp.Diff(tt.candidates, cands); diff != "" {
				t.Errorf("candidates (-want +got):\n%s", diff)
			}
			one(t, doc, "form", byID("path-form"))
		})
	}
}

func TestEntityPage(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/entities/komid", 200)
	if got := text(one(t, doc, "name", byID("entity-name"))); got != "KOMID Organization" {
		t.Errorf("heading = %q", got)
	}
	if got := text(one(t, doc, "aliases", byID("aliases"))); got != "Korea Mining Development Trading Corporation" {
		t.Errorf("aliases = %q", got)
	}
	got := rows(one(t, doc, "timeline", byID("timeline")))
	want := [][]string{
		{"1990 – 2003", "", "ASSISTED → IRGC", "reported", "KOMID assisted the IRGC", "38 North", ""},
		{"2009-05-01", "", `SUPPLIED → ` + xssName, "disputed", `quote with <b>markup</b> & "quotes"`, xssName, ""},
		{"since 2016-01", "", "Shahid Hemmat Industrial Group → COOPERATED_WITH", "reported", "SHIG cooperated with KOMID", "38 North", ""},
		{"2018-08", "", "SUPPLIED → Houthis", "alleged", "KOMID allegedly supplied the Houthis", "38 North", "UN Panel of Experts report, 2018"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
	if n := len(find(doc, byID("undated"))); n != 0 {
		t.Errorf("KOMID has %d undated tables, want none", n)
	}
	svg := one(t, one(t, doc, "diagram", byID("diagram")), "svg", byTag(atom.Svg))
	if n := len(find(svg, func(n *html.Node) bool { return n.Data == "a" })); n != 5 {
		t.Errorf("diagram has %d node links, want 5", n)
	}

	// States are bars (open when they have no end), events points.
	var marks []string
	for _, m := range find(one(t, doc, "timeline", byID("timeline")), func(n *html.Node) bool { return strings.HasPrefix(attr(n, "class"), "mark ") }) {
		marks = append(marks, attr(m, "class"))
	}
	if diff := cmp.Diff([]string{"mark point", "mark point", "mark bar open", "mark point"}, marks); diff != "" {
		t.Errorf("timeline marks (-want +got):\n%s", diff)
	}
	if n := len(find(doc, byID("as-of-note"))); n != 0 {
		t.Errorf("a page without as-of has %d as-of notes", n)
	}

	// As of 2017: the diagram is the network then, the timeline greys out
	// what does not hold and draws the date.
	doc = getPage(t, ts, "/entities/komid?as_of=2017", 200)
	if want := (graph.Filter{AsOf: graph.MustDate("2017"), WithMentions: true}); !cmp.Equal(want, ts.g.lastNeigh.Filter) {
		t.Errorf("as-of neighbourhood filter = %+v, want %+v", ts.g.lastNeigh.Filter, want)
	}
	var held []string
	for _, tr := range find(one(t, doc, "timeline", byID("timeline")), byTag(atom.Tr)) {
		if c := attr(tr, "class"); c != "" {
			held = append(held, c)
		}
	}
	if diff := cmp.Diff([]string{"not-held", "not-held", "held", "not-held"}, held); diff != "" {
		t.Errorf("rows as of 2017 (-want +got):\n%s", diff)
	}
	if got := text(one(t, doc, "note", byID("as-of-note"))); !strings.Contains(got, "as of 2017: states holding then and events of that date; undated claims included") {
		t.Errorf("as-of note = %q", got)
	}
	if n := len(find(doc, func(n *html.Node) bool { return attr(n, "class") == "asof-line" })); n != 4 {
		t.Errorf("%d as-of lines, want one per dated row (4)", n)
	}
	getPage(t, ts, "/entities/komid?as_of=2017-13", 400)

	doc = getPage(t, ts, "/entities/irgc", 200)
	if got := rows(one(t, doc, "undated", byID("undated"))); len(got) != 1 || got[0][1] != "undated" || got[0][2] != "SUPPORTS → Hezbollah" {
		t.Errorf("undated rows = %q", got)
	}
	// A javascript: source URL is not a link.
	for _, a := range find(one(t, doc, "undated", byID("undated")), byTag(atom.A)) {
		if strings.Contains(attr(a, "href"), "javascript") {
			t.Errorf("undated table links to %q", attr(a, "href"))
		}
	}
}

func TestEntityPageRedirectsAndErrors(t *testing.T) {
	ts := newTestServer(t)
	w := ts.do("GET", "/entities/Ansar%20Allah?depth=2", "")
	if w.Code != http.StatusFound || w.Header().Get("Location") != "/entities/houthis?depth=2" {
		t.Errorf("GET /entities/Ansar Allah = %d to %q, want 302 to /entities/houthis?depth=2", w.Code, w.Header().Get("Location"))
	}
	doc := getPage(t, ts, "/entities/nobody", 404)
	if got := text(one(t, doc, "problem", byID("problem"))); got != `no entity is called "nobody"` {
		t.Errorf("problem = %q", got)
	}
	doc = getPage(t, ts, "/entities/Kim%20Il", 400)
	if n := len(find(doc, func(n *html.Node) bool { return attr(n, "class") == "candidates" })); n != 1 {
		t.Errorf("ambiguous entity page lists %d candidate lists, want 1", n)
	}
	getPage(t, ts, "/entities/komid?depth=7", 400)
	getPage(t, ts, "/no/such/page", 404)
	ts.g.err = fmt.Errorf("%w: boom", graph.ErrUnavailable)
	doc = getPage(t, ts, "/entities/komid", 503)
	if got := text(one(t, doc, "problem", byID("problem"))); got != "the graph database is unavailable; try again shortly" {
		t.Errorf("problem = %q", got)
	}
}

// TestUntrustedTextIsEscaped renders the entity named <script>alert(1)</script>
// in every place a name, quote or source appears, including the inline SVG.
func TestUntrustedTextIsEscaped(t *testing.T) {
	ts := newTestServer(t)
	for _, target := range []string{"/entities/xss", "/paths?from=xss&to=houthis", "/?q=script", "/entities/komid"} {
		t.Run(target, func(t *testing.T) {
			w := ts.do("GET", target, "")
			if w.Code != 200 {
				t.Fatalf("GET %s = %d", target, w.Code)
			}
			if strings.Contains(w.Body.String(), "<script>alert") || strings.Contains(w.Body.String(), "<img src=x") || strings.Contains(w.Body.String(), "<b>markup") {
				t.Errorf("GET %s: raw markup from the data in the page", target)
			}
			doc := parse(t, w.Body.String())
			checkNoInlineScript(t, doc)
			if !strings.Contains(text(doc), xssName) {
				t.Errorf("GET %s: the name %s is not shown as text", target, xssName)
			}
		})
	}
	doc := getPage(t, ts, "/entities/xss", 200)
	if got := text(one(t, doc, "name", byID("entity-name"))); got != xssName+" Organization" {
		t.Errorf("heading = %q", got)
	}
	svgText := find(one(t, doc, "diagram", byID("diagram")), func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "text" })
	var names []string
	for _, n := range svgText {
		names = append(names, text(n))
	}
	if !strings.Contains(strings.Join(names, "|"), xssName) {
		t.Errorf("diagram labels = %q, want the name as text", names)
	}
}

func TestPageDiagramFailures(t *testing.T) {
	ts := newTestServer(t)
	ts.d.unsafe = true
	doc := getPage(t, ts, "/paths?from=shig&to=houthis", 200)
	if n := len(find(doc, byID("diagram"))); n != 0 {
		t.Errorf("unsafe SVG was inserted")
	}
	note := one(t, doc, "note", func(n *html.Node) bool { return attr(n, "class") == "note" })
	if got := text(note); got != "The diagram could not be drawn: internal error" {
		t.Errorf("note = %q", got)
	}
	if got := len(rows(one(t, doc, "evidence", byID("evidence-1")))); got != 2 {
		t.Errorf("evidence rows = %d, want 2 despite the diagram failure", got)
	}
	if !strings.Contains(ts.log.String(), "unsafe SVG: element <script> is not allowed") {
		t.Errorf("unsafe SVG not logged:\n%s", ts.log)
	}
	if w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", ""); w.Code != 500 {
		t.Errorf("API served unsafe SVG: %d", w.Code)
	}

	ts = newTestServer(t, func(c *Config) { c.Diagrams = nil })
	doc = getPage(t, ts, "/entities/komid", 200)
	if got := text(one(t, doc, "note", func(n *html.Node) bool { return attr(n, "class") == "note" })); !strings.Contains(got, "diagram rendering is unavailable") {
		t.Errorf("note = %q", got)
	}
	if w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=png", ""); w.Code != 503 {
		t.Errorf("PNG without a renderer = %d, want 503", w.Code)
	}
	ts = newTestServer(t)
	ts.d.err = fmt.Errorf("%w: the dot program is not installed", graph.ErrUnavailable)
	w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=png", "")
	if w.Code != 503 || !strings.Contains(w.Body.String(), "diagram rendering is unavailable") {
		t.Errorf("PNG with dot missing = %d %s, want 503 naming diagrams", w.Code, w.Body)
	}
	ts.d.err = graph.Errorf(graph.ErrInvalid, "too many nodes to draw (400, at most 300)")
	w = ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "")
	if w.Code != 400 || !strings.Contains(w.Body.String(), "too many nodes to draw") {
		t.Errorf("oversized diagram = %d %s, want 400", w.Code, w.Body)
	}
}

func TestCypherPage(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/cypher", 200)
	one(t, doc, "query", byID("query"))
	if n := len(find(doc, byID("result"))); n != 0 {
		t.Errorf("empty console shows results")
	}
	ts.g.result = &graph.QueryResult{
		Columns: []string{"e", "name", "n", "r"},
		Rows: []map[string]any{
			{"e": map[string]any{"_kind": "node", "id": "komid", "labels": []string{"Entity"}, "properties": map[string]any{"name": "KOMID"}},
				"name": xssName, "n": int64(3), "r": map[string]any{"_kind": "relationship", "type": "SUPPLIED", "properties": map[string]any{"start": "2018-08"}}},
		},
		Graph: graph.Subgraph{Nodes: []graph.Entity{{ID: "komid", Name: "KOMID", Type: graph.Organization}}},
	}
	q := "MATCH (e:Entity) RETURN e, e.name AS name, 3 AS n, r"
	// A GET fills the form and runs nothing.
	doc = getPage(t, ts, "/cypher?query="+url.QueryEscape(q)+"&params="+url.QueryEscape(`{"n": 3}`), 200)
	if got := text(one(t, doc, "query", byID("query"))); got != q {
		t.Errorf("textarea = %q, want the query", got)
	}
	if ts.g.lastCypher != "" || len(find(doc, byID("result"))) != 0 {
		t.Errorf("GET /cypher?query= ran the query (%q); it may only fill the form", ts.g.lastCypher)
	}
	if f := one(t, doc, "form", byID("cypher-form")); attr(f, "method") != "post" {
		t.Errorf("console form method = %q, want post", attr(f, "method"))
	}
	doc = postPage(t, ts, url.Values{"query": {q}, "params": {`{"n": 3}`}}, 200)
	if got := text(one(t, doc, "query", byID("query"))); got != q {
		t.Errorf("textarea = %q, want the query", got)
	}
	tbl := one(t, doc, "rows", byID("rows"))
	var head []string
	for _, th := range find(tbl, byTag(atom.Th)) {
		head = append(head, text(th))
	}
	if diff := cmp.Diff([]string{"e", "name", "n", "r"}, head); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][]string{{"KOMID", xssName, "3", "[:SUPPLIED] 2018-08"}}, rows(tbl)); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if a := find(tbl, byTag(atom.A)); len(a) != 1 || attr(a[0], "href") != "/entities/komid" {
		t.Errorf("node cell does not link to its entity")
	}
	one(t, doc, "diagram", byID("diagram"))
	if n := len(find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Button && attr(n, "data-download") != "" })); n != 2 {
		t.Errorf("console diagram has %d download buttons, want 2", n)
	}
	if diff := cmp.Diff(map[string]any{"n": int64(3)}, ts.g.lastParams); diff != "" {
		t.Errorf("params (-want +got):\n%s", diff)
	}

	doc = postPage(t, ts, url.Values{"query": {"MATCH (n) DETACH DELETE n"}}, 403)
	if got := text(one(t, doc, "problem", byID("problem"))); !strings.Contains(got, "only read-only statements") {
		t.Errorf("problem = %q", got)
	}
	doc = postPage(t, ts, url.Values{"query": {"RETURN 1"}, "params": {"[1]"}}, 400)
	if got := text(one(t, doc, "problem", byID("problem"))); !strings.Contains(got, `parameter "params": want a JSON object`) {
		t.Errorf("problem = %q", got)
	}
}

func TestStatic(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		target, wantType string
		status           int
	}{
		{"/static/app.js", "text/javascript; charset=utf-8", 200},
		{"/static/app.css", "text/css; charset=utf-8", 200},
		{"/static/", "application/json", 404},
		{"/static/../openapi.json", "application/json", 404},
		{"/static/nope.js", "application/json", 404},
	}
	for _, tt := range tests {
		w := ts.do("GET", tt.target, "")
		if w.Code != tt.status || !strings.HasPrefix(w.Header().Get("Content-Type"), tt.wantType) {
			t.Errorf("GET %s = %d %q, want %d %q", tt.target, w.Code, w.Header().Get("Content-Type"), tt.status, tt.wantType)
		}
	}
}

func TestCheckSVG(t *testing.T) {
	tests := []struct {
		svg  string
		want string // "" for accepted
	}{
		{`<svg xmlns:xlink="http://www.w3.org/1999/xlink"><g><a xlink:href="/entities/komid"><text>&lt;script&gt;</text></a></g></svg>`, ""},
		{`<svg><a href="#n1"/></svg>`, ""},
		{`<svg><script>alert(1)</script></svg>`, "element <script> is not allowed"},
		{`<svg><g onload="alert(1)"/></svg>`, "attribute onload on <g> is not allowed"},
		{`<svg><a xlink:href="javascript:alert(1)"/></svg>`, `link "javascript:alert(1)" on <a> is not allowed`},
		{`<svg><a href="//evil.example/"/></svg>`, `link "//evil.example/" on <a> is not allowed`},
		{`<svg><foreignObject><div/></foreignObject></svg>`, "element <foreignObject> is not allowed"},
	}
	for _, tt := range tests {
		err := checkSVG([]byte(tt.svg), "")
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("checkSVG(%q) = %q, want %q", tt.svg, got, tt.want)
		}
	}
}

func TestRenderCache(t *testing.T) {
	ts := newTestServer(t)
	for range 3 {
		if w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", ""); w.Code != 200 {
			t.Fatalf("status %d", w.Code)
		}
	}
	if n := ts.d.count(); n != 1 {
		t.Errorf("renderer called %d times for the same diagram, want 1", n)
	}
	ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=dot", "")
	if n := ts.d.count(); n != 2 {
		t.Errorf("renderer called %d times after a new format, want 2", n)
	}
	// Identical requests in flight share one render.
	ts.d.delay = 100 * time.Millisecond
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if w := ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=png", ""); w.Code != 200 {
				t.Errorf("status %d", w.Code)
			}
		})
	}
	wg.Wait()
	if n := ts.d.count(); n != 3 {
		t.Errorf("renderer called %d times after 6 concurrent identical requests, want 3", n)
	}
	// A negative DiagramCacheBytes turns the cache off.
	ts = newTestServer(t, func(c *Config) { c.DiagramCacheBytes = -1 })
	for range 2 {
		ts.do("GET", "/api/v1/paths?from=shig&to=houthis&format=svg", "")
	}
	if n := ts.d.count(); n != 2 {
		t.Errorf("renderer called %d times for 2 requests without a cache, want 2", n)
	}
}

func TestPathsPageDatedOnly(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/paths?from=shig&to=houthis&dated_only=true", 200)
	if !hasAttr(one(t, doc, "dated_only checkbox", byID("dated_only")), "checked") {
		t.Error("dated_only checkbox is not checked")
	}
	u, err := url.Parse(attr(one(t, doc, "permalink", byID("permalink")), "href"))
	if err != nil || u.Query().Get("dated_only") != "true" {
		t.Errorf("permalink %v does not keep dated_only", u)
	}
}

func TestPathsPageAsOf(t *testing.T) {
	ts := newTestServer(t)
	doc := getPage(t, ts, "/paths?from=shig&to=houthis&as_of=2016-05&include_past_events=true", 200)
	if got := attr(one(t, doc, "as_of field", byID("as_of")), "value"); got != "2016-05" {
		t.Errorf("as_of field = %q, want 2016-05", got)
	}
	if !hasAttr(one(t, doc, "include_past_events checkbox", byID("include_past_events")), "checked") {
		t.Error("include_past_events checkbox is not checked")
	}
	if want := (graph.Filter{AsOf: graph.MustDate("2016-05"), IncludePastEvents: true}); !cmp.Equal(want, ts.g.lastPath.Filter) {
		t.Errorf("path filter = %+v, want %+v", ts.g.lastPath.Filter, want)
	}
	u, err := url.Parse(attr(one(t, doc, "permalink", byID("permalink")), "href"))
	if err != nil || u.Query().Get("as_of") != "2016-05" || u.Query().Get("include_past_events") != "true" {
		t.Errorf("permalink %v does not keep the as-of date", u)
	}
	getPage(t, ts, "/paths?from=shig&to=houthis&include_past_events=true", 400)
}

// TestPathsPageEvidence checks what the path page says about the strength
// of each path: its score and reason, mention links, pairs linked by
// several relationships, and the CSV download of every hop.
func TestPathsPageEvidence(t *testing.T) {
	ts := newTestServer(t)
	shig, komid, houthis := ts.g.entity("shig"), ts.g.entity("komid"), ts.g.entity("houthis")
	r1, r2 := ts.g.rels[0], ts.g.rels[1]
	mention := graph.Relationship{ID: "r9", Type: "REPORTED_ON", From: "komid", To: "shig", Start: graph.MustDate("2019"),
		Evidence: "a report names both", Source: "38 North", Confidence: graph.Confirmed}
	facts := graph.PathFacts{Degree: func(string) int { return 41 }, Sources: func(graph.Relationship) int { return 1 }}
	p1 := graph.Path{Nodes: []graph.Entity{shig, komid, houthis}, Relationships: []graph.Relationship{r1, r2}}
	p2 := graph.Path{Nodes: []graph.Entity{shig, komid, houthis}, Relationships: []graph.Relationship{mention, r2}}
	for _, p := range []*graph.Path{&p1, &p2} {
		st := graph.Assess(*p, facts)
		p.Strength = &st
	}
	ts.g.paths = []graph.Path{p1, p2}
	doc := getPage(t, ts, "/paths?from=shig&to=houthis&mode=all-shortest&rank=evidence&with_mentions=true", 200)
	if got, want := text(one(t, doc, "reason", byID("reason-1"))), p1.Strength.Reason; got != want {
		t.Errorf("reason of path 1 = %q, want %q", got, want)
	}
	if !strings.Contains(p1.Strength.Reason, "passes through a hub of degree 41 (KOMID)") {
		t.Errorf("reason %q does not name the hub", p1.Strength.Reason)
	}
	if got := text(one(t, doc, "reason", byID("reason-2"))); !strings.Contains(got, "walks a mention link (REPORTED_ON)") {
		t.Errorf("reason of path 2 = %q, want it to say it walks a mention", got)
	}
	one(t, doc, "mention note", byID("mention-note"))
	if q := text(one(t, doc, "query", byID("query"))); !strings.Contains(q, "operational, political and mention links") || !strings.Contains(q, "ranked by evidence") {
		t.Errorf("query line %q does not state mentions and ranking", q)
	}
	var summaries []string
	for _, s := range find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Summary }) {
		summaries = append(summaries, text(s))
	}
	want := []string{"Shahid Hemmat Industrial Group – KOMID: 2 relationships: COOPERATED_WITH, REPORTED_ON"}
	if diff := cmp.Diff(want, summaries); diff != "" {
		t.Errorf("grouped links (-want +got):\n%s", diff)
	}
	csvURL := attr(one(t, doc, "csv link", byID("csv")), "href")
	w := ts.do("GET", csvURL, "")
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("GET %s = %d %s", csvURL, w.Code, w.Header().Get("Content-Type"))
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename=shig-to-houthis.csv` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	recs, err := csv.NewReader(w.Body).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v", err)
	}
	if len(recs) != 5 || recs[0][0] != "path" || recs[4][0] != "2" || recs[4][1] != "2" || recs[3][7] != "REPORTED_ON" {
		t.Errorf("CSV rows = %q, want a header and one row per hop of both paths", recs)
	}
	// Neighbourhoods download the same way.
	w = ts.do("GET", "/api/v1/entities/komid/neighbors?format=csv", "")
	recs, err = csv.NewReader(w.Body).ReadAll()
	if w.Code != 200 || err != nil || len(recs) < 2 || recs[0][0] != "fromId" {
		t.Errorf("neighbors CSV = %d %q, %v", w.Code, recs, err)
	}
}

// postPage posts the console form as the page does (same origin).
func postPage(t *testing.T, ts *testServer, form url.Values, wantStatus int) *html.Node {
	t.Helper()
	w := ts.do("POST", "/cypher", form.Encode(), "Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "same-origin")
	if w.Code != wantStatus {
		t.Fatalf("POST /cypher = %d, want %d: %s", w.Code, wantStatus, w.Body)
	}
	doc := parse(t, w.Body.String())
	checkNoInlineScript(t, doc)
	return doc
}

// TestCypherPageRefusesCrossSite checks that another site cannot make a
// visitor's browser run a console query, by form or by link.
func TestCypherPageRefusesCrossSite(t *testing.T) {
	ts := newTestServer(t)
	form := url.Values{"query": {"RETURN 1"}}.Encode()
	for _, h := range [][]string{
		{"Content-Type", "application/x-www-form-urlencoded", "Sec-Fetch-Site", "cross-site"},
		{"Content-Type", "application/x-www-form-urlencoded", "Origin", "https://evil.example"},
	} {
		if w := ts.do("POST", "/cypher", form, h...); w.Code != 403 {
			t.Errorf("cross-site POST /cypher with %v = %d, want 403", h, w.Code)
		}
	}
	if w := ts.do("GET", "/cypher?query=RETURN+1", ""); w.Code != 200 || ts.g.lastCypher != "" {
		t.Errorf("GET /cypher?query= = %d and ran %q; want 200 and nothing run", w.Code, ts.g.lastCypher)
	}
	if ts.g.lastCypher != "" {
		t.Errorf("a cross-site request ran %q", ts.g.lastCypher)
	}
}
