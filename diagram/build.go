package diagram

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"explorer/graph"
)

// Request is what a diagram is drawn from: the one request type of the
// command line and the web service.
type Request struct {
	// Title is the question the diagram answers (the query text, the path
	// request); it heads the caption.
	Title string
	// Source names where the data comes from; it is the caption's second
	// line. When empty, the caption lists the relationships' own sources.
	Source string
	// Graph holds entities and relationships to draw, such as a
	// neighbourhood or the graph part of a query result.
	Graph graph.Subgraph
	// Paths are drawn in order, after Graph; a relationship that several
	// paths share (or that Graph also holds) is drawn once.
	Paths []graph.Path
	// Highlight lists entity ids to draw bold with a double outline, such
	// as path endpoints. When nil, the first and last entity of every path
	// are highlighted.
	Highlight []string
	// Changes, for a diagram of what changed between two dates, gives
	// relationship ids their change: its line colour and style say it, and
	// the legend explains them.
	Changes map[string]graph.Change
	// FitWidth and FitHeight, in inches, scale a larger drawing down to fit
	// (Graphviz's size): a PNG of a given width, a PDF on one page. Zero
	// draws at natural size.
	FitWidth, FitHeight float64
	// Pins, for the neato and fdp layouts, keep entities (by id) where an
	// earlier drawing put them, in inches as Positions reads them: a
	// canvas that grows keeps what it showed in place. Other layouts
	// ignore them.
	Pins map[string]Point
	// BaseURL, when set, is the service's public URL (such as
	// https://explorer.example.org, no trailing slash): every link the
	// drawing holds that starts with "/" (see Options.NodeURL) is made
	// absolute with it, so a diagram taken out of the service still links
	// back. Empty keeps links as NodeURL gives them. It is part of the
	// request, so a render cache keyed by the request keeps the drawings of
	// two base URLs apart.
	BaseURL string
}

// Options control how a diagram looks.
type Options struct {
	// Layout is the Graphviz engine, one of Layouts; empty or unknown means
	// "dot". Callers validate user input with ParseLayout first.
	Layout string
	// RankDir is "LR" (left to right, the default) or "TB" (top to bottom);
	// only the dot layout uses it.
	RankDir string
	// NodeURL, when set, gives each entity a link (opened in the top window,
	// so it works in an SVG embedded in a page); EntityURL builds the usual
	// one. Return "" for no link.
	NodeURL func(graph.Entity) string
	// NoLegend leaves the legend out, for pages that draw their own.
	NoLegend bool
}

// Layouts are the Graphviz layout engines a diagram may use.
var Layouts = []string{"dot", "neato", "fdp", "sfdp", "circo"}

// ParseLayout checks a layout engine name (case-insensitive); "" is "dot".
func ParseLayout(s string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(s))
	if l == "" {
		return "dot", nil
	}
	if !slices.Contains(Layouts, l) {
		return "", graph.Errorf(graph.ErrInvalid, "unknown layout %q (want one of %s)", s, strings.Join(Layouts, ", "))
	}
	return l, nil
}

// ParseRankDir checks a rank direction (LR or TB, case-insensitive); "" is LR.
func ParseRankDir(s string) (string, error) {
	switch d := strings.ToUpper(strings.TrimSpace(s)); d {
	case "":
		return "LR", nil
	case "LR", "TB":
		return d, nil
	}
	return "", graph.Errorf(graph.ErrInvalid, "unknown rank direction %q (want LR or TB)", s)
}

// linker returns nodeURL with its site-relative links ("/entities/x", not
// "//host/x") made absolute with base; nil stays nil (no links).
func linker(base string, nodeURL func(graph.Entity) string) func(graph.Entity) string {
	base = strings.TrimRight(base, "/")
	if nodeURL == nil || base == "" {
		return nodeURL
	}
	return func(e graph.Entity) string {
		u := nodeURL(e)
		if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
			return base + u
		}
		return u
	}
}

// EntityURL returns a NodeURL function that links an entity to prefix
// followed by its path-escaped id, e.g. EntityURL("/entities/").
func EntityURL(prefix string) func(graph.Entity) string {
	return func(e graph.Entity) string { return prefix + url.PathEscape(e.ID) }
}

// Sizes of text in the drawing, in runes.
const (
	nameWidth      = 24  // node label line
	nameLines      = 3   // node label lines
	tipWidth       = 72  // tooltip line
	evidenceLines  = 14  // lines of evidence quote in a tooltip
	descLines      = 8   // lines of description in a tooltip
	captionWidth   = 110 // caption line
	maxFieldRunes  = 300 // source, cited source, URL, aliases in a tooltip
	maxCaptionRuns = 400 // title or source in the caption
	maxSources     = 3   // sources listed in a derived caption
)

const fontName = "Helvetica,Arial,sans-serif"

// node is an entity to draw.
type node struct {
	graph.Entity
	placeholder bool // an endpoint the input did not describe
}

// edge is a relationship to draw from tail to head; back means the arrow
// points at the tail (the path walks the relationship against its direction).
type edge struct {
	rel        graph.Relationship
	tail, head string
	back       bool
	// group holds every relationship between the pair when there are
	// parallelMin or more: they are drawn as this one edge.
	group []graph.Relationship
}

// parallelMin is the number of relationships between one pair of entities
// from which they are drawn as one edge with a count and the types (North
// Korea and Iran have dozens).
const parallelMin = 3

// model is the deduplicated, ordered content of a diagram.
type model struct {
	changes map[string]graph.Change
	nodes   []node
	index   map[string]int
	edges   []edge
	seen    map[string]bool
}

func (m *model) addNode(e graph.Entity) {
	if _, ok := m.index[e.ID]; ok {
		return
	}
	m.index[e.ID] = len(m.nodes)
	m.nodes = append(m.nodes, node{Entity: e})
}

func edgeKey(r graph.Relationship) string {
	if r.ID != "" {
		return "id\x00" + r.ID
	}
	return strings.Join([]string{"k", string(r.Type), r.From, r.To, r.Start.String(), r.End.String(), r.Source, r.Evidence}, "\x00")
}

func (m *model) addEdge(e edge) {
	k := edgeKey(e.rel)
	if m.seen[k] {
		return
	}
	m.seen[k] = true
	m.edges = append(m.edges, e)
}

// collect orders the input: path entities and relationships in path order,
// then the subgraph's sorted by id, then entities that relationships name
// but the input does not describe, sorted by id.
func collect(in Request) *model {
	m := &model{changes: in.Changes, index: map[string]int{}, seen: map[string]bool{}}
	for _, p := range in.Paths {
		for _, n := range p.Nodes {
			m.addNode(n)
		}
		for i, r := range p.Relationships {
			e := edge{rel: r, tail: r.From, head: r.To}
			if i+1 < len(p.Nodes) {
				a, b := p.Nodes[i].ID, p.Nodes[i+1].ID
				if r.From == b && r.To == a && a != b {
					e = edge{rel: r, tail: a, head: b, back: true}
				}
			}
			m.addEdge(e)
		}
	}
	nodes := slices.Clone(in.Graph.Nodes)
	slices.SortStableFunc(nodes, func(a, b graph.Entity) int { return cmp.Compare(a.ID, b.ID) })
	for _, n := range nodes {
		m.addNode(n)
	}
	rels := slices.Clone(in.Graph.Relationships)
	slices.SortStableFunc(rels, func(a, b graph.Relationship) int {
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To),
			cmp.Compare(a.Type, b.Type), a.Start.Compare(b.Start), a.End.Compare(b.End),
			cmp.Compare(a.Source, b.Source), cmp.Compare(a.Evidence, b.Evidence))
	})
	for _, r := range rels {
		m.addEdge(edge{rel: r, tail: r.From, head: r.To})
	}
	m.groupParallel()
	var missing []string
	for _, e := range m.edges {
		for _, id := range []string{e.tail, e.head} {
			if _, ok := m.index[id]; !ok && !slices.Contains(missing, id) {
				missing = append(missing, id)
			}
		}
	}
	slices.Sort(missing)
	for _, id := range missing {
		m.index[id] = len(m.nodes)
		m.nodes = append(m.nodes, node{Entity: graph.Entity{ID: id, Name: id}, placeholder: true})
	}
	return m
}

// groupParallel replaces the edges of each pair of entities linked by
// parallelMin or more relationships with one edge, where the first of them
// was.
func (m *model) groupParallel() {
	pair := func(e edge) [2]string { return [2]string{min(e.tail, e.head), max(e.tail, e.head)} }
	count := map[[2]string]int{}
	for _, e := range m.edges {
		count[pair(e)]++
	}
	at := map[[2]string]int{}
	out := m.edges[:0]
	for _, e := range m.edges {
		k := pair(e)
		if count[k] < parallelMin {
			out = append(out, e)
			continue
		}
		if i, ok := at[k]; ok {
			out[i].group = append(out[i].group, e.rel)
			continue
		}
		at[k] = len(out)
		e.group = []graph.Relationship{e.rel}
		out = append(out, e)
	}
	m.edges = out
}

// nodeName is the DOT name of the entity with id: the id itself when it is a
// well-formed slug (so SVG <title>s carry it), else a hash of it. Legend
// nodes use names with ':', which slugs and hashes never contain.
func nodeName(id string) string {
	if graph.ValidID(id) {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "#" + hex.EncodeToString(sum[:8])
}

// Diagram is what Build wrote: the DOT source, and what a Renderer needs to
// know about it to check the caps before any layout starts. Only Build makes
// one, so the counts are those of the text.
type Diagram struct {
	source       string
	layout       string
	nodes, edges int
}

// Source is the DOT source, not laid out: what --format dot and format=dot
// give, ready for editing or for Graphviz.
func (d Diagram) Source() string { return d.source }

// Layout is the Graphviz layout engine the diagram is drawn with.
func (d Diagram) Layout() string { return d.layout }

// Nodes is the number of nodes in the DOT source, legend included.
func (d Diagram) Nodes() int { return d.nodes }

// Edges is the number of edges in the DOT source.
func (d Diagram) Edges() int { return d.edges }

// Build returns the diagram of in. It is a pure function of its arguments:
// the same input gives the same bytes. Every piece of text from the input is
// escaped for DOT (see QuoteLabel and QuoteTooltip), so names and quotes
// cannot change the graph's structure or attributes and come out of Graphviz
// as text.
func Build(in Request, opt Options) Diagram {
	layout, err := ParseLayout(opt.Layout)
	if err != nil {
		layout = "dot"
	}
	rankdir, err := ParseRankDir(opt.RankDir)
	if err != nil {
		rankdir = "LR"
	}
	m := collect(in)
	highlight := map[string]bool{}
	if in.Highlight == nil {
		for _, p := range in.Paths {
			if len(p.Nodes) > 0 {
				highlight[p.Nodes[0].ID] = true
				highlight[p.Nodes[len(p.Nodes)-1].ID] = true
			}
		}
	}
	for _, id := range in.Highlight {
		highlight[id] = true
	}

	pins := in.Pins
	if layout != "neato" && layout != "fdp" {
		pins = nil
	}
	w := &dotWriter{}
	w.line(0, `digraph "explorer" {`)
	gattrs := []string{
		`charset="UTF-8"`, "layout=" + QuoteID(layout), "rankdir=" + QuoteID(rankdir),
		"fontname=" + QuoteID(fontName), "fontsize=10", `bgcolor="white"`, "pad=0.25",
		"label=" + quoteLabelLeft(caption(in, m)), `labelloc="b"`, `labeljust="l"`,
		"tooltip=" + QuoteTooltip(clip(sanitize(in.Title), tipWidth, 6)),
	}
	if in.FitWidth > 0 && in.FitHeight > 0 {
		gattrs = append(gattrs, "size="+QuoteID(strconv.FormatFloat(in.FitWidth, 'f', 2, 64)+","+strconv.FormatFloat(in.FitHeight, 'f', 2, 64)))
	}
	switch layout {
	case "dot":
		gattrs = append(gattrs, "nodesep=0.3", "ranksep=0.5", "newrank=true")
	case "circo":
		gattrs = append(gattrs, "mindist=1.2")
	default:
		overlap := `overlap="false"`
		if len(pins) > 0 {
			overlap = `overlap="true"`
		}
		gattrs = append(gattrs, overlap, `splines="true"`, `sep="+12"`, `pack="true"`)
	}
	w.attrs(1, "graph", gattrs)
	w.attrs(1, "node", []string{"fontname=" + QuoteID(fontName), "fontsize=11", `margin="0.12,0.06"`, "penwidth=1", `color="#333333"`})
	eattrs := []string{"fontname=" + QuoteID(fontName), "fontsize=9", "arrowsize=0.7", `fontcolor="#333333"`}
	if layout != "dot" && layout != "circo" {
		eattrs = append(eattrs, "len=1.6") // room for the edge labels
	}
	w.attrs(1, "edge", eattrs)
	if !opt.NoLegend {
		writeLegend(w, m, layout)
	}
	for _, n := range m.nodes {
		pin, pinned := pins[n.ID]
		writeNode(w, n, highlight[n.ID], linker(in.BaseURL, opt.NodeURL), pin, pinned && !n.placeholder)
	}
	for _, e := range m.edges {
		writeEdge(w, m, e)
	}
	w.line(0, "}")
	return Diagram{source: w.String(), layout: layout, nodes: w.nodes, edges: w.edges}
}

func writeNode(w *dotWriter, n node, bold bool, nodeURL func(graph.Entity) string, pin Point, pinned bool) {
	st := StyleOf(n.Type)
	name := strings.TrimSpace(sanitize(n.Name))
	if name == "" {
		name = n.ID
	}
	attrs := []string{
		"label=" + QuoteLabel(clip(name, nameWidth, nameLines)),
		"shape=" + QuoteID(st.Shape), "style=" + QuoteID(st.Style), "fillcolor=" + QuoteID(st.Fill),
		"tooltip=" + QuoteTooltip(nodeTooltip(n, name)),
	}
	if bold {
		attrs = append(attrs, "penwidth=2.5", "peripheries=2", `fontname="Helvetica-Bold"`)
	}
	if pinned {
		attrs = append(attrs, "pos="+QuoteID(pin.pos()), "pin=true")
	}
	if nodeURL != nil && !n.placeholder {
		if u := nodeURL(n.Entity); u != "" {
			attrs = append(attrs, "URL="+QuoteID(u), `target="_top"`)
		}
	}
	w.node(1, QuoteID(nodeName(n.ID)), attrs)
}

func nodeTooltip(n node, name string) string {
	if n.placeholder {
		return name + "\n(not described in this result)"
	}
	head := name + " (" + cmp.Or(string(n.Type), "unknown type")
	if n.Country != "" {
		head += ", " + n.Country
	}
	lines := []string{truncate(sanitize(head), maxFieldRunes) + ")"}
	if len(n.Aliases) > 0 {
		lines = append(lines, clip(sanitize("Also known as: "+strings.Join(n.Aliases, "; ")), tipWidth, 3))
	}
	if d := strings.TrimSpace(sanitize(n.Description)); d != "" {
		lines = append(lines, clip(d, tipWidth, descLines))
	}
	return strings.Join(lines, "\n")
}

// dateText formats a relationship's dates: "1990-11", "1981–1983", or "".
func dateText(r graph.Relationship) string {
	switch {
	case r.Start.IsZero():
		return ""
	case r.End.IsZero() || r.End == r.Start:
		return r.Start.String()
	}
	return r.Start.String() + "–" + r.End.String()
}

func symmetric(t graph.RelType) bool {
	s, ok := t.Spec()
	return ok && s.Symmetric
}

func writeEdge(w *dotWriter, m *model, e edge) {
	if len(e.group) > 0 {
		writeGroupEdge(w, m, e)
		return
	}
	r := e.rel
	st := EdgeStyleOf(r.Confidence)
	label := strings.TrimSpace(string(r.Type) + " " + dateText(r))
	if c, ok := m.changes[r.ID]; ok {
		st = changeStyles[c]
		label = changeMarks[c] + " " + label
	}
	attrs := []string{
		"label=" + QuoteLabel(clip(sanitize(label), 32, 2)),
		"tooltip=" + QuoteTooltip(edgeTooltip(m, r)),
		"style=" + QuoteID(st.Style), "color=" + QuoteID(st.Color),
		"penwidth=" + strconv.FormatFloat(st.PenWidth, 'f', -1, 64),
	}
	switch {
	case symmetric(r.Type):
		attrs = append(attrs, `dir="none"`)
	case e.back:
		attrs = append(attrs, `dir="back"`)
	}
	w.edge(1, QuoteID(nodeName(e.tail))+" -> "+QuoteID(nodeName(e.head)), attrs)
}

// writeGroupEdge draws the relationships of one pair as one undirected edge
// labelled with their count and types, in the style of the firmest of them;
// its tooltip lists each.
func writeGroupEdge(w *dotWriter, m *model, e edge) {
	firmest := e.group[0].Confidence
	for _, r := range e.group {
		if r.Confidence.Rank() >= 0 && (firmest.Rank() < 0 || r.Confidence.Rank() < firmest.Rank()) {
			firmest = r.Confidence
		}
	}
	st := EdgeStyleOf(firmest)
	label := graph.GroupLinks(e.group)[0].Label()
	lines := []string{clip(sanitize(m.name(e.tail)+" — "+m.name(e.head)+": "+label), tipWidth, 4)}
	for i, r := range e.group {
		if i == evidenceLines {
			lines = append(lines, fmt.Sprintf("and %d more", len(e.group)-i))
			break
		}
		line := m.name(r.From) + " → " + m.name(r.To) + ": " + string(r.Type)
		if d := dateText(r); d != "" {
			line += ", " + d
		}
		lines = append(lines, clip(sanitize(line+" ("+string(confidenceOf(r.Confidence))+")"), tipWidth, 2))
	}
	attrs := []string{
		"label=" + QuoteLabel(clip(sanitize(label), 32, 4)),
		"tooltip=" + QuoteTooltip(strings.Join(lines, "\n")),
		"style=" + QuoteID(st.Style), "color=" + QuoteID(st.Color),
		"penwidth=" + strconv.FormatFloat(st.PenWidth+1, 'f', -1, 64), `dir="none"`,
	}
	w.edge(1, QuoteID(nodeName(e.tail))+" -> "+QuoteID(nodeName(e.head)), attrs)
}

func (m *model) name(id string) string {
	if i, ok := m.index[id]; ok && strings.TrimSpace(m.nodes[i].Name) != "" {
		return m.nodes[i].Name
	}
	return id
}

func edgeTooltip(m *model, r graph.Relationship) string {
	arrow := " → "
	if symmetric(r.Type) {
		arrow = " — "
	}
	head := m.name(r.From) + arrow + m.name(r.To) + ": " + string(r.Type)
	if d := dateText(r); d != "" {
		head += ", " + d
	}
	head += " (" + string(confidenceOf(r.Confidence)) + ")"
	lines := []string{clip(sanitize(head), tipWidth, 3)}
	if ev := strings.TrimSpace(sanitize(r.Evidence)); ev != "" {
		lines = append(lines, clip("“"+ev+"”", tipWidth, evidenceLines))
	}
	if s := strings.TrimSpace(r.Source); s != "" {
		lines = append(lines, clip(truncate(sanitize("Source: "+s), maxFieldRunes), tipWidth, 4))
	}
	if s := strings.TrimSpace(r.CitedSource); s != "" {
		lines = append(lines, clip(truncate(sanitize("Citing: "+s), maxFieldRunes), tipWidth, 4))
	}
	if s := strings.TrimSpace(r.SourceURL); s != "" {
		lines = append(lines, truncate(sanitize(s), maxFieldRunes))
	}
	return strings.Join(lines, "\n")
}

// caption is the text under the diagram: the question, the source, and a
// warning when the input was cut short.
func caption(in Request, m *model) string {
	var lines []string
	if t := strings.TrimSpace(sanitize(in.Title)); t != "" {
		lines = append(lines, wrap(truncate(t, maxCaptionRuns), captionWidth))
	}
	src := strings.TrimSpace(sanitize(in.Source))
	if src == "" {
		var srcs []string
		for _, e := range m.edges {
			if s := strings.TrimSpace(sanitize(e.rel.Source)); s != "" && !slices.Contains(srcs, s) {
				srcs = append(srcs, s)
			}
		}
		slices.Sort(srcs)
		if len(srcs) > maxSources {
			srcs = append(srcs[:maxSources], fmt.Sprintf("and %d more", len(srcs)-maxSources))
		}
		src = strings.Join(srcs, "; ")
	}
	if src != "" {
		lines = append(lines, wrap(truncate("Source: "+src, maxCaptionRuns), captionWidth))
	}
	if in.Graph.Truncated {
		lines = append(lines, "Truncated: the result hit a size cap, so not every link is shown.")
	}
	return strings.Join(lines, "\n")
}

// legendEntry is one entity type in the legend.
type legendEntry struct {
	name    string
	style   NodeStyle
	meaning string
}

// writeLegend explains the entity types and the confidence levels present in
// the diagram, in vocabulary order. Every string in it is a constant of this
// package, which is what makes the HTML-like labels below safe.
func writeLegend(w *dotWriter, m *model, layout string) {
	present := map[graph.EntityType]bool{}
	other := false
	for _, n := range m.nodes {
		if _, ok := nodeStyles[n.Type]; ok {
			present[n.Type] = true
		} else {
			other = true
		}
	}
	var types []legendEntry
	for _, t := range graph.EntityTypes {
		if present[t.Type] {
			types = append(types, legendEntry{string(t.Type), nodeStyles[t.Type], t.Meaning})
		}
	}
	if other {
		types = append(types, legendEntry{"other", otherStyle, "an entity of unknown type, or one this result names without describing"})
	}
	seen := map[graph.Confidence]bool{}
	for _, e := range m.edges {
		seen[confidenceOf(e.rel.Confidence)] = true
	}
	var confs []graph.Confidence
	for _, c := range confidenceOrder {
		if seen[c] {
			confs = append(confs, c)
		}
	}
	if len(m.changes) > 0 {
		// A diagram of changes draws lines by change, not by confidence.
		confs = nil
		writeChangeLegend(w, m)
	}
	if len(types) == 0 && len(confs) == 0 {
		return
	}
	if layout != "dot" {
		// Engines other than dot ignore clusters and ranks, so the legend
		// is one node, which pack sets apart from the diagram. Its types
		// show their colour but not their shape.
		var t strings.Builder
		t.WriteString(`<<TABLE BORDER="1" COLOR="#BBBBBB" STYLE="rounded" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3">`)
		t.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">Legend</TD></TR>`)
		for _, e := range types {
			fmt.Fprintf(&t, `<TR><TD COLSPAN="2" BGCOLOR="%s" BORDER="1" COLOR="#333333">%s</TD></TR>`, e.style.Fill, e.name)
		}
		t.WriteString(confidenceRows(confs))
		t.WriteString(`</TABLE>>`)
		w.node(1, QuoteID("legend:table"), []string{`shape="plaintext"`, "fontsize=9", "margin=0", "label=" + t.String(),
			"tooltip=" + QuoteTooltip(legendTooltip(types, confs))})
		return
	}
	w.line(1, `subgraph "cluster_legend" {`)
	w.attrs(2, "graph", []string{`label="Legend"`, "fontsize=9", `style="rounded"`, `color="#BBBBBB"`, `labelloc="t"`, `labeljust="l"`,
		"tooltip=" + QuoteTooltip(legendTooltip(types, confs)), "margin=6"})
	var names []string
	for _, e := range types {
		name := QuoteID("legend:type:" + e.name)
		w.node(2, name, []string{"label=" + QuoteLabel(e.name), "shape=" + QuoteID(e.style.Shape),
			"style=" + QuoteID(e.style.Style), "fillcolor=" + QuoteID(e.style.Fill), "fontsize=9", "height=0.3",
			"tooltip=" + QuoteTooltip(e.name+": "+e.meaning)})
		names = append(names, name)
	}
	if len(confs) > 0 {
		// Real sample edges would need a second rank, which in dot sits as
		// far away as the diagram's own next rank; a table draws the line
		// styles compactly.
		name := QuoteID("legend:confidence")
		w.node(2, name, []string{`shape="plaintext"`, "fontsize=9", "margin=0",
			"label=" + `<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">` + confidenceRows(confs) + `</TABLE>>`,
			"tooltip=" + QuoteTooltip(legendTooltip(nil, confs))})
		names = append(names, name)
	}
	if len(names) > 1 {
		// One column (one row with rankdir TB).
		w.line(2, "{ rank=same; "+strings.Join(names, "; ")+" }")
	}
	w.line(1, "}")
}

// confidenceRows are HTML-like table rows that each draw a line in the style
// of one confidence level (a cell with only a bottom border) and name it.
func confidenceRows(confs []graph.Confidence) string {
	var t strings.Builder
	for _, c := range confs {
		st := edgeStyles[c]
		border := "1"
		if st.PenWidth >= 1.5 {
			border = "2"
		}
		fmt.Fprintf(&t, `<TR><TD WIDTH="40" HEIGHT="8" FIXEDSIZE="TRUE" SIDES="B" BORDER="%s" STYLE="%s" COLOR="%s"></TD><TD ALIGN="LEFT">%s</TD></TR>`,
			border, st.Style, st.Color, c)
	}
	return t.String()
}

func legendTooltip(types []legendEntry, confs []graph.Confidence) string {
	var lines []string
	for _, e := range types {
		lines = append(lines, e.name+": "+e.meaning)
	}
	for _, c := range confs {
		lines = append(lines, string(c)+": "+confidenceMeaning[c])
	}
	return strings.Join(lines, "\n")
}

var confidenceMeaning = map[graph.Confidence]string{
	graph.Confirmed: "the source states it as established fact",
	graph.Reported:  "the source reports it",
	graph.Alleged:   "the source reports it as an allegation or accusation",
	graph.Disputed:  "the claim is contested",
	unstated:        "no confidence recorded",
}

// dotWriter accumulates DOT text with tab indentation, and counts the node
// and edge statements it writes: Build writes each node once.
type dotWriter struct {
	strings.Builder
	nodes, edges int
}

func (w *dotWriter) line(depth int, s string) {
	for range depth {
		w.WriteByte('\t')
	}
	w.WriteString(s)
	w.WriteByte('\n')
}

func (w *dotWriter) attrs(depth int, kind string, attrs []string) {
	w.line(depth, kind+" ["+strings.Join(attrs, ", ")+"]")
}

func (w *dotWriter) node(depth int, name string, attrs []string) {
	w.nodes++
	w.line(depth, name+" ["+strings.Join(attrs, ", ")+"]")
}

func (w *dotWriter) edge(depth int, tailHead string, attrs []string) {
	w.edges++
	w.line(depth, tailHead+" ["+strings.Join(attrs, ", ")+"]")
}
