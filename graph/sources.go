package graph

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SourceInfo is a source with the number of claims that quote it and the
// number that cite it as the report they rely on.
type SourceInfo struct {
	Source
	Claims int `json:"claims"`
	Cited  int `json:"cited"`
}

// Sources lists every source, without its text, in title order.
func (s *Store) Sources(ctx context.Context) ([]SourceInfo, error) {
	res, err := s.read(ctx, `MATCH (src:Source)
CALL (src) { OPTIONAL MATCH (:Entity)-[r]->(:Entity) WHERE r.sourceId = src.id RETURN count(r) AS claims }
CALL (src) { OPTIONAL MATCH (:Entity)-[r]->(:Entity) WHERE r.citedSourceId = src.id RETURN count(r) AS cited }
RETURN properties(src) AS props, claims, cited ORDER BY src.title, src.id`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]SourceInfo, 0, len(res.Records))
	for _, rec := range res.Records {
		src, err := recordSource(rec, "props")
		if err != nil {
			return nil, err
		}
		src.Paragraphs = nil
		claims, _, _ := neo4j.GetRecordValue[int64](rec, "claims")
		cited, _, _ := neo4j.GetRecordValue[int64](rec, "cited")
		out = append(out, SourceInfo{Source: src, Claims: int(claims), Cited: int(cited)})
	}
	return out, nil
}

// AllSources returns every source record with its text, in id order.
func (s *Store) AllSources(ctx context.Context) ([]Source, error) {
	res, err := s.read(ctx, `MATCH (src:Source) RETURN properties(src) AS props ORDER BY src.id`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Source, 0, len(res.Records))
	for _, rec := range res.Records {
		src, err := recordSource(rec, "props")
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// SourceClaims is a source with its text and the claims that quote or cite
// it, in paragraph order.
type SourceClaims struct {
	Source        Source         `json:"source"`
	Entities      []Entity       `json:"entities"`
	Relationships []Relationship `json:"relationships"`
}

// GetSource returns the source with the given id, its text and every claim
// that quotes it or cites it. An unknown id is ErrNotFound.
func (s *Store) GetSource(ctx context.Context, id string) (SourceClaims, error) {
	res, err := s.read(ctx, `MATCH (src:Source {id: $id})
OPTIONAL MATCH (a:Entity)-[r]->(b:Entity) WHERE r.sourceId = $id OR r.citedSourceId = $id
RETURN properties(src) AS props, a, r, b ORDER BY r.paragraph, r.id`, map[string]any{"id": id})
	if err != nil {
		return SourceClaims{}, err
	}
	if len(res.Records) == 0 {
		return SourceClaims{}, Errorf(ErrNotFound, "no source has the id %q", id)
	}
	var out SourceClaims
	seen := map[string]bool{}
	for i, rec := range res.Records {
		if i == 0 {
			if out.Source, err = recordSource(rec, "props"); err != nil {
				return SourceClaims{}, err
			}
		}
		r, isNil, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
		if err != nil || isNil {
			continue
		}
		ids := map[string]string{}
		for _, k := range []string{"a", "b"} {
			n, _, err := neo4j.GetRecordValue[neo4j.Node](rec, k)
			if err != nil {
				return SourceClaims{}, fmt.Errorf("decode %s: %w", k, err)
			}
			e := entityFromNode(n)
			ids[n.ElementId] = e.ID
			if !seen[e.ID] {
				seen[e.ID] = true
				out.Entities = append(out.Entities, e)
			}
		}
		out.Relationships = append(out.Relationships, relFromRel(r, ids))
	}
	return out, nil
}

// AddSource creates a source; an id already in use is ErrConflict.
func (s *Store) AddSource(ctx context.Context, src Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	_, err := s.write(ctx, `CREATE (src:Source) SET src = $props`, map[string]any{"props": SourceProps(src)})
	return err
}

// UpdateSource sets the non-empty fields of src on the source with src's
// id, keeping its text and every other field; an unknown id is ErrNotFound.
func (s *Store) UpdateSource(ctx context.Context, src Source) error {
	if !ValidID(src.ID) {
		return Errorf(ErrInvalid, "source id %q: want a lowercase slug", src.ID)
	}
	props := SourceProps(src)
	delete(props, "title")
	if src.Title != "" {
		props["title"] = src.Title
	}
	res, err := s.write(ctx, `MATCH (src:Source {id: $id}) SET src += $props RETURN count(src) AS n`, map[string]any{"id": src.ID, "props": props})
	if err != nil {
		return err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
		return Errorf(ErrNotFound, "no source has the id %q", src.ID)
	}
	return nil
}

// recordSource decodes the source properties in column key of rec.
func recordSource(rec *neo4j.Record, key string) (Source, error) {
	props, _, err := neo4j.GetRecordValue[map[string]any](rec, key)
	if err != nil {
		return Source{}, fmt.Errorf("decode source: %w", err)
	}
	return SourceFromProps(props)
}
