package graph

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// SearchHit is one search result.
type SearchHit struct {
	Entity
	Score float64 `json:"score"`
	// Match says what matched the text: "name", "alias" or "description".
	// Name and alias matches come first.
	Match string `json:"match"`
}

// What a search hit matched.
const (
	MatchName        = "name"
	MatchAlias       = "alias"
	MatchDescription = "description"
	// MatchSimilar marks an entity spelled like the text, offered only when
	// nothing matched it as written ("Hezbolah" finds Hezbollah).
	MatchSimilar = "similar"
)

// luceneSpecial matches the characters Lucene's query syntax gives meaning to.
var luceneSpecial = regexp.MustCompile(`[+\-&|!(){}\[\]^"~*?:\\/]`)

// luceneWords splits free text into lower-case words with Lucene's special
// characters removed.
func luceneWords(text string) []string {
	words := strings.Fields(strings.ToLower(luceneSpecial.ReplaceAllString(text, " ")))
	return words
}

// luceneTerm quotes the words Lucene reads as operators.
func luceneTerm(w string) (string, bool) {
	if w == "and" || w == "or" || w == "not" || w == "to" {
		return `"` + w + `"`, false
	}
	return w, true
}

// luceneQuery turns free text into a Lucene query: every word is escaped and
// matched as itself or as a prefix, so "kom" finds KOMID and "hezbol" finds
// Hezbollah; an exact phrase match ranks first.
func luceneQuery(text string) string {
	words := luceneWords(text)
	if len(words) == 0 {
		return ""
	}
	parts := []string{`"` + strings.Join(words, " ") + `"^4`}
	for _, w := range words {
		t, plain := luceneTerm(w)
		if !plain {
			parts = append(parts, t)
			continue
		}
		parts = append(parts, t+"^2", t+"*")
	}
	return strings.Join(parts, " ")
}

// fuzzyQuery turns a misspelled reference into a Lucene query of fuzzy and
// prefix terms: "komit" finds KOMID, "hezbolah" Hezbollah.
func fuzzyQuery(text string) string {
	words := luceneWords(text)
	var parts []string
	for _, w := range words {
		t, plain := luceneTerm(w)
		if !plain {
			parts = append(parts, t)
			continue
		}
		parts = append(parts, t+"^2", t+"*")
		if n := editTolerance(w); n > 0 {
			parts = append(parts, fmt.Sprintf("%s~%d", t, n))
		}
	}
	return strings.Join(parts, " ")
}

// editTolerance is how many edits a word of the reference may be from a
// word of a name and still count as a misspelling of it.
func editTolerance(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n <= 2:
		return 0
	case n <= 4:
		return 1
	}
	return 2
}

// nameHits runs q on the full-text index of names and aliases.
func (s *Store) nameHits(ctx context.Context, q string, limit int) ([]SearchHit, error) {
	return s.fulltext(ctx, "entity_names", q, limit)
}

func (s *Store) fulltext(ctx context.Context, index, q string, limit int) ([]SearchHit, error) {
	res, err := s.read(ctx, `CALL db.index.fulltext.queryNodes($index, $q, {limit: $limit})
		YIELD node, score RETURN node, score ORDER BY score DESC, node.name, node.id`,
		map[string]any{"index": index, "q": q, "limit": limit})
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

// Search runs a ranked full-text search: entities whose name or alias
// matches come first (best first), then, to fill limit, entities whose
// description mentions the words. When nothing matches, the entities spelled
// most like the text (see Suggest) are returned, marked MatchSimilar.
func (s *Store) Search(ctx context.Context, text string, limit int) ([]SearchHit, error) {
	q := luceneQuery(text)
	if q == "" {
		return nil, Errorf(ErrInvalid, "search: empty query")
	}
	if limit <= 0 || limit > 100 {
		limit = 20
	}
	hits, err := s.nameHits(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	words := luceneWords(text)
	seen := map[string]bool{}
	for i := range hits {
		hits[i].Match = nameOrAlias(hits[i].Entity, words)
		seen[hits[i].ID] = true
	}
	if len(hits) >= limit {
		return hits, nil
	}
	// Every word must occur in a description for it to count.
	var must []string
	for _, w := range words {
		if t, plain := luceneTerm(w); plain {
			must = append(must, "+"+t+"*")
		}
	}
	if len(must) == 0 || len(hits) >= limit {
		return hits, nil
	}
	desc, err := s.fulltext(ctx, "entity_descriptions", strings.Join(must, " "), limit)
	if err != nil {
		return nil, err
	}
	for _, h := range desc {
		if !seen[h.ID] && len(hits) < limit {
			h.Match = MatchDescription
			hits = append(hits, h)
		}
	}
	if len(hits) > 0 {
		return hits, nil
	}
	sugg, err := s.Suggest(ctx, text, min(limit, MaxSuggestions))
	if err != nil {
		return nil, err
	}
	for _, sg := range sugg {
		hits = append(hits, SearchHit{Entity: sg.Entity, Match: MatchSimilar})
	}
	return hits, nil
}

// nameOrAlias says whether the words match e's name (every word starts a
// word of it) or, failing that, one of its aliases.
func nameOrAlias(e Entity, words []string) string {
	if coversWords(e.Name, words) {
		return MatchName
	}
	for _, a := range e.Aliases {
		if coversWords(a, words) {
			return MatchAlias
		}
	}
	return MatchName
}

func coversWords(label string, words []string) bool {
	toks := luceneWords(label)
	for _, w := range words {
		if !slices.ContainsFunc(toks, func(t string) bool { return strings.HasPrefix(t, w) }) {
			return false
		}
	}
	return true
}

// Suggestion is an entity whose name or alias is spelled like a reference
// that named no entity.
type Suggestion struct {
	Entity
	// Matched is the name or alias closest to the reference.
	Matched string `json:"matched"`
	// Distance is the number of single-letter edits between the reference's
	// words and Matched's (words of the reference missing from Matched
	// count as their length).
	Distance int `json:"distance"`
	missing  int
	whole    int
}

// MaxSuggestions is the most suggestions an unknown reference gets.
const MaxSuggestions = 5

// Suggest returns the entities whose names or aliases are closest to ref, a
// reference that may be misspelled ("KOMIT", "Hezbolah", "Mohsen Rezaee").
// Candidates come from the full-text index (fuzzy and prefix terms); they
// are ranked by how many of ref's words they match, then by edit distance,
// then by the distance between the whole strings. An entity none of whose
// words is within a few edits of a word of ref is not suggested.
func (s *Store) Suggest(ctx context.Context, ref string, limit int) ([]Suggestion, error) {
	q := fuzzyQuery(ref)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 || limit > 50 {
		limit = MaxSuggestions
	}
	hits, err := s.nameHits(ctx, q, 50)
	if err != nil {
		return nil, err
	}
	return rankSuggestions(ref, hits, limit), nil
}

// rankSuggestions orders hits by closeness to ref and keeps the close ones.
func rankSuggestions(ref string, hits []SearchHit, limit int) []Suggestion {
	words := strings.Fields(strings.ToLower(ref))
	whole := strings.ToLower(ref)
	var out []Suggestion
	for _, h := range hits {
		best := Suggestion{missing: -1}
		for _, label := range append([]string{h.Name}, h.Aliases...) {
			c := closeness(words, whole, label)
			if best.missing < 0 || c.less(best) {
				c.Entity = h.Entity
				best = c
			}
		}
		if best.missing >= 0 && best.missing < len(words) {
			out = append(out, best)
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		if a.less(b) {
			return -1
		}
		if b.less(a) {
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// closeness measures label against the reference's words. A label
// spelled with the same skeleton as the reference (a transliteration
// variant: "Shahid Hemat" for "Shahid Hemmat") is as close as can be.
func closeness(words []string, whole, label string) Suggestion {
	toks := strings.Fields(strings.ToLower(label))
	c := Suggestion{Matched: label}
	if sk := Skeleton(whole); len(sk) >= 3 && sk == Skeleton(label) {
		return c
	}
	for _, w := range words {
		best := -1
		for _, t := range toks {
			if d := levenshtein(w, t); best < 0 || d < best {
				best = d
			}
		}
		if best < 0 || best > editTolerance(w) {
			c.missing++
			c.Distance += utf8.RuneCountInString(w)
			continue
		}
		c.Distance += best
	}
	c.whole = levenshtein(whole, strings.ToLower(label))
	return c
}

func (a Suggestion) less(b Suggestion) bool {
	if a.missing != b.missing {
		return a.missing < b.missing
	}
	if a.Distance != b.Distance {
		return a.Distance < b.Distance
	}
	if a.whole != b.whole {
		return a.whole < b.whole
	}
	return a.Name < b.Name
}

// levenshtein is the number of single-rune insertions, deletions and
// substitutions that turn a into b.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// GetEntity returns the entity with id. An id merged into another entity
// (see Merge) returns that entity.
func (s *Store) GetEntity(ctx context.Context, id string) (Entity, error) {
	res, err := s.read(ctx, `MATCH (e:Entity {id: $id}) RETURN e`, map[string]any{"id": id})
	if err != nil {
		return Entity{}, err
	}
	if len(res.Records) == 0 {
		if to, ok, err := s.redirect(ctx, id); err != nil || ok {
			if err != nil {
				return Entity{}, err
			}
			return s.GetEntity(ctx, to)
		}
		return Entity{}, Errorf(ErrNotFound, "entity %q", id)
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

// Unwrap gives the *Error that states it: an ErrInvalid.
func (e *AmbiguousError) Unwrap() error { return &Error{Kind: ErrInvalid, Message: e.Error()} }

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
		return Entity{}, Errorf(ErrInvalid, "empty entity reference")
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
	hits, err := s.nameHits(ctx, luceneQuery(ref), 10)
	if err != nil {
		return Entity{}, err
	}
	for _, h := range hits {
		if slices.ContainsFunc(exact, func(e Entity) bool { return e.ID == h.ID }) {
			continue
		}
		if strings.EqualFold(h.Name, ref) || slices.ContainsFunc(h.Aliases, func(a string) bool { return strings.EqualFold(a, ref) }) {
			exact = append(exact, h.Entity)
		}
	}
	if len(exact) == 0 {
		// Written another way: the same name once normalised (case, accents,
		// punctuation, legal forms: "Korea Mining Development Trading Co.").
		exact = normalisedMatches(ref, hits)
	}
	switch len(exact) {
	case 1:
		return exact[0], nil
	case 0:
		sugg, err := s.Suggest(ctx, ref, MaxSuggestions)
		if err != nil {
			return Entity{}, err
		}
		return Entity{}, &UnknownEntityError{Ref: ref, Suggestions: sugg}
	}
	return Entity{}, &AmbiguousError{Ref: ref, Candidates: exact}
}

// normalisedMatches returns the hits one of whose names or aliases is ref
// once both are normalised (see NormalizeName).
func normalisedMatches(ref string, hits []SearchHit) []Entity {
	want := NormalizeName(ref)
	if want == "" {
		return nil
	}
	var out []Entity
	for _, h := range hits {
		if slices.ContainsFunc(labels(h.Entity), func(l string) bool { return NormalizeName(l) == want }) {
			out = append(out, h.Entity)
		}
	}
	return out
}

// UnknownEntityError says that no entity has a reference as its id, name or
// alias. It never picks one: Suggestions lists the closest by spelling.
type UnknownEntityError struct {
	Ref         string
	Suggestions []Suggestion
}

func (e *UnknownEntityError) Error() string {
	if len(e.Suggestions) == 0 {
		return fmt.Sprintf("no entity is called %q", e.Ref)
	}
	parts := make([]string, len(e.Suggestions))
	for i, s := range e.Suggestions {
		if s.Matched != s.Name {
			parts[i] = fmt.Sprintf("%s (as %s; %s, id %s)", s.Name, s.Matched, s.Type, s.ID)
		} else {
			parts[i] = fmt.Sprintf("%s (%s, id %s)", s.Name, s.Type, s.ID)
		}
	}
	return fmt.Sprintf("no entity is called %q; closest: %s", e.Ref, strings.Join(parts, ", "))
}

// Unwrap gives the *Error that states it: an ErrNotFound.
func (e *UnknownEntityError) Unwrap() error { return &Error{Kind: ErrNotFound, Message: e.Error()} }
