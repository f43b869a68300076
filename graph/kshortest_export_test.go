package graph

import "context"

// KShortestWithin runs the k-shortest search with a step budget of
// budget relationships: -1 sends every query to Yen's algorithm, a large
// one keeps every query in the hop search.
func (s *Store) KShortestWithin(ctx context.Context, q PathQuery, budget int64) ([]Path, error) {
	if err := q.Normalize(); err != nil {
		return nil, err
	}
	return s.kShortestWithin(ctx, q, budget)
}
