package ingest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"explorer/graph"
)

// Redirector maps entity ids that were merged into other entities to the
// entity each is now part of (graph.Store.Redirects).
type Redirector func(ctx context.Context, ids []string) (map[string]string, error)

// redirect makes a re-import land on merged entities: an input entity whose
// id was merged into another is dropped (its names are the canonical's
// aliases already), and relationships that name it link the canonical
// entity instead. It returns how many input entities were dropped.
func (c *collector) redirect(ctx context.Context, r Redirector) (int, error) {
	seen := map[string]bool{}
	var ids []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, e := range c.entities {
		add(e.ID)
	}
	for _, rel := range c.rels {
		add(rel.From)
		add(rel.To)
	}
	to, err := r(ctx, ids)
	if err != nil {
		return 0, fmt.Errorf("looking up merged entities: %w", err)
	}
	if len(to) == 0 {
		return 0, nil
	}
	kept := c.entities[:0]
	dropped := 0
	for _, e := range c.entities {
		if _, merged := to[e.ID]; merged {
			dropped++
			continue
		}
		kept = append(kept, e)
	}
	c.entities = kept
	c.entIdx = make(map[string]int, len(kept))
	for i, e := range kept {
		c.entIdx[e.ID] = i
	}
	for i := range c.rels {
		if id, ok := to[c.rels[i].From]; ok {
			c.rels[i].From = id
		}
		if id, ok := to[c.rels[i].To]; ok {
			c.rels[i].To = id
		}
	}
	for i := range c.refs {
		if id, ok := to[c.refs[i].id]; ok {
			c.refs[i].id = id
		}
	}
	return dropped, nil
}

// MaxImportMatch is the most entities an import matches against the graph
// as it ends (about 4 ms each on a shared 2-core machine: see
// BENCHMARKS.md); a larger import is cross-referenced with xref later.
const MaxImportMatch = 10000

// MatchStore is what matching needs (*graph.Store).
type MatchStore interface {
	Redirects(ctx context.Context, ids []string) (map[string]string, error)
	Xref(ctx context.Context, o graph.XrefOptions) ([]graph.Candidate, error)
	Merge(ctx context.Context, a, b, by string, now time.Time) (graph.MergeResult, error)
}

// Matcher is an import's --match: the one place the CLI and the API
// import jobs get it from.
type Matcher struct {
	st   MatchStore
	mode string
	now  func() time.Time
	ids  []string
}

// NewMatcher returns the matcher for mode (one of graph.MatchModes, "" is
// graph.DefaultMatchMode); another mode is ErrInvalid.
func NewMatcher(st MatchStore, mode string, now func() time.Time) (*Matcher, error) {
	if mode == "" {
		mode = graph.DefaultMatchMode
	}
	if !slices.Contains(graph.MatchModes, mode) {
		return nil, graph.Errorf(graph.ErrInvalid, "match: want %s, got %q", strings.Join(graph.MatchModes, ", "), mode)
	}
	if now == nil {
		now = time.Now
	}
	return &Matcher{st: st, mode: mode, now: now}, nil
}

// Mode is the matcher's mode.
func (m *Matcher) Mode() string { return m.mode }

// Apply sets o's Redirect for the mode: merged ids land on their canonical
// entity (modes auto and review).
func (m *Matcher) Apply(o *Options) {
	if m.mode != "off" {
		o.Redirect = m.redirect
	}
}

func (m *Matcher) redirect(ctx context.Context, ids []string) (map[string]string, error) {
	m.ids = ids
	return m.st.Redirects(ctx, ids)
}

// After cross-references the imported entities with the graph once the
// import committed: in auto mode strong candidates (see
// graph.Candidate.Strong) are merged, each one only when it is the only
// strong match on both sides; the rest are counted for review.
func (m *Matcher) After(ctx context.Context, by string) (graph.ImportMatch, error) {
	out := graph.ImportMatch{Mode: m.mode}
	if m.mode == "off" || len(m.ids) == 0 {
		return out, nil
	}
	if len(m.ids) > MaxImportMatch {
		out.TooMany = len(m.ids)
		return out, nil
	}
	cands, err := m.st.Xref(ctx, graph.XrefOptions{IDs: m.ids})
	if err != nil {
		return out, fmt.Errorf("matching the imported entities: %w", err)
	}
	strong := map[string]int{}
	for _, c := range cands {
		if c.Strong() {
			strong[c.Left.ID]++
			strong[c.Right.ID]++
		}
	}
	for _, c := range cands {
		if m.mode == "auto" && c.Strong() && strong[c.Left.ID] == 1 && strong[c.Right.ID] == 1 {
			r, err := m.st.Merge(ctx, c.Left.ID, c.Right.ID, by, m.now())
			if err != nil {
				return out, fmt.Errorf("merging %s into %s: %w", c.Right.ID, c.Left.ID, err)
			}
			out.Merged = append(out.Merged, graph.MatchMerge{Merged: r.Merged, MergedName: c.Right.Name,
				Canonical: r.Canonical, CanonicalName: c.Left.Name, Score: c.Score})
			continue
		}
		out.Review++
	}
	return out, nil
}
