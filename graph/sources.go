package graph

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

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
	// The claims are counted in one pass over the relationships, not one
	// pass per source: imports make a source per document, many of them.
	res, err := s.read(ctx, `MATCH (:Entity)-[r]->(:Entity) WHERE r.sourceId IS NOT NULL OR r.citedSourceId IS NOT NULL
RETURN r.sourceId AS quoted, r.citedSourceId AS cited, count(*) AS n`, nil)
	if err != nil {
		return nil, err
	}
	claims, cited := map[string]int{}, map[string]int{}
	for _, rec := range res.Records {
		n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
		if id, isNil, _ := neo4j.GetRecordValue[string](rec, "quoted"); !isNil {
			claims[id] += int(n)
		}
		if id, isNil, _ := neo4j.GetRecordValue[string](rec, "cited"); !isNil {
			cited[id] += int(n)
		}
	}
	srcs, err := s.sourceMeta(ctx, `ORDER BY src.title, src.id`)
	if err != nil {
		return nil, err
	}
	out := make([]SourceInfo, 0, len(srcs))
	for _, src := range srcs {
		out = append(out, SourceInfo{Source: src, Claims: claims[src.ID], Cited: cited[src.ID]})
	}
	return out, nil
}

// SourceList is one page of the source list.
type SourceList struct {
	Sources []SourceInfo `json:"sources"`
	// Next is the cursor of the next page; empty on the last page.
	Next string `json:"next,omitempty"`
}

// MaxSourcePage is the largest page SourcePage returns.
const MaxSourcePage = 1000

// SourcePage returns up to limit sources (1 to MaxSourcePage), without
// their text, in title order, starting after cursor (empty for the first
// page). Claims are counted by index seeks for the sources of the page
// only, so a page costs the same however many sources and claims there
// are. A cursor that SourcePage did not return is ErrInvalid.
func (s *Store) SourcePage(ctx context.Context, cursor string, limit int) (SourceList, error) {
	if limit < 1 || limit > MaxSourcePage {
		return SourceList{}, Errorf(ErrInvalid, "limit %d: want 1 to %d", limit, MaxSourcePage)
	}
	p := map[string]any{"after": false, "title": "", "id": "", "n": limit + 1}
	if cursor != "" {
		title, id, err := decodeSourceCursor(cursor)
		if err != nil {
			return SourceList{}, err
		}
		p["after"], p["title"], p["id"] = true, title, id
	}
	res, err := s.read(ctx, `MATCH (src:Source)
WITH src, coalesce(src.title, '') AS title
WHERE NOT $after OR title > $title OR (title = $title AND src.id > $id)
RETURN src {.*, paragraphs: null} AS props ORDER BY title, src.id LIMIT $n`, p)
	if err != nil {
		return SourceList{}, err
	}
	var out SourceList
	rows := make([]any, 0, len(res.Records))
	for i, rec := range res.Records {
		if i == limit {
			last := out.Sources[limit-1]
			out.Next = encodeSourceCursor(last.Title, last.ID)
			break
		}
		props, _, err := neo4j.GetRecordValue[map[string]any](rec, "props")
		if err != nil {
			return SourceList{}, fmt.Errorf("decode source: %w", err)
		}
		delete(props, "paragraphs")
		src, err := SourceFromProps(props)
		if err != nil {
			return SourceList{}, err
		}
		out.Sources = append(out.Sources, SourceInfo{Source: src})
		rows = append(rows, map[string]any{"id": src.ID, "q": sourceRefQuery(src.ID)})
	}
	if len(rows) == 0 {
		return out, nil
	}
	res, err = s.read(ctx, sourceCountsQuery, map[string]any{"rows": rows, "index": sourceRefIndex})
	if err != nil {
		return SourceList{}, err
	}
	claims, cited := map[string]int{}, map[string]int{}
	for _, rec := range res.Records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		c, _, _ := neo4j.GetRecordValue[int64](rec, "claims")
		n, _, _ := neo4j.GetRecordValue[int64](rec, "cited")
		claims[id], cited[id] = int(c), int(n)
	}
	for i := range out.Sources {
		out.Sources[i].Claims, out.Sources[i].Cited = claims[out.Sources[i].ID], cited[out.Sources[i].ID]
	}
	return out, nil
}

// encodeSourceCursor is the cursor after the source with this title and id.
func encodeSourceCursor(title, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(title + "\x00" + id))
}

// decodeSourceCursor reads a cursor encodeSourceCursor wrote.
func decodeSourceCursor(cursor string) (title, id string, err error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err == nil {
		var ok bool
		if title, id, ok = strings.Cut(string(b), "\x00"); ok && ValidID(id) {
			return title, id, nil
		}
	}
	return "", "", Errorf(ErrInvalid, "cursor %q: not a cursor from a previous page (use the next value of the last answer)", cursor)
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

// sourceRefIndex is the name of the index of the relationship properties
// that name a source record (sourceId, citedSourceId) over every type of
// the vocabulary, with a hash of the type list: a relationship property
// index covers only the types it was created with, so a changed vocabulary
// needs a new index (EnsureSchema drops the old one).
//
// It is a full-text index with the keyword analyzer (each value one exact
// term), not range indexes: Neo4j 5 range-indexes a relationship property
// for one type only, and a query that seeks 47 types by two properties is a
// 94-branch UNION that took Neo4j 7 to 10 s to plan (see BENCHMARKS.md).
var sourceRefIndex = func() string {
	h := sha256.New()
	for _, spec := range Vocabulary {
		h.Write([]byte(spec.Type + "\x00"))
	}
	return "source_refs_" + hex.EncodeToString(h.Sum(nil)[:4])
}()

// dropStaleSourceRefs drops the source index of an earlier vocabulary (its
// name is a hash of the relationship types); EnsureSchema creates the new one.
func (s *Store) dropStaleSourceRefs(ctx context.Context) error {
	res, err := s.read(ctx, `SHOW FULLTEXT INDEXES YIELD name WHERE name STARTS WITH 'source_refs_' AND name <> $name RETURN name`, map[string]any{"name": sourceRefIndex})
	if err != nil {
		return fmt.Errorf("schema: list source indexes: %w", err)
	}
	for _, rec := range res.Records {
		name, _, _ := neo4j.GetRecordValue[string](rec, "name")
		// name matched 'source_refs_' followed by hex digits we wrote.
		if _, err := s.write(ctx, "DROP INDEX `"+strings.ReplaceAll(name, "`", "")+"` IF EXISTS", nil); err != nil {
			return fmt.Errorf("schema: drop %s: %w", name, err)
		}
	}
	return nil
}

// sourceRefQuery is the full-text query for the relationships that quote
// or cite source id: both fields, the id as one exact term.
func sourceRefQuery(id string) string {
	t := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(id) + `"`
	return "sourceId:" + t + " OR citedSourceId:" + t
}

// sourceClaimsQuery finds the claims that quote or cite source $id by the
// source reference index.
const sourceClaimsQuery = `MATCH (src:Source {id: $id})
OPTIONAL CALL (src) {
  CALL db.index.fulltext.queryRelationships($index, $q) YIELD relationship AS r
  MATCH (a:Entity)-[r]->(b:Entity) WHERE r.sourceId = src.id OR r.citedSourceId = src.id
  RETURN a, r, b
}
RETURN properties(src) AS props, a, r, b ORDER BY r.paragraph, r.id`

// sourceCountsQuery counts, for each row of $rows (a source id and its
// sourceRefQuery), the claims that quote it and those that cite it.
const sourceCountsQuery = `UNWIND $rows AS row
CALL (row) {
  OPTIONAL CALL (row) {
    CALL db.index.fulltext.queryRelationships($index, row.q) YIELD relationship AS r
    RETURN r
  }
  RETURN count(CASE WHEN r.sourceId = row.id THEN 1 END) AS claims, count(CASE WHEN r.citedSourceId = row.id THEN 1 END) AS cited
}
RETURN row.id AS id, claims, cited`

// GetSource returns the source with the given id, its text and every claim
// that quotes it or cites it. An unknown id is ErrNotFound.
func (s *Store) GetSource(ctx context.Context, id string) (SourceClaims, error) {
	res, err := s.read(ctx, sourceClaimsQuery, map[string]any{"id": id, "index": sourceRefIndex, "q": sourceRefQuery(id)})
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

// AddSources creates sources in transactions of a few thousand (a bulk
// load's records); an id already in use is ErrConflict.
func (s *Store) AddSources(ctx context.Context, srcs []Source) error {
	const chunk = 5000
	for i := 0; i < len(srcs); i += chunk {
		rows := make([]map[string]any, 0, chunk)
		for _, src := range srcs[i:min(i+chunk, len(srcs))] {
			if err := src.Validate(); err != nil {
				return err
			}
			rows = append(rows, SourceProps(src))
		}
		if _, err := s.write(ctx, `UNWIND $rows AS row CREATE (src:Source) SET src = row`, map[string]any{"rows": rows}); err != nil {
			return err
		}
		if err := s.bumpVersion(ctx); err != nil {
			return err
		}
	}
	return nil
}

// AddSource creates a source; an id already in use is ErrConflict.
func (s *Store) AddSource(ctx context.Context, src Source) error {
	if err := src.Validate(); err != nil {
		return err
	}
	if _, err := s.write(ctx, `CREATE (src:Source) SET src = $props`, map[string]any{"props": SourceProps(src)}); err != nil {
		return err
	}
	return s.bumpVersion(ctx)
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
	return s.bumpVersion(ctx)
}

// recordSource decodes the source properties in column key of rec.
func recordSource(rec *neo4j.Record, key string) (Source, error) {
	props, _, err := neo4j.GetRecordValue[map[string]any](rec, key)
	if err != nil {
		return Source{}, fmt.Errorf("decode source: %w", err)
	}
	return SourceFromProps(props)
}

// SourceURLKey normalises a source's URL for comparison, so that the same
// document cited two ways is one source: the scheme and host are
// lowercased, the fragment and a trailing slash dropped. A URL that is not
// absolute (scheme and host) is ErrInvalid.
func SourceURLKey(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", Errorf(ErrInvalid, "%q is not a URL", raw)
	}
	if u.Scheme == "" || u.Host == "" || u.Opaque != "" {
		return "", Errorf(ErrInvalid, "%q is not an absolute URL (want scheme://host/..., such as https://example.org/report)", raw)
	}
	u.Scheme, u.Host = strings.ToLower(u.Scheme), strings.ToLower(u.Host)
	u.Fragment, u.RawFragment = "", ""
	u.Path, u.RawPath = strings.TrimRight(u.Path, "/"), strings.TrimRight(u.RawPath, "/")
	return u.String(), nil
}

// SourceTitleKey is how a source without a URL is recognised: its title
// and publisher, compared without regard to case or spacing.
func SourceTitleKey(title, publisher string) string {
	fold := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	return fold(title) + "\x00" + fold(publisher)
}

// ImportedSourceID is the id an import gives a source it creates: "src-",
// a slug of the URL's host and path (of the title without a URL) and a
// hash of the key, so that the same document always gets the same id and
// different ones never share it. key is SourceURLKey's result or, without a
// URL, SourceTitleKey's.
func ImportedSourceID(key string) string {
	sum := sha256.Sum256([]byte(key))
	h := hex.EncodeToString(sum[:4])
	readable := key
	if u, err := url.Parse(key); err == nil && u.Host != "" {
		readable = strings.TrimPrefix(u.Host, "www.") + " " + u.Path
	} else {
		readable, _, _ = strings.Cut(key, "\x00")
	}
	s := Slug(readable)
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	if s == "" {
		return "src-" + h
	}
	return "src-" + s + "-" + h
}

// SourceIndex returns every source's metadata without its text, in id
// order: what an import needs to recognise the sources its claims name.
func (s *Store) SourceIndex(ctx context.Context) ([]Source, error) {
	return s.sourceMeta(ctx, `ORDER BY src.id`)
}

// sourceMeta reads every source without its text, in the order given.
func (s *Store) sourceMeta(ctx context.Context, order string) ([]Source, error) {
	res, err := s.read(ctx, `MATCH (src:Source) RETURN src {.*, paragraphs: null} AS props `+order, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Source, 0, len(res.Records))
	for _, rec := range res.Records {
		props, _, err := neo4j.GetRecordValue[map[string]any](rec, "props")
		if err != nil {
			return nil, fmt.Errorf("decode source: %w", err)
		}
		delete(props, "paragraphs")
		src, err := SourceFromProps(props)
		if err != nil {
			return nil, err
		}
		out = append(out, src)
	}
	return out, nil
}

// ImportSources writes, in one transaction of import run run, the sources
// an import creates and the empty fields it fills on existing sources
// (fill holds the id and only the fields to set: the caller leaves out
// every field the source has already). Created ids and the previous properties of
// filled sources are journaled, so that a rollback deletes and restores
// them (see RollbackImport).
func (s *Store) ImportSources(ctx context.Context, run string, create, fill []Source) (BulkResult, error) {
	if run == "" {
		return BulkResult{}, errors.New("graph: ImportSources needs a run id")
	}
	var createRows, fillRows []map[string]any
	for _, src := range create {
		if err := src.Validate(); err != nil {
			return BulkResult{}, err
		}
		createRows = append(createRows, SourceProps(src))
	}
	for _, src := range fill {
		if !ValidID(src.ID) {
			return BulkResult{}, Errorf(ErrInvalid, "source id %q: want a lowercase slug", src.ID)
		}
		props := SourceProps(src)
		if src.Title == "" {
			delete(props, "title")
		}
		delete(props, "id")
		fillRows = append(fillRows, map[string]any{"id": src.ID, "props": props})
	}
	var out BulkResult
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = BulkResult{}
		if len(createRows) > 0 {
			if _, err := tx.Run(ctx, `UNWIND $rows AS row CREATE (src:Source) SET src = row`, map[string]any{"rows": createRows}); err != nil {
				return err
			}
			ids := make([]any, len(create))
			for i, src := range create {
				ids[i] = src.ID
			}
			if err := journalCreated(ctx, tx, run, "created-sources", "", ids); err != nil {
				return err
			}
			out.Created = len(create)
		}
		if len(fillRows) > 0 {
			if _, err := tx.Run(ctx, `UNWIND $rows AS row
MATCH (src:Source {id: row.id})
CREATE (u:ImportUndo {_run: $run, _kind: 'source', _key: row.id}) SET u += properties(src)
SET src += row.props`, map[string]any{"rows": fillRows, "run": run}); err != nil {
				return err
			}
			out.Updated = len(fill)
		}
		return stillRunning(ctx, tx, run)
	})
	return out, err
}

// rollbackSources deletes the sources run created and restores those it
// filled in, journal entry by journal entry (see RollbackImport).
func (s *Store) rollbackSources(ctx context.Context, p map[string]any) (deleted, restored int, err error) {
	deleted, err = s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'created-sources'}) WITH u LIMIT 1
WITH u, u._ids[0..$chunk] AS now
CALL (now) { UNWIND now AS id MATCH (src:Source {id: id}) DELETE src RETURN count(*) AS n }
SET u._ids = u._ids[$chunk..]
FOREACH (_ IN CASE WHEN size(u._ids) = 0 THEN [1] ELSE [] END | DELETE u)
RETURN n, 1 AS done`, p)
	if err != nil {
		return deleted, 0, err
	}
	restored, err = s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'source'}) WITH u LIMIT $chunk
OPTIONAL MATCH (src:Source {id: u._key})
FOREACH (_ IN CASE WHEN src IS NULL THEN [] ELSE [1] END | SET src = properties(u) REMOVE src._run, src._kind, src._key)
DELETE u RETURN count(src) AS n, count(*) AS done`, p)
	return deleted, restored, err
}
