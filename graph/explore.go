package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
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
	params := map[string]any{"ids": ids}
	rel := strings.TrimSuffix(f.relPattern("r", params, false), ">")
	res, err = s.read(ctx, `MATCH (a:Entity WHERE a.id IN $ids)`+rel+`>(b:Entity WHERE b.id IN $ids)
RETURN a.id AS from, b.id AS to, r ORDER BY r.start, r.id LIMIT 10000`, params)
	if err != nil {
		return Subgraph{}, err
	}
	for _, rec := range res.Records {
		r, _, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
		if err != nil {
			return Subgraph{}, err
		}
		from, _, _ := neo4j.GetRecordValue[string](rec, "from")
		to, _, _ := neo4j.GetRecordValue[string](rec, "to")
		g.Relationships = append(g.Relationships, relFromRel(r, map[string]string{r.StartElementId: from, r.EndElementId: to}))
	}
	return g, nil
}
