package graph

import (
	"context"
	"slices"
)

// MaxAmong is the most entities Among takes: a canvas is a working set an
// investigator reads, not a dump of the graph.
const MaxAmong = 200

// Among returns the entities with the given ids, sorted by id, and every
// relationship among them that passes the filter. An id that names no
// entity is an *UnknownEntityError; duplicates count once.
func (s *Store) Among(ctx context.Context, ids []string, f Filter) (Subgraph, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) > MaxAmong {
		return Subgraph{}, ParamErrorf("ids", "want at most %d entities, got %d", MaxAmong, len(ids))
	}
	if err := f.validate(); err != nil {
		return Subgraph{}, err
	}
	g := Subgraph{Nodes: []Entity{}, Relationships: []Relationship{}}
	if len(ids) == 0 {
		return g, nil
	}
	res, err := s.read(ctx, `MATCH (m:Entity WHERE m.id IN $ids) RETURN m ORDER BY m.id`, map[string]any{"ids": ids})
	if err != nil {
		return Subgraph{}, err
	}
	found := make(map[string]bool, len(ids))
	for _, rec := range res.Records {
		e, err := recordNode(rec, "m")
		if err != nil {
			return Subgraph{}, err
		}
		found[e.ID] = true
		g.Nodes = append(g.Nodes, e)
	}
	for _, id := range ids {
		if !found[id] {
			return Subgraph{}, &UnknownEntityError{Ref: id}
		}
	}
	if g.Relationships, err = s.linksAmong(ctx, ids, f); err != nil {
		return Subgraph{}, err
	}
	return g, nil
}
