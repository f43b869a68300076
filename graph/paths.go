package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// PathMode selects how paths between two entities are searched.
type PathMode string

// The path modes.
const (
	// Shortest returns one shortest path; among several of the same length
	// Neo4j's breadth-first search picks one (use AllShortest to see all).
	Shortest PathMode = "shortest"
	// AllShortest returns every path of the shortest length.
	AllShortest PathMode = "all-shortest"
	// KShortest returns the first k simple paths in SortPaths order:
	// shortest first, equally long ones (at the cut too) by the ids along
	// the path. See Store.kShortest for the search.
	KShortest PathMode = "k-shortest"
	// Chronological returns the first k simple paths, in SortPaths order,
	// whose hops can have held one after another in time (see Chain);
	// undated hops are not walked. See Store.chronological for the search.
	Chronological PathMode = "chronological"
)

// ParsePathMode returns the mode named s; "" is Shortest.
func ParsePathMode(s string) (PathMode, error) {
	switch m := PathMode(strings.ToLower(s)); m {
	case "":
		return Shortest, nil
	case Shortest, AllShortest, KShortest, Chronological:
		return m, nil
	}
	return "", Errorf(ErrInvalid, "unknown path mode %q (want shortest, all-shortest, k-shortest or chronological)", s)
}

// Limits of path and neighbourhood queries.
const (
	DefaultMaxHops  = 4
	MaxHopsCap      = 8
	DefaultK        = 3
	MaxK            = 50
	MaxDepth        = 4
	DefaultNodeCap  = 100
	MaxNodeCap      = 2000
	maxPathsFetched = 500
	// PathsCap is the most paths an all-shortest answer holds.
	PathsCap = maxPathsFetched
)

// Filter restricts the relationships and entities a query may walk. It is
// applied inside the search, so a filtered query finds the shortest path
// among the allowed ones, not the allowed subset of the shortest paths.
//
// Searches walk operational and political links; mention links (a report
// saying something about an entity: evidence of a link, not a link) only
// when WithMentions is set or Types names them. Describe states every
// filter, defaults included.
type Filter struct {
	// Types limits relationship types; empty allows the operational and
	// political families (and mentions with WithMentions).
	Types []RelType
	// Families limits the link families walked (see Families); with Types
	// both must allow a type. Empty leaves the choice to Types, or to the
	// default of operational and political links.
	Families []Family
	// Window keeps relationships whose span overlaps it. Undated
	// relationships (structural facts with no date) pass any window
	// unless DatedOnly is set.
	Window Window
	// Exclude lists entity ids that may not be walked through.
	Exclude []string
	// Directed follows relationships only from source to target.
	Directed bool
	// DatedOnly walks only dated relationships, leaving out the undated
	// structural facts that otherwise pass every window ("--undated
	// exclude" is the same filter).
	DatedOnly bool

	// AsOf shows the network as it stood on a date: a relationship passes
	// when it holds on some day of AsOf (Relationship.HoldsAsOf). Undated
	// relationships pass, as in windows, unless DatedOnly.
	AsOf PartialDate
	// IncludePastEvents, with AsOf, also keeps the events that had
	// happened by then.
	IncludePastEvents bool
	// WithMentions also walks the mention family (REPORTED_ON, PUBLISHED,
	// EXPOSED, AMPLIFIED, ACCUSED, RESEMBLES).
	WithMentions bool
	// ExcludeTypes lists relationship types not to walk, whatever else
	// allows them.
	ExcludeTypes []RelType
	// MinConfidence keeps relationships at least this firm (see
	// Confidences); "" keeps all.
	MinConfidence Confidence
	// Statuses keeps relationships with one of these statuses (a stored
	// relationship without one is Completed); empty keeps all.
	Statuses []Status
}

// TimeNote says in one line how f treats time, for answers to state it:
// the as-of date and what holds then, and what happens to undated claims
// when a date filter is set. It is "" when f has no date filter.
func (f Filter) TimeNote() string {
	if f.AsOf.IsZero() && f.Window.IsZero() {
		return ""
	}
	var parts []string
	if !f.AsOf.IsZero() {
		what := "states holding then and events of that date"
		if f.IncludePastEvents {
			what = "states holding then and events up to then"
		}
		parts = append(parts, "as of "+f.AsOf.String()+": "+what)
	}
	if f.DatedOnly {
		parts = append(parts, "undated claims left out")
	} else {
		parts = append(parts, "undated claims included (their time is unknown)")
	}
	return strings.Join(parts, "; ")
}

// AsOfNote is TimeNote for a query with an as-of date, which every answer
// to one states; "" without one.
func (f Filter) AsOfNote() string {
	if f.AsOf.IsZero() {
		return ""
	}
	return f.TimeNote()
}

// WalkTypes returns the relationship types the filter lets a search walk,
// in vocabulary order: Types of Families (either alone, or the operational
// and political families when neither is set), plus the mention family
// with WithMentions, minus ExcludeTypes.
func (f Filter) WalkTypes() []RelType {
	var out []RelType
	for _, s := range Vocabulary {
		allowed := s.Family != Mention
		if len(f.Families) > 0 {
			allowed = slices.Contains(f.Families, s.Family)
		}
		if len(f.Types) > 0 {
			allowed = slices.Contains(f.Types, s.Type) && (len(f.Families) == 0 || slices.Contains(f.Families, s.Family))
		}
		if f.WithMentions && s.Family == Mention {
			allowed = true
		}
		if allowed && !slices.Contains(f.ExcludeTypes, s.Type) {
			out = append(out, s.Type)
		}
	}
	return out
}

// PathQuery asks how two entities are linked.
type PathQuery struct {
	From, To string
	Mode     PathMode
	K        int
	MaxHops  int
	// Rank orders the answer: by length (the default) or by the strength
	// of the evidence (see Strength).
	Rank Rank
	Filter
	// Names maps entity ids (endpoints, exclusions) to the names Describe
	// shows; an id without a name is shown as the id.
	Names map[string]string `json:"-"`
}

// Normalize fills defaults and checks bounds. A problem is an *Error
// that names the parameter.
func (q *PathQuery) Normalize() error {
	if q.Mode == "" {
		q.Mode = Shortest
	}
	if _, err := ParsePathMode(string(q.Mode)); err != nil {
		return ParamErrorf("mode", "want shortest, all-shortest, k-shortest or chronological, got %q", q.Mode)
	}
	if q.Rank == "" {
		q.Rank = RankLength
	}
	if _, err := ParseRank(string(q.Rank)); err != nil {
		return ParamErrorf("rank", "want length or evidence, got %q", q.Rank)
	}
	if q.MaxHops == 0 {
		q.MaxHops = DefaultMaxHops
	}
	if q.MaxHops < 1 || q.MaxHops > MaxHopsCap {
		return ParamErrorf("max_hops", "want an integer from 1 to %d, got %d", MaxHopsCap, q.MaxHops)
	}
	if q.K == 0 {
		q.K = DefaultK
	}
	if q.K < 1 || q.K > MaxK {
		return ParamErrorf("k", "want an integer from 1 to %d, got %d", MaxK, q.K)
	}
	if q.From == q.To {
		return ParamErrorf("to", "is the same entity as from (%s)", q.name(q.From))
	}
	if slices.Contains(q.Exclude, q.From) || slices.Contains(q.Exclude, q.To) {
		return ParamErrorf("exclude", "cannot exclude a path endpoint")
	}
	return q.Filter.validate()
}

func (f Filter) validate() error {
	for _, t := range append(slices.Clone(f.Types), f.ExcludeTypes...) {
		if _, ok := t.Spec(); !ok {
			return Errorf(ErrInvalid, "unknown relationship type %q", t)
		}
	}
	for _, fam := range f.Families {
		if _, err := ParseFamily(string(fam)); err != nil || fam == "" {
			return Errorf(ErrInvalid, "unknown link family %q", fam)
		}
	}
	if f.IncludePastEvents && f.AsOf.IsZero() {
		return Errorf(ErrInvalid, "include past events needs an as-of date")
	}
	if f.MinConfidence != "" && f.MinConfidence.Rank() < 0 {
		return Errorf(ErrInvalid, "unknown confidence %q", f.MinConfidence)
	}
	for _, st := range f.Statuses {
		if _, err := ParseStatus(string(st)); err != nil || st == "" {
			return Errorf(ErrInvalid, "unknown status %q", st)
		}
	}
	if len(f.WalkTypes()) == 0 {
		if len(f.ExcludeTypes) == 0 {
			return ParamErrorf("types", "none of the types %s is of the families %s", joinTypes(f.Types), joinFamilies(f.Families, ", "))
		}
		return ParamErrorf("exclude_types", "no relationship type is left to walk")
	}
	return f.Window.Validate()
}

// relTypes returns the label expression of the types the filter walks
// (":A|B"), or "" when it walks every type. Types come from the closed
// vocabulary (checked by validate), so they may be written into the query
// text; everything else is a parameter.
func (f Filter) relTypes() string {
	types := f.WalkTypes()
	if len(types) == len(Vocabulary) {
		return ""
	}
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	return ":" + strings.Join(names, "|")
}

// relConds returns the conditions a relationship v must meet, adding their
// parameters to params. Windows test the span that Relationship.Span
// derives (stored as spanFrom/spanTo when written): a relationship passes
// when its span overlaps the window; one of unknown time passes unless
// dated relationships are asked for; an open span ("since") reaches every
// later date.
func (f Filter) relConds(v string, params map[string]any, chronological bool) []string {
	var conds []string
	if !f.Window.Since.IsZero() {
		params["since"] = Day(f.Window.Since.First())
		conds = append(conds, fmt.Sprintf("(%[1]s.spanFrom IS NULL OR %[1]s.spanTo IS NULL OR %[1]s.spanTo >= $since)", v))
	}
	if !f.Window.Until.IsZero() {
		params["until"] = Day(f.Window.Until.Last())
		conds = append(conds, fmt.Sprintf("(%[1]s.spanFrom IS NULL OR %[1]s.spanFrom <= $until)", v))
	}
	if !f.AsOf.IsZero() {
		params["asOfFirst"], params["asOfLast"] = Day(f.AsOf.First()), Day(f.AsOf.Last())
		past := ""
		if f.IncludePastEvents {
			params["eventTypes"] = eventTypes()
			past = fmt.Sprintf(" OR type(%s) IN $eventTypes", v)
		}
		conds = append(conds, fmt.Sprintf("(%[1]s.spanFrom IS NULL OR (%[1]s.spanFrom <= $asOfLast AND (%[1]s.spanTo IS NULL OR %[1]s.spanTo >= $asOfFirst%[2]s)))", v, past))
	}
	if chronological || f.DatedOnly {
		conds = append(conds, v+".spanFrom IS NOT NULL")
	}
	if f.MinConfidence != "" {
		levels := make([]string, 0, len(Confidences))
		for _, c := range f.MinConfidence.AtLeast() {
			levels = append(levels, string(c))
		}
		params["confidences"] = levels
		conds = append(conds, v+".confidence IN $confidences")
	}
	if len(f.Statuses) > 0 {
		sts := make([]string, len(f.Statuses))
		for i, st := range f.Statuses {
			sts[i] = string(st)
		}
		params["statuses"] = sts
		conds = append(conds, fmt.Sprintf("coalesce(%s.status, '%s') IN $statuses", v, Completed))
	}
	return conds
}

// eventTypes lists the relationship types whose time kind is an event.
func eventTypes() []string {
	var out []string
	for _, s := range Vocabulary {
		if s.Time == TimeEvent {
			out = append(out, string(s.Type))
		}
	}
	return out
}

// relPattern returns the relationship pattern for f with its conditions
// inline, e.g. "-[r:SUPPLIED|ASSISTED WHERE ...]-".
func (f Filter) relPattern(v string, params map[string]any, chronological bool) string {
	s := "-[" + v + f.relTypes()
	if conds := f.relConds(v, params, chronological); len(conds) > 0 {
		s += " WHERE " + strings.Join(conds, " AND ")
	}
	s += "]-"
	if f.Directed {
		s += ">"
	}
	return s
}

// Paths answers a path query. It returns ErrNoPath (a *NoPathError that
// states the query) when the entities are not linked within the filter and
// hop limit. Every path carries its Strength; with RankEvidence the answer
// is ordered by it (see rankByEvidence for the candidates it ranks).
func (s *Store) Paths(ctx context.Context, q PathQuery) ([]Path, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	var paths []Path
	var err error
	switch {
	case q.Mode == Chronological && q.Rank == RankEvidence:
		// Evidence ranks every chronological path (at most
		// maxPathsFetched, shortest first), as in evidenceCandidates.
		paths, err = s.chronological(ctx, q, maxPathsFetched)
	case q.Mode == Chronological:
		paths, err = s.chronological(ctx, q, q.K)
	case q.Rank == RankEvidence:
		paths, err = s.evidenceCandidates(ctx, q)
	case q.Mode == KShortest:
		paths, err = s.kShortest(ctx, q)
	case q.Mode == AllShortest:
		paths, err = s.allShortest(ctx, q)
	default:
		paths, err = s.findPaths(ctx, q, q.K)
	}
	if err != nil {
		return nil, err
	}
	if q.Rank == RankEvidence {
		SortByStrength(paths)
	}
	limit := len(paths)
	switch q.Mode {
	case Shortest:
		limit = 1
	case KShortest, Chronological:
		limit = q.K
	}
	return paths[:min(limit, len(paths))], nil
}

// allShortest answers an all-shortest query: from a current path index,
// the first maxPathsFetched shortest paths in canonical order (see
// topology.allShortest), read from Neo4j with their strength; without
// one, Neo4j's allShortestPaths (see findPaths), which lists every
// shortest path through a hub before its cap applies and keeps whichever
// maxPathsFetched it met first.
func (s *Store) allShortest(ctx context.Context, q PathQuery) ([]Path, error) {
	topo, err := s.currentTopology(ctx)
	if err != nil {
		return nil, err
	}
	if topo == nil {
		return s.findPaths(ctx, q, q.K)
	}
	if len(topo.degrees([]string{q.From, q.To})) < 2 {
		return nil, s.noPath(ctx, q)
	}
	rf := compileFilter(q.Filter, false)
	found, err := topo.allShortest(q, &rf, maxPathsFetched, ctx.Err)
	if err != nil {
		return nil, err
	}
	return s.readPaths(ctx, q, found)
}

// findPaths runs the shortest, all-shortest or ranked (k-shortest by
// evidence) search; groups is the number of path lengths the ranked search
// keeps. The answer is in canonical order and not cut to k. Chronological
// queries go to Store.chronological.
func (s *Store) findPaths(ctx context.Context, q PathQuery, groups int) ([]Path, error) {
	params := map[string]any{"from": q.From, "to": q.To, "exclude": nonNil(q.Exclude), "cap": maxPathsFetched, "symmetric": symmetricTypes()}
	var cypher string
	if q.Mode == Shortest || q.Mode == AllShortest {
		cypher = shortestCypher(q, params) + returnWithFacts
	} else {
		// The ranked search is exhaustive; when not even a plain shortest
		// path passes the filter, there is nothing to rank.
		pre := q
		pre.Mode = Shortest
		res, err := s.read(ctx, shortestCypher(pre, params)+"\nRETURN p", params)
		if err != nil {
			return nil, err
		}
		if len(res.Records) == 0 {
			return nil, s.noPath(ctx, q)
		}
		cypher = rankedCypher(q, groups, params) + returnWithFacts
		params["symmetric"] = symmetricTypes()
	}
	res, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	paths := make([]Path, 0, len(res.Records))
	for _, rec := range res.Records {
		p, _, err := neo4j.GetRecordValue[neo4j.Path](rec, "p")
		if err != nil {
			return nil, fmt.Errorf("decode path: %w", err)
		}
		path := pathFromNeo4j(p)
		facts, err := recordFacts(rec, path)
		if err != nil {
			return nil, err
		}
		st := Assess(path, facts)
		path.Strength = &st
		paths = append(paths, path)
	}
	if len(paths) == 0 {
		return nil, s.noPath(ctx, q)
	}
	SortPaths(paths)
	return paths, nil
}

// shortestCypher finds one or all shortest paths with Neo4j's bidirectional
// breadth-first search (shortestPath, allShortestPaths). Its predicates test
// one node or one relationship at a time, so Neo4j checks them during the
// search. A shortest walk under such predicates never repeats a node
// (cutting the loop would give a shorter one), so every result is simple.
// On a graph of a million entities this is two to three orders of magnitude
// faster than the GQL SHORTEST selector, which searches forward only.
func shortestCypher(q PathQuery, params map[string]any, extraRelConds ...string) string {
	fn := "shortestPath"
	if q.Mode == AllShortest {
		fn = "allShortestPaths"
	}
	arrow := ""
	if q.Directed {
		arrow = ">"
	}
	conds := []string{"all(n IN nodes(p) WHERE NOT n.id IN $exclude)"}
	if rc := append(q.Filter.relConds("r", params, false), extraRelConds...); len(rc) > 0 {
		conds = append(conds, "all(r IN relationships(p) WHERE "+strings.Join(rc, " AND ")+")")
	}
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = %s((a)-[%s*1..%d]-%s(b))
WHERE %s
WITH p LIMIT $cap`, fn, q.Filter.relTypes(), q.MaxHops, arrow, strings.Join(conds, " AND "))
}

// rankedCypher finds the paths of the k shortest lengths among the simple
// paths with the GQL SHORTEST k GROUPS selector, so that ties are broken by
// SortPaths and the answer does not depend on the order Neo4j finds them
// in. The predicate that relates one hop to the next (no node twice) is
// part of the pattern, so the selector ranks only the paths that satisfy
// it. The search is exhaustive: only evidence ranking, which weighs every
// candidate, uses it.
func rankedCypher(q PathQuery, groups int, params map[string]any) string {
	rel := q.Filter.relPattern("r", params, false)
	node := "(n:Entity WHERE NOT n.id IN $exclude)"
	// The group variable n lists the nodes after a; b is its last element.
	// Simple paths: no node twice, and a never again.
	where := "a <> b AND NOT a IN n AND all(i IN range(0, size(n) - 2) WHERE NOT n[i] IN n[i + 1..])"
	// {1,1} trips a planner limitation in Neo4j 5.26 ("Parenthesised path
	// patterns are only supported at the top level..."); {0,1} plus a <> b
	// means the same.
	lower := 1
	if q.MaxHops == 1 {
		lower = 0
	}
	// groups is a checked int: GQL selectors take no parameters. Shorter
	// paths are kept first when more than $cap match.
	return fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST %d GROUPS ((a)(()%s%s){%d,%d}(b) WHERE %s)
WITH p ORDER BY length(p) LIMIT $cap`, groups, rel, node, lower, q.MaxHops, where)
}

// SortPaths puts paths in canonical order: shorter first, then by the
// sequence of node ids, then by relationship ids.
func SortPaths(ps []Path) {
	slices.SortStableFunc(ps, func(a, b Path) int {
		if c := cmp.Compare(a.Len(), b.Len()); c != 0 {
			return c
		}
		for i := range a.Nodes {
			if c := cmp.Compare(a.Nodes[i].ID, b.Nodes[i].ID); c != 0 {
				return c
			}
		}
		for i := range a.Relationships {
			if c := cmp.Compare(a.Relationships[i].ID, b.Relationships[i].ID); c != 0 {
				return c
			}
		}
		return 0
	})
}

// NoPathError says two existing entities are not linked within a query's
// limits; it is an ErrNoPath that carries the endpoints and the query, so
// that its message states what was asked.
type NoPathError struct {
	From, To Entity
	Query    PathQuery
}

func (e *NoPathError) Error() string {
	return fmt.Sprintf("no path found between %s and %s (%s)", e.From.Name, e.To.Name, e.Query.describeSearch())
}

// Unwrap gives the *Error that states it: an ErrNoPath.
func (e *NoPathError) Unwrap() error { return &Error{Kind: ErrNoPath, Message: e.Error()} }

// noPath explains an empty result: ErrNotFound for an endpoint that does not
// exist, otherwise a NoPathError with both endpoints.
func (s *Store) noPath(ctx context.Context, q PathQuery) error {
	from, to := q.From, q.To
	res, err := s.read(ctx, `UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) RETURN id, e`, map[string]any{"ids": []string{from, to}})
	if err != nil {
		return err
	}
	var ends []Entity
	for _, rec := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		e, err := recordNode(rec, "e")
		if err != nil {
			return Errorf(ErrNotFound, "entity %q", id)
		}
		ends = append(ends, e)
	}
	if len(ends) != 2 {
		return Errorf(ErrNotFound, "path endpoints %q and %q", from, to)
	}
	return &NoPathError{From: ends[0], To: ends[1], Query: q}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// NeighborQuery asks for the neighbourhood of an entity.
type NeighborQuery struct {
	ID    string
	Depth int
	// Limit caps the number of entities returned, the centre included;
	// Subgraph.Truncated says when it cut.
	Limit int
	Filter
	// Names maps entity ids to the names Describe shows.
	Names map[string]string `json:"-"`
}

// Neighbors returns the entities within Depth hops of the centre through
// relationships that pass the filter, breadth first, and every allowed
// relationship among them.
func (s *Store) Neighbors(ctx context.Context, q NeighborQuery) (Subgraph, error) {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Depth < 1 || q.Depth > MaxDepth {
		return Subgraph{}, ParamErrorf("depth", "want an integer from 1 to %d, got %d", MaxDepth, q.Depth)
	}
	if q.Limit == 0 {
		q.Limit = DefaultNodeCap
	}
	if q.Limit < 1 || q.Limit > MaxNodeCap {
		return Subgraph{}, ParamErrorf("limit", "want an integer from 1 to %d, got %d", MaxNodeCap, q.Limit)
	}
	if err := q.Filter.validate(); err != nil {
		return Subgraph{}, err
	}
	centre, err := s.GetEntity(ctx, q.ID)
	if err != nil {
		return Subgraph{}, err
	}
	g := Subgraph{Nodes: []Entity{centre}, Relationships: []Relationship{}}
	seen := map[string]bool{centre.ID: true}
	frontier := []string{centre.ID}
	for d := 0; d < q.Depth && len(frontier) > 0 && !g.Truncated; d++ {
		params := map[string]any{"ids": frontier, "exclude": nonNil(q.Exclude), "seen": keys(seen), "room": q.Limit - len(g.Nodes) + 1}
		rel := q.Filter.relPattern("r", params, false)
		cypher := `MATCH (a:Entity WHERE a.id IN $ids)` + rel + `(m:Entity)
WHERE NOT m.id IN $exclude AND NOT m.id IN $seen
WITH DISTINCT m ORDER BY m.id LIMIT $room
RETURN m`
		res, err := s.read(ctx, cypher, params)
		if err != nil {
			return Subgraph{}, err
		}
		frontier = frontier[:0]
		for _, rec := range res.Records {
			e, err := recordNode(rec, "m")
			if err != nil {
				return Subgraph{}, err
			}
			if len(g.Nodes) >= q.Limit {
				g.Truncated = true
				break
			}
			seen[e.ID] = true
			g.Nodes = append(g.Nodes, e)
			frontier = append(frontier, e.ID)
		}
	}
	if g.Relationships, err = s.linksAmong(ctx, keys(seen), q.Filter); err != nil {
		return Subgraph{}, err
	}
	return g, nil
}

// linksAmong returns the relationships that pass f between entities of ids
// (each once, in its stored direction), by date then id, at most 10,000.
func (s *Store) linksAmong(ctx context.Context, ids []string, f Filter) ([]Relationship, error) {
	params := map[string]any{"ids": ids}
	rel := strings.TrimSuffix(f.relPattern("r", params, false), ">")
	res, err := s.read(ctx, `MATCH (a:Entity WHERE a.id IN $ids)`+rel+`>(b:Entity WHERE b.id IN $ids)
RETURN a.id AS from, b.id AS to, r ORDER BY r.start, r.id LIMIT 10000`, params)
	if err != nil {
		return nil, err
	}
	out := []Relationship{}
	for _, rec := range res.Records {
		r, _, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
		if err != nil {
			return nil, err
		}
		from, _, _ := neo4j.GetRecordValue[string](rec, "from")
		to, _, _ := neo4j.GetRecordValue[string](rec, "to")
		out = append(out, relFromRel(r, map[string]string{r.StartElementId: from, r.EndElementId: to}))
	}
	return out, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
