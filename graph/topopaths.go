package graph

// kShortest finds the first k simple paths of at most q.MaxHops hops in
// canonical order on the index alone: a depth-first search from the
// start, length by length, that walks each entity's relationships in
// canonical order (the index keeps them so) and enters an entity only
// when a walk of exactly the remaining length leads from it to the end.
// So it finds the same paths as hopSearch.search over the hops a
// bidirectional search would read, without reading them: around hubs
// those are tens of thousands, and the paths wanted are a few.
//
// Whether a walk of m hops leads from v to the end is known outright for
// m <= 2 (the entities one and two hops before the end, found from the
// end's side first) and worked out on demand, and remembered, above that.
func (t *topology) kShortest(q PathQuery, rf *relFilter, checkCtx func() error) ([][]arc, error) {
	return t.search(q, rf, q.K, false, checkCtx)
}

// allShortest finds every simple path of the shortest length within
// q.MaxHops, at most limit, in canonical order: the search of kShortest
// stopped after the first length that has a path.
func (t *topology) allShortest(q PathQuery, rf *relFilter, limit int, checkCtx func() error) ([][]arc, error) {
	return t.search(q, rf, limit, true, checkCtx)
}

// search finds the first k simple paths in canonical order, of the
// shortest length only when shortestOnly.
func (t *topology) search(q PathQuery, rf *relFilter, k int, shortestOnly bool, checkCtx func() error) ([][]arc, error) {
	q.K = k
	s, e := t.index[q.From], t.index[q.To]
	ks := &topoSearch{t: t, q: q, rf: rf, end: e, memo: map[int64]bool{}, checkCtx: checkCtx,
		excluded: t.set(q.Exclude), visited: map[int32]bool{s: true}}
	ks.near = make([]map[int32]bool, min(q.MaxHops, 3))
	if len(ks.near) > 1 {
		ks.near[1] = t.before(&ks.q, rf, map[int32]bool{e: true}, true, ks.excluded, e)
	}
	if len(ks.near) > 2 {
		ks.near[2] = t.before(&ks.q, rf, ks.near[1], true, ks.excluded, e)
	}
	ks.nodes = []int32{s}
	for ell := 1; ell <= q.MaxHops && len(ks.found) < q.K && ks.err == nil; ell++ {
		if ks.reach(s, ell) {
			ks.walk(ell)
		}
		if shortestOnly && len(ks.found) > 0 {
			break
		}
	}
	return ks.found, ks.err
}

// topoSearch is the state of topology.kShortest.
type topoSearch struct {
	t        *topology
	q        PathQuery
	rf       *relFilter
	end      int32
	excluded map[int32]bool
	// near[m] holds the entities from which one allowed hop reaches
	// near[m-1] (near[0] being the end): those a walk of exactly m hops
	// leads from to the end, for the m it is known for.
	near     []map[int32]bool
	memo     map[int64]bool
	nodes    []int32
	visited  map[int32]bool
	found    [][]arc
	steps    int
	err      error
	checkCtx func() error
}

// hops calls f with each allowed hop out of v in canonical order.
func (ks *topoSearch) hops(v int32, f func(w, ri int32) bool) {
	ks.t.hops(&ks.q, ks.rf, v, true, ks.excluded, func(w, ri int32, _ bool) bool { return f(w, ri) })
}

// reach reports whether a walk of exactly m allowed hops leads from v to
// the end, passing the end only at its last hop.
func (ks *topoSearch) reach(v int32, m int) bool {
	if m == 0 {
		return v == ks.end
	}
	if v == ks.end {
		return false
	}
	if m < len(ks.near) {
		return ks.near[m][v]
	}
	key := int64(v)<<8 | int64(m)
	if r, ok := ks.memo[key]; ok {
		return r
	}
	found := false
	ks.hops(v, func(w, _ int32) bool {
		found = ks.reach(w, m-1)
		return !found
	})
	ks.memo[key] = found
	return found
}

// walk extends ks.nodes by entity sequences in id order to simple paths
// of ell hops that end at the end, and adds their relationship choices.
func (ks *topoSearch) walk(ell int) {
	if len(ks.found) >= ks.q.K || ks.err != nil {
		return
	}
	if ks.steps++; ks.steps%4096 == 0 {
		if ks.err = ks.checkCtx(); ks.err != nil {
			return
		}
	}
	i := len(ks.nodes) - 1
	if i == ell {
		ks.found = append(ks.found, ks.choices(ks.q.K-len(ks.found))...)
		return
	}
	v := ks.nodes[i]
	last := int32(-1)
	ks.hops(v, func(w, _ int32) bool {
		// The hops to one entity are consecutive; the first decides.
		if w == last {
			return true
		}
		last = w
		if ks.visited[w] || !ks.reach(w, ell-i-1) {
			return true
		}
		ks.visited[w] = true
		ks.nodes = append(ks.nodes, w)
		ks.walk(ell)
		ks.nodes = ks.nodes[:len(ks.nodes)-1]
		ks.visited[w] = false
		return len(ks.found) < ks.q.K && ks.err == nil
	})
}

// choices lists up to k choices of relationships along ks.nodes, in
// relationship id order, as arcs.
func (ks *topoSearch) choices(k int) [][]arc {
	t := ks.t
	n := len(ks.nodes) - 1
	along := make([][]arc, n)
	for i := range n {
		v, w := ks.nodes[i], ks.nodes[i+1]
		ks.hops(v, func(x, ri int32) bool {
			if x == w {
				r := &t.rels[ri]
				along[i] = append(along[i], arc{from: t.ids[v], to: t.ids[w], typ: RelType(t.val(r.typ)), id: t.val(r.id),
					relFrom: t.ids[r.from], relTo: t.ids[r.to]})
			}
			return x <= w
		})
	}
	return combos(along, k)
}
