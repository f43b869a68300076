package bench

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
)

// yenPath is a path of the k-shortest baseline: entity ids, and per hop the
// relationship's key (type:id) and stored endpoints.
type yenPath struct {
	nodes    []string
	rels     []string
	from, to []string
	types    []string
}

func (p yenPath) key() string {
	return strings.Join(p.nodes, "|") + "/" + strings.Join(p.rels, "|")
}

// baselineKShortest answers a k-shortest query (no filter beyond the default
// types) the way the mode did before its frontier search: Yen's algorithm,
// each spur one bidirectional shortestPath query run after the other, then
// one query for the strength facts of the paths found (or, when there is
// none, the endpoint check that tells a missing entity from no path). It
// runs on drv directly, as the store runs its own path queries, with the
// store's 30 s limit per query, and returns the lengths of the paths in
// their order.
func baselineKShortest(ctx context.Context, drv neo4j.DriverWithContext, database string, q graph.PathQuery) ([]int, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	types := make([]string, 0, len(graph.Vocabulary))
	for _, t := range q.WalkTypes() {
		types = append(types, string(t))
	}
	read := func(cypher string, params map[string]any) (*neo4j.EagerResult, error) {
		return neo4j.ExecuteQuery(ctx, drv, cypher, params, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(database), neo4j.ExecuteQueryWithReadersRouting(),
			neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(30*time.Second)))
	}
	spur := func(from string, hops int, bannedNodes, bannedRels []string) (*yenPath, error) {
		cypher := fmt.Sprintf(`MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = shortestPath((a)-[:%s*1..%d]-(b))
WHERE all(n IN nodes(p) WHERE NOT n.id IN $exclude) AND all(r IN relationships(p) WHERE NOT (type(r) + ':' + coalesce(r.id, '')) IN $banned)
WITH p LIMIT $cap
RETURN p`, strings.Join(types, "|"), hops)
		res, err := read(cypher, map[string]any{"from": from, "to": q.To, "exclude": append([]string{}, bannedNodes...),
			"banned": append([]string{}, bannedRels...), "cap": 1})
		if err != nil || len(res.Records) == 0 {
			return nil, err
		}
		p, _, err := neo4j.GetRecordValue[neo4j.Path](res.Records[0], "p")
		if err != nil {
			return nil, err
		}
		ids := map[string]string{}
		var out yenPath
		for _, n := range p.Nodes {
			id, _ := n.Props["id"].(string)
			ids[n.ElementId] = id
			out.nodes = append(out.nodes, id)
		}
		for _, r := range p.Relationships {
			id, _ := r.Props["id"].(string)
			out.rels = append(out.rels, r.Type+":"+id)
			out.from, out.to, out.types = append(out.from, ids[r.StartElementId]), append(out.to, ids[r.EndElementId]), append(out.types, r.Type)
		}
		return &out, nil
	}
	first, err := spur(q.From, q.MaxHops, nil, nil)
	if err != nil {
		return nil, err
	}
	if first == nil {
		_, err := read(`UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) RETURN id, e`, map[string]any{"ids": []string{q.From, q.To}})
		return nil, err
	}
	found := []yenPath{*first}
	seen := map[string]bool{first.key(): true}
	var candidates []yenPath
	for len(found) < q.K {
		prev := found[len(found)-1]
		for j := range len(prev.rels) {
			rootNodes, rootRels := prev.nodes[:j+1], prev.rels[:j]
			var bannedRels []string
			for _, p := range found {
				if len(p.rels) > j && slices.Equal(p.nodes[:j+1], rootNodes) && slices.Equal(p.rels[:j], rootRels) {
					bannedRels = append(bannedRels, p.rels[j])
				}
			}
			sp, err := spur(rootNodes[j], q.MaxHops-j, rootNodes[:j], bannedRels)
			if err != nil {
				return nil, err
			}
			if sp == nil {
				continue
			}
			c := yenPath{
				nodes: append(slices.Clone(rootNodes), sp.nodes[1:]...),
				rels:  append(slices.Clone(rootRels), sp.rels...),
				from:  append(slices.Clone(prev.from[:j]), sp.from...),
				to:    append(slices.Clone(prev.to[:j]), sp.to...),
				types: append(slices.Clone(prev.types[:j]), sp.types...),
			}
			if k := c.key(); !seen[k] {
				seen[k] = true
				candidates = append(candidates, c)
			}
		}
		if len(candidates) == 0 {
			break
		}
		slices.SortStableFunc(candidates, func(a, b yenPath) int { return len(a.rels) - len(b.rels) })
		found = append(found, candidates[0])
		candidates = candidates[1:]
	}
	// The strength facts, as the store asks for them after Yen's
	// algorithm: entity degrees and the sources of every hop.
	symmetric := map[string]bool{}
	for _, s := range graph.Vocabulary {
		symmetric[string(s.Type)] = s.Symmetric
	}
	var ids []string
	var hops []map[string]any
	lengths := make([]int, len(found))
	for i, p := range found {
		lengths[i] = len(p.rels)
		for _, n := range p.nodes[1 : len(p.nodes)-1] {
			if !slices.Contains(ids, n) {
				ids = append(ids, n)
			}
		}
		for h := range p.rels {
			hops = append(hops, map[string]any{"key": p.rels[h], "from": p.from[h], "to": p.to[h], "type": p.types[h], "symmetric": symmetric[p.types[h]]})
		}
	}
	slices.Sort(lengths)
	_, err = read(`CALL {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect([id, COUNT { (n)--() }]) AS degrees
}
CALL {
  UNWIND $hops AS h
  MATCH (a:Entity {id: h.from})-[r]-(b:Entity {id: h.to})
  WHERE type(r) = h.type AND (h.symmetric OR startNode(r) = a)
  WITH h, count(DISTINCT coalesce(r.citedSourceId, r.citedSource, r.sourceId, r.source)) AS n
  RETURN collect([h.key, n]) AS sources
}
RETURN degrees, sources`, map[string]any{"ids": append([]string{}, ids...), "hops": hops})
	return lengths, err
}
