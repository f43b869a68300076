package web

import (
	"context"
	"fmt"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"explorer/graph"
)

// paramError is a bad query parameter: a 400 whose message names it.
func paramError(name string, format string, args ...any) error {
	return fmt.Errorf("%w: parameter %q: %s", graph.ErrInvalid, name, fmt.Sprintf(format, args...))
}

// wrapParam names the parameter in an error from graph, keeping its kind
// (not found, ambiguous, invalid).
func wrapParam(name string, err error) error {
	return fmt.Errorf("parameter %q: %w", name, err)
}

// intParam reads an integer parameter in [lo, hi]; absent or empty is def.
func intParam(v url.Values, name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, paramError(name, "want an integer from %d to %d, got %q", lo, hi, s)
	}
	return n, nil
}

// boolParam reads a flag: absent, empty, 0, false, off and no are false;
// 1, true, on and yes are true.
func boolParam(v url.Values, name string) (bool, error) {
	switch s := strings.ToLower(strings.TrimSpace(v.Get(name))); s {
	case "", "0", "false", "off", "no":
		return false, nil
	case "1", "true", "on", "yes":
		return true, nil
	default:
		return false, paramError(name, "want true or false, got %q", s)
	}
}

// dateParam reads an optional partial date.
func dateParam(v url.Values, name string) (graph.PartialDate, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return graph.PartialDate{}, nil
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return d, paramError(name, "want YYYY, YYYY-MM or YYYY-MM-DD, got %q", s)
	}
	return d, nil
}

// listParam reads a list given as repeated parameters, comma-separated
// values, or both (types=SUPPLIED,TRAINED&types=LEADS).
func listParam(v url.Values, name string) []string {
	var out []string
	for _, s := range v[name] {
		for _, part := range strings.Split(s, ",") {
			if part = strings.TrimSpace(part); part != "" && !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	return out
}

// filterParams reads types, since, until, exclude and directed; exclude
// entries are resolved like the CLI's --exclude (id, name or alias).
func (s *Server) filterParams(ctx context.Context, v url.Values) (graph.Filter, error) {
	var f graph.Filter
	for _, t := range listParam(v, "types") {
		rt, err := graph.ParseRelType(t)
		if err != nil {
			return f, paramError("types", "unknown relationship type %q (see GET /api/v1/openapi.json or 'explorer types')", t)
		}
		f.Types = append(f.Types, rt)
	}
	var err error
	if f.Window.Since, err = dateParam(v, "since"); err != nil {
		return f, err
	}
	if f.Window.Until, err = dateParam(v, "until"); err != nil {
		return f, err
	}
	if err := f.Window.Validate(); err != nil {
		return f, paramError("until", "%s is before since %s", f.Window.Until, f.Window.Since)
	}
	if f.DatedOnly, err = boolParam(v, "dated_only"); err != nil {
		return f, err
	}
	if f.AsOf, err = dateParam(v, "as_of"); err != nil {
		return f, err
	}
	if f.IncludePastEvents, err = boolParam(v, "include_past_events"); err != nil {
		return f, err
	}
	if f.IncludePastEvents && f.AsOf.IsZero() {
		return f, paramError("include_past_events", "needs as_of")
	}
	if f.Directed, err = boolParam(v, "directed"); err != nil {
		return f, err
	}
	refs := listParam(v, "exclude")
	if len(refs) > 50 {
		return f, paramError("exclude", "at most 50 entities, got %d", len(refs))
	}
	for _, ref := range refs {
		e, err := s.graph.Resolve(ctx, ref)
		if err != nil {
			return f, wrapParam("exclude", err)
		}
		f.Exclude = append(f.Exclude, e.ID)
	}
	return f, nil
}

// resolveParam resolves a required entity reference parameter.
func (s *Server) resolveParam(ctx context.Context, v url.Values, name string) (graph.Entity, error) {
	ref := strings.TrimSpace(v.Get(name))
	if ref == "" {
		return graph.Entity{}, paramError(name, "required: an entity id, name or alias")
	}
	if len(ref) > 500 {
		return graph.Entity{}, paramError(name, "too long (at most 500 bytes)")
	}
	e, err := s.graph.Resolve(ctx, ref)
	if err != nil {
		return e, wrapParam(name, err)
	}
	return e, nil
}

// pathParams reads a path query: from, to, mode, k, max_hops and the filter.
func (s *Server) pathParams(ctx context.Context, v url.Values) (graph.PathQuery, graph.Entity, graph.Entity, error) {
	var q graph.PathQuery
	var from, to graph.Entity
	mode, err := graph.ParsePathMode(strings.TrimSpace(v.Get("mode")))
	if err != nil {
		return q, from, to, paramError("mode", "want shortest, all-shortest, k-shortest or chronological, got %q", v.Get("mode"))
	}
	k, err := intParam(v, "k", graph.DefaultK, 1, graph.MaxK)
	if err != nil {
		return q, from, to, err
	}
	hops, err := intParam(v, "max_hops", graph.DefaultMaxHops, 1, graph.MaxHopsCap)
	if err != nil {
		return q, from, to, err
	}
	fromRef, toRef := strings.TrimSpace(v.Get("from")), strings.TrimSpace(v.Get("to"))
	if graph.ValidID(fromRef) && graph.ValidID(toRef) && fromRef != toRef {
		// Both look like ids: the path query itself looks them up, which
		// saves two round trips on the hot path. An unresolved endpoint has
		// no Name; s.paths resolves names when the ids turn out not to be.
		from, to = graph.Entity{ID: fromRef}, graph.Entity{ID: toRef}
	} else {
		if from, err = s.resolveParam(ctx, v, "from"); err != nil {
			return q, from, to, err
		}
		if to, err = s.resolveParam(ctx, v, "to"); err != nil {
			return q, from, to, err
		}
	}
	if from.ID == to.ID {
		return q, from, to, paramError("to", "is the same entity as from (%s)", from.ID)
	}
	f, err := s.filterParams(ctx, v)
	if err != nil {
		return q, from, to, err
	}
	if slices.Contains(f.Exclude, from.ID) || slices.Contains(f.Exclude, to.ID) {
		return q, from, to, paramError("exclude", "cannot exclude a path endpoint")
	}
	q = graph.PathQuery{From: from.ID, To: to.ID, Mode: mode, K: k, MaxHops: hops, Filter: f}
	return q, from, to, nil
}

// neighborParams reads depth, limit and the filter of a neighbourhood query.
func (s *Server) neighborParams(ctx context.Context, v url.Values, id string) (graph.NeighborQuery, error) {
	depth, err := intParam(v, "depth", 1, 1, graph.MaxDepth)
	if err != nil {
		return graph.NeighborQuery{}, err
	}
	limit, err := intParam(v, "limit", graph.DefaultNodeCap, 1, graph.MaxNodeCap)
	if err != nil {
		return graph.NeighborQuery{}, err
	}
	f, err := s.filterParams(ctx, v)
	if err != nil {
		return graph.NeighborQuery{}, err
	}
	return graph.NeighborQuery{ID: id, Depth: depth, Limit: limit, Filter: f}, nil
}

// formatParam chooses the response format: the format parameter when
// given, else the best match of the Accept header, else JSON.
func formatParam(v url.Values, accept string) (string, error) {
	if f := strings.ToLower(strings.TrimSpace(v.Get("format"))); f != "" {
		switch f {
		case "json", FormatSVG, FormatPNG, FormatDOT:
			return f, nil
		}
		return "", paramError("format", "want json, svg, png or dot, got %q", f)
	}
	return negotiate(accept), nil
}

// acceptTypes maps media types to formats, in the server's preference order
// for ties.
var acceptTypes = []struct{ media, format string }{
	{"application/json", "json"},
	{"application/*", "json"},
	{"*/*", "json"},
	{"image/svg+xml", FormatSVG},
	{"image/png", FormatPNG},
	{"text/vnd.graphviz", FormatDOT},
}

// negotiate picks the format for an Accept header, honouring q values;
// wildcards and anything unknown fall back to JSON.
func negotiate(accept string) string {
	best, bestQ := "json", 0.0
	for _, part := range strings.Split(accept, ",") {
		media, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if s, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(s, 64); err == nil {
				q = f
			}
		}
		for _, t := range acceptTypes {
			if t.media == media && q > bestQ {
				best, bestQ = t.format, q
			}
		}
	}
	return best
}
