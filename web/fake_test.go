package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"explorer/diagram"
	"explorer/graph"
)

// fakeGraph is an in-memory Graph. Set err to make every call fail.
type fakeGraph struct {
	mu       sync.Mutex
	entities []graph.Entity
	rels     []graph.Relationship
	// paths, when set, is the answer of every path query.
	paths  []graph.Path
	err    error
	result *graph.QueryResult
	// maxAmong, when set, caps Among as graph.MaxAmong caps the store's.
	maxAmong int
	// Recorded calls.
	lastPath   graph.PathQuery
	lastNeigh  graph.NeighborQuery
	lastCypher string
	lastParams map[string]any
	calls      map[string]int
	// invs are the saved investigations (investigations_test.go).
	invs []graph.Investigation
}

func (f *fakeGraph) count(op string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

func (f *fakeGraph) fail() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

func (f *fakeGraph) record(op string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[op]++
}

func (f *fakeGraph) Search(ctx context.Context, text string, limit int) ([]graph.SearchHit, error) {
	f.record("search")
	if err := f.fail(); err != nil {
		return nil, err
	}
	q := strings.ToLower(strings.TrimSpace(text))
	if strings.Trim(q, "()[]*?-") == "" {
		return nil, graph.Errorf(graph.ErrInvalid, "search: empty query")
	}
	var out []graph.SearchHit
	for _, e := range f.entities {
		names := append([]string{e.Name}, e.Aliases...)
		if slices.ContainsFunc(names, func(n string) bool { return strings.Contains(strings.ToLower(n), q) }) {
			out = append(out, graph.SearchHit{Entity: e, Score: 1, Match: graph.MatchName})
		} else if e.Description != "" && strings.Contains(strings.ToLower(e.Description), q) {
			out = append(out, graph.SearchHit{Entity: e, Score: 0.5, Match: graph.MatchDescription})
		}
		if len(out) == limit {
			break
		}
	}
	if len(out) == 0 && len(q) >= 4 {
		// The store offers similar spellings when nothing matched.
		for _, e := range f.entities {
			if strings.HasPrefix(strings.ToLower(e.Name), q[:3]) {
				out = append(out, graph.SearchHit{Entity: e, Match: graph.MatchSimilar})
			}
		}
	}
	return out, nil
}

func (f *fakeGraph) Resolve(ctx context.Context, ref string) (graph.Entity, error) {
	if err := f.fail(); err != nil {
		return graph.Entity{}, err
	}
	for _, e := range f.entities {
		if e.ID == ref {
			return e, nil
		}
	}
	var found []graph.Entity
	for _, e := range f.entities {
		names := append([]string{e.Name}, e.Aliases...)
		if slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, ref) }) {
			found = append(found, e)
		}
	}
	switch len(found) {
	case 0:
		// Suggestions: names or aliases that start like ref (the store
		// ranks by edit distance; the handlers only pass them on).
		var sugg []graph.Suggestion
		for _, e := range f.entities {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				if len(ref) >= 4 && len(n) >= 4 && strings.EqualFold(n[:4], ref[:4]) {
					sugg = append(sugg, graph.Suggestion{Entity: e, Matched: n})
					break
				}
			}
		}
		return graph.Entity{}, &graph.UnknownEntityError{Ref: ref, Suggestions: sugg}
	case 1:
		return found[0], nil
	}
	return graph.Entity{}, &graph.AmbiguousError{Ref: ref, Candidates: found}
}

func (f *fakeGraph) entity(id string) graph.Entity {
	for _, e := range f.entities {
		if e.ID == id {
			return e
		}
	}
	panic("no entity " + id)
}

func (f *fakeGraph) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Subgraph, error) {
	if err := f.fail(); err != nil {
		return graph.Subgraph{}, err
	}
	f.mu.Lock()
	f.lastNeigh = q
	f.mu.Unlock()
	g := graph.Subgraph{Nodes: []graph.Entity{f.entity(q.ID)}, Relationships: []graph.Relationship{}}
	seen := map[string]bool{q.ID: true}
	for _, r := range f.rels {
		if r.From != q.ID && r.To != q.ID {
			continue
		}
		for _, id := range []string{r.From, r.To} {
			if !seen[id] {
				seen[id] = true
				g.Nodes = append(g.Nodes, f.entity(id))
			}
		}
		g.Relationships = append(g.Relationships, r)
	}
	return g, nil
}

// Among returns the entities with ids, sorted, and the relationships
// among them (the filter is not applied).
func (f *fakeGraph) Among(ctx context.Context, ids []string, flt graph.Filter) (graph.Subgraph, error) {
	if err := f.fail(); err != nil {
		return graph.Subgraph{}, err
	}
	f.record("among")
	if f.maxAmong > 0 && len(slices.Compact(slices.Sorted(slices.Values(ids)))) > f.maxAmong {
		return graph.Subgraph{}, graph.ParamErrorf("ids", "want at most %d entities, got %d", f.maxAmong, len(ids))
	}
	g := graph.Subgraph{Nodes: []graph.Entity{}, Relationships: []graph.Relationship{}}
	in := map[string]bool{}
	for _, id := range slices.Sorted(slices.Values(ids)) {
		if in[id] {
			continue
		}
		i := slices.IndexFunc(f.entities, func(e graph.Entity) bool { return e.ID == id })
		if i < 0 {
			return graph.Subgraph{}, &graph.UnknownEntityError{Ref: id}
		}
		in[id] = true
		g.Nodes = append(g.Nodes, f.entities[i])
	}
	for _, r := range f.rels {
		if in[r.From] && in[r.To] {
			g.Relationships = append(g.Relationships, r)
		}
	}
	return g, nil
}

// Paths finds one shortest path by breadth-first search, honouring Exclude
// and MaxHops.
func (f *fakeGraph) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.lastPath = q
	canned := f.paths
	f.mu.Unlock()
	if canned != nil {
		return canned, nil
	}
	// Like the store: an unknown endpoint id is ErrNotFound, not "no path".
	for _, id := range []string{q.From, q.To} {
		if !slices.ContainsFunc(f.entities, func(e graph.Entity) bool { return e.ID == id }) {
			return nil, graph.Errorf(graph.ErrNotFound, "entity %q", id)
		}
	}
	type step struct {
		prev string
		rel  graph.Relationship
	}
	back := map[string]step{q.From: {}}
	frontier := []string{q.From}
	for hop := 0; hop < q.MaxHops && len(frontier) > 0; hop++ {
		var next []string
		for _, id := range frontier {
			for _, r := range f.rels {
				var other string
				switch {
				case r.From == id:
					other = r.To
				case r.To == id:
					other = r.From
				default:
					continue
				}
				if _, ok := back[other]; ok || slices.Contains(q.Exclude, other) {
					continue
				}
				back[other] = step{prev: id, rel: r}
				next = append(next, other)
			}
		}
		frontier = next
	}
	if _, ok := back[q.To]; !ok {
		return nil, &graph.NoPathError{From: f.entity(q.From), To: f.entity(q.To), Query: q}
	}
	var p graph.Path
	for id := q.To; id != q.From; id = back[id].prev {
		p.Nodes = append([]graph.Entity{f.entity(id)}, p.Nodes...)
		p.Relationships = append([]graph.Relationship{back[id].rel}, p.Relationships...)
	}
	p.Nodes = append([]graph.Entity{f.entity(q.From)}, p.Nodes...)
	return []graph.Path{p}, nil
}

func (f *fakeGraph) Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (*graph.QueryResult, error) {
	if err := f.fail(); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastCypher, f.lastParams = cypher, params
	if strings.Contains(strings.ToUpper(cypher), "DELETE") {
		return nil, graph.Errorf(graph.ErrForbidden, "only read-only statements may run here; this one is read-write")
	}
	if f.result != nil {
		return f.result, nil
	}
	return &graph.QueryResult{Columns: []string{"n"}, Rows: []map[string]any{{"n": int64(1)}}}, nil
}

func (f *fakeGraph) Ping(ctx context.Context) error {
	f.record("ping")
	return f.fail()
}

func (f *fakeGraph) setErr(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err = err
}

// fakeDiagrams draws an SVG shaped like Graphviz output: every node is a
// link made by the options' NodeURL, and text is escaped the way Graphviz
// escapes it.
type fakeDiagrams struct {
	mu    sync.Mutex
	calls int
	last  DiagramRequest
	err   error
	delay time.Duration // each draw takes this long, so concurrent ones overlap
	// unsafe makes the output carry a script, as a broken renderer might.
	unsafe bool
}

func (d *fakeDiagrams) Draw(ctx context.Context, in diagram.Request, opt diagram.Options, format diagram.Format) ([]byte, error) {
	d.mu.Lock()
	d.calls++
	d.last = in
	err, unsafe, delay := d.err, d.unsafe, d.delay
	d.mu.Unlock()
	time.Sleep(delay)
	if err != nil {
		return nil, err
	}
	if opt.NodeURL == nil {
		return nil, errors.New("fake diagrams: the service passed no NodeURL")
	}
	nodes := in.Graph.Nodes
	for _, p := range in.Paths {
		for _, n := range p.Nodes {
			if !slices.ContainsFunc(nodes, func(e graph.Entity) bool { return e.ID == n.ID }) {
				nodes = append(nodes, n)
			}
		}
	}
	switch format {
	case diagram.FormatDOT:
		var b strings.Builder
		b.WriteString("digraph {\n")
		for _, n := range nodes {
			fmt.Fprintf(&b, "  %q [label=%q];\n", n.ID, n.Name)
		}
		b.WriteString("}\n")
		return []byte(b.String()), nil
	case diagram.FormatPlain:
		// Pinned entities where they are pinned, the others in a row.
		var b strings.Builder
		b.WriteString("graph 1 20 5\n")
		for i, n := range nodes {
			at, ok := in.Pins[n.ID]
			if !ok {
				at = diagram.Point{X: float64(10 + i), Y: 1}
			}
			fmt.Fprintf(&b, "node %q %g %g 1 0.5 %q solid box black white\n", n.ID, at.X, at.Y, n.Name)
		}
		b.WriteString("stop\n")
		return []byte(b.String()), nil
	case diagram.FormatPNG:
		return []byte("\x89PNG\r\n\x1a\nfake"), nil
	case diagram.FormatPDF:
		return []byte("%PDF-1.7 fake"), nil
	case diagram.FormatSVG:
	default:
		return nil, graph.Errorf(graph.ErrInvalid, "format %q", format)
	}
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<!-- Generated by graphviz version 12 -->
<svg width="400pt" height="200pt" viewBox="0.00 0.00 400.00 200.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph">
<title>` + html.EscapeString(in.Title) + `</title>
`)
	for i, n := range nodes {
		fmt.Fprintf(&b, `<g id="node%d" class="node"><title>%s</title>
<g id="a_node%d"><a xlink:href="%s" xlink:title="%s">
<ellipse fill="none" stroke="black" cx="%d" cy="50" rx="40" ry="18"/>
<text text-anchor="middle" x="%d" y="54" font-family="Helvetica,sans-Serif" font-size="14.00">%s</text>
</a></g></g>
`, i+1, html.EscapeString(n.ID), i+1, html.EscapeString(opt.NodeURL(n)), html.EscapeString(n.Name), 50+i*90, 50+i*90, html.EscapeString(n.Name))
	}
	if unsafe {
		b.WriteString(`<script>alert(1)</script>`)
	}
	b.WriteString("</g>\n</svg>\n")
	return b.Bytes(), nil
}

func (d *fakeDiagrams) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.calls
}

// fakeImporter records what it was asked to import. When gate is set,
// an import reports progress and waits for it (or for cancellation).
type fakeImporter struct {
	mu     sync.Mutex
	format string
	match  string
	body   string
	err    error
	res    ImportResult
	gate   chan struct{}
}

func (im *fakeImporter) Import(ctx context.Context, req ImportRequest) (ImportResult, error) {
	b, err := io.ReadAll(req.Body)
	if err != nil {
		return ImportResult{}, err
	}
	im.mu.Lock()
	im.format, im.match, im.body = req.Format, req.Match, string(b)
	gate, res, ierr := im.gate, im.res, im.err
	im.mu.Unlock()
	if gate != nil {
		if req.Progress != nil {
			req.Progress(ImportProgress{Phase: "entities", Done: 1, Total: 2})
		}
		select {
		case <-gate:
		case <-ctx.Done():
			return ImportResult{Run: "run-1", Outcome: OutcomeRolledBack}, ctx.Err()
		}
	}
	if ierr != nil {
		return res, ierr
	}
	res.Entities = graph.BulkResult{Created: strings.Count(string(b), `"name"`)}
	return res, nil
}

const xssName = `<script>alert(1)</script>`

// fixture is a small graph shaped like the 38 North article's.
func fixture() *fakeGraph {
	return &fakeGraph{
		entities: []graph.Entity{
			{ID: "shig", Name: "Shahid Hemmat Industrial Group", Type: graph.Organization, Aliases: []string{"SHIG"}, Description: "Iranian missile developer"},
			{ID: "komid", Name: "KOMID", Type: graph.Organization, Aliases: []string{"Korea Mining Development Trading Corporation"}, Country: "KP"},
			{ID: "houthis", Name: "Houthis", Type: graph.Organization, Aliases: []string{"Ansar Allah", "ansarallah"}},
			{ID: "irgc", Name: "IRGC", Type: graph.Organization, Aliases: []string{"Islamic Revolutionary Guard Corps"}},
			{ID: "hezbollah", Name: "Hezbollah", Type: graph.Organization},
			{ID: "kim-a", Name: "Kim Il", Type: graph.Person},
			{ID: "kim-b", Name: "Kim Il", Type: graph.Person},
			{ID: "xss", Name: xssName, Type: graph.Organization, Description: `<img src=x onerror=alert(2)>`},
		},
		rels: []graph.Relationship{
			{ID: "r1", Type: "COOPERATED_WITH", From: "shig", To: "komid", Start: graph.MustDate("2016-01"),
				Evidence: "SHIG cooperated with KOMID", Source: "38 North", SourceURL: "https://www.38north.org/x", Confidence: graph.Reported},
			{ID: "r2", Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2018-08"),
				Evidence: "KOMID allegedly supplied the Houthis", Source: "38 North", CitedSource: "UN Panel of Experts report, 2018", Confidence: graph.Alleged},
			{ID: "r3", Type: "SUPPORTS", From: "irgc", To: "hezbollah", Evidence: "the IRGC backs Hezbollah", Source: "38 North",
				SourceURL: "javascript:alert(3)", Confidence: graph.Confirmed},
			{ID: "r4", Type: "ASSISTED", From: "komid", To: "irgc", Start: graph.MustDate("1990"), End: graph.MustDate("2003"),
				Evidence: "KOMID assisted the IRGC", Source: "38 North", Confidence: graph.Reported},
			{ID: "r5", Type: "SUPPLIED", From: "komid", To: "xss", Start: graph.MustDate("2009-05-01"),
				Evidence: `quote with <b>markup</b> & "quotes"`, Source: xssName, Confidence: graph.Disputed},
		},
	}
}

// testServer is a Server on the fixture with fakes, its log and its parts.
type testServer struct {
	*Server
	g   *fakeGraph
	d   *fakeDiagrams
	im  *fakeImporter
	log *bytes.Buffer
}

func newTestServer(t testing.TB, opts ...func(*Config)) *testServer {
	t.Helper()
	ts := &testServer{g: fixture(), d: &fakeDiagrams{}, im: &fakeImporter{}, log: &bytes.Buffer{}}
	cfg := Config{
		Graph: ts.g, Diagrams: ts.d, Importer: ts.im, ImportToken: "s3cret-token",
		Logger:       slog.New(slog.NewJSONHandler(&lockedWriter{w: ts.log}, nil)),
		MaxBodyBytes: 64 << 10, MaxImportBytes: 1 << 10,
	}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts.Server = s
	// Import jobs end (and their spooled bodies go) with the test.
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.Close(ctx)
	})
	return ts
}

// do sends a request to the server and returns the recorded response.
func (ts *testServer) do(method, target string, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	ts.ServeHTTP(w, req)
	return w
}

type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

var errBoom = errors.New("bolt://neo4j:hunter2@10.0.0.7:7687: connection reset by peer")

var _ http.Handler = (*Server)(nil)

// Diff classifies the centre's relationships with graph.DiffOf.
func (f *fakeGraph) Diff(ctx context.Context, q graph.DiffQuery) (graph.Diff, error) {
	if err := q.Validate(); err != nil {
		return graph.Diff{}, err
	}
	g, err := f.Neighbors(ctx, graph.NeighborQuery{ID: q.ID, Depth: 1})
	if err != nil {
		return graph.Diff{}, err
	}
	return graph.DiffOf(g, q.From, q.To, q.Depth), nil
}

// fakeSource is the source the fake holds: its text has three paragraphs
// and the fixture's relationships quote the second.
var fakeSource = graph.Source{ID: "article", Title: "The <b>article</b>", Publisher: "38 North",
	Paragraphs: []string{"Title", "Before. KOMID sold missiles to the Houthis. After.", "Third."}}

func (f *fakeGraph) SourceIndex(ctx context.Context) ([]graph.Source, error) {
	f.record("source_index")
	if err := f.fail(); err != nil {
		return nil, err
	}
	s := fakeSource
	s.Paragraphs = nil
	return []graph.Source{s}, nil
}

// SourcePage serves two pages: the fake source with the cursor "page2",
// then an empty last page; any other cursor is ErrInvalid.
func (f *fakeGraph) SourcePage(ctx context.Context, cursor string, limit int) (graph.SourceList, error) {
	f.record("sources")
	if err := f.fail(); err != nil {
		return graph.SourceList{}, err
	}
	switch cursor {
	case "":
		s := fakeSource
		s.Paragraphs = nil
		return graph.SourceList{Sources: []graph.SourceInfo{{Source: s, Claims: 1}}, Next: "page2"}, nil
	case "page2":
		return graph.SourceList{}, nil
	}
	return graph.SourceList{}, graph.Errorf(graph.ErrInvalid, "cursor %q: not a cursor", cursor)
}

func (f *fakeGraph) GetSource(ctx context.Context, id string) (graph.SourceClaims, error) {
	f.record("source")
	if err := f.fail(); err != nil {
		return graph.SourceClaims{}, err
	}
	if id != fakeSource.ID {
		return graph.SourceClaims{}, graph.Errorf(graph.ErrNotFound, "no source has the id %q", id)
	}
	r := graph.Relationship{ID: "komid-houthis", Type: "SUPPLIED", From: "komid", To: "houthis", Start: graph.MustDate("2016"),
		Evidence: "KOMID sold missiles to the Houthis.", Source: fakeSource.Title, SourceID: fakeSource.ID, Paragraph: 2,
		Confidence: graph.Reported, Item: "missiles"}
	return graph.SourceClaims{Source: fakeSource, Relationships: []graph.Relationship{r},
		Entities: []graph.Entity{{ID: "komid", Name: "KOMID", Type: graph.Organization}, {ID: "houthis", Name: "Houthis", Type: graph.Organization}}}, nil
}
