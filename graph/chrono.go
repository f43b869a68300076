package graph

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Times in the chronological search are the ISO days that relationships
// store as spanFrom and spanTo, compared as strings, as the filters compare
// them in Cypher. Two sentinels stand for the open ends.
const (
	beforeAll = ""  // earlier than every day: a chain with no hop yet
	afterAll  = "~" // later than every day ('~' sorts after digits and '-'): an open span
)

// arc is one way of walking a relationship: from one entity to the other,
// in the relationship's direction or, when the query is undirected, against
// it.
type arc struct {
	from, to string // the walk's direction
	typ      RelType
	id       string
	// relFrom and relTo are the relationship's own endpoints.
	relFrom, relTo string
	// first and last are its span's days; last is afterAll when open.
	first, last string
}

// arcGroup is the arcs from one entity to another.
type arcGroup struct {
	to   string
	arcs []arc
}

func (a arc) key() string { return a.from + "\x00" + string(a.typ) + "\x00" + a.id + "\x00" + a.to }

// chronoSearch finds the first k chronological simple paths in canonical
// order (see SortPaths) without enumerating paths in the database. It is a
// bidirectional label search driven from Go: each step expands the
// cheaper frontier by one hop with one batched query, pruned by the filter
// and by time; Go then searches the fetched part of the graph exactly.
//
// Labels follow earliest-arrival and latest-departure searches. Walking
// forward from the start, a node's label is the earliest time a chain of
// hops can have reached it (see Chain); a label reached in more hops is
// kept only when it is earlier than every label the node already has,
// because a later one can extend only to hops the earlier one extends to.
// Walking backward from the end, a node's label is the latest time a chain
// can leave it and still reach the end; a later one dominates. So after
// the forward side has expanded a hops and the backward side b, the fetched
// relationships hold every hop of every chronological walk of at most a+b
// hops, and of any length once a side has nothing left to expand; the
// search in Go over them is exact for those lengths.
type chronoSearch struct {
	q        PathQuery
	arcs     map[string]arc
	out      map[string][]arc // walk-direction arcs by their from node
	fwBest   map[string]string
	bwBest   map[string]string
	fwFront  []frontItem
	bwFront  []frontItem
	fw, bw   int // hops expanded on each side
	fwDone   bool
	bwDone   bool
	fwCost   int64 // degree sum of the frontier: what the next step reads
	bwCost   int64
	steps    int // Go search steps, for cancellation checks
	checkCtx func() error
	// topo is the path index the steps read, or nil to read Neo4j; rf
	// is the filter compiled for it.
	topo *topology
	rf   relFilter
}

type frontItem struct {
	id  string
	t   string // forward: earliest arrival; backward: latest departure
	deg int64
}

// chronological answers a chronological query: the first k simple paths
// in canonical order whose hops can have held one after another in time.
// Undated hops are not walked. Every path carries its Strength.
func (s *Store) chronological(ctx context.Context, q PathQuery, k int) ([]Path, error) {
	topo, degs, err := s.searchStart(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(degs) < 2 {
		return nil, s.noPath(ctx, q)
	}
	cs := &chronoSearch{
		topo:   topo,
		rf:     compileFilter(q.Filter, true),
		q:      q,
		arcs:   map[string]arc{},
		out:    map[string][]arc{},
		fwBest: map[string]string{q.From: beforeAll},
		bwBest: map[string]string{q.To: afterAll},
		fwCost: degs[q.From], bwCost: degs[q.To],
		fwFront:  []frontItem{{id: q.From, t: beforeAll, deg: degs[q.From]}},
		bwFront:  []frontItem{{id: q.To, t: afterAll, deg: degs[q.To]}},
		checkCtx: ctx.Err,
	}
	var found [][]arc
	for {
		trusted := cs.fw + cs.bw
		if cs.fwDone || cs.bwDone {
			trusted = q.MaxHops
		}
		trusted = min(trusted, q.MaxHops)
		if trusted > 0 {
			found, err = cs.search(trusted, k)
			if err != nil {
				return nil, err
			}
			if len(found) >= k || trusted == q.MaxHops {
				break
			}
		}
		forward := cs.fwCost <= cs.bwCost
		if err := s.expand(ctx, cs, forward); err != nil {
			return nil, err
		}
	}
	return s.readPaths(ctx, q, found)
}

// readPaths reads the paths a search found, with their strength: the
// paths' entities and relationships (see materialize), then their facts
// (see assess). No path found is q's ErrNoPath.
func (s *Store) readPaths(ctx context.Context, q PathQuery, found [][]arc) ([]Path, error) {
	if len(found) == 0 {
		return nil, s.noPath(ctx, q)
	}
	paths, err := s.materialize(ctx, found)
	if err != nil {
		return nil, err
	}
	if err := s.assess(ctx, paths); err != nil {
		return nil, err
	}
	return paths, nil
}

// entityDegrees returns the degree of each entity that exists.
func (s *Store) entityDegrees(ctx context.Context, ids []string) (map[string]int64, error) {
	res, err := s.read(ctx, `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, COUNT { (n)--() } AS deg`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := make(map[string]int64, len(ids))
	for _, rec := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		d, _, _ := neo4j.GetRecordValue[int64](rec, "deg")
		out[id] = d
	}
	return out, nil
}

// expand walks one more hop on one side: one query for the whole frontier
// (or one pass over the path index), which returns only the relationships
// the filter allows and whose time fits the label they leave (forward) or
// enter (backward).
func (s *Store) expand(ctx context.Context, cs *chronoSearch, forward bool) error {
	q := cs.q
	front, origin, best, other := cs.fwFront, q.From, cs.fwBest, cs.bwBest
	if !forward {
		front, origin, best, other = cs.bwFront, q.To, cs.bwBest, cs.fwBest
	}
	// The last step, the one after which the two sides together cover
	// MaxHops, only needs hops that reach a node the other side has
	// labelled: a path of at most MaxHops hops goes on from there with the
	// other side's hops (or ends there). Its labels are not expanded, so
	// their degrees are not needed.
	last := cs.fw+cs.bw+1 == q.MaxHops
	var meet, near []string
	switch {
	case last:
		meet = slices.Collect(maps.Keys(other))
	case cs.fw+cs.bw+2 == q.MaxHops && cs.topo != nil:
		near = slices.Collect(maps.Keys(other))
	}
	rows, err := s.stepRows(ctx, cs.topo, &cs.rf, q, front, forward, true, origin, meet, near)
	if err != nil {
		return err
	}
	next := map[string]frontItem{}
	for _, row := range rows {
		a, t, b := row.a, row.t, row.b
		if a == b {
			continue
		}
		x := arc{typ: row.typ, id: row.id, first: row.first, last: row.last, relFrom: a, relTo: b}
		if !row.out {
			x.relFrom, x.relTo = b, a
		}
		// The new label: forward, the time the hop is walked at; backward,
		// the latest time a chain may reach b and still walk on.
		var label string
		if forward {
			x.from, x.to = a, b
			label = max(t, x.first)
		} else {
			x.from, x.to = b, a
			label = min(t, x.last)
		}
		cs.add(x)
		if (forward && b == q.To) || (!forward && b == q.From) {
			continue // paths end there: nothing to expand
		}
		old, seen := best[b]
		better := !seen || (forward && label < old) || (!forward && label > old)
		if !better {
			continue
		}
		best[b] = label
		next[b] = frontItem{id: b, t: label, deg: row.deg}
	}
	front = front[:0]
	var cost int64
	for _, id := range slices.Sorted(maps.Keys(next)) {
		front = append(front, next[id])
		cost += next[id].deg
	}
	if last {
		// No further step: the frontier is not expanded, and is not
		// empty for want of labels.
		front, cost = nil, 0
	}
	if forward {
		cs.fw++
		cs.fwFront, cs.fwCost, cs.fwDone = front, cost, len(front) == 0 && !last
	} else {
		cs.bw++
		cs.bwFront, cs.bwCost, cs.bwDone = front, cost, len(front) == 0 && !last
	}
	return nil
}

func (cs *chronoSearch) add(x arc) {
	if _, ok := cs.arcs[x.key()]; ok {
		return
	}
	cs.arcs[x.key()] = x
	cs.out[x.from] = append(cs.out[x.from], x)
}

// search returns the first k chronological simple paths of at most maxLen
// hops over the fetched arcs, in canonical order: by length, then by the
// sequence of entity ids, then by relationship ids.
func (cs *chronoSearch) search(maxLen, k int) ([][]arc, error) {
	from, to := cs.q.From, cs.q.To
	// latest[m][v] is the latest time a chain of exactly m hops can leave
	// v and reach the end (a walk: nodes may repeat); no entry, no chain.
	latest := make([]map[string]string, maxLen+1)
	latest[0] = map[string]string{to: afterAll}
	for m := 1; m <= maxLen; m++ {
		latest[m] = map[string]string{}
		for _, x := range cs.arcs {
			if x.from == to {
				continue
			}
			l, ok := latest[m-1][x.to]
			if !ok {
				continue
			}
			l = min(l, x.last)
			if x.first > l {
				continue
			}
			if old, ok := latest[m][x.from]; !ok || l > old {
				latest[m][x.from] = l
			}
		}
	}
	groups := groupArcs(cs.out)
	var found [][]arc
	nodes := []string{from}
	visited := map[string]bool{from: true}
	var err error
	// walkNodes extends nodes, whose chain can end at time t at the earliest,
	// by entity sequences in id order; ell is the length being searched.
	var walkNodes func(t string, ell int)
	walkNodes = func(t string, ell int) {
		if len(found) >= k || err != nil {
			return
		}
		if cs.steps++; cs.steps%4096 == 0 {
			if err = cs.checkCtx(); err != nil {
				return
			}
		}
		i := len(nodes) - 1
		if i == ell {
			found = append(found, hopsOf(nodes, groups, k-len(found))...)
			return
		}
		for _, g := range groups[nodes[i]] {
			if visited[g.to] {
				continue
			}
			l, ok := latest[ell-i-1][g.to]
			if !ok {
				continue
			}
			// The earliest the hop to g.to can be walked, over its arcs.
			next, can := afterAll, false
			for _, x := range g.arcs {
				if x.last >= t {
					next, can = min(next, max(t, x.first)), true
				}
			}
			if !can || next > l {
				continue
			}
			visited[g.to] = true
			nodes = append(nodes, g.to)
			walkNodes(next, ell)
			nodes = nodes[:len(nodes)-1]
			visited[g.to] = false
		}
	}
	for ell := 1; ell <= maxLen && len(found) < k && err == nil; ell++ {
		walkNodes(beforeAll, ell)
	}
	return found, err
}

// hopsOf lists up to k chronological choices of relationships along the
// entity sequence nodes, in relationship id order.
func hopsOf(nodes []string, groups map[string][]arcGroup, k int) [][]arc {
	n := len(nodes) - 1
	choices := make([][]arc, n)
	for i := range n {
		for _, g := range groups[nodes[i]] {
			if g.to == nodes[i+1] {
				choices[i] = g.arcs
			}
		}
	}
	// latest[i] is the latest time a chain can reach nodes[i] and still
	// walk the rest of the sequence.
	latest := make([]string, n+1)
	latest[n] = afterAll
	for i := n - 1; i >= 0; i-- {
		latest[i] = beforeAll // no chain: every day is later
		for _, x := range choices[i] {
			if l := min(x.last, latest[i+1]); x.first <= l && l > latest[i] {
				latest[i] = l
			}
		}
	}
	var out [][]arc
	hops := make([]arc, 0, n)
	var walk func(t string)
	walk = func(t string) {
		if len(out) >= k {
			return
		}
		i := len(hops)
		if i == n {
			out = append(out, slices.Clone(hops))
			return
		}
		for _, x := range choices[i] {
			if at := max(t, x.first); at <= min(x.last, latest[i+1]) {
				hops = append(hops, x)
				walk(at)
				hops = hops[:i]
			}
		}
	}
	walk(beforeAll)
	return out
}

// materialize reads the entities and relationships of the found paths.
func (s *Store) materialize(ctx context.Context, found [][]arc) ([]Path, error) {
	var hops []map[string]any
	seen := map[string]bool{}
	for _, p := range found {
		for _, x := range p {
			k := string(x.typ) + ":" + x.id + "\x00" + x.relFrom + "\x00" + x.relTo
			if !seen[k] {
				seen[k] = true
				hops = append(hops, map[string]any{"key": k, "from": x.relFrom, "to": x.relTo, "type": string(x.typ), "id": x.id})
			}
		}
	}
	res, err := s.read(ctx, `UNWIND $hops AS h
MATCH (a:Entity {id: h.from})-[r]->(b:Entity {id: h.to})
WHERE type(r) = h.type AND r.id = h.id
RETURN h.key AS key, a, r, b`, map[string]any{"hops": hops})
	if err != nil {
		return nil, err
	}
	ents := map[string]Entity{}
	rels := map[string]Relationship{}
	for _, rec := range res.Records {
		key, _, _ := neo4j.GetRecordValue[string](rec, "key")
		a, err := recordNode(rec, "a")
		if err != nil {
			return nil, err
		}
		b, err := recordNode(rec, "b")
		if err != nil {
			return nil, err
		}
		r, _, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
		if err != nil {
			return nil, fmt.Errorf("decode r: %w", err)
		}
		ents[a.ID], ents[b.ID] = a, b
		rels[key] = relFromRel(r, map[string]string{r.StartElementId: a.ID, r.EndElementId: b.ID})
	}
	paths := make([]Path, len(found))
	for i, p := range found {
		path := Path{Nodes: []Entity{ents[p[0].from]}}
		for _, x := range p {
			r, ok := rels[string(x.typ)+":"+x.id+"\x00"+x.relFrom+"\x00"+x.relTo]
			if !ok {
				return nil, Errorf(ErrConflict, "relationship %s %s changed during the path search", x.typ, x.id)
			}
			path.Relationships = append(path.Relationships, r)
			path.Nodes = append(path.Nodes, ents[x.to])
		}
		paths[i] = path
	}
	return paths, nil
}

// groupArcs groups the arcs out of each entity by the entity they lead
// to, in id order, each group's arcs by relationship id then type: the
// canonical order in which the path searches enumerate.
func groupArcs(out map[string][]arc) map[string][]arcGroup {
	groups := make(map[string][]arcGroup, len(out))
	for v, xs := range out {
		xs = slices.Clone(xs)
		slices.SortFunc(xs, func(a, b arc) int {
			return cmp.Or(cmp.Compare(a.to, b.to), cmp.Compare(a.id, b.id), cmp.Compare(a.typ, b.typ))
		})
		var gs []arcGroup
		for _, x := range xs {
			if len(gs) == 0 || gs[len(gs)-1].to != x.to {
				gs = append(gs, arcGroup{to: x.to})
			}
			gs[len(gs)-1].arcs = append(gs[len(gs)-1].arcs, x)
		}
		groups[v] = gs
	}
	return groups
}
