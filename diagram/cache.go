package diagram

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"sync"
	"sync/atomic"
)

// Cache remembers recent renders under a key and evicts the least recently
// used beyond a count or a byte size. Concurrent requests for the same key
// share one render. Errors are never cached. Outputs are shared: callers must
// not modify the bytes Do returns.
type Cache struct {
	maxEntries int
	maxBytes   int64

	mu       sync.Mutex
	lru      *list.List // of *cacheEntry, most recent first
	entries  map[CacheKey]*list.Element
	bytes    int64
	inflight map[CacheKey]*cacheCall

	hits, misses, evictions atomic.Int64
}

// CacheKey identifies a render; KeyOf makes one.
type CacheKey [sha256.Size]byte

// Key is the cache key of req drawn in format: the request's whole content
// (graph, title, highlights, fit, base URL) and the format, so that a
// changed graph or another base URL never gets a stale drawing. Options are
// not part of it: a cache serves one set of options (the web service's).
func (req Request) Key(format Format) (CacheKey, error) {
	raw, err := json.Marshal(req)
	if err != nil {
		return CacheKey{}, err
	}
	return KeyOf([]byte(format), raw), nil
}

// KeyOf returns the SHA-256 of parts, each preceded by its length, so that no
// two different lists of parts give the same key.
func KeyOf(parts ...[]byte) CacheKey {
	h := sha256.New()
	for _, p := range parts {
		h.Write(binary.BigEndian.AppendUint64(nil, uint64(len(p))))
		h.Write(p)
	}
	var k CacheKey
	h.Sum(k[:0])
	return k
}

type cacheEntry struct {
	key CacheKey
	out []byte
}

type cacheCall struct {
	done      chan struct{}
	out       []byte
	err       error
	cancelled bool // the leader's context ended: not an answer for the others
}

// CacheStats are a Cache's counters, for metrics.
type CacheStats struct {
	Hits      int64 // answered from the cache, or by joining an identical render in flight
	Misses    int64 // renders run
	Evictions int64 // entries dropped to stay within the caps
	Entries   int   // entries held now
	Bytes     int64 // output bytes held now
}

// NewCache returns a cache of at most maxEntries outputs and maxBytes bytes;
// zero or negative values mean 256 entries and 64 MiB. One output larger than
// a quarter of maxBytes is not kept.
func NewCache(maxEntries int, maxBytes int64) *Cache {
	if maxEntries <= 0 {
		maxEntries = 256
	}
	if maxBytes <= 0 {
		maxBytes = 64 << 20
	}
	return &Cache{maxEntries: maxEntries, maxBytes: maxBytes, lru: list.New(),
		entries: map[CacheKey]*list.Element{}, inflight: map[CacheKey]*cacheCall{}}
}

// Do returns the output kept under key, or waits for a render of key already
// in flight, or runs render with ctx and keeps what it returns. hit reports
// that render did not run for this call. When the render another caller leads
// ends because that caller's context did, Do tries again with its own.
func (c *Cache) Do(ctx context.Context, key CacheKey, render func(context.Context) ([]byte, error)) (out []byte, hit bool, err error) {
	for {
		c.mu.Lock()
		if el, ok := c.entries[key]; ok {
			c.lru.MoveToFront(el)
			c.mu.Unlock()
			c.hits.Add(1)
			return el.Value.(*cacheEntry).out, true, nil
		}
		if call, ok := c.inflight[key]; ok {
			c.mu.Unlock()
			select {
			case <-call.done:
			case <-ctx.Done():
				return nil, false, ctx.Err()
			}
			if call.cancelled {
				if err := ctx.Err(); err != nil {
					return nil, false, err
				}
				continue
			}
			c.hits.Add(1)
			return call.out, true, call.err
		}
		call := &cacheCall{done: make(chan struct{})}
		c.inflight[key] = call
		c.mu.Unlock()
		c.misses.Add(1)
		c.lead(ctx, key, call, render)
		return call.out, false, call.err
	}
}

// lead renders for every caller waiting on call; the deferred clean-up keeps
// waiters from hanging even if render panics.
func (c *Cache) lead(ctx context.Context, key CacheKey, call *cacheCall, render func(context.Context) ([]byte, error)) {
	call.err = errors.New("diagram: render did not finish")
	defer func() {
		call.cancelled = call.err != nil && ctx.Err() != nil
		c.mu.Lock()
		delete(c.inflight, key)
		if call.err == nil {
			c.add(key, call.out)
		}
		c.mu.Unlock()
		close(call.done)
	}()
	call.out, call.err = render(ctx)
}

// add stores out under key and evicts from the old end; c.mu is held.
func (c *Cache) add(key CacheKey, out []byte) {
	if int64(len(out)) > c.maxBytes/4 {
		return
	}
	c.entries[key] = c.lru.PushFront(&cacheEntry{key: key, out: out})
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
