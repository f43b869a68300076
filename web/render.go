package web

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"sync"
	"time"

	"explorer/graph"
)

// EntityURL is the page of an entity; diagram nodes link to it.
func EntityURL(id string) string { return "/entities/" + url.PathEscape(id) }

// render draws a diagram, from the cache when the same request was drawn
// before. The key is the request's full content, so a changed graph never
// gets a stale picture. SVG output is checked by checkSVG before anyone
// sees it.
func (s *Server) render(ctx context.Context, in DiagramRequest, format string) ([]byte, string, error) {
	if s.cfg.Diagrams == nil {
		return nil, "", fmt.Errorf("%w: no renderer is configured", errDiagramsDown)
	}
	raw, err := json.Marshal(in)
	if err != nil {
		return nil, "", err
	}
	key := sha256.Sum256(append([]byte(format+"\x00"), raw...))
	if e, ok := s.cache.get(key); ok {
		s.metrics.cache.WithLabelValues("hit").Inc()
		return e.body, e.contentType, nil
	}
	s.metrics.cache.WithLabelValues("miss").Inc()
	release, err := s.renders.acquire(ctx)
	if err != nil {
		return nil, "", err
	}
	defer release()
	start := time.Now()
	body, ct, err := s.cfg.Diagrams.Render(ctx, in, format)
	if err != nil {
		if errors.Is(err, graph.ErrUnavailable) {
			return nil, "", fmt.Errorf("%w: %s: %v", errDiagramsDown, format, err)
		}
		return nil, "", err
	}
	s.metrics.renders.WithLabelValues(format).Observe(time.Since(start).Seconds())
	if format == FormatSVG {
		if err := checkSVG(body); err != nil {
			return nil, "", fmt.Errorf("renderer produced unsafe SVG: %w", err)
		}
	}
	s.cache.put(key, cacheEntry{body: body, contentType: ct})
	return body, ct, nil
}

// inlineSVG renders a diagram for insertion into a page. It is the one place
// that turns renderer output into template.HTML: that is sound because
// Graphviz escapes every label, title and URL it writes (&lt;script&gt;), and
// checkSVG has refused scripts, event handlers, foreign content and links
// that leave the site; the page's Content-Security-Policy forbids inline
// scripts as a last line of defence.
func (s *Server) inlineSVG(ctx context.Context, in DiagramRequest) (template.HTML, error) {
	body, _, err := s.render(ctx, in, FormatSVG)
	if err != nil {
		return "", err
	}
	i := bytes.Index(body, []byte("<svg"))
	if i < 0 {
		return "", errors.New("renderer output has no <svg> element")
	}
	return template.HTML(body[i:]), nil
}

// svgDenied are elements that may run code or embed other documents.
var svgDenied = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "object": true, "embed": true,
	"handler": true, "listener": true, "animate": true, "set": true, "animatemotion": true,
	"animatetransform": true, "use": true, "image": true, "style": true,
}

// checkSVG is a structural allow-list over renderer output: no scripting
// elements, no event handler attributes, and links only to this site's
// pages (relative URLs starting with "/" or "#").
func checkSVG(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("parse: %v", err)
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if svgDenied[strings.ToLower(el.Name.Local)] {
			return fmt.Errorf("element <%s> is not allowed", el.Name.Local)
		}
		for _, a := range el.Attr {
			name := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(name, "on") {
				return fmt.Errorf("attribute %s on <%s> is not allowed", a.Name.Local, el.Name.Local)
			}
			if name == "href" && a.Value != "" && !strings.HasPrefix(a.Value, "#") &&
				(!strings.HasPrefix(a.Value, "/") || strings.HasPrefix(a.Value, "//")) {
				return fmt.Errorf("link %q on <%s> is not allowed", a.Value, el.Name.Local)
			}
		}
	}
}

// renderCache is a least-recently-used cache of rendered diagrams, bounded
// by the bytes it holds.
type renderCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // front is most recent; values are *cacheItem
	items map[[32]byte]*list.Element
}

type cacheEntry struct {
	body        []byte
	contentType string
}

type cacheItem struct {
	key [32]byte
	cacheEntry
}

func newRenderCache(maxBytes int) *renderCache {
	return &renderCache{max: maxBytes, order: list.New(), items: map[[32]byte]*list.Element{}}
}

func (c *renderCache) get(k [32]byte) (cacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return cacheEntry{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheItem).cacheEntry, true
}

func (c *renderCache) put(k [32]byte, e cacheEntry) {
	if c.max <= 0 || len(e.body) > c.max/4 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.items[k]; ok {
		return
	}
	c.items[k] = c.order.PushFront(&cacheItem{key: k, cacheEntry: e})
	c.size += len(e.body)
	for c.size > c.max {
		last := c.order.Back()
		it := last.Value.(*cacheItem)
		c.order.Remove(last)
		delete(c.items, it.key)
		c.size -= len(it.body)
	}
}
