package web

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"explorer/graph"
)

// breaker makes requests fail fast while the database is down. A query
// against a dead database costs the driver's connection and retry timeouts
// (a second or more); a ping costs about a millisecond when the connection
// is refused. So after a call reports graph.ErrUnavailable the breaker
// opens, and while it is open every call pings first and gives up at once
// when the ping fails. The first successful ping closes it again, so the
// service recovers by itself when Neo4j returns.
type breaker struct {
	g           Graph
	pingTimeout time.Duration
	open        atomic.Bool
}

func (b *breaker) check(ctx context.Context) error {
	if !b.open.Load() {
		return nil
	}
	pctx, cancel := context.WithTimeout(ctx, b.pingTimeout)
	defer cancel()
	if err := b.g.Ping(pctx); err != nil {
		if !errors.Is(err, graph.ErrUnavailable) {
			err = fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
		}
		return err
	}
	b.open.Store(false)
	return nil
}

func (b *breaker) done(err error) error {
	if errors.Is(err, graph.ErrUnavailable) {
		b.open.Store(true)
	}
	return err
}

func (b *breaker) Search(ctx context.Context, text string, limit int) ([]graph.SearchHit, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	hits, err := b.g.Search(ctx, text, limit)
	return hits, b.done(err)
}

func (b *breaker) Resolve(ctx context.Context, ref string) (graph.Entity, error) {
	if err := b.check(ctx); err != nil {
		return graph.Entity{}, err
	}
	e, err := b.g.Resolve(ctx, ref)
	return e, b.done(err)
}

func (b *breaker) Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Subgraph, error) {
	if err := b.check(ctx); err != nil {
		return graph.Subgraph{}, err
	}
	sub, err := b.g.Neighbors(ctx, q)
	return sub, b.done(err)
}

func (b *breaker) Diff(ctx context.Context, q graph.DiffQuery) (graph.Diff, error) {
	if err := b.check(ctx); err != nil {
		return graph.Diff{}, err
	}
	d, err := b.g.Diff(ctx, q)
	return d, b.done(err)
}

func (b *breaker) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	ps, err := b.g.Paths(ctx, q)
	return ps, b.done(err)
}

func (b *breaker) Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (*graph.QueryResult, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	res, err := b.g.Query(ctx, cypher, params, lim)
	return res, b.done(err)
}

func (b *breaker) Ping(ctx context.Context) error {
	err := b.g.Ping(ctx)
	if err == nil {
		b.open.Store(false)
	}
	return b.done(err)
}
