package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"explorer/graph"
)

var pathModes = []string{string(graph.Shortest), string(graph.AllShortest), string(graph.KShortest), string(graph.Chronological)}

func pathCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "path FROM TO",
		Short: "How two entities are linked: paths with the evidence of every hop",
		Long: `path finds how FROM and TO are linked. FROM and TO take an id, a name or an alias,
case-insensitively; an unknown or misspelled name lists the closest entities.

Modes: shortest (one shortest path), all-shortest (every path of the shortest length),
k-shortest (the --k shortest simple paths, Yen's algorithm), chronological (the --k
shortest paths whose hops follow each other in time). Exit status 3 when no path passes
the filters.`,
		Example: `  explorer path KOMID Houthis
  explorer path SHIG Houthis --mode k-shortest --k 4 --format svg -o shig-houthis.svg
  explorer path IRGC "North Korea" --since 1990 --until 1990 --mode all-shortest`,
		Args: exactArgs(2, "want FROM and TO (ids, names or aliases)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	mode := fs.String("mode", "shortest", strings.Join(pathModes, ", "))
	k := fs.Int("k", graph.DefaultK, "number of paths for the k-shortest and chronological modes")
	maxHops := fs.Int("max-hops", graph.DefaultMaxHops, fmt.Sprintf("longest path to consider (at most %d)", graph.MaxHopsCap))
	format := fs.String("format", "text", "text, json, dot, svg, png or pdf")
	out := addOutFlags(fs)
	c.ValidArgsFunction = completeEntityArgs(conn, 2)
	registerCompletions(c, conn, map[string][]string{"mode": pathModes, "format": append([]string{"text", "json"}, diagramFormats...)})
	c.RunE = func(c *cobra.Command, args []string) error {
		m, err := graph.ParsePathMode(*mode)
		if err != nil {
			return usagef("--mode: %v", err)
		}
		ranked := m == graph.KShortest || m == graph.Chronological
		if err := onlyWith(c, "k", ranked, "to --mode k-shortest and chronological"); err != nil {
			return err
		}
		if err := out.check(c, *format, "text", "json"); err != nil {
			return err
		}
		if err := inRange("max-hops", *maxHops, 1, graph.MaxHopsCap); err != nil {
			return err
		}
		if err := inRange("k", *k, 1, graph.MaxK); err != nil {
			return err
		}
		f, err := ff.parse()
		if err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		if err := ff.resolveExcluded(ctx, st, &f); err != nil {
			return err
		}
		from, err := st.Resolve(ctx, args[0])
		if err != nil {
			return fmt.Errorf("FROM: %w", err)
		}
		to, err := st.Resolve(ctx, args[1])
		if err != nil {
			return fmt.Errorf("TO: %w", err)
		}
		paths, err := st.Paths(ctx, graph.PathQuery{From: from.ID, To: to.ID, Mode: m, K: *k, MaxHops: *maxHops, Filter: f})
		if errors.Is(err, graph.ErrNoPath) {
			return fmt.Errorf("%w between %s and %s (mode %s, at most %d hops)", errNoResult, from.Name, to.Name, m, *maxHops)
		}
		if err != nil {
			return err
		}
		switch *format {
		case "json":
			return out.write(e, func(w io.Writer) error { return writeJSON(w, map[string]any{"paths": paths}) })
		case "text":
			return out.write(e, func(w io.Writer) error { return writePathsText(w, paths) })
		}
		title := fmt.Sprintf("explorer path %q %q --mode %s", from.Name, to.Name, m)
		return out.writeDiagram(ctx, e, *format, diagramInput{Title: title, Paths: paths, Endpoint: []string{from.ID, to.ID}})
	}
	return c
}

// writePathsText prints one line per hop, data escaped for a terminal:
// A -[TYPE 1990-11, reported]-> B  "quote"
func writePathsText(w io.Writer, paths []graph.Path) error {
	for i, p := range paths {
		if len(paths) > 1 {
			fmt.Fprintf(w, "path %d (%d hops)\n", i+1, p.Len())
		}
		for j, r := range p.Relationships {
			a, b := p.Nodes[j], p.Nodes[j+1]
			fmt.Fprintf(w, "%s %s %s  %q\n", termSafe(a.Name), hopArrow(r, a.ID), termSafe(b.Name), r.Evidence)
		}
		if len(paths) > 1 && i < len(paths)-1 {
			fmt.Fprintln(w)
		}
	}
	return nil
}

// hopArrow draws a relationship as walked from the node with id left:
// -[TYPE date, confidence]-> when it points onwards, <-[...]- when it points back.
func hopArrow(r graph.Relationship, left string) string {
	label := string(r.Type)
	if d := dateLabel(r); d != "" {
		label += " " + d
	}
	label += ", " + string(r.Confidence)
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
relationship among them. ENTITY takes an id, a name or an alias.`,
		Example: `  explorer neighbors KOMID
  explorer neighbors KOMID --depth 2 --since 2009 --until 2018 --format png -o komid.png
  explorer neighbors Hezbollah --types SUPPORTS,SUPPLIED --format json`,
		Args: exactArgs(1, "want one ENTITY (id, name or alias)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	depth := fs.Int("depth", 1, fmt.Sprintf("hops from the entity (at most %d)", graph.MaxDepth))
	limit := fs.Int("limit", graph.DefaultNodeCap, fmt.Sprintf("most entities to return (at most %d)", graph.MaxNodeCap))
	format := fs.String("format", "text", "text, json, dot, svg, png or pdf")
	out := addOutFlags(fs)
	c.ValidArgsFunction = completeEntityArgs(conn, 1)
	registerCompletions(c, conn, map[string][]string{"format": append([]string{"text", "json"}, diagramFormats...)})
	c.RunE = func(c *cobra.Command, args []string) error {
		if err := inRange("depth", *depth, 1, graph.MaxDepth); err != nil {
			return err
		}
		if err := inRange("limit", *limit, 1, graph.MaxNodeCap); err != nil {
			return err
		}
		if err := out.check(c, *format, "text", "json"); err != nil {
			return err
		}
		f, err := ff.parse()
		if err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		if err := ff.resolveExcluded(ctx, st, &f); err != nil {
			return err
		}
		centre, err := st.Resolve(ctx, args[0])
		if err != nil {
			return err
		}
		g, err := st.Neighbors(ctx, graph.NeighborQuery{ID: centre.ID, Depth: *depth, Limit: *limit, Filter: f})
		if err != nil {
			return err
		}
		if g.Truncated {
			fmt.Fprintf(e.stderr, "explorer: neighbourhood truncated at %d entities (raise --limit or narrow with --types/--since/--until)\n", *limit)
		}
		switch *format {
		case "json":
			return out.write(e, func(w io.Writer) error { return writeJSON(w, g) })
		case "text":
			return out.write(e, func(w io.Writer) error { return writeNeighborsText(w, centre, g) })
		}
		title := fmt.Sprintf("explorer neighbors %q --depth %d", centre.Name, *depth)
		return out.writeDiagram(ctx, e, *format, diagramInput{Title: title, Graph: g, Endpoint: []string{centre.ID}})
	}
	return c
}

// writeNeighborsText prints a heading and one line per relationship, data
// escaped for a terminal.
func writeNeighborsText(w io.Writer, centre graph.Entity, g graph.Subgraph) error {
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
	}
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
