package graph

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// QueryLayers runs Query with only the chosen layers of the read-only guard,
// so that tests can show each layer holding on its own.
func (s *Store) QueryLayers(ctx context.Context, q string, params map[string]any, lim QueryLimits, static, plan, statementType bool) (*QueryResult, error) {
	return s.query(ctx, q, params, lim, guardLayers{static: static, plan: plan, statementType: statementType})
}

// Tokens exposes the tokenizer to the fuzz target: kinds and texts.
func Tokens(q string) ([]string, error) {
	toks, err := tokenizeCypher(q)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.text
	}
	return out, err
}

// SourcePlanOperators returns the operators of Neo4j's EXPLAIN plans for
// the queries that find a source's claims and count them, so that a test
// can show they seek an index rather than scan relationships.
func (s *Store) SourcePlanOperators(ctx context.Context) (map[string][]string, error) {
	out := map[string][]string{}
	for name, q := range map[string]string{"claims": sourceClaimsQuery, "counts": sourceCountsQuery} {
		res, err := s.read(ctx, "EXPLAIN "+q, map[string]any{"id": "x", "q": sourceRefQuery("x"), "index": sourceRefIndex, "rows": []any{map[string]any{"id": "x", "q": sourceRefQuery("x")}}})
		if err != nil {
			return nil, err
		}
		var walk func(p neo4j.Plan)
		walk = func(p neo4j.Plan) {
			out[name] = append(out[name], p.Operator())
			for _, c := range p.Children() {
				walk(c)
			}
		}
		walk(res.Summary.Plan())
	}
	return out, nil
}

// WithBatch sets how many entities one xref lookup transaction carries.
func WithBatch(o XrefOptions, n int) XrefOptions {
	o.batch = n
	return o
}

// XrefSequential is cross-referencing as it was before the lookups ran
// concurrently (xref_ref_test.go), the reference the concurrent one must
// equal.
func (s *Store) XrefSequential(ctx context.Context, o XrefOptions) ([]Candidate, error) {
	return s.xrefSequential(ctx, o)
}
