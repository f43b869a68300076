package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"explorer/diagram"
	"explorer/graph"
	"explorer/report"
)

var pathModes = []string{string(graph.Shortest), string(graph.AllShortest), string(graph.KShortest), string(graph.Chronological)}

func pathCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "path FROM TO",
		Short: "How two entities are linked: paths with the evidence of every hop",
		Long: `path finds how FROM and TO are linked. FROM and TO take an id, a name or an alias,
case-insensitively; an unknown or misspelled name lists the closest entities.

Modes: shortest (one shortest path), all-shortest (every path of the shortest length),
k-shortest (the --k shortest simple paths, ties broken by ids), chronological (the --k
shortest paths whose hops follow each other in time).

Paths walk operational and political links; mention links (a report saying something
about an entity: evidence of a link, not a link) only with --with-mentions or when
--types names them. Every path carries a score and a one-line reason (confidence,
independent sources, date precision, hubs); --rank evidence puts the strongest first.
The first line of the answer (and the JSON "query" field, the diagram caption and the
"no path" message) states the whole query. Exit status 3 when no path passes the filters.`,
		Example: `  explorer path KOMID Houthis
  explorer path SHIG Houthis --mode k-shortest --k 4 --rank evidence
  explorer path IRGC "North Korea" --since 1990 --until 1990 --mode all-shortest --undated exclude`,
		Args: exactArgs(2, "want FROM and TO (ids, names or aliases)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	mode := fs.String("mode", "shortest", strings.Join(pathModes, ", "))
	k := fs.Int("k", graph.DefaultK, "number of paths for the k-shortest and chronological modes")
	maxHops := fs.Int("max-hops", graph.DefaultMaxHops, fmt.Sprintf("longest path to consider (at most %d)", graph.MaxHopsCap))
	rank := fs.String("rank", "length", "order paths by length or by the strength of their evidence (evidence)")
	format := fs.String("format", "text", "text, json, csv (one row per hop), md or html (a citable report), dot, svg, png or pdf")
	out := addOutFlags(fs, e.getenv)
	c.ValidArgsFunction = completeEntityArgs(conn, 2)
	choices := map[string][]string{"mode": pathModes, "rank": {"length", "evidence"}, "format": append([]string{"text", "json", "csv"}, diagramFormats...)}
	for f, v := range filterChoices {
		choices[f] = v
	}
	registerCompletions(c, conn, choices)
	c.RunE = func(c *cobra.Command, args []string) error {
		m, err := graph.ParsePathMode(*mode)
		if err != nil {
			return usagef("--mode: %v", err)
		}
		ranked := m == graph.KShortest || m == graph.Chronological
		if err := onlyWith(c, "k", ranked, "to --mode k-shortest and chronological"); err != nil {
			return err
		}
		if err := out.check(c, *format, "text", "json", "csv", "md", "html"); err != nil {
			return err
		}
		p := graph.PathParams{From: args[0], To: args[1], Mode: *mode, K: strconv.Itoa(*k), MaxHops: strconv.Itoa(*maxHops),
			Rank: *rank, FilterParams: ff.params()}
		names := map[string]string{"from": "FROM", "to": "TO"}
		if err := graph.CheckPathParams(p); err != nil {
			return queryError(err, names)
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		q, err := graph.ParsePathQuery(ctx, p, graph.Resolver(st.Resolve))
		if err != nil {
			return queryError(err, names)
		}
		paths, err := st.Paths(ctx, q)
		if err != nil {
			// A *graph.NoPathError states the query; it exits 3.
			return err
		}
		note := q.AsOfNote()
		sayAsOf(e, note)
		switch *format {
		case "json":
			body := map[string]any{"query": q.Describe(), "paths": paths}
			if note != "" {
				body["note"] = note
			}
			return out.write(e, func(w io.Writer) error { return writeJSON(w, body) })
		case "csv":
			return out.write(e, func(w io.Writer) error { return graph.WritePathsCSV(w, paths) })
		case "text":
			return out.write(e, func(w io.Writer) error { return writePathsText(w, q.Describe(), paths) })
		case "md", "html":
			in, err := reportInput(ctx, st, fmt.Sprintf("How %s is linked to %s", q.Names[q.From], q.Names[q.To]), q.Describe())
			if err != nil {
				return err
			}
			in.Paths, in.BaseURL = paths, out.baseURL
			return out.write(e, func(w io.Writer) error { return writeReport(w, *format, in) })
		}
		return out.writeDiagram(ctx, e, *format, diagram.Request{Title: q.Describe(), Paths: paths, Highlight: []string{q.From, q.To}})
	}
	return c
}

// sayAsOf states the as-of rule on standard error, beside the answer.
func sayAsOf(e *env, note string) {
	if note != "" {
		fmt.Fprintf(e.stderr, "explorer: %s\n", note)
	}
}

// writePathsText prints the query, then each path's score and reason and
// one line per hop, data escaped for a terminal:
//
//	path 1 (score 0.587): 2 hops, all reported, 1 source each, dated to the month
//	A -[TYPE 1990-11, reported]-> B  "quote"
func writePathsText(w io.Writer, query string, paths []graph.Path) error {
	fmt.Fprintln(w, termSafe(query))
	for i, p := range paths {
		fmt.Fprintln(w)
		fmt.Fprintf(w, "path %d", i+1)
		if p.Strength != nil {
			fmt.Fprintf(w, " (score %.3f): %s", p.Strength.Score, termSafe(p.Strength.Reason))
		}
		fmt.Fprintln(w)
		for j, r := range p.Relationships {
			a, b := p.Nodes[j], p.Nodes[j+1]
			fmt.Fprintf(w, "%s %s %s  %q\n", termSafe(a.Name), hopArrow(r, a.ID), termSafe(b.Name), r.Evidence)
		}
	}
	return nil
}

// hopArrow draws a relationship as walked from the node with id left:
// -[TYPE date, confidence]-> when it points onwards, <-[...]- when it points
// back; a status other than completed and a mention are named.
func hopArrow(r graph.Relationship, left string) string {
	label := string(r.Type)
	if d := dateLabel(r); d != "" {
		label += " " + d
	}
	label += ", " + string(r.Confidence)
	if st := r.EffectiveStatus(); st != graph.Completed {
		label += ", " + string(st)
	}
	if spec, _ := r.Type.Spec(); spec.Family == graph.Mention {
		label += ", a mention"
	}
	if r.From == left {
		return "-[" + termSafe(label) + "]->"
	}
	return "<-[" + termSafe(label) + "]-"
}

// dateLabel says when a relationship holds, by the one rule of time, in the
// web pages' words: "1990-11", "1981/1983", "since 2009-04" (a state with no
// known end), "2013 (ended, date unknown)", "attested 1990-11"; "" when
// undated.
func dateLabel(r graph.Relationship) string {
	switch {
	case !r.Attested.IsZero():
		return "attested " + r.Attested.String()
	case r.Start.IsZero():
		return ""
	case !r.End.IsZero():
		return r.Start.String() + "/" + r.End.String()
	case r.Lasting():
		return "since " + r.Start.String()
	case r.Ongoing != nil:
		return r.Start.String() + " (ended, date unknown)"
	}
	return r.Start.String()
}

func neighborsCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "neighbors ENTITY",
		Short: "The neighbourhood of an entity, filtered by type and date",
		Long: `neighbors lists the entities within --depth hops of ENTITY and every allowed
relationship among them. ENTITY takes an id, a name or an alias. The filters are those of
path: operational and political links by default, mentions with --with-mentions. The first
line of the answer states the whole query.`,
		Example: `  explorer neighbors KOMID
  explorer neighbors KOMID --depth 2 --since 2009 --until 2018 --format png -o komid.png
  explorer neighbors KOMID --min-confidence reported --format csv -o komid.csv`,
		Args: exactArgs(1, "want one ENTITY (id, name or alias)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	depth := fs.Int("depth", 1, fmt.Sprintf("hops from the entity (at most %d)", graph.MaxDepth))
	limit := fs.Int("limit", graph.DefaultNodeCap, fmt.Sprintf("most entities to return (at most %d)", graph.MaxNodeCap))
	format := fs.String("format", "text", "text, json, csv (one row per relationship), md or html (a citable report), dot, svg, png or pdf")
	out := addOutFlags(fs, e.getenv)
	c.ValidArgsFunction = completeEntityArgs(conn, 1)
	choices := map[string][]string{"format": append([]string{"text", "json", "csv"}, diagramFormats...)}
	for f, v := range filterChoices {
		choices[f] = v
	}
	registerCompletions(c, conn, choices)
	c.RunE = func(c *cobra.Command, args []string) error {
		if err := out.check(c, *format, "text", "json", "csv", "md", "html"); err != nil {
			return err
		}
		p := graph.NeighborParams{Entity: args[0], Depth: strconv.Itoa(*depth), Limit: strconv.Itoa(*limit), FilterParams: ff.params()}
		names := map[string]string{"entity": "ENTITY"}
		if err := graph.CheckNeighborParams(p); err != nil {
			return queryError(err, names)
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		q, err := graph.ParseNeighborQuery(ctx, p, graph.Resolver(st.Resolve))
		if err != nil {
			return queryError(err, names)
		}
		g, err := st.Neighbors(ctx, q)
		if err != nil {
			return err
		}
		if g.Truncated {
			fmt.Fprintf(e.stderr, "explorer: neighbourhood truncated at %d entities (raise --limit or narrow with --types/--since/--until)\n", *limit)
		}
		note := q.AsOfNote()
		sayAsOf(e, note)
		switch *format {
		case "json":
			return out.write(e, func(w io.Writer) error {
				return writeJSON(w, struct {
					Query string `json:"query"`
					graph.Subgraph
					Note string `json:"note,omitempty"`
				}{q.Describe(), g, note})
			})
		case "csv":
			return out.write(e, func(w io.Writer) error { return graph.WriteSubgraphCSV(w, g) })
		case "text":
			return out.write(e, func(w io.Writer) error { return writeNeighborsText(w, q.Describe(), g.Nodes[0], g) })
		case "md", "html":
			in, err := reportInput(ctx, st, "The links of "+g.Nodes[0].Name, q.Describe())
			if err != nil {
				return err
			}
			in.Relationships, in.Entities, in.BaseURL = g.Relationships, g.Nodes, out.baseURL
			return out.write(e, func(w io.Writer) error { return writeReport(w, *format, in) })
		}
		return out.writeDiagram(ctx, e, *format, diagram.Request{Title: q.Describe(), Graph: g, Highlight: []string{q.ID}})
	}
	return c
}

// writeNeighborsText prints the query, a heading and one line per
// relationship, data escaped for a terminal.
func writeNeighborsText(w io.Writer, query string, centre graph.Entity, g graph.Subgraph) error {
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
	}
	fmt.Fprintln(w, termSafe(query))
	fmt.Fprintf(w, "%s (%s): %d entities, %d relationships\n", termSafe(centre.Name), termSafe(string(centre.Type)), len(g.Nodes), len(g.Relationships))
	for _, r := range g.Relationships {
		fmt.Fprintf(w, "%s %s %s  %q\n", termSafe(names[r.From]), hopArrow(r, r.From), termSafe(names[r.To]), r.Evidence)
	}
	return nil
}

func searchCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "search TEXT",
		Short: "Find entities by name, alias or description",
		Long: `search finds entities whose name or alias starts with the words of TEXT (best
first), then entities whose description mentions them.`,
		Example: `  explorer search hezbol
  explorer search "korea mining" --format json
  explorer search missile --limit 5`,
		Args: minArgs(1, "want TEXT"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "text", "text or json")
	limit := fs.Int("limit", 20, "most results (at most 100)")
	registerCompletions(c, conn, map[string][]string{"format": {"text", "json"}})
	c.RunE = func(c *cobra.Command, args []string) error {
		if err := oneOf("format", *format, "text", "json"); err != nil {
			return err
		}
		if err := inRange("limit", *limit, 1, 100); err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		hits, err := st.Search(ctx, strings.Join(args, " "), *limit)
		if err != nil {
			return err
		}
		if *format == "json" {
			return writeJSON(e.stdout, map[string]any{"results": hits})
		}
		return writeSearchText(e.stdout, hits)
	}
	return c
}

// writeSearchText prints one line per hit, data escaped for a terminal.
func writeSearchText(w io.Writer, hits []graph.SearchHit) error {
	if len(hits) == 0 {
		fmt.Fprintln(w, "no match")
		return nil
	}
	if hits[0].Match == graph.MatchSimilar {
		fmt.Fprintln(w, "no match as written; spelled like it:")
	}
	for _, h := range hits {
		fmt.Fprintf(w, "%-28s %-12s %-40s %s\n", termSafe(h.ID), termSafe(string(h.Type)), termSafe(h.Name), termSafe(h.Description))
	}
	return nil
}

// reportInput starts a citable report (--format md|html) with the source
// records its notes cite.
func reportInput(ctx context.Context, st *graph.Store, title, query string) (report.Input, error) {
	list, err := st.SourceIndex(ctx)
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Title: title, Query: query, Sources: make(map[string]graph.Source, len(list))}
	for _, s := range list {
		in.Sources[s.ID] = s
	}
	return in, nil
}

// writeReport writes the report as Markdown or HTML.
func writeReport(w io.Writer, format string, in report.Input) error {
	text := report.Markdown(in)
	if format == "html" {
		text = report.HTML(in)
	}
	_, err := io.WriteString(w, text)
	return err
}
