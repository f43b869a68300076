package web

import (
	"context"
	"mime"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"explorer/graph"
)

// paramError is a bad query parameter: a 400 whose message names it.
func paramError(name string, format string, args ...any) error {
	return graph.ParamErrorf(name, format, args...)
}

// wrapParam names the parameter in an error from graph, keeping its kind
// (not found, ambiguous, invalid).
func wrapParam(name string, err error) error {
	return graph.WrapParam(name, err)
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

// dateParam reads an optional partial date (the entity page's and the
// diff's as-of dates; path and neighbour filters go through graph's parser).
func dateParam(v url.Values, name string) (graph.PartialDate, error) {
	s := strings.TrimSpace(v.Get(name))
	if s == "" {
		return graph.PartialDate{}, nil
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		return d, paramError(name, "want YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYX, got %q", s)
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

// filterValues gathers the raw filter parameters for graph's parser. A list
// may be given as repeated parameters, comma-separated values or both
// (types=SUPPLIED,TRAINED&types=LEADS).
func filterValues(v url.Values) graph.FilterParams {
	list := func(name string) string { return strings.Join(listParam(v, name), ",") }
	return graph.FilterParams{
		Types: list("types"), Families: list("families"), ExcludeTypes: list("exclude_types"), Since: v.Get("since"), Until: v.Get("until"),
		Exclude: list("exclude"), MinConfidence: v.Get("min_confidence"), Status: list("status"), Undated: v.Get("undated"),
		Directed: v.Get("directed"), DatedOnly: v.Get("dated_only"), WithMentions: v.Get("with_mentions"),
		AsOf: v.Get("as_of"), IncludePastEvents: v.Get("include_past_events"),
	}
}

// pathValuesOf gathers the raw path parameters for graph's parser.
func pathValuesOf(v url.Values) graph.PathParams {
	return graph.PathParams{From: v.Get("from"), To: v.Get("to"), Mode: v.Get("mode"), K: v.Get("k"),
		MaxHops: v.Get("max_hops"), Rank: v.Get("rank"), FilterParams: filterValues(v)}
}

// pathParams reads a path query with graph's one parser. When both
// endpoints look like ids they are taken as given, without a lookup: the
// path query itself finds them, which saves two round trips on the hot
// path; s.paths resolves them as names when the ids turn out not to be.
func (s *Server) pathParams(ctx context.Context, v url.Values) (graph.PathQuery, error) {
	p := pathValuesOf(v)
	from, to := strings.TrimSpace(p.From), strings.TrimSpace(p.To)
	fast := graph.ValidID(from) && graph.ValidID(to) && from != to
	resolve := func(ctx context.Context, param, ref string) (graph.Entity, error) {
		if fast && (param == "from" || param == "to") {
			return graph.Entity{ID: ref}, nil
		}
		return s.graph.Resolve(ctx, ref)
	}
	return graph.ParsePathQuery(ctx, p, resolve)
}

// neighborParams reads a neighbourhood query of the entity ref with graph's
// one parser.
func (s *Server) neighborParams(ctx context.Context, v url.Values, ref string) (graph.NeighborQuery, error) {
	p := graph.NeighborParams{Entity: ref, Depth: v.Get("depth"), Limit: v.Get("limit"), FilterParams: filterValues(v)}
	return graph.ParseNeighborQuery(ctx, p, graph.Resolver(s.graph.Resolve))
}

// formatParam chooses the response format: the format parameter when
// given, else the best match of the Accept header, else JSON. extra lists
// formats the endpoint offers besides JSON and diagrams (csv).
func formatParam(v url.Values, accept string, extra ...string) (string, error) {
	if f := strings.ToLower(strings.TrimSpace(v.Get("format"))); f != "" {
		switch f {
		case "json", FormatSVG, FormatPNG, FormatDOT:
			return f, nil
		}
		if slices.Contains(extra, f) {
			return f, nil
		}
		want := "json, svg, png or dot"
		if len(extra) > 0 {
			want = "json, svg, png, dot or " + strings.Join(extra, ", ")
		}
		return "", paramError("format", "want %s, got %q", want, f)
	}
	return negotiate(accept, extra...), nil
}

// acceptTypes maps media types to formats, in the server's preference order
// for ties. An optional format counts only where the endpoint offers it
// (formatParam's extra).
var acceptTypes = []struct {
	media, format string
	optional      bool
}{
	{"application/json", "json", false},
	{"application/*", "json", false},
	{"*/*", "json", false},
	{"image/svg+xml", FormatSVG, false},
	{"image/png", FormatPNG, false},
	{"text/vnd.graphviz", FormatDOT, false},
	{"text/csv", FormatCSV, true},
}

// negotiate picks the format for an Accept header, honouring q values;
// wildcards and anything unknown fall back to JSON. extra are the optional
// formats the endpoint offers.
func negotiate(accept string, extra ...string) string {
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
			if t.media == media && q > bestQ && (!t.optional || slices.Contains(extra, t.format)) {
				best, bestQ = t.format, q
			}
		}
	}
	return best
}
