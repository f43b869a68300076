package graph_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	gocmp "github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// TestChronologicalMatchesBruteForce compares the chronological search with
// an exhaustive enumeration (bruteForce) and with the exhaustive Cypher
// query the mode used before, on random graphs denser in time than those of
// TestPathsMatchBruteForce: parallel links of every time kind (events,
// states with and without an end, ongoing and ended claims, attested
// states, undated facts), and queries with large k, windows, as-of dates,
// exclusions and directions.
func TestChronologicalMatchesBruteForce(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	relTypes := []graph.RelType{"SUPPLIED", "LEADS", "SUBSIDIARY_OF", "DIPLOMATIC_RELATIONS", "MET_WITH", "REPORTED_ON"}
	dates := []string{"", "1990", "1990-11", "1990-11-20", "1991-03-05", "1992", "1993-07", "1995", "199X", "2001"}
	ends := []string{"1990-12", "1993", "1996", "2003"}
	rounds := 10
	if testing.Short() {
		rounds = 3
	}
	checked, linked, refChecked, refSlow := 0, 0, 0, 0
	var tBrute, tRef, tSearch time.Duration
	for round := range rounds {
		rng := rand.New(rand.NewPCG(uint64(round), 7))
		n := 6 + rng.IntN(4)
		var es []graph.Entity
		for i := range n {
			es = append(es, ent(fmt.Sprintf("n%d", i), fmt.Sprintf("Node %d", i), graph.Organization))
		}
		var rs []graph.Relationship
		for i := range 2*n + rng.IntN(2*n) {
			a, b := rng.IntN(n), rng.IntN(n)
			if a == b {
				continue
			}
			start, end := dates[rng.IntN(len(dates))], ""
			if start != "" && start != "2001" && rng.IntN(3) == 0 {
				end = ends[rng.IntN(len(ends))]
				if graph.MustDate(end).Last().Before(graph.MustDate(start).First()) {
					end = ""
				}
			}
			r := rel(fmt.Sprintf("r%02d", i), relTypes[rng.IntN(len(relTypes))], es[a].ID, es[b].ID, start, end, graph.Reported)
			switch {
			case start != "" && end == "" && rng.IntN(4) == 0:
				ongoing := rng.IntN(2) == 0
				r.Ongoing = &ongoing
			case start != "" && end == "" && rng.IntN(5) == 0:
				r.Start, r.Attested = graph.PartialDate{}, r.Start
			}
			rs = append(rs, r)
			for j := range rng.IntN(3) {
				// Parallel links: the same pair at other times.
				c := r
				c.ID = fmt.Sprintf("%s%c", r.ID, 'a'+j)
				c.Start, c.End, c.Attested, c.Ongoing = graph.PartialDate{}, graph.PartialDate{}, graph.PartialDate{}, nil
				if d := dates[rng.IntN(len(dates))]; d != "" {
					c.Start = graph.MustDate(d)
				}
				if rng.IntN(2) == 0 {
					c.From, c.To = r.To, r.From
				}
				rs = append(rs, c)
			}
		}
		if err := st.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		load(t, st, es, rs)
		// The same store with a path index, from which the search reads
		// its hops.
		ix := st.WithoutPathIndex()
		if _, err := ix.BuildPathIndex(ctx); err != nil {
			t.Fatal(err)
		}
		for range 12 {
			from, to := rng.IntN(n), rng.IntN(n)
			if from == to {
				continue
			}
			q := graph.PathQuery{From: es[from].ID, To: es[to].ID, Mode: graph.Chronological, MaxHops: 1 + rng.IntN(5), K: 1 + rng.IntN(8)}
			q.WithMentions = rng.IntN(3) == 0
			if rng.IntN(4) == 0 {
				q.Window.Since = graph.MustDate(dates[1+rng.IntN(4)])
			}
			if rng.IntN(4) == 0 {
				q.Window.Until = graph.MustDate(dates[4+rng.IntN(5)])
			}
			if q.Window.Validate() != nil {
				q.Window = graph.Window{}
			}
			if rng.IntN(4) == 0 {
				q.AsOf = graph.MustDate(dates[1+rng.IntN(len(dates)-1)])
				q.IncludePastEvents = rng.IntN(2) == 0
			}
			if x := rng.IntN(n); rng.IntN(3) == 0 && x != from && x != to {
				q.Exclude = []string{es[x].ID}
			}
			q.Directed = rng.IntN(4) == 0
			q.DatedOnly = rng.IntN(4) == 0
			t0 := time.Now()
			want := bruteForce(es, rs, q)
			tBrute += time.Since(t0)
			if q.K <= 3 && q.MaxHops <= 4 {
				// The old query is exhaustive: on these dense graphs it can
				// run for minutes at larger k and lengths (the cliff the
				// new search removes), so it checks the smaller queries.
				rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
				t0 := time.Now()
				ref, err := st.ChronologicalReference(rctx, q)
				tRef += time.Since(t0)
				cancel()
				switch {
				case errors.Is(err, graph.ErrTimeout):
					refSlow++
				case err != nil:
					t.Fatalf("round %d: reference query: %v", round, err)
				default:
					refChecked++
					if diff := gocmp.Diff(want, nilIfEmpty(pathIDs(ref))); diff != "" {
						t.Fatalf("round %d: the reference query and brute force disagree on %+v (-brute +reference):\n%s", round, q, diff)
					}
				}
			}
			t0 = time.Now()
			got, err := st.Paths(ctx, q)
			tSearch += time.Since(t0)
			checked++
			if len(want) == 0 {
				if !errors.Is(err, graph.ErrNoPath) {
					t.Errorf("round %d: Paths(%+v) = %v, %v; brute force finds none", round, q, pathIDs(got), err)
				}
				if ixGot, err := ix.Paths(ctx, q); !errors.Is(err, graph.ErrNoPath) {
					t.Errorf("round %d: with the path index, Paths(%+v) = %v, %v; brute force finds none", round, q, pathIDs(ixGot), err)
				}
				continue
			}
			linked++
			if err != nil {
				t.Errorf("round %d: Paths(%+v): %v; brute force finds %v", round, q, err, want)
				continue
			}
			if diff := gocmp.Diff(want, pathIDs(got)); diff != "" {
				t.Errorf("round %d: Paths(%+v) (-brute force +got):\n%s", round, q, diff)
			}
			if ixGot, err := ix.Paths(ctx, q); err != nil || !slices.Equal(pathIDs(ixGot), want) {
				t.Errorf("round %d: with the path index, Paths(%+v) = %v, %v (-brute force +got):\n%s", round, q, pathIDs(ixGot), err, gocmp.Diff(want, pathIDs(ixGot)))
			}
			for _, p := range got {
				if p.Strength == nil {
					t.Errorf("round %d: Paths(%+v): path %v has no strength", round, q, pathIDs([]graph.Path{p}))
				}
			}
		}
		if st := ix.PathIndexStats(); st.Misses != 0 || st.Hits == 0 {
			t.Errorf("round %d: the searches did not all read the path index: %+v", round, st)
		}
	}
	// The random graphs must exercise both answers.
	if linked == 0 || linked == checked {
		t.Errorf("%d of %d queries linked: the generator no longer tests both outcomes", linked, checked)
	}
	if refChecked == 0 {
		t.Errorf("the reference query checked no answer (%d ran past their time)", refSlow)
	}
	t.Logf("%d queries, %d linked; the reference query agreed on %d, %d ran past 10 s; time in brute force %v, reference %v, search %v",
		checked, linked, refChecked, refSlow, tBrute.Round(time.Millisecond), tRef.Round(time.Millisecond), tSearch.Round(time.Millisecond))
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
