package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SearchHit is one full-text search result.
type SearchHit struct {
	Entity
	Score float64 `json:"score"`
}

// luceneSpecial matches the characters Lucene's query syntax gives meaning to.
var luceneSpecial = regexp.MustCompile(`[+\-&|!(){}\[\]^"~*?:\\/]`)

// luceneQuery turns free text into a Lucene query: every word is escaped and
// matched as itself or as a prefix, so "kom" finds KOMID and "hezbol" finds
// Hezbollah; an exact phrase match ranks first.
func luceneQuery(text string) string {
	words := strings.Fields(luceneSpecial.ReplaceAllString(text, " "))
	if len(words) == 0 {
		return ""
	}
	var parts []string
	phrase := strings.Join(words, " ")
	parts = append(parts, `"`+phrase+`"^4`)
	for _, w := range words {
		w = strings.ToLower(w)
		if w == "and" || w == "or" || w == "not" || w == "to" {
			w = `"` + w + `"`
			parts = append(parts, w)
			continue
		}
		parts = append(parts, w+"^2", w+"*")
	}
	return strings.Join(parts, " ")
}

// Search runs a ranked full-text search over names and aliases.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]SearchHit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, fmt.Errorf("%w: search: empty query", ErrInvalid)
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	res, err := s.read(ctx, `CALL db.index.fulltext.queryNodes('entity_names', $q, {limit: $limit})
		YIELD node, score RETURN node, score ORDER BY score DESC, node.name, node.id`,
		map[string]any{"q": q, "limit": limit})
	if err != nil {
		return nil, err
	}
	hits := make([]SearchHit, 0, len(res.Records))
	for _, rec := range res.Records {
		e, err := recordNode(rec, "node")
		if err != nil {
			return nil, err
		}
		score, _, _ := neo4j.GetRecordValue[float64](rec, "score")
		hits = append(hits, SearchHit{Entity: e, Score: score})
	}
	return hits, nil
}

// GetEntity returns the entity with id.
func (s *Store) GetEntity(ctx context.Context, id string) (Entity, error) {
	res, err := s.read(ctx, `MATCH (e:Entity {id: $id}) RETURN e`, map[string]any{"id": id})
	if err != nil {
		return Entity{}, err
	}
	if len(res.Records) == 0 {
		return Entity{}, fmt.Errorf("%w: entity %q", ErrNotFound, id)
	}
	return recordNode(res.Records[0], "e")
}

// AmbiguousError says a name matched several entities.
type AmbiguousError struct {
	Ref        string
	Candidates []Entity
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q is ambiguous: it names %s; use an id", e.Ref, describe(e.Candidates))
}

// Unwrap makes an AmbiguousError an ErrInvalid.
func (e *AmbiguousError) Unwrap() error { return ErrInvalid }

func describe(es []Entity) string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = fmt.Sprintf("%s (%s, id %s)", e.Name, e.Type, e.ID)
	}
	return strings.Join(parts, ", ")
}

// Resolve finds the entity an investigator means by ref: an id, a name or an
// alias, compared case-insensitively. Unknown or ambiguous references are
// errors that list the closest candidates from the full-text index.
func (s *Store) Resolve(ctx context.Context, ref string) (Entity, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Entity{}, fmt.Errorf("%w: empty entity reference", ErrInvalid)
	}
	if ValidID(ref) {
		e, err := s.GetEntity(ctx, ref)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return e, err
		}
	}
	key := strings.ToLower(ref)
	res, err := s.read(ctx, `MATCH (e:Entity {nameKey: $key}) RETURN e ORDER BY e.id LIMIT 10`, map[string]any{"key": key})
	if err != nil {
		return Entity{}, err
	}
	var exact []Entity
	for _, rec := range res.Records {
		e, err := recordNode(rec, "e")
		if err != nil {
			return Entity{}, err
		}
		exact = append(exact, e)
	}
	hits, err := s.Search(ctx, ref, 10)
	if errors.Is(err, ErrUnavailable) {
		return Entity{}, err
	}
	if err != nil && len(exact) == 0 {
		return Entity{}, fmt.Errorf("%w: entity %q", ErrNotFound, ref)
	}
	for _, h := range hits {
		if slices.ContainsFunc(exact, func(e Entity) bool { return e.ID == h.ID }) {
			continue
		}
		if strings.EqualFold(h.Name, ref) || slices.ContainsFunc(h.Aliases, func(a string) bool { return strings.EqualFold(a, ref) }) {
			exact = append(exact, h.Entity)
		}
	}
	switch len(exact) {
	case 1:
		return exact[0], nil
	case 0:
		var cands []Entity
		for i, h := range hits {
			if i == 5 {
				break
			}
			cands = append(cands, h.Entity)
		}
		if len(cands) == 0 {
			return Entity{}, fmt.Errorf("%w: no entity is called %q", ErrNotFound, ref)
		}
		return Entity{}, fmt.Errorf("%w: no entity is called %q; closest: %s", ErrNotFound, ref, describe(cands))
	}
	return Entity{}, &AmbiguousError{Ref: ref, Candidates: exact}
}
