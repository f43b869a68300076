package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// ChronologicalReference answers a chronological query (by length) with the
// one exhaustive query the mode used before Store.chronological: the GQL
// SHORTEST k GROUPS selector with the whole-path time condition. Tests keep
// it as a second reference beside their brute force.
func (s *Store) ChronologicalReference(ctx context.Context, q PathQuery) ([]Path, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	params := map[string]any{"from": q.From, "to": q.To, "exclude": nonNil(q.Exclude), "cap": maxPathsFetched}
	rel := q.Filter.relPattern("r", params, true)
	next := "CASE WHEN x.spanFrom > t THEN x.spanFrom ELSE t END"
	chain := fmt.Sprintf(`reduce(t = '', x IN r | CASE WHEN t IS NULL THEN NULL
  WHEN x.spanTo IS NOT NULL AND x.spanTo < %s THEN NULL ELSE %s END) IS NOT NULL`, next, next)
	lower := 1
	if q.MaxHops == 1 {
		lower = 0
	}
	cypher := fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST %d GROUPS ((a)(()%s(n:Entity WHERE NOT n.id IN $exclude)){%d,%d}(b)
  WHERE a <> b AND NOT a IN n AND all(i IN range(0, size(n) - 2) WHERE NOT n[i] IN n[i + 1..]) AND %s)
WITH p ORDER BY length(p) LIMIT $cap
RETURN p`, q.K, rel, lower, q.MaxHops, chain)
	res, err := s.read(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	var paths []Path
	for _, rec := range res.Records {
		p, _, err := neo4j.GetRecordValue[neo4j.Path](rec, "p")
		if err != nil {
			return nil, err
		}
		paths = append(paths, pathFromNeo4j(p))
	}
	SortPaths(paths)
	return paths[:min(q.K, len(paths))], nil
}
