package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// BulkResult counts what a bulk write did to the rows it was given.
type BulkResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

// Add returns the sum of r and o.
func (r BulkResult) Add(o BulkResult) BulkResult {
	return BulkResult{Created: r.Created + o.Created, Updated: r.Updated + o.Updated, Unchanged: r.Unchanged + o.Unchanged}
}

// Total is the number of rows counted.
func (r BulkResult) Total() int { return r.Created + r.Updated + r.Unchanged }

// lookupChunk bounds the list parameter of one lookup query.
const lookupChunk = 10000

// ExistingEntities returns the subset of ids that name an entity in the
// database.
func (s *Store) ExistingEntities(ctx context.Context, ids []string) (map[string]bool, error) {
	found := make(map[string]bool)
	for start := 0; start < len(ids); start += lookupChunk {
		chunk := ids[start:min(start+lookupChunk, len(ids))]
		res, err := s.read(ctx, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e.id AS id`, map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			found[id] = true
		}
	}
	return found, nil
}

// Endpoints are the entity ids a relationship links.
type Endpoints struct{ From, To string }

// ExistingRelationships returns, for the ids that name a relationship of type
// t in the database, the entities it links. Relationship ids are unique per
// type (one constraint per type), so that is where they are looked up.
func (s *Store) ExistingRelationships(ctx context.Context, t RelType, ids []string) (map[string]Endpoints, error) {
	if _, ok := t.Spec(); !ok {
		return nil, Errorf(ErrInvalid, "unknown relationship type %q", t)
	}
	found := make(map[string]Endpoints)
	// The count store answers this without a scan; an empty type needs no lookups.
	res, err := s.read(ctx, `MATCH ()-[r:`+string(t)+`]->() RETURN count(r) AS n`, nil)
	if err != nil {
		return nil, err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
		return found, nil
	}
	q := `UNWIND $ids AS id MATCH (a)-[r:` + string(t) + ` {id: id}]->(b) RETURN id, a.id AS from, b.id AS to`
	for start := 0; start < len(ids); start += lookupChunk {
		chunk := ids[start:min(start+lookupChunk, len(ids))]
		res, err := s.read(ctx, q, map[string]any{"ids": chunk})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			from, _, _ := neo4j.GetRecordValue[string](rec, "from")
			to, _, _ := neo4j.GetRecordValue[string](rec, "to")
			found[id] = Endpoints{From: from, To: to}
		}
	}
	return found, nil
}

// otherTypes returns the type labels other than t.
func otherTypes(t EntityType) []string {
	var out []string
	for _, o := range EntityTypes {
		if o.Type != t {
			out = append(out, string(o.Type))
		}
	}
	return out
}

// mergeEntitiesQuery merges rows of one entity type. A row whose node already
// holds the same properties and exactly this type label is left alone (and
// counted unchanged), so that re-importing a file writes nothing.
func mergeEntitiesQuery(t EntityType) string {
	others := otherTypes(t)
	return `UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row, (e:` + string(t) + ` AND NOT e:` + strings.Join(others, " AND NOT e:") + `
  AND e.name = row.name AND e.nameKey = row.nameKey
  AND coalesce(e.aliases, []) = coalesce(row.aliases, [])
  AND coalesce(e.description, '') = coalesce(row.description, '')
  AND coalesce(e.country, '') = coalesce(row.country, '')) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END |
  SET e.name = row.name, e.nameKey = row.nameKey, e.aliases = row.aliases,
      e.description = row.description, e.country = row.country
  REMOVE e:` + strings.Join(others, ":") + `
  SET e:` + string(t) + `)
RETURN count(*) AS total, count(CASE WHEN same THEN 1 END) AS unchanged`
}

// MergeEntities merges entities by id in one transaction, grouped by type
// label, and says how many were created, updated or already as given.
func (s *Store) MergeEntities(ctx context.Context, es []Entity) (BulkResult, error) {
	return s.writeEntities(ctx, es, mergeEntitiesQuery)
}

// CreateEntities creates entities the caller knows to be absent (see
// ExistingEntities), which is faster than merging them. The id constraint
// rejects an id that exists after all, failing the whole call.
func (s *Store) CreateEntities(ctx context.Context, es []Entity) (BulkResult, error) {
	return s.writeEntities(ctx, es, createEntitiesQuery)
}

// createEntitiesQuery creates rows of one entity type; the label is from the
// closed EntityTypes set, never from input.
func createEntitiesQuery(t EntityType) string {
	return `UNWIND $rows AS row
CREATE (e:Entity:` + string(t) + ` {id: row.id, name: row.name, nameKey: row.nameKey, aliases: row.aliases,
  description: row.description, country: row.country})
RETURN count(*) AS total, 0 AS unchanged`
}

// writeEntities validates es and writes them in one transaction, one query
// per type label.
func (s *Store) writeEntities(ctx context.Context, es []Entity, query func(EntityType) string) (BulkResult, error) {
	byType := map[EntityType][]map[string]any{}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			return BulkResult{}, err
		}
		byType[e.Type] = append(byType[e.Type], entityParams(e))
	}
	var out BulkResult
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = BulkResult{}
		for _, t := range EntityTypes {
			rows := byType[t.Type]
			if len(rows) == 0 {
				continue
			}
			r, err := runCounted(ctx, tx, query(t.Type), rows, true)
			if err != nil {
				return err
			}
			out = out.Add(r)
		}
		return nil
	})
	return out, err
}

// relRow is the parameter row of one relationship: its endpoints and the
// properties it is stored with.
func relRow(r Relationship) map[string]any {
	return map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": RelProps(r)}
}

// RelProps returns the properties a relationship is stored with. Absent
// optional values are left out, so they are not stored. spanFrom and spanTo
// (ISO days) are derived from the dates by Span, the one rule of time, so
// that queries test windows on two indexed strings: no spanFrom is unknown
// time, no spanTo with a spanFrom is "onward".
func RelProps(r Relationship) map[string]any {
	p := map[string]any{"id": r.ID, "evidence": r.Evidence, "source": r.Source, "confidence": string(r.Confidence)}
	opt := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	opt("start", r.Start.String())
	opt("end", r.End.String())
	opt("attested", r.Attested.String())
	if r.Ongoing != nil {
		p["ongoing"] = *r.Ongoing
	}
	if r.Status != Completed {
		opt("status", string(r.Status))
	}
	opt("item", r.Item)
	if len(r.ItemIDs) > 0 {
		p["itemIds"] = r.ItemIDs
	}
	if r.Percentage != 0 {
		p["percentage"] = r.Percentage
	}
	if r.SharesCount != 0 {
		p["sharesCount"] = r.SharesCount
	}
	opt("sourceId", r.SourceID)
	if r.Paragraph > 0 {
		p["paragraph"] = int64(r.Paragraph)
	}
	opt("sourceUrl", r.SourceURL)
	opt("citedSource", r.CitedSource)
	opt("citedSourceId", r.CitedSourceID)
	if sp := r.Span(); sp.Known() {
		p["spanFrom"] = Day(sp.From)
		if !sp.Open() {
			p["spanTo"] = Day(sp.To)
		}
	}
	return p
}

func mergeRelationshipsQuery(t RelType) string {
	return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:` + string(t) + ` {id: row.id}]->(b)
WITH r, row, properties(r) = row.props AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET r = row.props)
RETURN count(*) AS total, count(CASE WHEN same THEN 1 END) AS unchanged`
}

func createRelationshipsQuery(t RelType) string {
	return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:` + string(t) + `]->(b)
SET r = row.props
RETURN count(*) AS total, 0 AS unchanged`
}

// MergeRelationships merges relationships by type and id between existing
// entities in one transaction and says how many were created, updated or
// already as given. A row whose endpoint is missing fails the whole call.
func (s *Store) MergeRelationships(ctx context.Context, rs []Relationship) (BulkResult, error) {
	return s.writeRelationships(ctx, rs, mergeRelationshipsQuery)
}

// CreateRelationships creates relationships the caller knows to be absent
// (for example after ExistingRelationships found none of their ids), which
// is faster than merging them. The per-type uniqueness constraint still
// rejects an id that exists after all, failing the whole call, so a retry
// can never duplicate a relationship.
func (s *Store) CreateRelationships(ctx context.Context, rs []Relationship) (BulkResult, error) {
	return s.writeRelationships(ctx, rs, createRelationshipsQuery)
}

// MergeRelationshipOne merges one relationship in its own auto-commit
// statement (MATCH, MATCH, MERGE, SET), as a one-statement-per-row loader
// would. It is the naive baseline the import benchmark compares the batched
// writes with (BENCHMARKS.md); use MergeRelationships for real work.
func (s *Store) MergeRelationshipOne(ctx context.Context, r Relationship) error {
	if err := r.Validate(); err != nil {
		return err
	}
	_, err := s.write(ctx, `MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MERGE (a)-[r:`+string(r.Type)+` {id: $id}]->(b)
SET r = $props`, relRow(r))
	return err
}

func (s *Store) writeRelationships(ctx context.Context, rs []Relationship, query func(RelType) string) (BulkResult, error) {
	byType := map[RelType][]map[string]any{}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return BulkResult{}, err
		}
		byType[r.Type] = append(byType[r.Type], relRow(r))
	}
	var out BulkResult
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = BulkResult{}
		for _, spec := range Vocabulary {
			rows := byType[spec.Type]
			if len(rows) == 0 {
				continue
			}
			r, err := runCounted(ctx, tx, query(spec.Type), rows, false)
			if err != nil {
				return err
			}
			out = out.Add(r)
		}
		return nil
	})
	return out, err
}

// runCounted runs a bulk query that returns total and unchanged, and checks
// that every row was matched: a missing endpoint drops a row silently in
// Cypher, so it is turned into an error that rolls the transaction back.
func runCounted(ctx context.Context, tx neo4j.ManagedTransaction, q string, rows []map[string]any, nodes bool) (BulkResult, error) {
	res, err := tx.Run(ctx, q, map[string]any{"rows": rows})
	if err != nil {
		return BulkResult{}, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return BulkResult{}, err
	}
	total, _, _ := neo4j.GetRecordValue[int64](rec, "total")
	unchanged, _, _ := neo4j.GetRecordValue[int64](rec, "unchanged")
	sum, err := res.Consume(ctx)
	if err != nil {
		return BulkResult{}, err
	}
	if int(total) != len(rows) {
		return BulkResult{}, Errorf(ErrInvalid, "%d of %d relationships have an endpoint that is not in the database%s", len(rows)-int(total), len(rows), missingEndpoints(ctx, tx, rows))
	}
	created := sum.Counters().RelationshipsCreated()
	if nodes {
		created = sum.Counters().NodesCreated()
	}
	return BulkResult{Created: created, Unchanged: int(unchanged), Updated: int(total) - int(unchanged) - created}, nil
}

// writeTx runs fn in one managed write transaction with the store's timeout
// and translates the driver's errors.
func (s *Store) writeTx(ctx context.Context, fn func(tx neo4j.ManagedTransaction) error) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, fn(tx)
	}, neo4j.WithTxTimeout(s.Timeout))
	return translateCtx(ctx, err)
}

// EntitiesPage returns up to limit entities whose id sorts after after, in
// id order; pass the last id of a page to get the next one. Paging by the
// indexed id keeps an export of any size in bounded memory.
func (s *Store) EntitiesPage(ctx context.Context, after string, limit int) ([]Entity, error) {
	res, err := s.read(ctx, `MATCH (e:Entity) WHERE e.id > $after RETURN e ORDER BY e.id LIMIT $limit`,
		map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(res.Records))
	for _, rec := range res.Records {
		e, err := recordNode(rec, "e")
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// RelationshipsPage returns up to limit relationships of type t between
// entities whose id sorts after after, in id order. Relationships without an
// id (written by hand outside the loaders) are not returned.
func (s *Store) RelationshipsPage(ctx context.Context, t RelType, after string, limit int) ([]Relationship, error) {
	if _, ok := t.Spec(); !ok {
		return nil, Errorf(ErrInvalid, "unknown relationship type %q", t)
	}
	res, err := s.read(ctx, `MATCH (a:Entity)-[r:`+string(t)+`]->(b:Entity) WHERE r.id > $after
RETURN r, a.id AS from, b.id AS to ORDER BY r.id LIMIT $limit`, map[string]any{"after": after, "limit": limit})
	if err != nil {
		return nil, err
	}
	out := make([]Relationship, 0, len(res.Records))
	for _, rec := range res.Records {
		r, isNil, err := neo4j.GetRecordValue[neo4j.Relationship](rec, "r")
		if err != nil || isNil {
			return nil, fmt.Errorf("decode relationship: %v", err)
		}
		from, _, _ := neo4j.GetRecordValue[string](rec, "from")
		to, _, _ := neo4j.GetRecordValue[string](rec, "to")
		out = append(out, relFromRel(r, map[string]string{r.StartElementId: from, r.EndElementId: to}))
	}
	return out, nil
}

// missingEndpoints names a few relationships whose endpoint is missing, for
// the error message; it is best effort.
func missingEndpoints(ctx context.Context, tx neo4j.ManagedTransaction, rows []map[string]any) string {
	res, err := tx.Run(ctx, `UNWIND $rows AS row
WITH row WHERE NOT EXISTS { MATCH (:Entity {id: row.from}) } OR NOT EXISTS { MATCH (:Entity {id: row.to}) }
RETURN row.id AS id, row.from AS from, row.to AS to LIMIT 5`, map[string]any{"rows": rows})
	if err != nil {
		return ""
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return ""
	}
	var parts []string
	for _, rec := range recs {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		from, _, _ := neo4j.GetRecordValue[string](rec, "from")
		to, _, _ := neo4j.GetRecordValue[string](rec, "to")
		parts = append(parts, fmt.Sprintf("%s (%s -> %s)", id, from, to))
	}
	return ": " + strings.Join(parts, ", ")
}
