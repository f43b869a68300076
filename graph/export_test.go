package graph

import "context"

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
