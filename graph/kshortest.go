package graph

import (
	"context"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// kShortest answers a k-shortest query: the first k simple paths allowed
// by the filter, of at most MaxHops hops, in canonical order (SortPaths:
// shorter first, then by the entity ids along the path, then by the
// relationship ids), so equally long paths at the cut are chosen by their
// ids, not by the order a search meets them in.
//
// It is the breadth-first counterpart of the chronological search (see
// chronoSearch): a bidirectional search driven from Go expands, one hop per
// query, whichever end's frontier has the smaller degree sum, and keeps
// each entity at the first hop count it is reached at. After the side from
// the start has expanded a hops and the side from the end b, the fetched
// relationships hold every hop of every walk of at most a+b hops: a hop at
// position i < a leaves an entity within i < a hops of the start, whose
// relationships the forward side has read, and any later one enters an
// entity within b-1 hops of the end, read by the backward side. Go then
// enumerates simple paths over them in canonical order, exactly for those
// lengths, and stops once k are found. A query costs the endpoints'
// degrees, one round trip per hop expanded (at most MaxHops, usually about
// the length of the k-th path), and the paths' entities and relationships;
// Yen's algorithm, which it replaces, ran one shortestPath search per spur
// one after another (about k times the path length) and its answer at the
// cut depended on which of several shortest spurs Neo4j met first.
//
// With a current path index none of this reads Neo4j: the index is walked
// directly (see topology.kShortest), hubs included.
func (s *Store) kShortest(ctx context.Context, q PathQuery) ([]Path, error) {
	return s.kShortestWithin(ctx, q, hopBudget)
}

// hopBudget is the most relationships one step of the hop search may read
// (the degree sum of the frontier it expands); a step above it means hubs,
// whose relationships would all cross the wire, and the query goes to
// Yen's algorithm instead, where Neo4j searches around them itself.
const hopBudget = 4000

// spurParallelism bounds the spur searches of one Yen iteration in flight.
const spurParallelism = 4

// kShortestWithin is kShortest with the step budget as a parameter, so
// that tests can send every query down either search; a negative budget
// sends it to Yen's algorithm at once.
func (s *Store) kShortestWithin(ctx context.Context, q PathQuery, budget int64) ([]Path, error) {
	topo, degs, err := s.searchStart(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(degs) < 2 {
		return nil, s.noPath(ctx, q)
	}
	if topo != nil && budget >= 0 {
		// The index holds the whole topology: the search walks it
		// directly, hubs included.
		rf := compileFilter(q.Filter, false)
		found, err := topo.kShortest(q, &rf, ctx.Err)
		if err != nil {
			return nil, err
		}
		return s.readPaths(ctx, q, found)
	}
	ks := &hopSearch{
		q:        q,
		arcs:     map[string]arc{},
		out:      map[string][]arc{},
		fwSeen:   map[string]bool{q.From: true},
		bwSeen:   map[string]bool{q.To: true},
		fwFront:  []frontItem{{id: q.From, deg: degs[q.From]}},
		bwFront:  []frontItem{{id: q.To, deg: degs[q.To]}},
		fwCost:   degs[q.From],
		bwCost:   degs[q.To],
		checkCtx: ctx.Err,
	}
	var found [][]arc
	for {
		trusted := ks.fw + ks.bw
		if ks.fwDone || ks.bwDone {
			trusted = q.MaxHops
		}
		trusted = min(trusted, q.MaxHops)
		if trusted > 0 && ks.met() {
			found, err = ks.search(trusted, q.K)
			if err != nil {
				return nil, err
			}
			if len(found) >= q.K {
				break
			}
		}
		if trusted == q.MaxHops {
			break
		}
		if budget < 0 || min(ks.fwCost, ks.bwCost) > budget {
			paths, err := s.yen(ctx, q)
			if err != nil {
				return nil, err
			}
			return paths, s.assess(ctx, paths)
		}
		if err := s.expandHop(ctx, ks, ks.fwCost <= ks.bwCost); err != nil {
			return nil, err
		}
	}
	return s.readPaths(ctx, q, found)
}

// hopSearch is the state of kShortest's bidirectional search: the fetched
// arcs and, for each side, the entities it has reached and its frontier.
type hopSearch struct {
	q              PathQuery
	arcs           map[string]arc
	out            map[string][]arc // walk-direction arcs by their from node
	fwSeen, bwSeen map[string]bool
	fwFront        []frontItem
	bwFront        []frontItem
	fw, bw         int // hops expanded on each side
	fwDone, bwDone bool
	fwCost, bwCost int64 // degree sum of the frontier: what the next step reads
	steps          int   // Go search steps, for cancellation checks
	checkCtx       func() error
}

// met reports whether some fetched arc reaches the end: without one there
// is no path to search for.
func (ks *hopSearch) met() bool {
	for _, x := range ks.arcs {
		if x.to == ks.q.To {
			return true
		}
	}
	return false
}

func (ks *hopSearch) add(x arc) {
	if _, ok := ks.arcs[x.key()]; ok {
		return
	}
	ks.arcs[x.key()] = x
	ks.out[x.from] = append(ks.out[x.from], x)
}

// expandHop walks one more hop on one side: one query for the whole
// frontier, which returns only the relationships the filter allows.
func (s *Store) expandHop(ctx context.Context, ks *hopSearch, forward bool) error {
	q := ks.q
	front, origin, seen, other := ks.fwFront, q.From, ks.fwSeen, ks.bwSeen
	if !forward {
		front, origin, seen, other = ks.bwFront, q.To, ks.bwSeen, ks.fwSeen
	}
	// The step after which the two sides together cover MaxHops only
	// needs hops that reach an entity the other side has reached: a path
	// of at most MaxHops hops goes on from there with the other side's
	// hops (or ends there). Its entities are not expanded, so their
	// degrees are not needed. (Pruning the step before it to hops that
	// reach the other side within two, with an EXISTS subquery, was
	// measured: around hubs it cost Neo4j more than the rows it saved.)
	last := ks.fw+ks.bw+1 == q.MaxHops
	var meet []string
	if last {
		meet = slices.Collect(maps.Keys(other))
	}
	// A search with a current path index walks it instead (see
	// topology.kShortest): these steps read Neo4j.
	rows, err := s.stepRows(ctx, nil, nil, q, front, forward, false, origin, meet, nil)
	if err != nil {
		return err
	}
	next := map[string]frontItem{}
	for _, row := range rows {
		a, b := row.a, row.b
		if a == b {
			continue
		}
		x := arc{typ: row.typ, id: row.id, relFrom: a, relTo: b}
		if !row.out {
			x.relFrom, x.relTo = b, a
		}
		x.from, x.to = a, b
		if !forward {
			x.from, x.to = b, a
		}
		ks.add(x)
		if (forward && b == q.To) || (!forward && b == q.From) || seen[b] {
			continue // paths end there, or it is expanded already
		}
		next[b] = frontItem{id: b, deg: row.deg}
	}
	front = front[:0]
	var cost int64
	for _, id := range slices.Sorted(maps.Keys(next)) {
		seen[id] = true
		front = append(front, next[id])
		cost += next[id].deg
	}
	if last {
		// No further step: the frontier is not expanded, and is not
		// empty for want of entities.
		front, cost = nil, 0
	}
	if forward {
		ks.fw++
		ks.fwFront, ks.fwCost, ks.fwDone = front, cost, len(front) == 0 && !last
	} else {
		ks.bw++
		ks.bwFront, ks.bwCost, ks.bwDone = front, cost, len(front) == 0 && !last
	}
	return nil
}

// stepRows lists the relationships one frontier step walks (see
// topology.step), from the path index when the search has one, or with
// one query on Neo4j. meet, when not nil, keeps only those that reach one
// of its entities; near, on the step before the last, is what the other
// side has reached (the index prunes with it, see topology.step; Neo4j
// does not).
func (s *Store) stepRows(ctx context.Context, t *topology, rf *relFilter, q PathQuery, front []frontItem, forward, chrono bool, origin string, meet, near []string) ([]hopRow, error) {
	if t != nil {
		return t.step(&q, rf, front, forward, chrono, origin, meet, near), nil
	}
	params := map[string]any{"exclude": nonNil(q.Exclude), "origin": origin, "afterAll": afterAll}
	rel := q.Filter.relPattern("r", params, chrono)
	if !forward && q.Directed {
		rel = "<" + strings.TrimSuffix(rel, ">")
	}
	timeCond, span := "", ""
	if chrono {
		timeCond = " AND coalesce(r.spanTo, $afterAll) >= f.t"
		if !forward {
			timeCond = " AND r.spanFrom <= f.t"
		}
		span = ", r.spanFrom AS first, coalesce(r.spanTo, $afterAll) AS last"
	}
	items := make([]map[string]any, len(front))
	for i, f := range front {
		items[i] = map[string]any{"id": f.id, "t": f.t}
	}
	params["frontier"] = items
	cond, deg := "", "COUNT { (b)--() }"
	if meet != nil {
		params["meet"] = meet
		cond, deg = " AND b.id IN $meet", "0"
	}
	cypher := `UNWIND $frontier AS f
MATCH (a:Entity {id: f.id})` + rel + `(b:Entity)
WHERE NOT b.id IN $exclude AND b.id <> $origin` + timeCond + cond + `
RETURN f.id AS a, f.t AS t, b.id AS b, type(r) AS type, r.id AS id` + span + `, startNode(r) = a AS out, ` + deg + ` AS deg`
	res, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	rows := make([]hopRow, 0, len(res.Records))
	for _, rec := range res.Records {
		str := func(k string) string { v, _, _ := neo4j.GetRecordValue[string](rec, k); return v }
		row := hopRow{a: str("a"), t: str("t"), b: str("b"), typ: RelType(str("type")), id: str("id")}
		if chrono {
			row.first, row.last = str("first"), str("last")
		}
		row.out, _, _ = neo4j.GetRecordValue[bool](rec, "out")
		row.deg, _, _ = neo4j.GetRecordValue[int64](rec, "deg")
		rows = append(rows, row)
	}
	return rows, nil
}

// search returns the first k simple paths of at most maxLen hops over the
// fetched arcs, in canonical order.
func (ks *hopSearch) search(maxLen, k int) ([][]arc, error) {
	from, to := ks.q.From, ks.q.To
	// reach[m] holds the entities from which a walk of exactly m hops
	// reaches the end without passing it before.
	reach := make([]map[string]bool, maxLen+1)
	reach[0] = map[string]bool{to: true}
	for m := 1; m <= maxLen; m++ {
		reach[m] = map[string]bool{}
		for _, x := range ks.arcs {
			if x.from != to && reach[m-1][x.to] {
				reach[m][x.from] = true
			}
		}
	}
	groups := groupArcs(ks.out)
	var found [][]arc
	nodes := []string{from}
	visited := map[string]bool{from: true}
	var err error
	// walk extends nodes by entity sequences in id order; ell is the
	// length being searched.
	var walk func(ell int)
	walk = func(ell int) {
		if len(found) >= k || err != nil {
			return
		}
		if ks.steps++; ks.steps%4096 == 0 {
			if err = ks.checkCtx(); err != nil {
				return
			}
		}
		i := len(nodes) - 1
		if i == ell {
			found = append(found, choices(nodes, groups, k-len(found))...)
			return
		}
		for _, g := range groups[nodes[i]] {
			if visited[g.to] || !reach[ell-i-1][g.to] {
				continue
			}
			visited[g.to] = true
			nodes = append(nodes, g.to)
			walk(ell)
			nodes = nodes[:len(nodes)-1]
			visited[g.to] = false
		}
	}
	for ell := 1; ell <= maxLen && len(found) < k && err == nil; ell++ {
		if reach[ell][from] {
			walk(ell)
		}
	}
	return found, err
}

// choices lists up to k choices of relationships along the entity
// sequence nodes, in relationship id order.
func choices(nodes []string, groups map[string][]arcGroup, k int) [][]arc {
	n := len(nodes) - 1
	along := make([][]arc, n)
	for i := range n {
		for _, g := range groups[nodes[i]] {
			if g.to == nodes[i+1] {
				along[i] = g.arcs
			}
		}
	}
	return combos(along, k)
}

// combos lists up to k ways to pick one arc from each of along, in order
// (the last hop varying fastest).
func combos(along [][]arc, k int) [][]arc {
	n := len(along)
	var out [][]arc
	hops := make([]arc, 0, n)
	var walk func()
	walk = func() {
		if len(out) >= k {
			return
		}
		i := len(hops)
		if i == n {
			out = append(out, slices.Clone(hops))
			return
		}
		for _, x := range along[i] {
			hops = append(hops, x)
			walk()
			hops = hops[:i]
		}
	}
	walk()
	return out
}

// relKey identifies a relationship: ids are unique per type.
func relKey(r Relationship) string { return string(r.Type) + ":" + r.ID }

// yen finds the same paths as the hop search with Yen's algorithm, for
// queries around hubs: each next path is the smallest "spur" that leaves
// one of the paths found so far at some entity and avoids both the
// relationships those paths took from there and the entities before it.
// Each spur is one allShortestPaths search in Neo4j that returns the
// smallest of the shortest spurs in canonical order, so the answer is the
// first k paths in canonical order, as the hop search's (the order of
// paths with a common start is the order of their continuations). The
// spurs of one iteration are independent and run concurrently, at most
// spurParallelism at a time, each in its own read transaction; a spur
// that would repeat an earlier one is not run.
func (s *Store) yen(ctx context.Context, q PathQuery) ([]Path, error) {
	first, err := s.spur(ctx, q, q.From, q.MaxHops, nil, nil)
	if err != nil {
		return nil, err
	}
	if first == nil {
		return nil, s.noPath(ctx, q)
	}
	found := []Path{*first}
	// dev is where each path left the path whose spur it is (Lawler's
	// refinement): the spurs of a new path before that index have the same
	// root and the same banned relationships as spurs already run, so
	// they are not run again.
	dev := map[string]int{pathKey(*first): 0}
	var candidates []Path
	for len(found) < q.K {
		prev := found[len(found)-1]
		spurs := make([]*Path, prev.Len())
		errs := make([]error, prev.Len())
		sem := make(chan struct{}, spurParallelism)
		var wg sync.WaitGroup
		for j := dev[pathKey(prev)]; j < prev.Len(); j++ {
			rootNodes, rootRels := prev.Nodes[:j+1], prev.Relationships[:j]
			var bannedRels []string
			for _, p := range found {
				if p.Len() > j && sameRoot(p, rootNodes, rootRels) {
					bannedRels = append(bannedRels, relKey(p.Relationships[j]))
				}
			}
			var bannedNodes []string
			for _, n := range rootNodes[:j] {
				bannedNodes = append(bannedNodes, n.ID)
			}
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				spurs[j], errs[j] = s.spur(ctx, q, rootNodes[j].ID, q.MaxHops-j, bannedNodes, bannedRels)
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
		for j, sp := range spurs {
			if sp == nil {
				continue
			}
			c := Path{
				Nodes:         append(slices.Clone(prev.Nodes[:j+1]), sp.Nodes[1:]...),
				Relationships: append(slices.Clone(prev.Relationships[:j]), sp.Relationships...),
			}
			if k := pathKey(c); !hasKey(dev, k) {
				dev[k] = j
				candidates = append(candidates, c)
			}
		}
		if len(candidates) == 0 {
			break
		}
		SortPaths(candidates)
		found = append(found, candidates[0])
		candidates = candidates[1:]
	}
	return found, nil
}

// spur returns the smallest of the shortest paths, in canonical order,
// from `from` to q.To within hops, avoiding the banned entities and
// relationships as well as q's own exclusions, or nil when there is none.
func (s *Store) spur(ctx context.Context, q PathQuery, from string, hops int, bannedNodes, bannedRels []string) (*Path, error) {
	sq := q
	sq.Mode, sq.From, sq.MaxHops = AllShortest, from, hops
	sq.Exclude = append(slices.Clone(q.Exclude), bannedNodes...)
	// Every shortest spur is weighed: the cap is no limit.
	params := map[string]any{"from": from, "to": q.To, "exclude": nonNil(sq.Exclude), "cap": math.MaxInt32, "banned": nonNil(bannedRels)}
	cypher := shortestCypher(sq, params, "NOT (type(r) + ':' + coalesce(r.id, '')) IN $banned") + `
RETURN p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | coalesce(r.id, '')], [r IN relationships(p) | type(r)] LIMIT 1`
	res, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	p, _, err := neo4j.GetRecordValue[neo4j.Path](res.Records[0], "p")
	if err != nil {
		return nil, err
	}
	out := pathFromNeo4j(p)
	return &out, nil
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func pathKey(p Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		b.WriteString(n.ID)
		if i < len(p.Relationships) {
			b.WriteString("|" + relKey(p.Relationships[i]) + "|")
		}
	}
	return b.String()
}

// sameRoot reports whether p starts with the given nodes and relationships.
func sameRoot(p Path, nodes []Entity, rels []Relationship) bool {
	for i, n := range nodes {
		if p.Nodes[i].ID != n.ID {
			return false
		}
	}
	for i, r := range rels {
		if relKey(p.Relationships[i]) != relKey(r) {
			return false
		}
	}
	return true
}
