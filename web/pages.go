package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// layout is the data every page shares.
type layout struct {
	Title string
	Nav   string // the active navigation entry
}

// notice is a problem shown inside a page, above its form.
type notice struct {
	Message    string
	Candidates []graph.Entity
}

// pageProblem turns an error into a notice and a status code, logging
// server-side failures once.
func (s *Server) pageProblem(c *gin.Context, err error) (*notice, int) {
	status := statusOf(err)
	s.logError(c, err, status)
	setRetryAfter(c, err)
	n := &notice{Message: publicMessage(err, status)}
	var amb *graph.AmbiguousError
	if errors.As(err, &amb) {
		n.Candidates = amb.Candidates
	}
	var unk *graph.UnknownEntityError
	if errors.As(err, &unk) {
		for _, s := range unk.Suggestions {
			n.Candidates = append(n.Candidates, s.Entity)
		}
	}
	return n, status
}

// diagramView is a diagram shown in a page, with its download links.
type diagramView struct {
	SVG    template.HTML
	SVGURL string
	PNGURL string
	// PDFURL, where the API offers it, is the diagram as a PDF page.
	PDFURL string
	// Note explains a missing or cut diagram; the rest of the page stands.
	Note string
	// Cypher makes the download buttons post the console's query.
	Cypher bool
	// Subject is the id of the entity the page is about: the script
	// scrolls the drawing to centre it when it is larger than its box.
	Subject string
	// TextAlt is the id of the element that says in text what the
	// drawing shows (an evidence table, an entity list).
	TextAlt string
}

// diagram renders in for a page. A failed render does not fail the page:
// the evidence is still worth showing, so the problem becomes a note.
func (s *Server) diagram(c *gin.Context, ctx context.Context, in DiagramRequest, api string) diagramView {
	v := diagramView{}
	if api != "" {
		v.SVGURL, v.PNGURL = withFormat(api, FormatSVG), withFormat(api, FormatPNG)
	}
	svg, err := s.inlineSVG(ctx, in)
	if err != nil {
		status := statusOf(err)
		s.logError(c, err, status)
		v.Note = "The diagram could not be drawn: " + publicMessage(err, status)
		return v
	}
	v.SVG = svg
	return v
}

func withFormat(u, format string) string {
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "format=" + format
}

// searchPage is GET /: a search box with suggestions; with q it also lists
// results, so the page works without JavaScript.
type searchPage struct {
	layout
	Query   string
	Results []graph.SearchHit
	Ran     bool
	Problem *notice
}

func (s *Server) searchPage(c *gin.Context) error {
	data := searchPage{layout: layout{Title: "Search", Nav: "search"}}
	data.Query = strings.TrimSpace(c.Query("q"))
	status := http.StatusOK
	if data.Query != "" {
		ctx, cancel := s.ctx(c)
		defer cancel()
		if len(data.Query) > 200 {
			data.Problem, status = s.pageProblem(c, paramError("q", "too long (at most 200 bytes)"))
		} else if hits, err := s.graph.Search(ctx, data.Query, 30); err != nil {
			data.Problem, status = s.pageProblem(c, err)
		} else {
			data.Results, data.Ran = hits, true
		}
	}
	return s.renderPage(c, status, "search", data)
}

// pathForm is the path explorer's form, as submitted.
type pathForm struct {
	From, To, Mode, Since, Until, Exclude string
	K, MaxHops, Rank, MinConfidence       string
	Types, ExcludeTypes, Statuses         []string
	Directed, DatedOnly, WithMentions     bool
	// AsOf and PastEvents are the as-of control.
	AsOf       string
	PastEvents bool
}

// typeOption is one entry of the relationship type multi-selects.
type typeOption struct {
	Type     graph.RelType
	Meaning  string
	Family   graph.Family
	Selected bool
	Excluded bool
}

// option is one entry of a select.
type option struct {
	Value, Label string
	Selected     bool
}

// hopView is one row of the evidence table: a hop in walking order.
type hopView struct {
	N        int
	From, To graph.Entity
	Rel      graph.Relationship
	// Forward says the relationship points the way the path walks.
	Forward bool
	// Mention says the hop is a mention link (evidence of a link).
	Mention bool
}

type pathView struct {
	N        int
	Hops     []hopView
	Strength *graph.Strength
}

// linkGroupView is a pair of entities linked by several relationships
// among the paths shown.
type linkGroupView struct {
	A, B  graph.Entity
	Label string
	Hops  []hopView
}

type pathsPage struct {
	layout
	Form        pathForm
	Modes       []graph.PathMode
	Types       []typeOption
	Confidences []option
	Statuses    []option
	Ranks       []option
	MaxK        int
	MaxHops     int
	Problem     *notice
	Ran         bool
	From, To    graph.Entity
	// Query states the query in one line, defaults included.
	Query     string
	Paths     []pathView
	Mentions  bool
	Links     []linkGroupView
	Diagram   diagramView
	Permalink string
	Slider    yearRange
	CSVURL    string
	// CiteURL and CiteHTMLURL are the citable report of the answer.
	CiteURL, CiteHTMLURL string
}

func (s *Server) pathsPage(c *gin.Context) error {
	v := c.Request.URL.Query()
	form := pathForm{
		From: v.Get("from"), To: v.Get("to"), Mode: v.Get("mode"), K: v.Get("k"), MaxHops: v.Get("max_hops"),
		Since: v.Get("since"), Until: v.Get("until"), Exclude: v.Get("exclude"), Types: listParam(v, "types"),
		ExcludeTypes: listParam(v, "exclude_types"), Statuses: listParam(v, "status"), Rank: v.Get("rank"),
		MinConfidence: v.Get("min_confidence"),
	}
	form.Directed, _ = boolParam(v, "directed")
	form.DatedOnly, _ = boolParam(v, "dated_only")
	form.AsOf = v.Get("as_of")
	form.PastEvents, _ = boolParam(v, "include_past_events")
	form.DatedOnly = form.DatedOnly || strings.EqualFold(strings.TrimSpace(v.Get("undated")), "exclude")
	form.WithMentions, _ = boolParam(v, "with_mentions")
	if form.Mode == "" {
		form.Mode = string(graph.Shortest)
	}
	if form.K == "" {
		form.K = strconv.Itoa(graph.DefaultK)
	}
	if form.MaxHops == "" {
		form.MaxHops = strconv.Itoa(graph.DefaultMaxHops)
	}
	data := pathsPage{
		layout: layout{Title: "Paths", Nav: "paths"}, Form: form,
		Modes: []graph.PathMode{graph.Shortest, graph.AllShortest, graph.KShortest, graph.Chronological},
		MaxK:  graph.MaxK, MaxHops: graph.MaxHopsCap, Slider: s.slider(timeScale{}),
	}
	has := func(list []string, s string) bool {
		return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(strings.TrimSpace(x), s) })
	}
	for _, spec := range graph.Vocabulary {
		data.Types = append(data.Types, typeOption{Type: spec.Type, Meaning: spec.Meaning, Family: spec.Family,
			Selected: has(form.Types, string(spec.Type)), Excluded: has(form.ExcludeTypes, string(spec.Type))})
	}
	data.Confidences = []option{{Value: "", Label: "any", Selected: form.MinConfidence == ""}}
	for _, l := range graph.Confidences[:len(graph.Confidences)-1] {
		data.Confidences = append(data.Confidences, option{Value: string(l.Level), Label: string(l.Level) + " or firmer",
			Selected: strings.EqualFold(form.MinConfidence, string(l.Level))})
	}
	for _, st := range graph.Statuses {
		data.Statuses = append(data.Statuses, option{Value: string(st.Status), Label: string(st.Status), Selected: has(form.Statuses, string(st.Status))})
	}
	data.Ranks = []option{
		{Value: string(graph.RankLength), Label: "length", Selected: !strings.EqualFold(form.Rank, string(graph.RankEvidence))},
		{Value: string(graph.RankEvidence), Label: "evidence", Selected: strings.EqualFold(form.Rank, string(graph.RankEvidence))},
	}
	if strings.TrimSpace(form.From) == "" && strings.TrimSpace(form.To) == "" {
		return s.renderPage(c, http.StatusOK, "paths", data)
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	status := http.StatusOK
	q, err := s.pathParams(ctx, v)
	var paths []graph.Path
	if err == nil {
		paths, q, err = s.paths(ctx, q, v)
	}
	if err != nil {
		data.Problem, status = s.pageProblem(c, err)
		return s.renderPage(c, status, "paths", data)
	}
	from, to := paths[0].Nodes[0], paths[0].Nodes[len(paths[0].Nodes)-1]
	data.Title = fmt.Sprintf("%s to %s", from.Name, to.Name)
	data.Ran, data.From, data.To, data.Query = true, from, to, q.Describe()
	names := map[string]graph.Entity{}
	var rels []graph.Relationship
	for i, p := range paths {
		pv := pathView{N: i + 1, Strength: p.Strength}
		for j, r := range p.Relationships {
			a, b := p.Nodes[j], p.Nodes[j+1]
			names[a.ID], names[b.ID] = a, b
			spec, _ := r.Type.Spec()
			hv := hopView{N: j + 1, From: a, To: b, Rel: r, Forward: r.From == a.ID, Mention: spec.Family == graph.Mention}
			data.Mentions = data.Mentions || hv.Mention
			pv.Hops = append(pv.Hops, hv)
			rels = append(rels, r)
		}
		data.Paths = append(data.Paths, pv)
	}
	for _, g := range graph.GroupLinks(rels) {
		if len(g.Relationships) < 2 {
			continue
		}
		lv := linkGroupView{A: names[g.A], B: names[g.B], Label: g.Label()}
		for i, r := range g.Relationships {
			lv.Hops = append(lv.Hops, hopView{N: i + 1, From: names[r.From], To: names[r.To], Rel: r, Forward: true})
		}
		data.Links = append(data.Links, lv)
	}
	canon := pathValues(q)
	data.Permalink = "/paths?" + canon.Encode()
	data.CSVURL = withFormat("/api/v1/paths?"+canon.Encode(), FormatCSV)
	data.CiteURL = withFormat("/api/v1/paths?"+canon.Encode(), FormatMarkdown)
	data.CiteHTMLURL = withFormat("/api/v1/paths?"+canon.Encode(), FormatHTML)
	in := DiagramRequest{Title: q.Describe(), Paths: paths, Highlight: []string{from.ID, to.ID}}
	data.Diagram = s.diagram(c, ctx, in, "/api/v1/paths?"+canon.Encode())
	data.Diagram.Subject = from.ID
	if len(paths) > 0 {
		data.Diagram.TextAlt = "evidence-1"
	}
	return s.renderPage(c, status, "paths", data)
}

// pathValues is the canonical query string of a path query: entity ids
// instead of names, defaults left out. It serves as the permalink and as
// the API URL of the diagram downloads.
func pathValues(q graph.PathQuery) url.Values {
	v := url.Values{}
	v.Set("from", q.From)
	v.Set("to", q.To)
	v.Set("mode", string(q.Mode))
	if q.Mode == graph.KShortest || q.Mode == graph.Chronological {
		v.Set("k", strconv.Itoa(q.K))
	}
	v.Set("max_hops", strconv.Itoa(q.MaxHops))
	if q.Rank == graph.RankEvidence {
		v.Set("rank", string(q.Rank))
	}
	setFilterValues(v, q.Filter)
	return v
}

// setFilterValues adds the parameters of f that differ from the defaults
// to v, in the names graph.ParseNeighborQuery and ParsePathQuery read.
func setFilterValues(v url.Values, f graph.Filter) {
	types := func(ts []graph.RelType) string {
		names := make([]string, len(ts))
		for i, t := range ts {
			names[i] = string(t)
		}
		return strings.Join(names, ",")
	}
	if len(f.Types) > 0 {
		v.Set("types", types(f.Types))
	}
	if len(f.Families) > 0 {
		fams := make([]string, len(f.Families))
		for i, fam := range f.Families {
			fams[i] = string(fam)
		}
		v.Set("families", strings.Join(fams, ","))
	}
	if len(f.ExcludeTypes) > 0 {
		v.Set("exclude_types", types(f.ExcludeTypes))
	}
	if !f.Window.Since.IsZero() {
		v.Set("since", f.Window.Since.String())
	}
	if !f.Window.Until.IsZero() {
		v.Set("until", f.Window.Until.String())
	}
	if len(f.Exclude) > 0 {
		v.Set("exclude", strings.Join(f.Exclude, ","))
	}
	if f.DatedOnly {
		v.Set("dated_only", "true")
	}
	if !f.AsOf.IsZero() {
		v.Set("as_of", f.AsOf.String())
	}
	if f.IncludePastEvents {
		v.Set("include_past_events", "true")
	}
	if f.Directed {
		v.Set("directed", "true")
	}
	if f.WithMentions {
		v.Set("with_mentions", "true")
	}
	if f.MinConfidence != "" {
		v.Set("min_confidence", string(f.MinConfidence))
	}
	if len(f.Statuses) > 0 {
		sts := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			sts[i] = string(st)
		}
		v.Set("status", strings.Join(sts, ","))
	}
}

// timelineRow is one relationship of an entity, seen from the entity.
type timelineRow struct {
	Rel   graph.Relationship
	Other graph.Entity
	// Outgoing says the entity is the relationship's source.
	Outgoing bool
	// Mark draws the row's span on the timeline's scale.
	Mark timeMark
	// Held says whether it holds as of the page's as-of date (always true
	// without one).
	Held bool
}

// timeMark places a span on the timeline's scale, in percent of its width:
// a state is a bar (Open when it has no known end: it runs to the edge), an
// event a point (with a thin line when it spans more than its start).
type timeMark struct {
	State, Open, Attested bool
	Left, Width           float64
}

// timeScale is the timeline's range of years and the as-of marker on it.
type timeScale struct {
	From, To int // first and last year shown
	AsOf     float64
	HasAsOf  bool
}

// yearRange is the range of an as-of slider.
type yearRange struct{ Min, Max int }

// sliderMin is where an as-of slider starts when the data gives no year.
const sliderMin = 1945

// slider runs from the first year of the data (or sliderMin) to now.
func (s *Server) slider(sc timeScale) yearRange {
	r := yearRange{Min: sliderMin, Max: s.cfg.Now().Year()}
	if sc.From != 0 {
		r.Min = min(sc.From, r.Max)
		r.Max = max(r.Max, sc.To)
	}
	return r
}

func (sc timeScale) pos(t time.Time) float64 {
	first := time.Date(sc.From, 1, 1, 0, 0, 0, 0, time.UTC)
	last := time.Date(sc.To+1, 1, 1, 0, 0, 0, 0, time.UTC)
	p := float64(t.Sub(first)) / float64(last.Sub(first)) * 100
	return math.Round(min(max(p, 0), 100)*10) / 10
}

// newTimeScale spans the years of the rows' spans and of the as-of date.
func newTimeScale(rows []timelineRow, asOf graph.PartialDate) timeScale {
	sc := timeScale{From: math.MaxInt, To: math.MinInt}
	add := func(t time.Time) {
		if !t.IsZero() {
			sc.From, sc.To = min(sc.From, t.Year()), max(sc.To, t.Year())
		}
	}
	for _, r := range rows {
		sp := r.Rel.Span()
		add(sp.From)
		add(sp.To)
	}
	if !asOf.IsZero() {
		add(asOf.First())
		add(asOf.Last())
	}
	if sc.From > sc.To {
		return timeScale{}
	}
	if sc.To == sc.From {
		sc.To++
	}
	if !asOf.IsZero() {
		sc.HasAsOf, sc.AsOf = true, sc.pos(asOf.First())
	}
	return sc
}

func (sc timeScale) mark(r graph.Relationship) timeMark {
	sp := r.Span()
	spec, _ := r.Type.Spec()
	m := timeMark{State: spec.Time == graph.TimeState || r.Lasting(), Open: sp.Open(), Attested: !r.Attested.IsZero()}
	m.Left = sc.pos(sp.From)
	end := 100.0
	if !sp.Open() {
		end = sc.pos(sp.To.AddDate(0, 0, 1))
	}
	m.Width = math.Round(max(end-m.Left, 0.4)*10) / 10
	return m
}

type entityPage struct {
	layout
	Entity graph.Entity
	Depth  int
	// AsOf and PastEvents are the as-of control, as submitted; AsOfNote
	// says how it was applied.
	AsOf       string
	PastEvents bool
	AsOfNote   string
	// Filters is the filter form; Query states the neighbourhood query the
	// diagram draws (graph.NeighborQuery.Describe), its caption.
	Filters   entityFilters
	Query     string
	Scale     timeScale
	Slider    yearRange
	Neighbors int
	Truncated bool
	Diagram   diagramView
	Timeline  []timelineRow
	Undated   []timelineRow
	// Links are the neighbourhood's relationships that do not touch the
	// entity (two hops), under the same filters, so that the text version
	// of the diagram holds every link it draws.
	Links []linkRow
	// DepthURL is the page at the other depth, with the same filters.
	DepthURL string
}

// linkRow is a relationship between two neighbours of the entity.
type linkRow struct {
	Rel      graph.Relationship
	From, To graph.Entity
	Held     bool
}

// entityFilters is the entity page's filter form, as the parsed query
// reads it back.
type entityFilters struct {
	Families    []option
	Types       []familyTypes
	Since       string
	Until       string
	Confidences []option
	Statuses    []option
	// Active says some filter besides depth is set (the form offers to
	// clear them).
	Active bool
}

// familyTypes is the relationship types of one family, an optgroup.
type familyTypes struct {
	Family graph.Family
	Types  []typeOption
}

// Limits of the entity page: the timeline lists up to pageNeighbors direct
// neighbours; the diagram draws at most pageDiagramNodes of them.
const (
	pageNeighbors    = 500
	pageDiagramNodes = 60
)

func (s *Server) entityPage(c *gin.Context) error {
	ctx, cancel := s.ctx(c)
	defer cancel()
	ref := c.Param("id")
	e, err := s.resolveID(ctx, ref)
	if err != nil {
		return err
	}
	if e.ID != ref {
		// A name or alias: send the investigator to the canonical URL.
		target := EntityURL(e.ID)
		if c.Request.URL.RawQuery != "" {
			target += "?" + c.Request.URL.RawQuery
		}
		c.Redirect(http.StatusFound, target)
		return nil
	}
	v := c.Request.URL.Query()
	depth, err := intParam(v, "depth", 1, 1, 2)
	if err != nil {
		return err
	}
	q, err := s.entityQuery(ctx, e, v)
	if err != nil {
		return err
	}
	// The timeline lists every relationship of the entity that passes the
	// filters, marking those that do not hold as of the date; the
	// neighbourhood and its diagram are the network as it stood then.
	listed := q
	listed.AsOf, listed.IncludePastEvents = graph.PartialDate{}, false
	all, err := s.graph.Neighbors(ctx, listed)
	if err != nil {
		return err
	}
	g := all
	if !q.AsOf.IsZero() {
		if g, err = s.graph.Neighbors(ctx, q); err != nil {
			return err
		}
	}
	// The diagram, its downloads and its caption are the same query capped
	// at what the diagram draws.
	dq := q
	dq.Limit = pageDiagramNodes
	data := entityPage{layout: layout{Title: e.Name}, Entity: e, Depth: depth, Neighbors: len(g.Nodes) - 1, Truncated: g.Truncated,
		AsOf: q.AsOf.String(), PastEvents: q.IncludePastEvents, AsOfNote: q.TimeNote(), Query: dq.Describe(), Filters: entityFilterForm(q, v)}
	byID := make(map[string]graph.Entity, len(all.Nodes))
	for _, n := range all.Nodes {
		byID[n.ID] = n
	}
	for _, r := range all.Relationships {
		if r.From != e.ID && r.To != e.ID {
			data.Links = append(data.Links, linkRow{Rel: r, From: byID[r.From], To: byID[r.To],
				Held: q.AsOf.IsZero() || r.HoldsAsOf(q.AsOf, q.IncludePastEvents)})
			continue
		}
		row := timelineRow{Rel: r, Outgoing: r.From == e.ID, Held: q.AsOf.IsZero() || r.HoldsAsOf(q.AsOf, q.IncludePastEvents)}
		if row.Outgoing {
			row.Other = byID[r.To]
		} else {
			row.Other = byID[r.From]
		}
		if r.Dated() {
			data.Timeline = append(data.Timeline, row)
		} else {
			data.Undated = append(data.Undated, row)
		}
	}
	data.Scale = newTimeScale(data.Timeline, q.AsOf)
	data.Slider = s.slider(data.Scale)
	for i := range data.Timeline {
		data.Timeline[i].Mark = data.Scale.mark(data.Timeline[i].Rel)
	}
	slices.SortStableFunc(data.Timeline, func(a, b timelineRow) int {
		sa, sb := a.Rel.Span(), b.Rel.Span()
		if c := sa.From.Compare(sb.From); c != 0 {
			return c
		}
		if c := sa.To.Compare(sb.To); c != 0 {
			return c
		}
		return strings.Compare(a.Rel.ID, b.Rel.ID)
	})
	slices.SortStableFunc(data.Links, func(a, b linkRow) int {
		sa, sb := a.Rel.Span(), b.Rel.Span()
		if c := sa.From.Compare(sb.From); c != 0 {
			return c
		}
		return strings.Compare(a.Rel.ID, b.Rel.ID)
	})
	other := url.Values{}
	for k, vs := range v {
		other[k] = slices.Clone(vs)
	}
	other.Set("depth", strconv.Itoa(3-depth))
	data.DepthURL = EntityURL(e.ID) + "?" + other.Encode()
	slices.SortStableFunc(data.Undated, func(a, b timelineRow) int {
		if c := strings.Compare(string(a.Rel.Type), string(b.Rel.Type)); c != 0 {
			return c
		}
		return strings.Compare(a.Other.Name, b.Other.Name)
	})
	dg, cut := trimSubgraph(g, pageDiagramNodes)
	api := "/api/v1/entities/" + url.PathEscape(e.ID) + "/neighbors?" + neighborValues(dq).Encode()
	data.Diagram = s.diagram(c, ctx, DiagramRequest{Title: dq.Describe(), Graph: dg, Highlight: []string{e.ID}}, api)
	data.Diagram.PDFURL = withFormat(api, FormatPDF)
	data.Diagram.Subject, data.Diagram.TextAlt = e.ID, "relationships"
	if cut {
		data.Diagram.Note = fmt.Sprintf("The diagram shows %d of %d entities; the timeline lists every relationship that passes the filters.", len(dg.Nodes), len(g.Nodes))
	}
	return s.renderPage(c, http.StatusOK, "entity", data)
}

// entityQuery reads the entity page's neighbourhood query with graph's one
// parser, as the neighbours API reads it. The page differs in its
// defaults only: it shows every family, mentions included, until families
// or types are chosen (all three families are the same as none).
func (s *Server) entityQuery(ctx context.Context, e graph.Entity, v url.Values) (graph.NeighborQuery, error) {
	p := graph.NeighborParams{Entity: e.ID, Depth: v.Get("depth"), Limit: strconv.Itoa(pageNeighbors), FilterParams: filterValues(v)}
	resolve := func(ctx context.Context, param, ref string) (graph.Entity, error) {
		if param == "entity" {
			return e, nil
		}
		return s.graph.Resolve(ctx, ref)
	}
	q, err := graph.ParseNeighborQuery(ctx, p, resolve)
	if err != nil {
		return q, err
	}
	if len(q.Families) == len(graph.Families) {
		q.Families = nil
	}
	if len(q.Families) == 0 && len(q.Types) == 0 {
		q.WithMentions = true
	}
	return q, nil
}

// entityFilterForm fills the filter form from the parsed query; the
// window keeps the text as submitted (a decade stays "199X").
func entityFilterForm(q graph.NeighborQuery, v url.Values) entityFilters {
	f := entityFilters{Since: strings.TrimSpace(v.Get("since")), Until: strings.TrimSpace(v.Get("until"))}
	for _, fam := range graph.Families {
		f.Families = append(f.Families, option{Value: string(fam.Family), Label: string(fam.Family),
			Selected: len(q.Families) == 0 || slices.Contains(q.Families, fam.Family)})
		ft := familyTypes{Family: fam.Family}
		for _, spec := range graph.Vocabulary {
			if spec.Family == fam.Family {
				ft.Types = append(ft.Types, typeOption{Type: spec.Type, Meaning: spec.Meaning, Family: spec.Family, Selected: slices.Contains(q.Types, spec.Type)})
			}
		}
		f.Types = append(f.Types, ft)
	}
	f.Confidences = []option{{Value: "", Label: "any", Selected: q.MinConfidence == ""}}
	for _, l := range graph.Confidences[:len(graph.Confidences)-1] {
		f.Confidences = append(f.Confidences, option{Value: string(l.Level), Label: string(l.Level) + " or firmer", Selected: q.MinConfidence == l.Level})
	}
	for _, st := range graph.Statuses {
		f.Statuses = append(f.Statuses, option{Value: string(st.Status), Label: string(st.Status), Selected: slices.Contains(q.Statuses, st.Status)})
	}
	vals := neighborValues(q)
	for _, k := range []string{"depth", "limit", "with_mentions"} {
		vals.Del(k)
	}
	f.Active = len(vals) > 0
	return f
}

// neighborValues is the canonical query string of a neighbourhood query
// for the neighbours API: defaults left out, entities as ids.
func neighborValues(q graph.NeighborQuery) url.Values {
	v := url.Values{}
	depth := q.Depth
	if depth == 0 {
		depth = 1
	}
	v.Set("depth", strconv.Itoa(depth))
	if q.Limit != 0 {
		v.Set("limit", strconv.Itoa(q.Limit))
	}
	setFilterValues(v, q.Filter)
	return v
}

// trimSubgraph keeps the first n nodes (breadth-first order puts the centre
// and the nearest first) and the relationships among them.
func trimSubgraph(g graph.Subgraph, n int) (graph.Subgraph, bool) {
	if len(g.Nodes) <= n {
		return g, false
	}
	out := graph.Subgraph{Nodes: g.Nodes[:n], Truncated: true}
	keep := make(map[string]bool, n)
	for _, e := range out.Nodes {
		keep[e.ID] = true
	}
	for _, r := range g.Relationships {
		if keep[r.From] && keep[r.To] {
			out.Relationships = append(out.Relationships, r)
		}
	}
	return out, true
}

// cellView is one cell of the console's result table.
type cellView struct {
	Text string
	Href string
}

type cypherPage struct {
	layout
	Query     string
	Params    string
	Problem   *notice
	Ran       bool
	Columns   []string
	Rows      [][]cellView
	Truncated bool
	Diagram   *diagramView
	Examples  []string
}

// cypherExamples are starting points for the console.
var cypherExamples = []string{
	"MATCH (e:Entity) RETURN e.name AS name, labels(e) AS labels ORDER BY name LIMIT 25",
	"MATCH p = (a:Entity)-[r:SUPPLIED]->(b:Entity) RETURN p LIMIT 25",
	"MATCH (a:Entity)-[r]->(b:Entity) WHERE r.confidence = $c RETURN a, r, b LIMIT 50",
}

// cypherPage shows the console. A GET only fills the form (the examples and
// permalinks use it) and never runs anything: a link on another site must
// not make a visitor's browser run queries. Running is runCypherPage's.
func (s *Server) cypherPage(c *gin.Context) error {
	data := cypherPage{layout: layout{Title: "Cypher console", Nav: "cypher"}, Examples: cypherExamples}
	data.Query = c.Query("query")
	data.Params = c.Query("params")
	return s.renderPage(c, http.StatusOK, "cypher", data)
}

// runCypherPage runs the console's form, posted from the page itself
// (cross-origin posts are refused by the server's CSRF protection), and
// answers with the page, or with the result as a CSV download when the
// form says format=csv.
func (s *Server) runCypherPage(c *gin.Context) error {
	data := cypherPage{layout: layout{Title: "Cypher console", Nav: "cypher"}, Examples: cypherExamples}
	data.Query = c.PostForm("query")
	data.Params = c.PostForm("params")
	status := http.StatusOK
	// The Download CSV button posts the same form with format=csv.
	format := c.PostForm("format")
	if format != "" && format != FormatCSV {
		data.Problem, status = s.pageProblem(c, paramError("format", "want csv or nothing, got %q", format))
		return s.renderPage(c, status, "cypher", data)
	}
	if strings.TrimSpace(data.Query) == "" {
		data.Problem, status = s.pageProblem(c, paramError("query", "is required"))
		return s.renderPage(c, status, "cypher", data)
	}
	params := map[string]any{}
	if strings.TrimSpace(data.Params) != "" {
		req, err := decodeCypher(strings.NewReader(`{"query":"-","params":` + data.Params + `}`))
		if err != nil {
			data.Problem, status = s.pageProblem(c, paramError("params", "want a JSON object such as {\"c\": \"alleged\"}"))
			return s.renderPage(c, status, "cypher", data)
		}
		params = req.Params
	}
	if len(data.Query) > 64<<10 {
		data.Problem, status = s.pageProblem(c, paramError("query", "too long (at most 64 KiB)"))
		return s.renderPage(c, status, "cypher", data)
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	res, err := s.graph.Query(ctx, data.Query, params, s.cfg.QueryLimits)
	if err != nil {
		data.Problem, status = s.pageProblem(c, err)
		return s.renderPage(c, status, "cypher", data)
	}
	if format == FormatCSV {
		return writeQueryCSV(c, res)
	}
	data.Ran, data.Columns, data.Truncated = true, res.Columns, res.Truncated
	for _, row := range res.Rows {
		cells := make([]cellView, len(res.Columns))
		for i, col := range res.Columns {
			cells[i] = cell(row[col])
		}
		data.Rows = append(data.Rows, cells)
	}
	if len(res.Graph.Nodes) > 0 {
		d := s.diagram(c, ctx, DiagramRequest{Title: "Cypher query", Graph: res.Graph}, "")
		d.Cypher = true
		data.Diagram = &d
	}
	return s.renderPage(c, status, "cypher", data)
}

// cell formats a query value for the table: nodes link to their entity
// page, the rest is shown as text (JSON for structures).
func cell(v any) cellView {
	switch x := v.(type) {
	case nil:
		return cellView{Text: "null"}
	case string:
		return cellView{Text: x}
	case map[string]any:
		switch x["_kind"] {
		case "node":
			id, _ := x["id"].(string)
			props, _ := x["properties"].(map[string]any)
			name, _ := props["name"].(string)
			if name == "" {
				name = id
			}
			if graph.ValidID(id) {
				return cellView{Text: name, Href: EntityURL(id)}
			}
			return cellView{Text: name}
		case "relationship":
			t, _ := x["type"].(string)
			props, _ := x["properties"].(map[string]any)
			text := "[:" + t + "]"
			if start, ok := props["start"].(string); ok {
				text += " " + start
			}
			return cellView{Text: text}
		case "path":
			rels, _ := x["relationships"].([]any)
			return cellView{Text: fmt.Sprintf("path of %d hops", len(rels))}
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return cellView{Text: fmt.Sprint(v)}
	}
	return cellView{Text: string(b)}
}
