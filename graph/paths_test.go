package graph_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// matches reports whether got equals want, where a wanted entry may list
// alternatives separated by '|' (any one of the shortest paths will do).
func matches(got, want []string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if !slices.Contains(strings.Split(want[i], "|"), got[i]) {
			return false
		}
	}
	return true
}

// pathIDs renders paths as "a-[r1]-b-[r2]-c" strings for comparison.
func pathIDs(ps []graph.Path) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		var b strings.Builder
		b.WriteString(p.Nodes[0].ID)
		for j, r := range p.Relationships {
			fmt.Fprintf(&b, "-[%s]-%s", r.ID, p.Nodes[j+1].ID)
		}
		out[i] = b.String()
	}
	return out
}

// fixture is a small graph with a known answer to each query below:
//
//	a -SUPPLIED 1990-11-> b -ASSISTED 1990-> c          (2 hops, dated 1990)
//	a -SUPPLIED 1995-> d -TRAINED 1980-> c              (2 hops, not chronological)
//	a -ASSISTED 2016-01-> e -SUPPLIED 2018-08-> f -COOPERATED_WITH 2019-> c  (3 hops)
//	a -SUBSIDIARY_OF (undated)-> g -SUPPLIED 2020-> c   (2 hops, one undated)
func fixture(t *testing.T) *graph.Store {
	st := testdb.Open(t)
	var es []graph.Entity
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		es = append(es, ent(id, "Entity "+strings.ToUpper(id), graph.Organization))
	}
	load(t, st, es, []graph.Relationship{
		rel("ab", "SUPPLIED", "a", "b", "1990-11", "", graph.Reported),
		rel("bc", "ASSISTED", "b", "c", "1990", "", graph.Alleged),
		rel("ad", "SUPPLIED", "a", "d", "1995", "", graph.Reported),
		rel("dc", "TRAINED", "d", "c", "1980", "", graph.Alleged),
		rel("ae", "ASSISTED", "a", "e", "2016-01", "", graph.Confirmed),
		rel("ef", "SUPPLIED", "e", "f", "2018-08", "", graph.Alleged),
		rel("fc", "COOPERATED_WITH", "f", "c", "2019", "", graph.Confirmed),
		rel("ag", "SUBSIDIARY_OF", "a", "g", "", "", graph.Confirmed),
		rel("gc", "SUPPLIED", "g", "c", "2020", "", graph.Reported),
	})
	return st
}

func TestPathsKnownAnswers(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	types := func(s string) []graph.RelType { ts, _ := graph.ParseRelTypes(s); return ts }
	win := func(since, until string) graph.Window {
		var w graph.Window
		if since != "" {
			w.Since = graph.MustDate(since)
		}
		if until != "" {
			w.Until = graph.MustDate(until)
		}
		return w
	}
	tests := []struct {
		name string
		q    graph.PathQuery
		want []string
	}{
		{"shortest is one of the shortest", graph.PathQuery{From: "a", To: "c"},
			[]string{"a-[ab]-b-[bc]-c|a-[ad]-d-[dc]-c|a-[ag]-g-[gc]-c"}},
		{"all shortest", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest},
			[]string{"a-[ab]-b-[bc]-c", "a-[ad]-d-[dc]-c", "a-[ag]-g-[gc]-c"}},
		{"k shortest ranks longer paths after", graph.PathQuery{From: "a", To: "c", Mode: graph.KShortest, K: 4},
			[]string{"a-[ab]-b-[bc]-c", "a-[ad]-d-[dc]-c", "a-[ag]-g-[gc]-c", "a-[ae]-e-[ef]-f-[fc]-c"}},
		{"k shortest breaks ties at the cut by ids", graph.PathQuery{From: "a", To: "c", Mode: graph.KShortest, K: 2},
			[]string{"a-[ab]-b-[bc]-c", "a-[ad]-d-[dc]-c"}},
		{"k shortest backwards, directed", graph.PathQuery{From: "c", To: "a", Mode: graph.KShortest, K: 3, Filter: graph.Filter{Directed: true}},
			nil},
		{"k shortest within a window", graph.PathQuery{From: "c", To: "a", Mode: graph.KShortest, K: 3, Filter: graph.Filter{Window: win("2016", "2019")}},
			[]string{"c-[fc]-f-[ef]-e-[ae]-a"}},
		{"types filter inside the search", graph.PathQuery{From: "a", To: "c", Filter: graph.Filter{Types: types("ASSISTED,SUPPLIED,COOPERATED_WITH")}},
			[]string{"a-[ab]-b-[bc]-c"}},
		{"types filter inside the search finds a longer path", graph.PathQuery{From: "a", To: "c", Filter: graph.Filter{Types: types("ASSISTED,COOPERATED_WITH")}},
			nil},
		{"exclusions inside the search find a longer path", graph.PathQuery{From: "a", To: "c", Filter: graph.Filter{Exclude: []string{"b", "d", "g"}}},
			[]string{"a-[ae]-e-[ef]-f-[fc]-c"}},
		{"types filter excludes the shortest", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{Types: types("SUPPLIED,COOPERATED_WITH,ASSISTED,TRAINED")}},
			[]string{"a-[ab]-b-[bc]-c", "a-[ad]-d-[dc]-c"}},
		{"window 2016-2019 keeps the 3-hop path and the undated hop", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{Window: win("2016", "2019")}},
			[]string{"a-[ae]-e-[ef]-f-[fc]-c"}},
		{"window 2020 passes undated hops", graph.PathQuery{From: "a", To: "c", Filter: graph.Filter{Window: win("2020", "")}},
			[]string{"a-[ag]-g-[gc]-c"}},
		{"exclude routes around", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{Exclude: []string{"b", "g"}}},
			[]string{"a-[ad]-d-[dc]-c"}},
		{"max hops", graph.PathQuery{From: "a", To: "c", MaxHops: 2, Filter: graph.Filter{Exclude: []string{"b", "d", "g"}}},
			nil},
		{"chronological skips 1995 then 1980 and undated hops", graph.PathQuery{From: "a", To: "c", Mode: graph.Chronological, K: 5},
			[]string{"a-[ab]-b-[bc]-c", "a-[ae]-e-[ef]-f-[fc]-c"}},
		{"chronological backwards", graph.PathQuery{From: "c", To: "a", Mode: graph.Chronological, K: 5},
			[]string{"c-[bc]-b-[ab]-a", "c-[dc]-d-[ad]-a"}},
		{"chronological backwards is not chronological", graph.PathQuery{From: "c", To: "a", Mode: graph.Chronological, K: 5, Filter: graph.Filter{Exclude: []string{"b", "d"}}},
			nil},
		{"dated only leaves out the undated hop", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{Window: win("2020", ""), DatedOnly: true}},
			nil},
		{"as of 1990 keeps what happened in 1990", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{AsOf: graph.MustDate("1990")}},
			[]string{"a-[ab]-b-[bc]-c"}},
		{"as of 2019 leaves out past events", graph.PathQuery{From: "a", To: "c", Filter: graph.Filter{AsOf: graph.MustDate("2019")}},
			nil},
		{"as of 2019 with past events", graph.PathQuery{From: "a", To: "c", Mode: graph.AllShortest, Filter: graph.Filter{AsOf: graph.MustDate("2019"), IncludePastEvents: true}},
			[]string{"a-[ab]-b-[bc]-c", "a-[ad]-d-[dc]-c"}},
		{"directed follows arrows", graph.PathQuery{From: "c", To: "a", Filter: graph.Filter{Directed: true}},
			nil},
		{"directed forward", graph.PathQuery{From: "a", To: "f", Filter: graph.Filter{Directed: true}},
			[]string{"a-[ae]-e-[ef]-f"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := st.Paths(ctx, tt.q)
			if tt.want == nil {
				if !errors.Is(err, graph.ErrNoPath) {
					t.Fatalf("Paths(%+v) = %v, %v; want ErrNoPath", tt.q, pathIDs(got), err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Paths(%+v): %v", tt.q, err)
			}
			if g := pathIDs(got); !matches(g, tt.want) {
				t.Errorf("Paths(%+v) =\n%v\nwant\n%v", tt.q, g, tt.want)
			}
		})
	}
}

func TestPathsErrors(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for _, q := range []graph.PathQuery{
		{From: "a", To: "nobody"},
		{From: "nobody", To: "a"},
	} {
		if _, err := st.Paths(ctx, q); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Paths(%+v) err = %v, want ErrNotFound", q, err)
		}
	}
	for _, q := range []graph.PathQuery{
		{From: "a", To: "a"},
		{From: "a", To: "c", MaxHops: 99},
		{From: "a", To: "c", Mode: "fastest"},
		{From: "a", To: "c", Filter: graph.Filter{Exclude: []string{"c"}}},
		{From: "a", To: "c", Filter: graph.Filter{Types: []graph.RelType{"DROP"}}},
		{From: "a", To: "c", Filter: graph.Filter{Window: graph.Window{Since: graph.MustDate("2000"), Until: graph.MustDate("1990")}}},
		{From: "a", To: "c", Filter: graph.Filter{IncludePastEvents: true}},
	} {
		if _, err := st.Paths(ctx, q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Paths(%+v) err = %v, want ErrInvalid", q, err)
		}
	}
}

func TestNeighbors(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	ids := func(g graph.Subgraph) []string {
		var out []string
		for _, n := range g.Nodes {
			out = append(out, n.ID)
		}
		slices.Sort(out)
		return out
	}
	g, err := st.Neighbors(ctx, graph.NeighborQuery{ID: "a"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(g); !slices.Equal(got, []string{"a", "b", "d", "e", "g"}) || g.Truncated {
		t.Errorf("depth 1 = %v (truncated %v)", got, g.Truncated)
	}
	g, _ = st.Neighbors(ctx, graph.NeighborQuery{ID: "a", Depth: 2, Filter: graph.Filter{Window: graph.Window{Since: graph.MustDate("2016")}}})
	if got := ids(g); !slices.Equal(got, []string{"a", "c", "e", "f", "g"}) {
		t.Errorf("depth 2 since 2016 = %v, want a c e f g", got)
	}
	for _, r := range g.Relationships {
		if r.ID == "ab" || r.ID == "dc" {
			t.Errorf("relationship %s is outside the window", r.ID)
		}
	}
	// As of 1990 the 1990-11 shipment holds and the undated subsidiary
	// passes; as of 2000 only past events reach b and d.
	for _, tt := range []struct {
		f    graph.Filter
		want []string
	}{
		{graph.Filter{AsOf: graph.MustDate("1990")}, []string{"a", "b", "g"}},
		{graph.Filter{AsOf: graph.MustDate("2000")}, []string{"a", "g"}},
		{graph.Filter{AsOf: graph.MustDate("2000"), IncludePastEvents: true}, []string{"a", "b", "d", "g"}},
		{graph.Filter{AsOf: graph.MustDate("2000"), IncludePastEvents: true, DatedOnly: true}, []string{"a", "b", "d"}},
	} {
		g, err := st.Neighbors(ctx, graph.NeighborQuery{ID: "a", Filter: tt.f})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(g); !slices.Equal(got, tt.want) {
			t.Errorf("Neighbors(a, %+v) = %v, want %v", tt.f, got, tt.want)
		}
	}
	g, _ = st.Neighbors(ctx, graph.NeighborQuery{ID: "a", Depth: 3, Limit: 3})
	if len(g.Nodes) != 3 || !g.Truncated {
		t.Errorf("limit 3: %d nodes, truncated %v; want 3, true", len(g.Nodes), g.Truncated)
	}
}

// TestPathsMatchBruteForce compares every mode and filter against an
// exhaustive enumeration of simple paths on random small graphs. A filter
// applied after the search instead of during it, or ignored, fails here.
func TestPathsMatchBruteForce(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	// SUPPLIED is an event, LEADS and SUBSIDIARY_OF are states: a state
	// with no end holds from its start onward. DIPLOMATIC_RELATIONS is a
	// symmetric political state, REPORTED_ON a mention, walked only when
	// asked.
	relTypes := []graph.RelType{"SUPPLIED", "LEADS", "SUBSIDIARY_OF", "DIPLOMATIC_RELATIONS", "REPORTED_ON"}
	dates := []string{"", "1990", "1990-11", "1991-03-05", "1992", "1993-07", "1995", "199X"}
	confs := []graph.Confidence{graph.Confirmed, graph.Reported, graph.Assessed, graph.Alleged, graph.Disputed}
	statuses := []graph.Status{"", graph.Attempted, graph.Planned}
	// As-of dates fall before, inside, between and after the dates above.
	asOfDates := []string{"1989", "1990", "1990-11-15", "1991", "1993-07-20", "1995", "1997"}
	rounds := 12
	if testing.Short() {
		rounds = 3
	}
	for round := range rounds {
		rng := rand.New(rand.NewPCG(uint64(round), 42))
		kr := rand.New(rand.NewPCG(uint64(round), 43))
		n := 7
		var es []graph.Entity
		for i := range n {
			es = append(es, ent(fmt.Sprintf("n%d", i), fmt.Sprintf("Node %d", i), graph.Organization))
		}
		var rs []graph.Relationship
		for i := range 15 {
			a, b := rng.IntN(n), rng.IntN(n)
			if a == b {
				continue
			}
			start, end := dates[rng.IntN(len(dates))], ""
			if start != "" && rng.IntN(4) == 0 {
				end = "1996"
			}
			r := rel(fmt.Sprintf("r%02d", i), relTypes[rng.IntN(len(relTypes))], es[a].ID, es[b].ID, start, end, confs[rng.IntN(len(confs))])
			r.Status = statuses[rng.IntN(len(statuses))]
			r.SourceID = fmt.Sprintf("s%d", rng.IntN(3))
			if rng.IntN(3) == 0 {
				r.CitedSource = fmt.Sprintf("report %d", rng.IntN(2))
			}
			switch {
			case start != "" && end == "" && rng.IntN(5) == 0:
				// A claim that overrides its type's kind.
				ongoing := rng.IntN(2) == 0
				r.Ongoing = &ongoing
			case start != "" && end == "" && rng.IntN(5) == 0:
				// A state merely attested at a date.
				r.Start, r.Attested = graph.PartialDate{}, r.Start
			}
			rs = append(rs, r)
			if rng.IntN(2) == 0 {
				// The same link from another source (or the same one).
				c := r
				c.ID = r.ID + "b"
				c.SourceID = fmt.Sprintf("s%d", rng.IntN(3))
				c.From, c.To = r.To, r.From
				if rng.IntN(2) == 0 {
					c.From, c.To = r.From, r.To
				}
				rs = append(rs, c)
			}
		}
		// A hub: one node with HubDegree leaves, so that the evidence
		// ranking weighs a path through it.
		hub := rng.IntN(n)
		for i := range graph.HubDegree {
			leaf := ent(fmt.Sprintf("leaf%02d", i), fmt.Sprintf("Leaf %d", i), graph.Organization)
			es = append(es, leaf)
			rs = append(rs, rel(fmt.Sprintf("h%02d", i), "SUPPLIED", es[hub].ID, leaf.ID, "1990", "", graph.Confirmed))
		}
		if err := st.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		load(t, st, es, rs)
		queries := []graph.PathQuery{}
		for range 8 {
			from, to := rng.IntN(n), rng.IntN(n)
			if from == to {
				continue
			}
			q := graph.PathQuery{From: es[from].ID, To: es[to].ID, MaxHops: 1 + rng.IntN(4), K: 1 + rng.IntN(4)}
			if rng.IntN(3) == 0 {
				q.Types = []graph.RelType{relTypes[rng.IntN(len(relTypes))], relTypes[rng.IntN(len(relTypes))]}
				q.Types = slices.Compact(q.Types)
			}
			q.WithMentions = rng.IntN(2) == 0
			if rng.IntN(3) == 0 {
				q.ExcludeTypes = []graph.RelType{relTypes[rng.IntN(len(relTypes))]}
			}
			if rng.IntN(3) == 0 {
				q.MinConfidence = confs[rng.IntN(len(confs))]
			}
			if rng.IntN(3) == 0 {
				q.Statuses = []graph.Status{graph.Completed}
				if rng.IntN(2) == 0 {
					q.Statuses = append(q.Statuses, graph.Attempted)
				}
			}
			if rng.IntN(2) == 0 {
				q.Window.Since = graph.MustDate(dates[1+rng.IntN(3)])
			}
			if rng.IntN(2) == 0 {
				q.Window.Until = graph.MustDate(dates[3+rng.IntN(3)])
			}
			if q.Window.Validate() != nil {
				q.Window = graph.Window{}
			}
			if rng.IntN(3) == 0 {
				x := rng.IntN(n)
				if x != from && x != to {
					q.Exclude = []string{es[x].ID}
				}
			}
			q.Directed = rng.IntN(4) == 0
			q.DatedOnly = rng.IntN(4) == 0
			if len(q.WalkTypes()) == 0 {
				q.ExcludeTypes = nil
			}
			if rng.IntN(3) == 0 {
				q.AsOf = graph.MustDate(asOfDates[rng.IntN(len(asOfDates))])
				q.IncludePastEvents = rng.IntN(2) == 0
			}
			for _, m := range []graph.PathMode{graph.Shortest, graph.AllShortest, graph.KShortest, graph.Chronological} {
				q.Mode = m
				q.Rank = graph.RankLength
				queries = append(queries, q)
				q.Rank = graph.RankEvidence
				queries = append(queries, q)
			}
			// k-shortest again with k up to 8 and up to 5 hops, from a
			// generator of its own so that the queries above stay as
			// they were: enough paths that ties at the cut are common.
			q.Mode, q.Rank = graph.KShortest, graph.RankLength
			q.K, q.MaxHops = 1+kr.IntN(8), 1+kr.IntN(5)
			queries = append(queries, q)
		}
		facts := factsOf(rs)
		// The same store with a path index: the k-shortest and
		// chronological searches read their hops from it.
		ix := st.WithoutPathIndex()
		if _, err := ix.BuildPathIndex(ctx); err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			want := bruteForce(es, rs, q)
			got, err := st.Paths(ctx, q)
			ixGot, ixErr := ix.Paths(ctx, q)
			if len(want) == 0 {
				if !errors.Is(err, graph.ErrNoPath) {
					t.Errorf("round %d: Paths(%+v) = %v, %v; brute force finds none", round, q, pathIDs(got), err)
				}
				if !errors.Is(ixErr, graph.ErrNoPath) {
					t.Errorf("round %d: with the path index, Paths(%+v) = %v, %v; brute force finds none", round, q, pathIDs(ixGot), ixErr)
				}
				continue
			}
			if err != nil {
				t.Errorf("round %d: Paths(%+v): %v; brute force finds %v", round, q, err, want)
				continue
			}
			if g := pathIDs(got); !matches(g, want) {
				t.Errorf("round %d: Paths(%+v) =\n  %v\nbrute force:\n  %v", round, q, g, want)
			}
			if g := pathIDs(ixGot); ixErr != nil || !matches(g, want) {
				t.Errorf("round %d: with the path index, Paths(%+v) =\n  %v, %v\nbrute force:\n  %v", round, q, g, ixErr, want)
			}
			checkStrength(t, got, facts, round, q)
			checkStrength(t, ixGot, facts, round, q)
			if q.Mode == graph.KShortest && q.Rank == graph.RankLength {
				// Yen's algorithm, which the search falls back to around
				// hubs, gives the same answer.
				yen, err := st.KShortestWithin(ctx, q, -1)
				if g := pathIDs(yen); err != nil || !slices.Equal(g, want) {
					t.Errorf("round %d: KShortestWithin(%+v, -1) = %v, %v\nbrute force:\n  %v", round, q, g, err, want)
				}
			}
		}
		if st := ix.PathIndexStats(); st.Misses != 0 || st.Hits == 0 {
			t.Errorf("round %d: the searches did not all read the path index: %+v", round, st)
		}
	}
}

// checkStrength checks that every path carries the strength its hops and
// the graph give it (the store's facts against the test's own count).
func checkStrength(t *testing.T, got []graph.Path, facts graph.PathFacts, round int, q graph.PathQuery) {
	t.Helper()
	for _, p := range got {
		want := graph.Assess(p, facts)
		if p.Strength == nil {
			t.Errorf("round %d: Paths(%+v): path %v has no strength", round, q, pathIDs([]graph.Path{p}))
			continue
		}
		if diff := gocmp.Diff(want, *p.Strength); diff != "" {
			t.Errorf("round %d: Paths(%+v): strength of %v (-want +got):\n%s", round, q, pathIDs([]graph.Path{p}), diff)
		}
	}
}

// factsOf counts degrees and independent sources in the test's own graph.
func factsOf(rs []graph.Relationship) graph.PathFacts {
	return graph.PathFacts{
		Degree: func(id string) int {
			d := 0
			for _, r := range rs {
				if r.From == id || r.To == id {
					d++
				}
			}
			return d
		},
		Sources: func(h graph.Relationship) int {
			spec, _ := h.Type.Spec()
			var keys []string
			for _, r := range rs {
				same := r.From == h.From && r.To == h.To || spec.Symmetric && r.From == h.To && r.To == h.From
				if r.Type != h.Type || !same {
					continue
				}
				k := r.CitedSourceID
				for _, alt := range []string{r.CitedSource, r.SourceID, r.Source} {
					if k == "" {
						k = alt
					}
				}
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
			return len(keys)
		},
	}
}

// bruteForce enumerates every simple path allowed by q and applies the
// mode's selection, in canonical order.
func bruteForce(es []graph.Entity, rs []graph.Relationship, q graph.PathQuery) []string {
	byID := map[string]graph.Entity{}
	for _, e := range es {
		byID[e.ID] = e
	}
	confRank := func(c graph.Confidence) int {
		return slices.Index([]graph.Confidence{graph.Confirmed, graph.Reported, graph.Assessed, graph.Alleged, graph.Disputed}, c)
	}
	allowed := func(r graph.Relationship) bool {
		spec, _ := r.Type.Spec()
		ok := spec.Family != graph.Mention
		if len(q.Types) > 0 {
			ok = slices.Contains(q.Types, r.Type)
		}
		if q.WithMentions && spec.Family == graph.Mention {
			ok = true
		}
		if !ok || slices.Contains(q.ExcludeTypes, r.Type) {
			return false
		}
		if q.MinConfidence != "" && confRank(r.Confidence) > confRank(q.MinConfidence) {
			return false
		}
		status := r.Status
		if status == "" {
			status = graph.Completed
		}
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, status) {
			return false
		}
		if !q.Window.Overlaps(r.Span()) {
			return false
		}
		if !q.AsOf.IsZero() && !r.HoldsAsOf(q.AsOf, q.IncludePastEvents) {
			return false
		}
		if (q.Mode == graph.Chronological || q.DatedOnly) && !r.Span().Known() {
			return false
		}
		return true
	}
	var all []graph.Path
	var walk func(p graph.Path)
	walk = func(p graph.Path) {
		last := p.Nodes[len(p.Nodes)-1]
		if last.ID == q.To {
			all = append(all, graph.Path{Nodes: slices.Clone(p.Nodes), Relationships: slices.Clone(p.Relationships)})
			return
		}
		if p.Len() == q.MaxHops {
			return
		}
		for _, r := range rs {
			if !allowed(r) {
				continue
			}
			var next string
			switch {
			case r.From == last.ID:
				next = r.To
			case r.To == last.ID && !q.Directed:
				next = r.From
			default:
				continue
			}
			if slices.Contains(q.Exclude, next) || slices.ContainsFunc(p.Nodes, func(e graph.Entity) bool { return e.ID == next }) {
				continue
			}
			if q.Mode == graph.Chronological {
				var spans []graph.Span
				for _, h := range append(slices.Clone(p.Relationships), r) {
					spans = append(spans, h.Span())
				}
				if _, ok := graph.Chain(spans...); !ok {
					continue
				}
			}
			walk(graph.Path{Nodes: append(p.Nodes, byID[next]), Relationships: append(p.Relationships, r)})
		}
	}
	walk(graph.Path{Nodes: []graph.Entity{byID[q.From]}})
	if len(all) == 0 {
		return nil
	}
	graph.SortPaths(all)
	shortest := 0
	for shortest < len(all) && all[shortest].Len() == all[0].Len() {
		shortest++
	}
	if q.Rank == graph.RankEvidence {
		// Candidates: the shortest paths for the shortest modes, every
		// allowed path otherwise; strongest first, then canonical order.
		if q.Mode == graph.Shortest || q.Mode == graph.AllShortest {
			all = all[:shortest]
		}
		facts := factsOf(rs)
		scores := map[string]float64{}
		for _, p := range all {
			scores[pathIDs([]graph.Path{p})[0]] = graph.Assess(p, facts).Score
		}
		slices.SortStableFunc(all, func(a, b graph.Path) int {
			return cmp.Compare(scores[pathIDs([]graph.Path{b})[0]], scores[pathIDs([]graph.Path{a})[0]])
		})
		switch q.Mode {
		case graph.Shortest:
			all = all[:1]
		case graph.KShortest, graph.Chronological:
			all = all[:min(q.K, len(all))]
		}
		return pathIDs(all)
	}
	switch q.Mode {
	case graph.Shortest:
		// Any shortest path is a right answer.
		return []string{strings.Join(pathIDs(all[:shortest]), "|")}
	case graph.AllShortest:
		all = all[:shortest]
	default:
		all = all[:min(q.K, len(all))]
	}
	return pathIDs(all)
}
