package graph

import (
	"cmp"
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The reference for cross-referencing: Xref as it was when each batch was
// looked up, scored and merged one after the other (before the lookups ran
// concurrently), kept verbatim apart from the batch size, so that a test
// can show the concurrent Xref returns exactly the same candidates.

func (s *Store) xrefSequential(ctx context.Context, o XrefOptions) ([]Candidate, error) {
	if o.MinScore == 0 {
		o.MinScore = DefaultMinScore
	}
	if o.MinScore < 0 || o.MinScore > 1 {
		return nil, Errorf(ErrInvalid, "min score %v: want a number between 0 and 1", o.MinScore)
	}
	if o.PerEntity <= 0 {
		o.PerEntity = 20
	}
	// The entities to look up: those of the source or the ids, else every
	// entity, a page at a time.
	var queries []Entity
	scoped := o.Source != "" || len(o.IDs) > 0
	inSource := map[string]bool{}
	if scoped {
		var err error
		if queries, err = s.xrefQueries(ctx, o); err != nil {
			return nil, err
		}
		for _, e := range queries {
			inSource[e.ID] = true
		}
	}
	judged, err := s.judgedPairs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Candidate
	kept := map[[2]string]bool{} // the pairs in out
	after := ""
	size := cmp.Or(o.batch, xrefBatch)
	for start := 0; ; start += size {
		var batch []Entity
		if scoped {
			if start >= len(queries) {
				break
			}
			batch = queries[start:min(start+size, len(queries))]
		} else {
			if batch, err = s.EntitiesPage(ctx, after, size); err != nil {
				return nil, err
			}
			if len(batch) == 0 {
				break
			}
			after = batch[len(batch)-1].ID
		}
		cands, err := s.blockAndScoreRef(ctx, batch, o, judged, kept)
		if err != nil {
			return nil, err
		}
		// Shared neighbours decide only the pairs just under the
		// threshold here; the pairs above it get theirs at the end.
		var borderline []Candidate
		for _, c := range cands {
			if c.Score >= o.MinScore {
				out = append(out, c)
				kept[pairKey(c.Left.ID, c.Right.ID)] = true
			} else {
				borderline = append(borderline, c)
			}
		}
		if err := s.addNeighbours(ctx, borderline); err != nil {
			return nil, err
		}
		for _, c := range borderline {
			if c.Score >= o.MinScore {
				c.neighboured = true
				out = append(out, c)
				kept[pairKey(c.Left.ID, c.Right.ID)] = true
			}
		}
		// With a limit, keep memory bounded: only the best pairs so far.
		if o.Limit > 0 && len(out) > 4*o.Limit {
			sortCandidates(out)
			out = out[:o.Limit]
			clear(kept)
			for _, c := range out {
				kept[pairKey(c.Left.ID, c.Right.ID)] = true
			}
		}
	}
	if o.Limit > 0 && len(out) > o.Limit {
		sortCandidates(out)
		out = out[:o.Limit]
	}
	var rest []Candidate
	for _, c := range out {
		if !c.neighboured {
			rest = append(rest, c)
		}
	}
	if err := s.addNeighbours(ctx, rest); err != nil {
		return nil, err
	}
	for i, j := 0, 0; i < len(out); i++ {
		if !out[i].neighboured {
			out[i] = rest[j]
			j++
		}
	}
	degree, err := s.degrees(ctx, out)
	if err != nil {
		return nil, err
	}
	for i := range out {
		c := &out[i]
		// The established entity goes left: not from the source, else the
		// better connected, else the smaller id.
		swap := false
		switch l, r := inSource[c.Left.ID], inSource[c.Right.ID]; {
		case l != r:
			swap = l
		case degree[c.Left.ID] != degree[c.Right.ID]:
			swap = degree[c.Left.ID] < degree[c.Right.ID]
		default:
			swap = c.Left.ID > c.Right.ID
		}
		if swap {
			c.Left, c.Right = c.Right, c.Left
		}
	}
	sortCandidates(out)
	if o.Limit > 0 && len(out) > o.Limit {
		out = out[:o.Limit]
	}
	return out, nil
}

func (s *Store) blockAndScoreRef(ctx context.Context, batch []Entity, o XrefOptions, judged, kept map[[2]string]bool) ([]Candidate, error) {
	rows := make([]map[string]any, 0, len(batch))
	idRows := make([]map[string]any, 0)
	byID := make(map[string]Entity, len(batch))
	for _, e := range batch {
		byID[e.ID] = e
		if q := blockingQuery(e); q != "" {
			rows = append(rows, map[string]any{"id": e.ID, "q": q})
		}
		if len(e.Identifiers) > 0 {
			idRows = append(idRows, map[string]any{"id": e.ID, "q": identifierQuery(e.Identifiers)})
		}
	}
	res, err := s.read(ctx, blockingCypherRef("entity_names"), map[string]any{"rows": rows, "k": o.PerEntity})
	if err != nil {
		return nil, err
	}
	records := res.Records
	// Entities that share an identifier are candidates whatever their
	// names: the name index would not find them.
	if len(idRows) > 0 {
		res, err := s.read(ctx, blockingCypherRef("entity_identifiers"), map[string]any{"rows": idRows, "k": o.PerEntity})
		if err != nil {
			return nil, err
		}
		records = append(records, res.Records...)
	}
	seen := map[[2]string]bool{}
	var cands []Candidate
	for _, rec := range records {
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		hits, _, _ := neo4j.GetRecordValue[[]any](rec, "hits")
		q := byID[id]
		for _, h := range hits {
			n, ok := h.(neo4j.Node)
			if !ok {
				continue
			}
			other := entityFromNode(n)
			key := pairKey(q.ID, other.ID)
			if seen[key] || judged[key] || kept[key] {
				continue
			}
			seen[key] = true
			if c, ok := scorePair(q, other); ok && c.Score >= o.MinScore-neighbourBonusMax {
				cands = append(cands, c)
			}
		}
	}
	return cands, nil
}

// blockingCypherRef is the lookup query blockAndScoreRef ran: one row an
// entity, itself left out in the query.
func blockingCypherRef(index string) string {
	return `UNWIND $rows AS row
CALL (row) {
  CALL db.index.fulltext.queryNodes('` + index + `', row.q, {limit: $k}) YIELD node
  WITH node WHERE node.id <> row.id
  RETURN collect(node) AS hits
}
RETURN row.id AS id, hits`
}
