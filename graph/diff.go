package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
)

// Change says how a relationship's time relates to two dates, From and To,
// under the one rule of time (Relationship.HoldsAsOf, without past events).
type Change string

// The changes.
const (
	// Started: holds on To, not on From (it began after From).
	Started Change = "started"
	// Ended: holds on From, not on To (it ended before To).
	Ended Change = "ended"
	// Persisted: holds on both dates.
	Persisted Change = "persisted"
	// Between: holds on neither date but some time between them (an
	// event, or a state that began after From and ended before To).
	Between Change = "between"
	// Undated: unknown time; it may hold on both dates, so it is counted
	// in both neighbourhoods, as undated claims pass windows and as-of.
	Undated Change = "undated"
)

// Changes lists the changes in display order, with what each means.
var Changes = []struct {
	Change  Change
	Meaning string
}{
	{Started, "holds on the second date, not on the first"},
	{Ended, "held on the first date, not on the second"},
	{Persisted, "holds on both dates"},
	{Between, "began after the first date and was over by the second (events in between)"},
	{Undated, "the source gives no date: its time is unknown, so it counts on both dates"},
}

// ChangeOf classifies r between the dates from and to.
func ChangeOf(r Relationship, from, to PartialDate) Change {
	if !r.Span().Known() {
		return Undated
	}
	atFrom, atTo := r.HoldsAsOf(from, false), r.HoldsAsOf(to, false)
	switch {
	case atFrom && atTo:
		return Persisted
	case atFrom:
		return Ended
	case atTo:
		return Started
	}
	return Between
}

// DiffQuery asks what changed around an entity between two dates.
type DiffQuery struct {
	ID       string
	From, To PartialDate
	// Depth is the neighbourhood's radius in hops (default 1).
	Depth int
	// Limit caps the entities considered, the centre included.
	Limit int
	// DatedOnly leaves undated claims out; otherwise they are listed as
	// Undated and count on both dates.
	DatedOnly bool
}

// Note says in one line how the diff treats time, for answers to state it.
func (q DiffQuery) Note() string {
	s := fmt.Sprintf("relationships around the entity whose time overlaps %s to %s, classified by whether they hold on each date", q.From, q.To)
	if q.DatedOnly {
		return s + "; undated claims left out"
	}
	return s + "; undated claims listed apart (their time is unknown, so they count on both dates)"
}

// Diff is what changed around an entity between two dates: its
// neighbourhood's relationships whose span overlaps [From, To], each
// classified by ChangeOf, and the entities that entered or left the
// neighbourhood (within Depth hops through relationships holding on the
// date; undated relationships count on both dates).
type Diff struct {
	Entity    Entity         `json:"entity"`
	From      PartialDate    `json:"from"`
	To        PartialDate    `json:"to"`
	Depth     int            `json:"depth"`
	Started   []Relationship `json:"started"`
	Ended     []Relationship `json:"ended"`
	Persisted []Relationship `json:"persisted"`
	Between   []Relationship `json:"between"`
	Undated   []Relationship `json:"undated"`
	// Entered are in the neighbourhood on To and not on From; Left the
	// other way round. Both are sorted by id.
	Entered []Entity `json:"entered"`
	Left    []Entity `json:"left"`
	// Nodes are every entity the relationships above link.
	Nodes     []Entity `json:"nodes"`
	Truncated bool     `json:"truncated"`
}

// Relationships returns every relationship of d with its change, in the
// order of Changes.
func (d Diff) Relationships() ([]Relationship, map[string]Change) {
	var out []Relationship
	ch := map[string]Change{}
	for _, part := range []struct {
		c  Change
		rs []Relationship
	}{{Started, d.Started}, {Ended, d.Ended}, {Persisted, d.Persisted}, {Between, d.Between}, {Undated, d.Undated}} {
		for _, r := range part.rs {
			out = append(out, r)
			ch[r.ID] = part.c
		}
	}
	return out, ch
}

// Validate checks the dates and bounds; it fills the default depth.
func (q *DiffQuery) Validate() error {
	if q.From.IsZero() || q.To.IsZero() {
		return Errorf(ErrInvalid, "diff: both from and to dates are required")
	}
	if !q.From.Last().Before(q.To.First()) {
		return Errorf(ErrInvalid, "diff: to %s must be after from %s (and not overlap it)", q.To, q.From)
	}
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Depth < 1 || q.Depth > MaxDepth {
		return Errorf(ErrInvalid, "depth %d: want 1 to %d", q.Depth, MaxDepth)
	}
	return nil
}

// Diff answers a diff query: the neighbourhood within Depth hops through
// relationships whose span overlaps [From, To] (undated ones included), and
// what changed in it.
func (s *Store) Diff(ctx context.Context, q DiffQuery) (Diff, error) {
	if err := q.Validate(); err != nil {
		return Diff{}, err
	}
	g, err := s.Neighbors(ctx, NeighborQuery{ID: q.ID, Depth: q.Depth, Limit: q.Limit,
		Filter: Filter{Window: Window{Since: q.From, Until: q.To}, DatedOnly: q.DatedOnly}})
	if err != nil {
		return Diff{}, err
	}
	return DiffOf(g, q.From, q.To, q.Depth), nil
}

// DiffOf classifies the relationships of g, a neighbourhood whose first node
// is its centre, between from and to, and finds the entities within depth
// hops of the centre on each date.
func DiffOf(g Subgraph, from, to PartialDate, depth int) Diff {
	d := Diff{From: from, To: to, Depth: depth, Nodes: g.Nodes, Truncated: g.Truncated,
		Started: []Relationship{}, Ended: []Relationship{}, Persisted: []Relationship{}, Between: []Relationship{},
		Undated: []Relationship{}, Entered: []Entity{}, Left: []Entity{}}
	if len(g.Nodes) == 0 {
		return d
	}
	d.Entity = g.Nodes[0]
	for _, r := range g.Relationships {
		switch ChangeOf(r, from, to) {
		case Started:
			d.Started = append(d.Started, r)
		case Ended:
			d.Ended = append(d.Ended, r)
		case Persisted:
			d.Persisted = append(d.Persisted, r)
		case Between:
			d.Between = append(d.Between, r)
		default:
			d.Undated = append(d.Undated, r)
		}
	}
	before := reach(d.Entity.ID, g.Relationships, depth, func(r Relationship) bool { return r.HoldsAsOf(from, false) })
	after := reach(d.Entity.ID, g.Relationships, depth, func(r Relationship) bool { return r.HoldsAsOf(to, false) })
	for _, e := range g.Nodes {
		switch {
		case after[e.ID] && !before[e.ID]:
			d.Entered = append(d.Entered, e)
		case before[e.ID] && !after[e.ID]:
			d.Left = append(d.Left, e)
		}
	}
	byID := func(a, b Entity) int { return cmp.Compare(a.ID, b.ID) }
	slices.SortFunc(d.Entered, byID)
	slices.SortFunc(d.Left, byID)
	return d
}

// reach returns the entities within depth hops of centre through the
// relationships that pass keep, walked both ways.
func reach(centre string, rs []Relationship, depth int, keep func(Relationship) bool) map[string]bool {
	seen := map[string]bool{centre: true}
	frontier := []string{centre}
	for range depth {
		var next []string
		for _, r := range rs {
			if !keep(r) {
				continue
			}
			for _, end := range [][2]string{{r.From, r.To}, {r.To, r.From}} {
				if slices.Contains(frontier, end[0]) && !seen[end[1]] {
					seen[end[1]] = true
					next = append(next, end[1])
				}
			}
		}
		frontier = next
	}
	return seen
}
