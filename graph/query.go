package graph

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// This file is the one home of query parameters: the command line and the
// HTTP API hand the raw text of their flags or query parameters to
// ParsePathQuery and ParseNeighborQuery, so both accept the same values,
// apply the same caps and word problems the same way; Describe states a
// parsed query back in one line for answers, captions and "no path"
// messages.

// Rank says how the paths of an answer are ordered.
type Rank string

// The rankings.
const (
	// RankLength orders paths by length, then by the ids along them.
	RankLength Rank = "length"
	// RankEvidence orders paths by the strength of their evidence (see
	// Strength), strongest first, then as RankLength does.
	RankEvidence Rank = "evidence"
)

// ParseRank returns the ranking named s; "" is RankLength.
func ParseRank(s string) (Rank, error) {
	switch r := Rank(strings.ToLower(strings.TrimSpace(s))); r {
	case "":
		return RankLength, nil
	case RankLength, RankEvidence:
		return r, nil
	}
	return "", Errorf(ErrInvalid, "unknown ranking %q (want length or evidence)", s)
}

// Caps on the text of query parameters.
const (
	// MaxExcluded is the most entities a query may exclude.
	MaxExcluded = 50
	// MaxRefLen is the longest entity reference, in bytes.
	MaxRefLen = 500
)

// FilterParams is the raw text of the filter parameters as the command line
// and the HTTP API take them. Lists are comma-separated; flags are true,
// false, 1, 0, yes, no, on, off or empty (false).
type FilterParams struct {
	Types, Families, ExcludeTypes, Since, Until, Exclude string
	MinConfidence, Status, Undated                       string
	Directed, DatedOnly, WithMentions                    string
	AsOf, IncludePastEvents                              string
}

// PathParams is the raw text of a path query's parameters.
type PathParams struct {
	From, To, Mode, K, MaxHops, Rank string
	FilterParams
}

// NeighborParams is the raw text of a neighbourhood query's parameters.
type NeighborParams struct {
	Entity, Depth, Limit string
	FilterParams
}

// ResolveFunc turns the entity reference (id, name or alias) given as param
// into an entity. Store.Resolve, wrapped, is the usual one.
type ResolveFunc func(ctx context.Context, param, ref string) (Entity, error)

// Resolver adapts a Resolve method (such as Store.Resolve) to a ResolveFunc.
func Resolver(resolve func(ctx context.Context, ref string) (Entity, error)) ResolveFunc {
	return func(ctx context.Context, _, ref string) (Entity, error) { return resolve(ctx, ref) }
}

// ParsePathQuery parses and checks a path query, resolving its entity
// references with resolve. Every problem is a *Error naming the
// parameter; nothing is resolved before the rest has parsed.
func ParsePathQuery(ctx context.Context, p PathParams, resolve ResolveFunc) (PathQuery, error) {
	var q PathQuery
	var err error
	if q.Mode, err = ParsePathMode(strings.TrimSpace(p.Mode)); err != nil {
		return q, ParamErrorf("mode", "want shortest, all-shortest, k-shortest or chronological, got %q", p.Mode)
	}
	if q.K, err = intParam("k", p.K, DefaultK, 1, MaxK); err != nil {
		return q, err
	}
	if q.MaxHops, err = intParam("max_hops", p.MaxHops, DefaultMaxHops, 1, MaxHopsCap); err != nil {
		return q, err
	}
	if q.Rank, err = ParseRank(p.Rank); err != nil {
		return q, ParamErrorf("rank", "want length or evidence, got %q", p.Rank)
	}
	if q.Filter, err = parseFilter(p.FilterParams); err != nil {
		return q, err
	}
	for _, ref := range []struct{ param, text string }{{"from", p.From}, {"to", p.To}} {
		if err := checkRef(ref.param, ref.text); err != nil {
			return q, err
		}
	}
	q.Names = map[string]string{}
	from, err := resolveRef(ctx, resolve, "from", p.From)
	if err != nil {
		return q, err
	}
	to, err := resolveRef(ctx, resolve, "to", p.To)
	if err != nil {
		return q, err
	}
	q.From, q.To = from.ID, to.ID
	q.setName(from)
	q.setName(to)
	if q.Exclude, err = resolveExcluded(ctx, resolve, p.Exclude, q.Names); err != nil {
		return q, err
	}
	return q, q.Normalize()
}

// ParseNeighborQuery parses and checks a neighbourhood query as
// ParsePathQuery does.
func ParseNeighborQuery(ctx context.Context, p NeighborParams, resolve ResolveFunc) (NeighborQuery, error) {
	var q NeighborQuery
	var err error
	if q.Depth, err = intParam("depth", p.Depth, 1, 1, MaxDepth); err != nil {
		return q, err
	}
	if q.Limit, err = intParam("limit", p.Limit, DefaultNodeCap, 1, MaxNodeCap); err != nil {
		return q, err
	}
	if q.Filter, err = parseFilter(p.FilterParams); err != nil {
		return q, err
	}
	if err := checkRef("entity", p.Entity); err != nil {
		return q, err
	}
	q.Names = map[string]string{}
	centre, err := resolveRef(ctx, resolve, "entity", p.Entity)
	if err != nil {
		return q, err
	}
	q.ID = centre.ID
	if centre.Name != "" {
		q.Names[centre.ID] = centre.Name
	}
	if q.Exclude, err = resolveExcluded(ctx, resolve, p.Exclude, q.Names); err != nil {
		return q, err
	}
	if slices.Contains(q.Exclude, q.ID) {
		return q, ParamErrorf("exclude", "cannot exclude the centre of the neighbourhood")
	}
	return q, q.Filter.validate()
}

// setName records e's name for Describe.
func (q *PathQuery) setName(e Entity) {
	if e.Name != "" {
		q.Names[e.ID] = e.Name
	}
}

// name returns the display name of id.
func (q PathQuery) name(id string) string { return nameOf(q.Names, id) }

func nameOf(names map[string]string, id string) string {
	if n := names[id]; n != "" {
		return n
	}
	return id
}

func checkRef(param, ref string) error {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ParamErrorf(param, "required: an entity id, name or alias")
	}
	if len(ref) > MaxRefLen {
		return ParamErrorf(param, "too long (at most %d bytes)", MaxRefLen)
	}
	return nil
}

func resolveRef(ctx context.Context, resolve ResolveFunc, param, ref string) (Entity, error) {
	e, err := resolve(ctx, param, strings.TrimSpace(ref))
	if err != nil {
		return e, WrapParam(param, err)
	}
	return e, nil
}

func resolveExcluded(ctx context.Context, resolve ResolveFunc, list string, names map[string]string) ([]string, error) {
	refs := splitList(list)
	if len(refs) > MaxExcluded {
		return nil, ParamErrorf("exclude", "at most %d entities, got %d", MaxExcluded, len(refs))
	}
	var out []string
	for _, ref := range refs {
		if err := checkRef("exclude", ref); err != nil {
			return nil, err
		}
		e, err := resolveRef(ctx, resolve, "exclude", ref)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, e.ID) {
			out = append(out, e.ID)
		}
		if e.Name != "" {
			names[e.ID] = e.Name
		}
	}
	return out, nil
}

// parseFilter parses the filter parameters; entity exclusions are left to
// the caller, which resolves them.
func parseFilter(p FilterParams) (Filter, error) {
	var f Filter
	var err error
	if f.Types, err = typesParam("types", p.Types); err != nil {
		return f, err
	}
	if f.ExcludeTypes, err = typesParam("exclude_types", p.ExcludeTypes); err != nil {
		return f, err
	}
	if f.Families, err = familiesParam(p.Families); err != nil {
		return f, err
	}
	if f.Window.Since, err = dateParam("since", p.Since); err != nil {
		return f, err
	}
	if f.Window.Until, err = dateParam("until", p.Until); err != nil {
		return f, err
	}
	if f.Window.Validate() != nil {
		return f, ParamErrorf("until", "%s is before since %s", f.Window.Until, f.Window.Since)
	}
	if f.Directed, err = boolParam("directed", p.Directed); err != nil {
		return f, err
	}
	if f.DatedOnly, err = boolParam("dated_only", p.DatedOnly); err != nil {
		return f, err
	}
	switch u := strings.ToLower(strings.TrimSpace(p.Undated)); u {
	case "":
	case "include":
		if f.DatedOnly {
			return f, ParamErrorf("undated", "include contradicts dated_only")
		}
	case "exclude":
		f.DatedOnly = true
	default:
		return f, ParamErrorf("undated", "want include or exclude, got %q", p.Undated)
	}
	if f.WithMentions, err = boolParam("with_mentions", p.WithMentions); err != nil {
		return f, err
	}
	if f.AsOf, err = dateParam("as_of", p.AsOf); err != nil {
		return f, err
	}
	if f.IncludePastEvents, err = boolParam("include_past_events", p.IncludePastEvents); err != nil {
		return f, err
	}
	if f.IncludePastEvents && f.AsOf.IsZero() {
		return f, ParamErrorf("include_past_events", "needs an as-of date")
	}
	if s := strings.TrimSpace(p.MinConfidence); s != "" {
		if f.MinConfidence, err = ParseConfidence(s); err != nil {
			return f, ParamErrorf("min_confidence", "want %s, got %q", confidenceNames(), s)
		}
	}
	for _, s := range splitList(p.Status) {
		if strings.EqualFold(s, "any") || strings.EqualFold(s, "all") {
			f.Statuses = nil
			continue
		}
		st, err := ParseStatus(s)
		if err != nil {
			return f, ParamErrorf("status", "want any or a list of %s, got %q", statusNames(), s)
		}
		if !slices.Contains(f.Statuses, st) {
			f.Statuses = append(f.Statuses, st)
		}
	}
	return f, f.validate()
}

func confidenceNames() string {
	names := make([]string, len(Confidences))
	for i, c := range Confidences {
		names[i] = string(c.Level)
	}
	return strings.Join(names, ", ")
}

func statusNames() string {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s.Status)
	}
	return strings.Join(names, ", ")
}

func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
			out = append(out, part)
		}
	}
	return out
}

func typesParam(param, s string) ([]RelType, error) {
	var out []RelType
	for _, part := range splitList(s) {
		t, err := ParseRelType(part)
		if err != nil {
			return nil, ParamErrorf(param, "unknown relationship type %q (see 'explorer types' or docs/vocabulary.md)", part)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// familiesParam parses a list of link families, in the order of Families
// so that one choice has one canonical spelling.
func familiesParam(s string) ([]Family, error) {
	var out []Family
	for _, part := range splitList(s) {
		f, err := ParseFamily(part)
		if err != nil {
			return nil, ParamErrorf("families", "want a list of operational, political, mention, got %q", part)
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b Family) int { return familyRank(a) - familyRank(b) })
	return out, nil
}

func familyRank(f Family) int {
	for i, x := range Families {
		if x.Family == f {
			return i
		}
	}
	return len(Families)
}

// joinFamilies names families in a list: "operational and political".
func joinFamilies(fs []Family, sep string) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = string(f)
	}
	return strings.Join(names, sep)
}

func intParam(param, s string, def, lo, hi int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, ParamErrorf(param, "want an integer from %d to %d, got %q", lo, hi, s)
	}
	return n, nil
}

func boolParam(param, s string) (bool, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", "0", "false", "off", "no":
		return false, nil
	case "1", "true", "on", "yes":
		return true, nil
	}
	return false, ParamErrorf(param, "want true or false, got %q", s)
}

func dateParam(param, s string) (PartialDate, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return PartialDate{}, nil
	}
	d, err := ParseDate(s)
	if err != nil {
		return d, ParamErrorf(param, "want YYYY, YYYY-MM, YYYY-MM-DD or a decade like 198X, got %q", s)
	}
	return d, nil
}

// Describe states the whole query in one line: endpoints, mode, k, hops,
// direction, the kinds of link walked, type and entity exclusions, the
// window and how it treats undated links, confidence, status and ranking.
// Defaults are stated too, so that an answer, a diagram caption or a "no
// path" message taken out of context still says what it shows.
func (q PathQuery) Describe() string {
	return q.name(q.From) + " to " + q.name(q.To) + "; " + q.describeSearch()
}

// describeSearch is Describe without the endpoints.
func (q PathQuery) describeSearch() string {
	n := q
	if err := n.Normalize(); err != nil {
		// Describe the query as given; defaults only where unset.
		n = q
	}
	var mode string
	switch n.Mode {
	case KShortest, Chronological:
		mode = fmt.Sprintf("%s (k %d)", n.Mode, n.K)
	default:
		mode = string(n.Mode)
	}
	parts := []string{fmt.Sprintf("%s, at most %s", mode, plural(n.MaxHops, "hop", "hops"))}
	parts = append(parts, n.Filter.describe(n.Names, n.Mode == Chronological)...)
	parts = append(parts, "ranked by "+string(n.Rank))
	return strings.Join(parts, "; ")
}

// Describe states the whole neighbourhood query in one line, as
// PathQuery.Describe does.
func (q NeighborQuery) Describe() string {
	depth, limit := q.Depth, q.Limit
	if depth == 0 {
		depth = 1
	}
	if limit == 0 {
		limit = DefaultNodeCap
	}
	parts := []string{fmt.Sprintf("neighbourhood of %s, depth %d, at most %d entities", nameOf(q.Names, q.ID), depth, limit)}
	parts = append(parts, q.Filter.describe(q.Names, false)...)
	return strings.Join(parts, "; ")
}

// describe states every filter, defaults included.
func (f Filter) describe(names map[string]string, chronological bool) []string {
	var parts []string
	if f.Directed {
		parts = append(parts, "stored direction only")
	} else {
		parts = append(parts, "either direction")
	}
	links := ""
	mentions := f.WithMentions && !slices.Contains(f.Families, Mention)
	switch {
	case len(f.Types) > 0:
		links = "types " + joinTypes(f.Types)
		if len(f.Families) > 0 {
			word := " families"
			if len(f.Families) == 1 {
				word = " family"
			}
			links += " in the " + joinFamilies(f.Families, " and ") + word
		}
		if f.WithMentions {
			links += " and mention links"
		}
	case len(f.Families) > 0:
		links = joinFamilies(f.Families, " and ") + " links"
		if mentions {
			links = joinFamilies(f.Families, ", ") + " and mention links"
		}
	case f.WithMentions:
		links = "operational, political and mention links"
	default:
		links = "operational and political links, not mentions"
	}
	parts = append(parts, links)
	if len(f.ExcludeTypes) > 0 {
		parts = append(parts, "not types "+joinTypes(f.ExcludeTypes))
	}
	if len(f.Exclude) > 0 {
		ns := make([]string, len(f.Exclude))
		for i, id := range f.Exclude {
			ns[i] = nameOf(names, id)
		}
		parts = append(parts, "not through "+strings.Join(ns, ", "))
	}
	switch w := f.Window; {
	case !w.Since.IsZero() && !w.Until.IsZero():
		parts = append(parts, fmt.Sprintf("holding between %s and %s", w.Since, w.Until))
	case !w.Since.IsZero():
		parts = append(parts, fmt.Sprintf("holding since %s", w.Since))
	case !w.Until.IsZero():
		parts = append(parts, fmt.Sprintf("holding until %s", w.Until))
	default:
		parts = append(parts, "any date")
	}
	switch {
	case chronological:
		parts = append(parts, "dated links only (chronological)")
	case f.DatedOnly:
		parts = append(parts, "undated links excluded")
	default:
		parts = append(parts, "undated links included")
	}
	switch c := f.MinConfidence; {
	case c == "" || c.Rank() == len(Confidences)-1:
		parts = append(parts, "any confidence")
	case c.Rank() == 0:
		parts = append(parts, "confirmed only")
	default:
		parts = append(parts, fmt.Sprintf("confidence %s or firmer", c))
	}
	if len(f.Statuses) == 0 {
		parts = append(parts, "any status")
	} else {
		sts := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			sts[i] = string(s)
		}
		parts = append(parts, "status "+strings.Join(sts, " or "))
	}
	if !f.AsOf.IsZero() {
		what := "states holding then and events of that date"
		if f.IncludePastEvents {
			what = "states holding then and events up to then"
		}
		parts = append(parts, "as of "+f.AsOf.String()+" ("+what+")")
	}
	return parts
}

func joinTypes(ts []RelType) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// echoRefs stands in for a resolver where no lookup may happen: every
// reference is taken as an id.
func echoRefs(_ context.Context, _, ref string) (Entity, error) { return Entity{ID: ref}, nil }

// CheckPathParams checks every parameter of a path query that needs no
// lookup (a command line checks its flags before it connects). Problems
// are the *Error ParsePathQuery would return.
func CheckPathParams(p PathParams) error {
	_, err := ParsePathQuery(context.Background(), p, echoRefs)
	return err
}

// CheckNeighborParams checks every parameter of a neighbourhood query that
// needs no lookup, as CheckPathParams does.
func CheckNeighborParams(p NeighborParams) error {
	_, err := ParseNeighborQuery(context.Background(), p, echoRefs)
	return err
}
