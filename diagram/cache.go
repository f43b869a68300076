package diagram

import (
	"container/list"
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"sync/atomic"
)

// Cache is a Renderer that remembers recent outputs of another, keyed by a
// SHA-256 of (DOT text, format, layout), and evicts the least recently used
// beyond a count or a byte size. Concurrent requests for the same key share
// one render. Errors are never cached. Outputs are shared: callers must not
// modify the bytes Render returns.
type Cache struct {
	next       Renderer
	maxEntries int
	maxBytes   int64

	mu       sync.Mutex
	lru      *list.List // of *cacheEntry, most recent first
	entries  map[cacheKey]*list.Element
	bytes    int64
	inflight map[cacheKey]*cacheCall

	hits, misses, evictions atomic.Int64
}

type cacheKey [sha256.Size]byte

type cacheEntry struct {
	key cacheKey
	out []byte
}

type cacheCall struct {
	done chan struct{}
	out  []byte
	err  error
}

// CacheStats are a Cache's counters, for metrics.
type CacheStats struct {
	Hits      int64 // renders answered from the cache, or by joining an identical render in flight
	Misses    int64 // renders passed to the next renderer
	Evictions int64 // entries dropped to stay within the caps
	Entries   int   // entries held now
	Bytes     int64 // output bytes held now
}

// NewCache returns a cache of at most maxEntries outputs and maxBytes bytes in
// front of next; zero or negative values mean 256 entries and 64 MiB.
func NewCache(next Renderer, maxEntries int, maxBytes int64) *Cache {
	if maxEntries <= 0 {
		maxEntries = 256
	}
	if maxBytes <= 0 {
		maxBytes = 64 << 20
	}
	return &Cache{next: next, maxEntries: maxEntries, maxBytes: maxBytes, lru: list.New(),
		entries: map[cacheKey]*list.Element{}, inflight: map[cacheKey]*cacheCall{}}
}

func keyOf(dot string, format Format, layout string) cacheKey {
	h := sha256.New()
	// Lengths first, so that no two different triples hash the same input.
	var n [24]byte
	for i, l := range []int{len(format), len(layout), len(dot)} {
		v := uint64(l)
		for j := range 8 {
			n[i*8+j] = byte(v >> (8 * j))
		}
	}
	h.Write(n[:])
	h.Write([]byte(format))
	h.Write([]byte(layout))
	h.Write([]byte(dot))
	var k cacheKey
	h.Sum(k[:0])
	return k
}

// Render implements Renderer.
func (c *Cache) Render(ctx context.Context, dot string, format Format, layout string) ([]byte, error) {
	k := keyOf(dot, format, layout)
	for {
		c.mu.Lock()
		if el, ok := c.entries[k]; ok {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			c.hits.Add(1)
			return el.Value.(*cacheEntry).out, nil
		}
		if call, ok := c.inflight[k]; ok {
			c.mu.Unlock()
			select {
			case <-call.done:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			// The leader's own cancellation is not ours: try again.
			if errors.Is(call.err, context.Canceled) || errors.Is(call.err, context.DeadlineExceeded) {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				continue
			}
			c.hits.Add(1)
			return call.out, call.err
		}
		call := &cacheCall{done: make(chan struct{})}
		c.inflight[k] = call
		c.mu.Unlock()
		c.misses.Add(1)

		c.lead(ctx, k, call, dot, format, layout)
		return call.out, call.err
	}
}

// lead renders for every caller waiting on call; the deferred clean-up keeps
// waiters from hanging even if the renderer panics.
func (c *Cache) lead(ctx context.Context, k cacheKey, call *cacheCall, dot string, format Format, layout string) {
	call.err = errors.New("diagram: render did not finish")
	defer func() {
		c.mu.Lock()
		delete(c.inflight, k)
		if call.err == nil {
			c.add(k, call.out)
		}
		c.mu.Unlock()
		close(call.done)
	}()
	call.out, call.err = c.next.Render(ctx, dot, format, layout)
}

// add stores out under k and evicts from the old end; c.mu is held.
func (c *Cache) add(k cacheKey, out []byte) {
	if int64(len(out)) > c.maxBytes {
		return
	}
	c.entries[k] = c.lru.PushFront(&cacheEntry{key: k, out: out})
	c.bytes += int64(len(out))
	for c.lru.Len() > c.maxEntries || c.bytes > c.maxBytes {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.entries, e.key)
		c.bytes -= int64(len(e.out))
		c.evictions.Add(1)
	}
}

// Stats returns the cache's counters.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	n, b := c.lru.Len(), c.bytes
	c.mu.Unlock()
	return CacheStats{Hits: c.hits.Load(), Misses: c.misses.Load(), Evictions: c.evictions.Load(), Entries: n, Bytes: b}
}
