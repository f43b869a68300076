package graph

import (
	"context"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// kShortest finds k shortest simple paths with Yen's algorithm: each next
// path is the shortest "spur" that leaves one of the paths found so far at
// some node and avoids both the edges those paths took from there and the
// nodes before it. Every spur is one bidirectional shortestPath search, so
// a query costs about k times the path length of fast searches instead of
// one exhaustive enumeration.
func (s *Store) kShortest(ctx context.Context, q PathQuery) ([]Path, error) {
	first, err := s.spur(ctx, q, q.From, q.MaxHops, nil, nil)
	if err != nil {
		return nil, err
	}
	if first == nil {
		return nil, s.noPath(ctx, q)
	}
	found := []Path{*first}
	seen := map[string]bool{pathKey(*first): true}
	var candidates []Path
	for len(found) < q.K {
		prev := found[len(found)-1]
		for j := 0; j < prev.Len(); j++ {
			rootNodes, rootRels := prev.Nodes[:j+1], prev.Relationships[:j]
			var bannedRels []string
			for _, p := range found {
				if p.Len() > j && sameRoot(p, rootNodes, rootRels) {
					bannedRels = append(bannedRels, relKey(p.Relationships[j]))
				}
			}
			var bannedNodes []string
			for _, n := range rootNodes[:j] {
				bannedNodes = append(bannedNodes, n.ID)
			}
			sp, err := s.spur(ctx, q, rootNodes[j].ID, q.MaxHops-j, bannedNodes, bannedRels)
			if err != nil {
				return nil, err
			}
			if sp == nil {
				continue
			}
			c := Path{
				Nodes:         append(slices.Clone(rootNodes), sp.Nodes[1:]...),
				Relationships: append(slices.Clone(rootRels), sp.Relationships...),
			}
			if k := pathKey(c); !seen[k] {
				seen[k] = true
				candidates = append(candidates, c)
			}
		}
		if len(candidates) == 0 {
			break
		}
		SortPaths(candidates)
		found = append(found, candidates[0])
		candidates = candidates[1:]
	}
	SortPaths(found)
	return found, nil
}

// spur returns one shortest path from `from` to q.To within hops, avoiding
// the banned entities and relationships as well as q's own exclusions, or
// nil when there is none.
func (s *Store) spur(ctx context.Context, q PathQuery, from string, hops int, bannedNodes, bannedRels []string) (*Path, error) {
	sq := q
	sq.Mode, sq.From, sq.MaxHops = Shortest, from, hops
	sq.Exclude = append(slices.Clone(q.Exclude), bannedNodes...)
	params := map[string]any{"from": from, "to": q.To, "exclude": nonNil(sq.Exclude), "cap": 1, "banned": nonNil(bannedRels)}
	res, err := s.read(ctx, shortestCypher(sq, params, "NOT (type(r) + ':' + coalesce(r.id, '')) IN $banned")+"\nRETURN p", params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		return nil, nil
	}
	p, _, err := neo4j.GetRecordValue[neo4j.Path](res.Records[0], "p")
	if err != nil {
		return nil, err
	}
	out := pathFromNeo4j(p)
	return &out, nil
}

// relKey identifies a relationship: ids are unique per type.
func relKey(r Relationship) string { return string(r.Type) + ":" + r.ID }

func pathKey(p Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		b.WriteString(n.ID)
		if i < len(p.Relationships) {
			b.WriteString("|" + relKey(p.Relationships[i]) + "|")
		}
	}
	return b.String()
}

// sameRoot reports whether p starts with the given nodes and relationships.
func sameRoot(p Path, nodes []Entity, rels []Relationship) bool {
	for i, n := range nodes {
		if p.Nodes[i].ID != n.ID {
			return false
		}
	}
	for i, r := range rels {
		if relKey(p.Relationships[i]) != relKey(r) {
			return false
		}
	}
	return true
}
