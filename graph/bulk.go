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
