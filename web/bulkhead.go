package web

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Bulkheads bound how many requests of one expensive kind run at once, so
// that one heavy user cannot take every Neo4j connection or every core:
// console queries, ranked path searches (k-shortest, chronological) and
// diagram renders each get their own slots, and their sum stays well below
// the driver's connection pool (50 in `explorer serve`), which leaves
// search, entity pages, the shortest-path modes and health checks their
// own capacity. A request that finds its kind full waits briefly, then is
// answered 503 with Retry-After.
type Bulkheads struct {
	Console, RankedPaths, Renders int
	// Wait is how long a request waits for a slot (default 100ms).
	Wait time.Duration
}

// DefaultBulkheads suit a small machine (2 cores): each slow query of Neo4j
// keeps a core busy, so more than two at once starve everything else.
var DefaultBulkheads = Bulkheads{Console: 2, RankedPaths: 2, Renders: 2, Wait: 100 * time.Millisecond}

// errBusy marks a request refused because its bulkhead is full.
var errBusy = errors.New("busy")

// busyError says which kind of work is full and when to come back.
type busyError struct {
	kind       string
	retryAfter time.Duration
}

func (e *busyError) Error() string {
	return fmt.Sprintf("too many %s are running; try again in %s", e.kind, e.retryAfter)
}

func (e *busyError) Unwrap() error { return errBusy }

// bulkhead is a counting semaphore for one kind of work.
type bulkhead struct {
	kind  string
	slots chan struct{}
	wait  time.Duration
	retry time.Duration
}

func newBulkhead(kind string, n int, wait, retry time.Duration) *bulkhead {
	if n <= 0 {
		n = 1
	}
	return &bulkhead{kind: kind, slots: make(chan struct{}, n), wait: wait, retry: retry}
}

// acquire takes a slot, waiting at most b.wait; release gives it back.
func (b *bulkhead) acquire(ctx context.Context) (release func(), err error) {
	select {
	case b.slots <- struct{}{}:
		return func() { <-b.slots }, nil
	default:
	}
	t := time.NewTimer(b.wait)
	defer t.Stop()
	select {
	case b.slots <- struct{}{}:
		return func() { <-b.slots }, nil
	case <-t.C:
		return nil, &busyError{kind: b.kind, retryAfter: b.retry}
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// setRetryAfter adds Retry-After to the answer of a request refused by a
// bulkhead.
func setRetryAfter(c *gin.Context, err error) {
	var be *busyError
	if errors.As(err, &be) {
		c.Header("Retry-After", strconv.Itoa(max(1, int(be.retryAfter.Round(time.Second)/time.Second))))
	}
}

// bulkheaded limits the expensive calls of a Graph: Query, and Paths in
// the ranked modes. Everything else passes straight through.
type bulkheaded struct {
	Graph
	console, ranked *bulkhead
}

func (b bulkheaded) Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (*graph.QueryResult, error) {
	release, err := b.console.acquire(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	return b.Graph.Query(ctx, cypher, params, lim)
}

func (b bulkheaded) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if q.Mode == graph.KShortest || q.Mode == graph.Chronological {
		release, err := b.ranked.acquire(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
	}
	return b.Graph.Paths(ctx, q)
}
