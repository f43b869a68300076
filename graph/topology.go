package graph

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The path index is an in-memory copy of the graph's topology: every
// relationship between two entities with the few properties the path
// filters read (type, span, confidence, status), and nothing else. It is
// what graph projections are in graph analytics libraries. The k-shortest
// search walks it directly (see topology.kShortest) and the chronological
// search expands its frontiers from it, instead of one Neo4j query per
// hop, which around hubs streamed tens of thousands of rows a step; the
// paths they find are still read from Neo4j, with their evidence, and
// checked there (see materialize).
//
// The index is used only while it is current: it notes the graph version
// (see GraphVersion) it was read at, and every search that would use it
// first reads the version; when the graph has changed since, the search
// runs on Neo4j as without an index, and a new index is built in the
// background. So an answer never comes from a graph older than the one
// the query saw.

// topology is one immutable copy of the graph's topology.
type topology struct {
	ver   GraphVersion
	ids   []string // entity ids, sorted
	index map[string]int32
	off   []int32 // adj[off[v]:off[v+1]] are v's relationships
	adj   []int32 // relationship indexes
	rels  []topoRel
	vals  []string // interned strings: types, days, confidences, statuses
	built time.Duration
}

// topoRel is one relationship: its endpoints, and its properties as
// indexes into vals (-1: absent).
type topoRel struct {
	from, to                  int32
	typ, id                   int32
	first, last, conf, status int32
}

// other is r's end that is not v (v for a self-loop).
func (r *topoRel) other(v int32) int32 {
	if r.from == v {
		return r.to
	}
	return r.from
}

func (t *topology) val(i int32) string {
	if i < 0 {
		return ""
	}
	return t.vals[i]
}

// degree is v's number of relationship ends, as COUNT { (v)--() } counts.
func (t *topology) degree(v int32) int64 { return int64(t.off[v+1] - t.off[v]) }

// PathIndexStats describes the path index.
type PathIndexStats struct {
	Entities, Relationships int
	// Version is the graph version the index was read at.
	Version int64
	Built   time.Duration
	// Hits counts the searches that read the index, Misses those that
	// found it behind the graph and ran on Neo4j.
	Hits, Misses int64
}

// PathIndexStats describes the store's current path index (all zero
// before one is built).
func (s *Store) PathIndexStats() PathIndexStats {
	out := PathIndexStats{Hits: s.paths.hits.Load(), Misses: s.paths.misses.Load()}
	if t := s.paths.cur.Load(); t != nil {
		out.Entities, out.Relationships, out.Version, out.Built = len(t.ids), len(t.rels), t.ver.Version, t.built
	}
	return out
}

// pathIndex holds the store's path index and its upkeep.
type pathIndex struct {
	on           atomic.Bool
	cur          atomic.Pointer[topology]
	hits, misses atomic.Int64
	mu           sync.Mutex
	building     bool
	// next is the earliest time a new build may start: a graph written
	// to all the time is not read whole back to back.
	next time.Time
	log  *slog.Logger
}

// EnablePathIndex makes the store keep a path index: it is built in the
// background now and after the graph changes, and the searches use it
// while it is current. A store without one searches on Neo4j alone.
func (s *Store) EnablePathIndex(log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	s.paths.mu.Lock()
	s.paths.log = log
	s.paths.mu.Unlock()
	s.paths.on.Store(true)
	s.rebuildPathIndex()
}

// BuildPathIndex builds the path index now and waits for it, then keeps
// it as EnablePathIndex does.
func (s *Store) BuildPathIndex(ctx context.Context) (PathIndexStats, error) {
	t, err := s.loadTopology(ctx)
	if err != nil {
		return PathIndexStats{}, err
	}
	s.paths.cur.Store(t)
	s.paths.on.Store(true)
	return s.PathIndexStats(), nil
}

// WithoutPathIndex returns a second view of s (as NewStoreLike) that
// keeps no path index: its searches run on Neo4j alone.
func (s *Store) WithoutPathIndex() *Store {
	c := NewStoreLike(s)
	c.paths = &pathIndex{}
	return c
}

// rebuildPathIndex starts building a new index unless one is being built.
func (s *Store) rebuildPathIndex() {
	s.paths.mu.Lock()
	defer s.paths.mu.Unlock()
	if s.paths.building || time.Now().Before(s.paths.next) {
		return
	}
	s.paths.building = true
	log := s.paths.log
	if log == nil {
		log = slog.Default()
	}
	go func() {
		start := time.Now()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		t, err := s.loadTopology(ctx)
		s.paths.mu.Lock()
		s.paths.building = false
		// Wait at least as long as the build took, and 5 s, before the
		// next one.
		s.paths.next = time.Now().Add(max(5*time.Second, time.Since(start)))
		s.paths.mu.Unlock()
		if err != nil {
			log.Warn("path index: build failed; searches run on Neo4j", "err", err)
			return
		}
		s.paths.cur.Store(t)
		log.Info("path index built", "entities", len(t.ids), "relationships", len(t.rels), "version", t.ver.Version, "took", t.built.Round(time.Millisecond))
	}()
}

// currentTopology returns the path index when it matches the graph's
// version now, or nil; a stale index starts a rebuild.
func (s *Store) currentTopology(ctx context.Context) (*topology, error) {
	if !s.paths.on.Load() {
		return nil, nil
	}
	v, err := s.Version(ctx)
	if err != nil {
		return nil, err
	}
	t := s.paths.cur.Load()
	if t != nil && t.ver.Version == v.Version && t.ver.Changed.Equal(v.Changed) {
		s.paths.hits.Add(1)
		return t, nil
	}
	s.paths.misses.Add(1)
	s.rebuildPathIndex()
	return nil, nil
}

// loadTopology reads the version, then every entity and every
// relationship between entities, in one read transaction.
func (s *Store) loadTopology(ctx context.Context) (*topology, error) {
	start := time.Now()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	t, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (*topology, error) {
		t := &topology{}
		res, err := tx.Run(ctx, `OPTIONAL MATCH (v:GraphVersion {name: 'graph'}) RETURN v.version AS n, v.changed AS at`, nil)
		if err != nil {
			return nil, err
		}
		if rec, err := res.Single(ctx); err == nil {
			t.ver.Version, _, _ = neo4j.GetRecordValue[int64](rec, "n")
			t.ver.Changed, _, _ = neo4j.GetRecordValue[time.Time](rec, "at")
		} else {
			return nil, err
		}
		res, err = tx.Run(ctx, `MATCH (n:Entity) RETURN n.id AS id`, nil)
		if err != nil {
			return nil, err
		}
		for res.Next(ctx) {
			id, _ := res.Record().Values[0].(string)
			t.ids = append(t.ids, id)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		slices.Sort(t.ids)
		t.ids = slices.Compact(t.ids)
		t.index = make(map[string]int32, len(t.ids))
		for i, id := range t.ids {
			t.index[id] = int32(i)
		}
		intern := map[string]int32{}
		in := func(v any) int32 {
			s, ok := v.(string)
			if !ok {
				return -1
			}
			if i, ok := intern[s]; ok {
				return i
			}
			i := int32(len(t.vals))
			t.vals = append(t.vals, s)
			intern[s] = i
			return i
		}
		res, err = tx.Run(ctx, `MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id, b.id, type(r), r.id, r.spanFrom, r.spanTo, r.confidence, r.status`, nil)
		if err != nil {
			return nil, err
		}
		deg := make([]int32, len(t.ids)+1)
		for res.Next(ctx) {
			v := res.Record().Values
			a, _ := v[0].(string)
			b, _ := v[1].(string)
			ai, ok1 := t.index[a]
			bi, ok2 := t.index[b]
			if !ok1 || !ok2 {
				continue // an entity written after the entities were read
			}
			id, _ := v[3].(string)
			t.rels = append(t.rels, topoRel{from: ai, to: bi, typ: in(v[2]), id: in(id),
				first: in(v[4]), last: in(v[5]), conf: in(v[6]), status: in(v[7])})
			deg[ai]++
			deg[bi]++
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		t.off = make([]int32, len(t.ids)+1)
		for i := range t.ids {
			t.off[i+1] = t.off[i] + deg[i]
		}
		t.adj = make([]int32, t.off[len(t.ids)])
		fill := slices.Clone(t.off[:len(t.ids)])
		for i, r := range t.rels {
			t.adj[fill[r.from]] = int32(i)
			fill[r.from]++
			t.adj[fill[r.to]] = int32(i)
			fill[r.to]++
		}
		return t, nil
	}, neo4j.WithTxTimeout(30*time.Minute))
	if err != nil {
		return nil, fmt.Errorf("path index: %w", translateCtx(ctx, err))
	}
	// Each entity's relationships in the order the path searches
	// enumerate them: by the entity at the other end (ids are sorted, so
	// by index), then by relationship id, then by type.
	for v := range t.ids {
		v := int32(v)
		slices.SortFunc(t.adj[t.off[v]:t.off[v+1]], func(x, y int32) int {
			rx, ry := &t.rels[x], &t.rels[y]
			return cmp.Or(cmp.Compare(rx.other(v), ry.other(v)), cmp.Compare(t.val(rx.id), t.val(ry.id)), cmp.Compare(t.val(rx.typ), t.val(ry.typ)))
		})
	}
	t.built = time.Since(start)
	return t, nil
}

// hopRow is one relationship a frontier step walks: from frontier entity
// a (with label t in the chronological search) to b.
type hopRow struct {
	a, b, t     string
	typ         RelType
	id          string
	first, last string // span days, last afterAll when open
	out         bool   // the relationship points from a to b
	deg         int64
}

// relFilter is a Filter compiled for testing relationships of the index
// as relConds tests them in Cypher.
type relFilter struct {
	allTypes            bool
	types               map[string]bool
	since, until        string
	asOfFirst, asOfLast string
	asOf, past          bool
	events              map[string]bool
	dated               bool
	confidences         map[string]bool
	statuses            map[string]bool
}

func compileFilter(f Filter, chronological bool) relFilter {
	rf := relFilter{types: map[string]bool{}}
	walk := f.WalkTypes()
	rf.allTypes = len(walk) == len(Vocabulary)
	for _, t := range walk {
		rf.types[string(t)] = true
	}
	if !f.Window.Since.IsZero() {
		rf.since = Day(f.Window.Since.First())
	}
	if !f.Window.Until.IsZero() {
		rf.until = Day(f.Window.Until.Last())
	}
	if !f.AsOf.IsZero() {
		rf.asOf = true
		rf.asOfFirst, rf.asOfLast = Day(f.AsOf.First()), Day(f.AsOf.Last())
		if f.IncludePastEvents {
			rf.past = true
			rf.events = map[string]bool{}
			for _, t := range eventTypes() {
				rf.events[t] = true
			}
		}
	}
	rf.dated = chronological || f.DatedOnly
	if f.MinConfidence != "" {
		rf.confidences = map[string]bool{}
		for _, c := range f.MinConfidence.AtLeast() {
			rf.confidences[string(c)] = true
		}
	}
	if len(f.Statuses) > 0 {
		rf.statuses = map[string]bool{}
		for _, st := range f.Statuses {
			rf.statuses[string(st)] = true
		}
	}
	return rf
}

// allows reports whether r passes the filter, as relConds and relTypes
// decide in Cypher.
func (t *topology) allows(rf *relFilter, r *topoRel) bool {
	if !rf.allTypes && !rf.types[t.val(r.typ)] {
		return false
	}
	first, last := t.val(r.first), t.val(r.last)
	hasFirst, hasLast := r.first >= 0, r.last >= 0
	if rf.since != "" && hasFirst && hasLast && last < rf.since {
		return false
	}
	if rf.until != "" && hasFirst && first > rf.until {
		return false
	}
	if rf.asOf && hasFirst {
		holds := first <= rf.asOfLast && (!hasLast || last >= rf.asOfFirst || (rf.past && rf.events[t.val(r.typ)]))
		if !holds {
			return false
		}
	}
	if rf.dated && !hasFirst {
		return false
	}
	if rf.confidences != nil && (r.conf < 0 || !rf.confidences[t.val(r.conf)]) {
		return false
	}
	if rf.statuses != nil {
		st := string(Completed)
		if r.status >= 0 {
			st = t.val(r.status)
		}
		if !rf.statuses[st] {
			return false
		}
	}
	return true
}

// hops calls f with each hop the filter allows out of v in the walk's
// direction (forward: along a directed query's relationships; backward:
// against them), in canonical order, to an entity that is not excluded:
// the entity it reaches, the relationship's index, and whether the
// relationship points from v. Self-loops are no hop. f returns false to
// stop.
func (t *topology) hops(q *PathQuery, rf *relFilter, v int32, forward bool, excluded map[int32]bool, f func(w, ri int32, out bool) bool) {
	for _, ri := range t.adj[t.off[v]:t.off[v+1]] {
		r := &t.rels[ri]
		if r.from == r.to {
			continue
		}
		out := r.from == v
		if q.Directed && out != forward {
			continue
		}
		w := r.other(v)
		if excluded[w] || !t.allows(rf, r) {
			continue
		}
		if !f(w, ri, out) {
			return
		}
	}
}

// before returns the entities, other than skip, from which one hop the
// filter allows, in the walk's direction, reaches one of to.
func (t *topology) before(q *PathQuery, rf *relFilter, to map[int32]bool, forward bool, excluded map[int32]bool, skip int32) map[int32]bool {
	out := map[int32]bool{}
	for y := range to {
		t.hops(q, rf, y, !forward, excluded, func(x, _ int32, _ bool) bool {
			if x != skip {
				out[x] = true
			}
			return true
		})
	}
	return out
}

// set returns the index's entities among ids.
func (t *topology) set(ids []string) map[int32]bool {
	out := make(map[int32]bool, len(ids))
	for _, id := range ids {
		if v, ok := t.index[id]; ok {
			out[v] = true
		}
	}
	return out
}

// step lists the relationships one frontier step walks, as the step's
// query does on Neo4j: from each frontier entity, those the filter
// allows, in the walk's direction, to an entity that is neither excluded
// nor the origin (nor, on the last step, outside meet). In the
// chronological search (chrono) it keeps only the relationships whose
// time fits the label they leave (forward) or enter (backward).
//
// On the step before the last, near is what the other side has reached,
// and step keeps only the relationships to an entity in near or one hop
// before it: a path that walks the relationship has at most one more hop
// before it meets the other side (see chronoSearch). Around hubs that is a
// few hundred relationships of tens of thousands; on Neo4j the same
// pruning cost more than the rows it saved, so there the step reads them
// all.
func (t *topology) step(q *PathQuery, rf *relFilter, frontier []frontItem, forward, chrono bool, origin string, meet, near []string) []hopRow {
	excluded := t.set(q.Exclude)
	if o, ok := t.index[origin]; ok {
		excluded[o] = true
	}
	var meets, close map[int32]bool
	if meet != nil {
		meets = t.set(meet)
	} else if near != nil {
		meets = t.set(near)
		close = t.before(q, rf, meets, forward, excluded, -1)
	}
	var rows []hopRow
	for _, f := range frontier {
		v, ok := t.index[f.id]
		if !ok {
			continue
		}
		t.hops(q, rf, v, forward, excluded, func(w, ri int32, out bool) bool {
			if meets != nil && !meets[w] && !close[w] {
				return true
			}
			r := &t.rels[ri]
			row := hopRow{a: f.id, b: t.ids[w], t: f.t, typ: RelType(t.val(r.typ)), id: t.val(r.id), out: out}
			if chrono {
				row.first, row.last = t.val(r.first), afterAll
				if r.last >= 0 {
					row.last = t.val(r.last)
				}
				if forward && row.last < f.t || !forward && row.first > f.t {
					return true
				}
			}
			if meet == nil {
				row.deg = t.degree(w)
			}
			rows = append(rows, row)
			return true
		})
	}
	return rows
}

// searchStart returns the path index when it is current, and the degree
// of each of q's ends that is an entity, from the index or from Neo4j.
func (s *Store) searchStart(ctx context.Context, q PathQuery) (*topology, map[string]int64, error) {
	t, err := s.currentTopology(ctx)
	if err != nil {
		return nil, nil, err
	}
	ends := []string{q.From, q.To}
	if t != nil {
		return t, t.degrees(ends), nil
	}
	degs, err := s.entityDegrees(ctx, ends)
	return nil, degs, err
}

// degrees returns the degree of each of ids that is an entity.
func (t *topology) degrees(ids []string) map[string]int64 {
	out := make(map[string]int64, len(ids))
	for _, id := range ids {
		if v, ok := t.index[id]; ok {
			out[id] = t.degree(v)
		}
	}
	return out
}
