package bench

import (
	"context"
	"fmt"
	"strings"
	"time"

	"explorer/graph"
)

// baselineChronological answers a chronological query (no filter beyond the
// default types) the way the mode did before its frontier search: a
// shortestPath check over dated links, then one exhaustive GQL query,
// SHORTEST k GROUPS with the whole-path time condition, returning each path
// with its strength facts. It returns the number of paths (at most k). The
// queries go through Store.Query with a 30 s limit, the store's own limit
// for path queries; the read-only guard adds an EXPLAIN round trip to each.
func baselineChronological(ctx context.Context, st *graph.Store, q graph.PathQuery) (int, error) {
	if err := q.Normalize(); err != nil {
		return 0, err
	}
	types := make([]string, 0, len(graph.Vocabulary))
	for _, t := range q.WalkTypes() {
		types = append(types, string(t))
	}
	var symmetric []string
	for _, s := range graph.Vocabulary {
		if s.Symmetric {
			symmetric = append(symmetric, string(s.Type))
		}
	}
	lim := graph.QueryLimits{Rows: 1000, Bytes: 64 << 20, Timeout: 30 * time.Second}
	params := map[string]any{"from": q.From, "to": q.To, "exclude": []string{}, "cap": 500, "symmetric": symmetric}
	rels := ":" + strings.Join(types, "|")
	pre := fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[%s*1..%d]-(b))
WHERE all(n IN nodes(p) WHERE NOT n.id IN $exclude) AND all(r IN relationships(p) WHERE r.spanFrom IS NOT NULL)
RETURN length(p) AS n LIMIT 1`, rels, q.MaxHops)
	res, err := st.Query(ctx, pre, params, lim)
	if err != nil {
		return 0, err
	}
	if len(res.Rows) == 0 {
		return 0, nil
	}
	next := "CASE WHEN x.spanFrom > t THEN x.spanFrom ELSE t END"
	lower := 1
	if q.MaxHops == 1 {
		lower = 0
	}
	ranked := fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = SHORTEST %d GROUPS ((a)(()-[r%s WHERE r.spanFrom IS NOT NULL]-(n:Entity WHERE NOT n.id IN $exclude)){%d,%d}(b)
  WHERE a <> b AND NOT a IN n AND all(i IN range(0, size(n) - 2) WHERE NOT n[i] IN n[i + 1..])
  AND reduce(t = '', x IN r | CASE WHEN t IS NULL THEN NULL
    WHEN x.spanTo IS NOT NULL AND x.spanTo < %s THEN NULL ELSE %s END) IS NOT NULL)
WITH p ORDER BY length(p) LIMIT $cap
CALL {
  WITH p
  UNWIND range(0, length(p) - 1) AS i
  WITH i, relationships(p)[i] AS r
  WITH i, r, startNode(r) AS x, endNode(r) AS y
  OPTIONAL MATCH (x)-[s]-(y)
  WHERE type(s) = type(r) AND (type(r) IN $symmetric OR startNode(s) = x)
  WITH i, count(DISTINCT coalesce(s.citedSourceId, s.citedSource, s.sourceId, s.source)) AS n
  ORDER BY i
  RETURN collect(n) AS sources
}
RETURN p, sources, [n IN nodes(p) | COUNT { (n)--() }] AS degrees`, q.K, rels, lower, q.MaxHops, next, next)
	res, err = st.Query(ctx, ranked, params, lim)
	if err != nil {
		return 0, err
	}
	return min(len(res.Rows), q.K), nil
}
