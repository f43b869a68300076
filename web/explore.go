package web

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/diagram"
	"explorer/graph"
)

// Canvas limits: a canvas is a working set an investigator reads.
const (
	maxCanvasSeeds   = 50
	maxCanvasExpands = 30
	maxCanvasPaths   = 10
	// canvasHubCap is how many neighbours one expansion adds at most; a
	// hub such as a state has hundreds.
	canvasHubCap = 25
)

// canvasFamilies are the ways to expand an entity: "" is every link.
var canvasFamilies = []string{"", string(graph.Operational), string(graph.Political), string(graph.Mention)}

// expansion is one expanded entity: all its links, or one family's.
type expansion struct {
	ID     string
	Family string
}

func (x expansion) String() string {
	if x.Family == "" {
		return x.ID
	}
	return x.ID + ":" + x.Family
}

// canvasState is everything that makes a canvas, all of it in the URL:
// ids (the entities put on it), expand (id or id:family), hide, paths
// (from~to), and the drawing filters families (the link families drawn,
// all when empty) and min_confidence. The same state always draws the
// same picture.
type canvasState struct {
	IDs    []string
	Expand []expansion
	Hide   []string
	Paths  [][2]string
	// Families and MinConfidence filter the links drawn among the
	// entities; they do not change which entities are on the canvas.
	Families      []graph.Family
	MinConfidence graph.Confidence
}

// parseCanvas reads a canvas from the query. Ids must be well-formed (the
// page links to canonical ids; names go through the add form).
func parseCanvas(v url.Values) (canvasState, error) {
	var st canvasState
	id := func(param, s string) (string, error) {
		if !graph.ValidID(s) {
			return "", paramError(param, "%q is not an entity id (lowercase letters, digits, '.', '_', '-')", s)
		}
		return s, nil
	}
	for _, s := range listParam(v, "ids") {
		s, err := id("ids", s)
		if err != nil {
			return st, err
		}
		st.IDs = append(st.IDs, s)
	}
	for _, s := range listParam(v, "expand") {
		ref, fam, _ := strings.Cut(s, ":")
		x := expansion{}
		var err error
		if x.ID, err = id("expand", ref); err != nil {
			return st, err
		}
		if fam != "" {
			f, err := graph.ParseFamily(fam)
			if err != nil {
				return st, paramError("expand", "%q: family %q is not one of operational, political, mention", s, fam)
			}
			x.Family = string(f)
		}
		if !slices.Contains(st.Expand, x) {
			st.Expand = append(st.Expand, x)
		}
	}
	for _, s := range listParam(v, "hide") {
		s, err := id("hide", s)
		if err != nil {
			return st, err
		}
		st.Hide = append(st.Hide, s)
	}
	for _, s := range listParam(v, "paths") {
		a, b, ok := strings.Cut(s, "~")
		if !ok {
			return st, paramError("paths", "want from~to, got %q", s)
		}
		var err error
		if a, err = id("paths", a); err != nil {
			return st, err
		}
		if b, err = id("paths", b); err != nil {
			return st, err
		}
		if p := [2]string{a, b}; !slices.Contains(st.Paths, p) {
			st.Paths = append(st.Paths, p)
		}
	}
	for _, s := range listParam(v, "families") {
		f, err := graph.ParseFamily(s)
		if err != nil {
			return st, wrapParam("families", err)
		}
		if !slices.Contains(st.Families, f) {
			st.Families = append(st.Families, f)
		}
	}
	if len(st.Families) == len(graph.Families) {
		st.Families = nil // every family is no filter
	}
	// In vocabulary order, so that one filter has one URL.
	slices.SortFunc(st.Families, func(a, b graph.Family) int { return familyRank(a) - familyRank(b) })
	if s := strings.TrimSpace(v.Get("min_confidence")); s != "" {
		c, err := graph.ParseConfidence(s)
		if err != nil {
			return st, wrapParam("min_confidence", err)
		}
		st.MinConfidence = c
	}
	switch {
	case len(st.IDs) > maxCanvasSeeds:
		return st, paramError("ids", "want at most %d entities, got %d", maxCanvasSeeds, len(st.IDs))
	case len(st.Expand) > maxCanvasExpands:
		return st, paramError("expand", "want at most %d expansions, got %d", maxCanvasExpands, len(st.Expand))
	case len(st.Paths) > maxCanvasPaths:
		return st, paramError("paths", "want at most %d path queries, got %d", maxCanvasPaths, len(st.Paths))
	}
	return st, nil
}

// Values is the state's query, in canonical form.
func (st canvasState) Values() url.Values {
	v := url.Values{}
	if len(st.IDs) > 0 {
		v.Set("ids", strings.Join(st.IDs, ","))
	}
	if len(st.Expand) > 0 {
		parts := make([]string, len(st.Expand))
		for i, x := range st.Expand {
			parts[i] = x.String()
		}
		v.Set("expand", strings.Join(parts, ","))
	}
	if len(st.Hide) > 0 {
		v.Set("hide", strings.Join(st.Hide, ","))
	}
	if len(st.Paths) > 0 {
		parts := make([]string, len(st.Paths))
		for i, p := range st.Paths {
			parts[i] = p[0] + "~" + p[1]
		}
		v.Set("paths", strings.Join(parts, ","))
	}
	if len(st.Families) > 0 {
		parts := make([]string, len(st.Families))
		for i, f := range st.Families {
			parts[i] = string(f)
		}
		v.Set("families", strings.Join(parts, ","))
	}
	if st.MinConfidence != "" {
		v.Set("min_confidence", string(st.MinConfidence))
	}
	return v
}

func familyRank(f graph.Family) int {
	return slices.IndexFunc(graph.Families, func(x struct {
		Family  graph.Family
		Meaning string
	}) bool {
		return x.Family == f
	})
}

// draws reports whether the state's filters let r be drawn.
func (st canvasState) draws(r graph.Relationship) bool {
	if len(st.Families) > 0 {
		spec, ok := r.Type.Spec()
		if !ok || !slices.Contains(st.Families, spec.Family) {
			return false
		}
	}
	if st.MinConfidence != "" {
		rank := r.Confidence.Rank()
		if rank < 0 || rank > st.MinConfidence.Rank() {
			return false
		}
	}
	return true
}

// FilterNote says in words what the drawing filters leave out, for the
// diagram's caption; "" when nothing is filtered.
func (st canvasState) FilterNote() string {
	var parts []string
	if len(st.Families) > 0 {
		fams := make([]string, len(st.Families))
		for i, f := range st.Families {
			fams[i] = string(f)
		}
		parts = append(parts, "only "+strings.Join(fams, " and ")+" links")
	}
	if st.MinConfidence != "" {
		parts = append(parts, "links "+string(st.MinConfidence)+" or firmer")
	}
	return strings.Join(parts, ", ")
}

// URL is the canvas page of the state.
func (st canvasState) URL() string {
	q := st.Values().Encode()
	// Commas and tildes are safe in a query; keeping them makes the URL
	// readable when shared.
	q = strings.NewReplacer("%2C", ",", "%7E", "~", "%3A", ":").Replace(q)
	if q == "" {
		return "/explore"
	}
	return "/explore?" + q
}

func (st canvasState) clone() canvasState {
	return canvasState{IDs: slices.Clone(st.IDs), Expand: slices.Clone(st.Expand), Hide: slices.Clone(st.Hide), Paths: slices.Clone(st.Paths),
		Families: slices.Clone(st.Families), MinConfidence: st.MinConfidence}
}

// with returns the state after one change.
func (st canvasState) withExpand(x expansion) canvasState {
	n := st.clone()
	if !slices.Contains(n.Expand, x) {
		n.Expand = append(n.Expand, x)
	}
	n.Hide = slices.DeleteFunc(n.Hide, func(h string) bool { return h == x.ID })
	return n
}

func (st canvasState) withHide(id string) canvasState {
	n := st.clone()
	if !slices.Contains(n.Hide, id) {
		n.Hide = append(n.Hide, id)
	}
	return n
}

func (st canvasState) withShow(id string) canvasState {
	n := st.clone()
	n.Hide = slices.DeleteFunc(n.Hide, func(h string) bool { return h == id })
	return n
}

func (st canvasState) withID(id string) canvasState {
	n := st.withShow(id)
	if !slices.Contains(n.IDs, id) {
		n.IDs = append(n.IDs, id)
	}
	return n
}

func (st canvasState) withPath(a, b string) canvasState {
	n := st.clone()
	if p := [2]string{a, b}; !slices.Contains(n.Paths, p) {
		n.Paths = append(n.Paths, p)
	}
	return n
}

// canvas is a drawn state: the entities and relationships among them, and
// notes on what was cut or not found.
type canvas struct {
	Graph graph.Subgraph
	// Seeds and path endpoints, drawn bold.
	Highlight []string
	Notes     []string
	// Hidden are the hidden entities, for "show again" links.
	Hidden []graph.Entity
}

// buildCanvas runs the state's queries: the seeds, each expansion (one hop,
// capped at canvasHubCap neighbours, never through a hidden entity), each
// path query (the shortest paths), then the relationships of every family
// among all the entities that are not hidden.
func (s *Server) buildCanvas(ctx context.Context, st canvasState) (canvas, error) {
	return newCanvasQueries(s).build(ctx, st)
}

// canvasQueries runs a canvas's queries, each once however many of the
// states its layout grows through (see canvasState.prev) ask for it.
type canvasQueries struct {
	s         *Server
	neighbors map[string]graph.Subgraph
	paths     map[string][]graph.Path
	among     map[string]graph.Subgraph
	// pictures are the positions of the states already laid out, by URL.
	pictures map[string]map[string]diagram.Point
}

func newCanvasQueries(s *Server) *canvasQueries {
	return &canvasQueries{s: s, neighbors: map[string]graph.Subgraph{}, paths: map[string][]graph.Path{},
		among: map[string]graph.Subgraph{}, pictures: map[string]map[string]diagram.Point{}}
}

// memo key of a query: its arguments, the hidden entities included.
func memoKey(parts ...string) string { return strings.Join(parts, "\x00") }

func (q *canvasQueries) build(ctx context.Context, st canvasState) (canvas, error) {
	var cv canvas
	var set []string
	highlight := func(id string) {
		if !slices.Contains(cv.Highlight, id) {
			cv.Highlight = append(cv.Highlight, id)
		}
	}
	add := func(id string) {
		if !slices.Contains(st.Hide, id) && !slices.Contains(set, id) {
			set = append(set, id)
		}
	}
	hidden := strings.Join(st.Hide, ",")
	for _, id := range st.IDs {
		add(id)
		highlight(id)
	}
	for _, x := range st.Expand {
		key := memoKey(x.String(), hidden)
		g, ok := q.neighbors[key]
		if !ok {
			f := graph.Filter{Exclude: st.Hide, WithMentions: x.Family == "" || x.Family == string(graph.Mention)}
			if x.Family != "" {
				f.Types = graph.TypesOf(graph.Family(x.Family))
			}
			var err error
			if g, err = q.s.graph.Neighbors(ctx, graph.NeighborQuery{ID: x.ID, Depth: 1, Limit: canvasHubCap + 1, Filter: f}); err != nil {
				return cv, wrapParam("expand", err)
			}
			q.neighbors[key] = g
		}
		for _, n := range g.Nodes {
			add(n.ID)
		}
		if g.Truncated {
			what := "links"
			if x.Family != "" {
				what = x.Family + " links"
			}
			cv.Notes = append(cv.Notes, fmt.Sprintf("%s has more %s than the %d shown (hub cap); open its page for all of them.", x.ID, what, canvasHubCap))
		}
	}
	for _, p := range st.Paths {
		key := memoKey(p[0], p[1], hidden)
		paths, ok := q.paths[key]
		if !ok {
			pq := graph.PathQuery{From: p[0], To: p[1], Filter: graph.Filter{Exclude: st.Hide}}
			if err := pq.Normalize(); err != nil {
				return cv, wrapParam("paths", err)
			}
			var err error
			paths, err = q.s.graph.Paths(ctx, pq)
			if err != nil && !errors.Is(err, graph.ErrNoPath) {
				return cv, wrapParam("paths", err)
			}
			q.paths[key] = paths
		}
		if len(paths) == 0 {
			cv.Notes = append(cv.Notes, fmt.Sprintf("No path links %s and %s without the hidden entities.", p[0], p[1]))
			continue
		}
		for _, path := range paths {
			for _, n := range path.Nodes {
				add(n.ID)
			}
		}
		highlight(p[0])
		highlight(p[1])
	}
	g, err := q.amongOf(ctx, set)
	if err != nil {
		return cv, wrapParam("ids", err)
	}
	drawn := make([]graph.Relationship, 0, len(g.Relationships))
	for _, r := range g.Relationships {
		if st.draws(r) {
			drawn = append(drawn, r)
		}
	}
	g.Relationships = drawn
	cv.Graph = g
	if len(st.Hide) > 0 {
		hidden, err := q.s.graph.Among(ctx, st.Hide, graph.Filter{})
		if err != nil {
			return cv, wrapParam("hide", err)
		}
		cv.Hidden = hidden.Nodes
	}
	return cv, nil
}

// amongOf is Among with every family, once per set of entities.
func (q *canvasQueries) amongOf(ctx context.Context, set []string) (graph.Subgraph, error) {
	key := memoKey(slices.Sorted(slices.Values(set))...)
	if g, ok := q.among[key]; ok {
		return g, nil
	}
	g, err := q.s.graph.Among(ctx, set, graph.Filter{WithMentions: true})
	if err != nil {
		return g, err
	}
	q.among[key] = g
	return g, nil
}

// canvasOptions is how the canvas is drawn: with neato, which keeps the
// entities a picture pins where they are (see canvasQueries.request), and
// without the drawing's own legend, since the page lists what is shown.
var canvasOptions = diagram.Options{Layout: "neato", NodeURL: diagramOptions.NodeURL, NoLegend: true}

// prev is the canvas st grew from, for its layout: st without its filters
// (a filter only leaves links out), else without its hidden entities (hiding
// only takes entities away), else without its last path query, else
// without its last added entity, else without its last expansion. The
// picture of st keeps every entity of the picture of prev where it was, so
// a canvas grown one step at a time keeps what it showed in place, and the
// same URL always draws the same picture, however it was reached. A canvas
// reached in another order than this one (an entity expanded, then a path
// asked for, then another entity expanded) keeps in place what the two
// orders share.
func (st canvasState) prev() (canvasState, bool) {
	n := st.clone()
	switch {
	case len(n.Families) > 0 || n.MinConfidence != "":
		n.Families, n.MinConfidence = nil, ""
	case len(n.Hide) > 0:
		n.Hide = nil
	case len(n.Paths) > 0:
		n.Paths = n.Paths[:len(n.Paths)-1]
	case len(n.IDs) > 1:
		n.IDs = n.IDs[:len(n.IDs)-1]
	case len(n.Expand) > 0:
		n.Expand = n.Expand[:len(n.Expand)-1]
	default:
		return st, false
	}
	return n, true
}

// canvasGap is the least room between two entities a layout step places,
// in inches: enough for Graphviz to route edges between them.
const canvasGap = 0.25

// request is the diagram of the drawn canvas cv of st, every entity pinned
// where place puts it.
func (q *canvasQueries) request(ctx context.Context, st canvasState, cv canvas) (DiagramRequest, error) {
	title := "Canvas: " + strings.Join(nodeNames(cv.Graph.Nodes, st.IDs), ", ")
	if note := st.FilterNote(); note != "" {
		title += " (" + note + ")"
	}
	in := DiagramRequest{Title: title, Graph: cv.Graph, Highlight: cv.Highlight}
	at, err := q.place(ctx, st, cv, in)
	if err != nil {
		return in, err
	}
	in.Pins = at
	return in, nil
}

// place is where the picture of st puts its entities (cv is st drawn, in
// its diagram without pins). The entities of the picture st grew from (see
// canvasState.prev) stay where that picture put them; Graphviz's neato
// places the others around them, and Separate moves those apart until none
// overlaps another. The first picture is neato's own, overlaps removed by
// Graphviz. Each layout is drawn once (the render cache keeps it).
func (q *canvasQueries) place(ctx context.Context, st canvasState, cv canvas, in DiagramRequest) (map[string]diagram.Point, error) {
	key := st.URL()
	if at, ok := q.pictures[key]; ok {
		return at, nil
	}
	var kept map[string]diagram.Point
	if p, ok := st.prev(); ok {
		pin, err := q.prevRequest(ctx, p)
		if err != nil && !errors.Is(err, graph.ErrInvalid) {
			return nil, err
		}
		// A canvas it grew from that is over a cap (hiding a hub can
		// bring a canvas under them) leaves this one a fresh layout.
		for _, n := range cv.Graph.Nodes {
			if at, ok := pin.Pins[n.ID]; ok {
				if kept == nil {
					kept = map[string]diagram.Point{}
				}
				kept[n.ID] = at
			}
		}
	}
	at := kept
	if len(kept) < len(cv.Graph.Nodes) {
		in.Pins = kept
		out, _, err := q.s.renderWith(ctx, in, canvasOptions, string(diagram.FormatPlain))
		if err != nil {
			return nil, err
		}
		boxes, err := diagram.ReadPlain(out)
		if err != nil {
			return nil, err
		}
		// Graphviz moves the drawing to start at the origin: move it
		// back to where the kept entities are.
		var dx, dy float64
		for _, id := range slices.Sorted(maps.Keys(kept)) {
			if b, ok := boxes[id]; ok {
				dx, dy = kept[id].X-b.X, kept[id].Y-b.Y
				break
			}
		}
		for id, b := range boxes {
			b.X, b.Y = b.X+dx, b.Y+dy
			if p, ok := kept[id]; ok {
				b.Point = p
			}
			boxes[id] = b
		}
		at = diagram.Separate(boxes, func(id string) bool { _, ok := kept[id]; return ok }, canvasGap)
	}
	q.pictures[key] = at
	return at, nil
}

// prevRequest is the diagram of p, a canvas another grew from.
func (q *canvasQueries) prevRequest(ctx context.Context, p canvasState) (DiagramRequest, error) {
	cv, err := q.build(ctx, p)
	if err != nil {
		return DiagramRequest{}, err
	}
	return q.request(ctx, p, cv)
}

// canvasAction is one thing to do with an entity on the canvas: a link to
// the canvas after the change.
type canvasAction struct {
	Label string
	URL   string
	// Kind is what the script's menu calls it: expand, expand-FAMILY, hide, open.
	Kind string
}

// canvasNode is an entity on the canvas with its actions.
type canvasNode struct {
	graph.Entity
	Actions []canvasAction
}

// canvasRel is one relationship on the canvas, for the evidence table.
type canvasRel struct {
	graph.Relationship
	FromName, ToName string
	// Pair is "a|b" with the smaller id first: the diagram draws the
	// relationships of a pair as one edge, and the script finds their
	// rows with it.
	Pair string
}

// legendItem is one line of the canvas legend: a kind of entity or a
// family of links that the drawing shows, with how many.
type legendItem struct {
	Name, Meaning string
	Count         int
}

// filterOption is one choice of the canvas's filter form.
type filterOption struct {
	Value, Label string
	Selected     bool
}

type explorePage struct {
	layout
	State     canvasState
	URL       string
	Problem   *notice
	Notes     []string
	Nodes     []canvasNode
	Hidden    []canvasAction
	Rels      []canvasRel
	Diagram   diagramView
	HasCanvas bool
	// Kinds and Links are the legend: only what the drawing shows.
	Kinds, Links []legendItem
	// Families and Confidences are the filter form's choices.
	Families, Confidences []filterOption
	// Keep holds the state's parameters as hidden fields for the forms
	// that change one part of it; KeepWithoutFilters leaves out the
	// filters, which the filter form sets itself.
	Keep, KeepWithoutFilters []hiddenField
}

// hiddenField is a form's hidden input.
type hiddenField struct{ Name, Value string }

// hiddenFields lists v's parameters in order, for a form's hidden inputs.
func hiddenFields(v url.Values, skip ...string) []hiddenField {
	var out []hiddenField
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if slices.Contains(skip, k) {
			continue
		}
		out = append(out, hiddenField{Name: k, Value: v.Get(k)})
	}
	return out
}

// legend counts the entity kinds and link families of g, in vocabulary
// order: only what is drawn.
func legend(g graph.Subgraph) (kinds, links []legendItem) {
	byType := map[graph.EntityType]int{}
	for _, n := range g.Nodes {
		byType[n.Type]++
	}
	for _, t := range graph.EntityTypes {
		if n := byType[t.Type]; n > 0 {
			kinds = append(kinds, legendItem{Name: string(t.Type), Meaning: t.Meaning, Count: n})
			delete(byType, t.Type)
		}
	}
	other := 0
	for _, n := range byType {
		other += n
	}
	if other > 0 {
		kinds = append(kinds, legendItem{Name: "other", Meaning: "an entity of another or unknown type", Count: other})
	}
	byFamily := map[graph.Family]int{}
	for _, r := range g.Relationships {
		if spec, ok := r.Type.Spec(); ok {
			byFamily[spec.Family]++
		}
	}
	for _, f := range graph.Families {
		if n := byFamily[f.Family]; n > 0 {
			links = append(links, legendItem{Name: string(f.Family), Meaning: f.Meaning, Count: n})
		}
	}
	return kinds, links
}

// explorePage is GET /explore: the canvas. Without JavaScript every action
// is a link; with it, clicking a node opens the same actions as a menu,
// clicking an edge finds its evidence, and shift-clicking two nodes adds the
// paths between them. The add form (add=NAME) and the paths form
// (from=ID&to=ID) redirect to the canonical URL of the changed canvas.
func (s *Server) explorePage(c *gin.Context) error {
	ctx, cancel := s.ctx(c)
	defer cancel()
	v := c.Request.URL.Query()
	data := explorePage{layout: layout{Title: "Explore", Nav: "explore"}}
	st, err := parseCanvas(v)
	if err == nil {
		var target canvasState
		target, err = s.canvasForm(ctx, st, v)
		// The filter form sends families one by one and an empty
		// min_confidence for "any": go to the canonical URL.
		filterForm := (v.Has("families") || v.Has("min_confidence")) && "/explore?"+c.Request.URL.RawQuery != st.URL()
		if err == nil && (target.URL() != st.URL() || filterForm) {
			c.Redirect(http.StatusSeeOther, target.URL())
			return nil
		}
	}
	var cv canvas
	q := newCanvasQueries(s)
	if err == nil {
		cv, err = q.build(ctx, st)
	}
	if err != nil {
		var status int
		data.Problem, status = s.pageProblem(c, err)
		data.State = st
		return s.renderPage(c, status, "explore", data)
	}
	data.State, data.URL = st, st.URL()
	vals := st.Values()
	data.Keep = hiddenFields(vals)
	data.KeepWithoutFilters = hiddenFields(vals, "families", "min_confidence")
	for _, f := range graph.Families {
		data.Families = append(data.Families, filterOption{Value: string(f.Family), Label: f.Meaning,
			Selected: len(st.Families) == 0 || slices.Contains(st.Families, f.Family)})
	}
	data.Confidences = append(data.Confidences, filterOption{Value: "", Label: "any", Selected: st.MinConfidence == ""})
	for _, l := range graph.Confidences {
		data.Confidences = append(data.Confidences, filterOption{Value: string(l.Level), Label: string(l.Level) + " or firmer",
			Selected: st.MinConfidence == l.Level})
	}
	data.Kinds, data.Links = legend(cv.Graph)
	data.Notes = cv.Notes
	names := map[string]string{}
	for _, n := range cv.Graph.Nodes {
		names[n.ID] = n.Name
		node := canvasNode{Entity: n}
		for _, f := range canvasFamilies {
			label, kind := "Expand all links", "expand"
			if f != "" {
				label, kind = "Expand "+f+" links", "expand-"+f
			}
			node.Actions = append(node.Actions, canvasAction{Label: label, Kind: kind, URL: st.withExpand(expansion{ID: n.ID, Family: f}).URL()})
		}
		node.Actions = append(node.Actions,
			canvasAction{Label: "Hide", Kind: "hide", URL: st.withHide(n.ID).URL()},
			canvasAction{Label: "Open page", Kind: "open", URL: EntityURL(n.ID)})
		data.Nodes = append(data.Nodes, node)
	}
	for _, h := range cv.Hidden {
		data.Hidden = append(data.Hidden, canvasAction{Label: h.Name, Kind: "show", URL: st.withShow(h.ID).URL()})
	}
	for _, r := range cv.Graph.Relationships {
		data.Rels = append(data.Rels, canvasRel{Relationship: r, FromName: names[r.From], ToName: names[r.To],
			Pair: min(r.From, r.To) + "|" + max(r.From, r.To)})
	}
	data.HasCanvas = len(cv.Graph.Nodes) > 0
	if data.HasCanvas {
		data.Diagram = s.canvasDiagram(c, ctx, q, st, cv)
		data.Diagram.TextAlt = "canvas-text"
		if len(st.IDs) > 0 {
			data.Diagram.Subject = st.IDs[0]
		}
	}
	return s.renderPage(c, http.StatusOK, "explore", data)
}

// canvasDiagram draws the canvas for its page. As with every diagram of a
// page, a failure becomes a note and the rest of the page stands.
func (s *Server) canvasDiagram(c *gin.Context, ctx context.Context, q *canvasQueries, st canvasState, cv canvas) diagramView {
	var v diagramView
	in, err := q.request(ctx, st, cv)
	if err == nil {
		v.SVG, err = s.inlineSVGWith(ctx, in, canvasOptions)
	}
	if err != nil {
		status := statusOf(err)
		s.logError(c, err, status)
		v.Note = "The diagram could not be drawn: " + publicMessage(err, status)
	}
	return v
}

// nodeNames are the names of the entities with ids, in the order of ids.
func nodeNames(nodes []graph.Entity, ids []string) []string {
	var out []string
	for _, id := range ids {
		for _, n := range nodes {
			if n.ID == id {
				out = append(out, n.Name)
			}
		}
	}
	return out
}

// canvasForm applies the page's forms: add=NAME puts an entity (by id,
// name or alias) on the canvas; from and to add the paths between two of
// its entities.
func (s *Server) canvasForm(ctx context.Context, st canvasState, v url.Values) (canvasState, error) {
	if ref := strings.TrimSpace(v.Get("add")); ref != "" {
		e, err := s.resolveID(ctx, ref)
		if err != nil {
			return st, wrapParam("add", err)
		}
		st = st.withID(e.ID)
	}
	from, to := strings.TrimSpace(v.Get("from")), strings.TrimSpace(v.Get("to"))
	if from != "" || to != "" {
		if !graph.ValidID(from) || !graph.ValidID(to) || from == to {
			return st, paramError("from", "want two different entities of the canvas, got %q and %q", from, to)
		}
		st = st.withPath(from, to)
	}
	return st, nil
}

// Among is timed like every other query (see instrumented).
func (i instrumented) Among(ctx context.Context, ids []string, f graph.Filter) (_ graph.Subgraph, err error) {
	defer func(t time.Time) { i.m.observeQuery("among", t, err) }(time.Now())
	return i.g.Among(ctx, ids, f)
}

// Among goes through the breaker like every other query.
func (b *breaker) Among(ctx context.Context, ids []string, f graph.Filter) (graph.Subgraph, error) {
	if err := b.check(ctx); err != nil {
		return graph.Subgraph{}, err
	}
	sub, err := b.g.Among(ctx, ids, f)
	return sub, b.done(err)
}

// Page sizes for publishable diagrams.
const (
	// pngDPI is the renderer's resolution for PNG: pixels per inch of
	// size (the service runs the engine with the default).
	pngDPI = diagram.DefaultDPI
	// pdfPageWidth and pdfPageHeight (inches) fit an A4 or US Letter page
	// inside its margins.
	pdfPageWidth, pdfPageHeight = 7, 10
	minWidth, maxWidth          = 200, 4000
)

// pageFit is how large a diagram may be drawn: width=PX scales a PNG down
// to that many pixels wide (and at most √2 times as high, a portrait page);
// a PDF always fits one page. Other formats, and a PNG without width, are
// drawn at natural size. width with another format is a bad parameter.
func pageFit(v url.Values, format string) (w, h float64, err error) {
	width, err := intParam(v, "width", 0, minWidth, maxWidth)
	if err != nil {
		return 0, 0, err
	}
	switch {
	case format == FormatPDF:
		if width != 0 {
			return 0, 0, paramError("width", "applies to png; a PDF is always one page")
		}
		return pdfPageWidth, pdfPageHeight, nil
	case width == 0:
		return 0, 0, nil
	case format != FormatPNG:
		return 0, 0, paramError("width", "applies to png only, not %s", format)
	}
	return float64(width) / pngDPI, float64(width) * 1.414 / pngDPI, nil
}
