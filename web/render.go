package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"strings"
	"time"

	"explorer/diagram"
	"explorer/graph"
)

// EntityURL is the page of an entity; diagram nodes link to it.
func EntityURL(id string) string { return "/entities/" + url.PathEscape(id) }

// diagramOptions is how the service draws every diagram: left to right,
// each node linked to its entity page.
var diagramOptions = diagram.Options{Layout: "dot", RankDir: "LR", NodeURL: func(e graph.Entity) string { return EntityURL(e.ID) }}

// newRenderCache returns the rendered-diagram cache, or nil when maxBytes is
// negative (no cache).
func newRenderCache(maxBytes int) *diagram.Cache {
	if maxBytes < 0 {
		return nil
	}
	return diagram.NewCache(0, int64(maxBytes))
}

// render draws a diagram, from the cache when the same request was drawn
// before or is being drawn now. The key is the request's full content, so a
// changed graph never gets a stale picture. With a public base URL every
// link in the drawing is absolute. SVG output is checked by checkSVG before
// anyone sees it.
func (s *Server) render(ctx context.Context, in DiagramRequest, format string) ([]byte, string, error) {
	return s.renderWith(ctx, in, diagramOptions, format)
}

// renderWith is render with other options than the service's usual ones
// (the canvas draws with neato and without the drawing's own legend); the
// cache keeps the drawings of different options apart.
func (s *Server) renderWith(ctx context.Context, in DiagramRequest, opt diagram.Options, format string) ([]byte, string, error) {
	in.BaseURL = s.cfg.BaseURL
	if s.cfg.Diagrams == nil {
		return nil, "", fmt.Errorf("%w: no renderer is configured", errDiagramsDown)
	}
	f, err := diagram.ParseFormat(format)
	if err != nil {
		return nil, "", err
	}
	draw := func(ctx context.Context) ([]byte, error) {
		// Only a real render takes a slot of the renders' bulkhead; cache
		// hits and requests merged into one render do not.
		release, err := s.renders.acquire(ctx)
		if err != nil {
			return nil, err
		}
		defer release()
		start := time.Now()
		body, err := s.cfg.Diagrams.Draw(ctx, in, opt, f)
		if err != nil {
			return nil, err
		}
		s.metrics.renders.WithLabelValues(format).Observe(time.Since(start).Seconds())
		if f == diagram.FormatSVG {
			if err := checkSVG(body, s.cfg.BaseURL); err != nil {
				return nil, fmt.Errorf("renderer produced unsafe SVG: %w", err)
			}
		}
		return body, nil
	}
	var body []byte
	hit := false
	if s.cache == nil {
		body, err = draw(ctx)
	} else {
		key, kerr := in.Key(f)
		if kerr != nil {
			return nil, "", kerr
		}
		// The options that change a drawing; NodeURL is the service's
		// everywhere.
		key = diagram.KeyOf(key[:], []byte(fmt.Sprintf("%s %s %t", opt.Layout, opt.RankDir, opt.NoLegend)))
		body, hit, err = s.cache.Do(ctx, key, draw)
	}
	s.metrics.cache.WithLabelValues(map[bool]string{true: "hit", false: "miss"}[hit]).Inc()
	if errors.Is(err, graph.ErrUnavailable) || errors.Is(err, diagram.ErrNoGraphviz) {
		return nil, "", fmt.Errorf("%w: %s: %v", errDiagramsDown, format, err)
	}
	// A drawing past its time limit is the request's size, not an internal
	// failure; a client that left stays context.Canceled.
	if errors.Is(err, graph.ErrTimeout) || errors.Is(err, context.DeadlineExceeded) {
		return nil, "", fmt.Errorf("%w: %s: %v", errRenderTimeout, format, err)
	}
	if err != nil {
		return nil, "", err
	}
	return body, f.ContentType(), nil
}

// inlineSVG renders a diagram for insertion into a page. It is the one place
// that turns renderer output into template.HTML: that is sound because
// Graphviz escapes every label, title and URL it writes (&lt;script&gt;), and
// checkSVG has refused scripts, event handlers, foreign content and links
// that leave the site; the page's Content-Security-Policy forbids inline
// scripts as a last line of defence.
func (s *Server) inlineSVG(ctx context.Context, in DiagramRequest) (template.HTML, error) {
	return s.inlineSVGWith(ctx, in, diagramOptions)
}

// inlineSVGWith is inlineSVG drawn with opt.
func (s *Server) inlineSVGWith(ctx context.Context, in DiagramRequest, opt diagram.Options) (template.HTML, error) {
	body, _, err := s.renderWith(ctx, in, opt, FormatSVG)
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
// pages (relative URLs starting with "/" or "#", or, with a public base URL,
// URLs under it).
func checkSVG(b []byte, base string) error {
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
			if name == "href" && !siteLink(a.Value, base) {
				return fmt.Errorf("link %q on <%s> is not allowed", a.Value, el.Name.Local)
			}
		}
	}
}

// siteLink reports whether u leads to this site: empty, a fragment, a path
// ("/x", not "//host/x"), or a path under the public base URL.
func siteLink(u, base string) bool {
	if base != "" && strings.HasPrefix(u, base+"/") {
		u = strings.TrimPrefix(u, base)
	}
	return u == "" || strings.HasPrefix(u, "#") || (strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//"))
}
