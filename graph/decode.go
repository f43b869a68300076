package graph

import (
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// entityFromNode decodes an :Entity node. The type is the node's label from
// the EntityTypes set.
func entityFromNode(n neo4j.Node) Entity {
	e := Entity{}
	e.ID, _ = neo4j.GetProperty[string](n, "id")
	e.Name, _ = neo4j.GetProperty[string](n, "name")
	e.Description, _ = neo4j.GetProperty[string](n, "description")
	e.Country, _ = neo4j.GetProperty[string](n, "country")
	e.Aliases = stringList(n, "aliases")
	e.Identifiers = stringList(n, "identifiers")
	for _, l := range n.Labels {
		if t, err := ParseEntityType(l); err == nil && l == string(t) {
			e.Type = t
			break
		}
	}
	return e
}

// stringList decodes a list-of-strings property; other elements are skipped.
func stringList(x neo4j.Entity, key string) []string {
	var out []string
	if l, err := neo4j.GetProperty[[]any](x, key); err == nil {
		for _, a := range l {
			if s, ok := a.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// relFromRel decodes a relationship; ids maps node element ids to entity ids.
// Dates that do not parse (written by hand outside the loaders) are left
// unknown rather than failing the whole query.
func relFromRel(r neo4j.Relationship, ids map[string]string) Relationship {
	out := Relationship{Type: RelType(r.Type), From: ids[r.StartElementId], To: ids[r.EndElementId]}
	out.ID, _ = neo4j.GetProperty[string](r, "id")
	if s, err := neo4j.GetProperty[string](r, "start"); err == nil {
		out.Start, _ = ParseDate(s)
	}
	if s, err := neo4j.GetProperty[string](r, "end"); err == nil {
		out.End, _ = ParseDate(s)
	}
	if s, err := neo4j.GetProperty[string](r, "attested"); err == nil {
		out.Attested, _ = ParseDate(s)
	}
	if b, err := neo4j.GetProperty[bool](r, "ongoing"); err == nil {
		out.Ongoing = &b
	}
	st, _ := neo4j.GetProperty[string](r, "status")
	out.Status = Status(st)
	out.Item, _ = neo4j.GetProperty[string](r, "item")
	out.ItemIDs = stringList(r, "itemIds")
	if f, err := neo4j.GetProperty[float64](r, "percentage"); err == nil {
		out.Percentage = f
	} else if n, err := neo4j.GetProperty[int64](r, "percentage"); err == nil {
		out.Percentage = float64(n)
	}
	out.SharesCount, _ = neo4j.GetProperty[int64](r, "sharesCount")
	out.SourceID, _ = neo4j.GetProperty[string](r, "sourceId")
	if n, err := neo4j.GetProperty[int64](r, "paragraph"); err == nil {
		out.Paragraph = int(n)
	}
	out.CitedSourceID, _ = neo4j.GetProperty[string](r, "citedSourceId")
	out.Evidence, _ = neo4j.GetProperty[string](r, "evidence")
	out.Source, _ = neo4j.GetProperty[string](r, "source")
	out.SourceURL, _ = neo4j.GetProperty[string](r, "sourceUrl")
	out.CitedSource, _ = neo4j.GetProperty[string](r, "citedSource")
	c, _ := neo4j.GetProperty[string](r, "confidence")
	out.Confidence = Confidence(c)
	return out
}

// pathFromNeo4j decodes a path, keeping node order.
func pathFromNeo4j(p neo4j.Path) Path {
	ids := make(map[string]string, len(p.Nodes))
	out := Path{Nodes: make([]Entity, len(p.Nodes)), Relationships: make([]Relationship, len(p.Relationships))}
	for i, n := range p.Nodes {
		out.Nodes[i] = entityFromNode(n)
		ids[n.ElementId] = out.Nodes[i].ID
	}
	for i, r := range p.Relationships {
		out.Relationships[i] = relFromRel(r, ids)
	}
	return out
}

func recordNode(rec *neo4j.Record, key string) (Entity, error) {
	n, isNil, err := neo4j.GetRecordValue[neo4j.Node](rec, key)
	if err != nil {
		return Entity{}, fmt.Errorf("decode %s: %w", key, err)
	}
	if isNil {
		return Entity{}, fmt.Errorf("decode %s: null node", key)
	}
	return entityFromNode(n), nil
}
