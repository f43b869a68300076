package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"explorer/diagram"
	"explorer/graph"
)

func init() {
	extraCommands["path"] = cmdPath
	extraCommands["neighbors"] = cmdNeighbors
	extraCommands["search"] = cmdSearch
}

// filterFlags are the filters shared by path and neighbors.
type filterFlags struct {
	types, since, until, exclude string
	directed, datedOnly          bool
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	f := &filterFlags{}
	fs.StringVar(&f.types, "types", "", "relationship types to walk, comma-separated (see 'explorer types')")
	fs.StringVar(&f.since, "since", "", "keep relationships that hold on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	fs.StringVar(&f.until, "until", "", "keep relationships that hold on or before this date")
	fs.StringVar(&f.exclude, "exclude", "", "entities (ids, names or aliases, comma-separated) not to walk through")
	fs.BoolVar(&f.directed, "directed", false, "follow relationships only in their stored direction")
	fs.BoolVar(&f.datedOnly, "dated-only", false, "walk only dated relationships (undated ones pass every window otherwise)")
	return f
}

// filter parses the flags; entity references are resolved through st.
func (f *filterFlags) filter(ctx context.Context, st *graph.Store) (graph.Filter, error) {
	var out graph.Filter
	var err error
	if out.Types, err = graph.ParseRelTypes(f.types); err != nil {
		return out, usagef("--types: %v", err)
	}
	if f.since != "" {
		if out.Window.Since, err = graph.ParseDate(f.since); err != nil {
			return out, usagef("--since: %v", err)
		}
	}
	if f.until != "" {
		if out.Window.Until, err = graph.ParseDate(f.until); err != nil {
			return out, usagef("--until: %v", err)
		}
	}
	if err := out.Window.Validate(); err != nil {
		return out, usagef("%v", err)
	}
	for _, ref := range strings.Split(f.exclude, ",") {
		if strings.TrimSpace(ref) == "" {
			continue
		}
		e, err := st.Resolve(ctx, ref)
		if err != nil {
			return out, fmt.Errorf("--exclude: %w", err)
		}
		out.Exclude = append(out.Exclude, e.ID)
	}
	out.Directed = f.directed
	out.DatedOnly = f.datedOnly
	return out, nil
}

func cmdPath(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("path", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	mode := fs.String("mode", "shortest", "shortest, all-shortest, k-shortest or chronological")
	k := fs.Int("k", graph.DefaultK, "number of paths for k-shortest and chronological")
	maxHops := fs.Int("max-hops", graph.DefaultMaxHops, fmt.Sprintf("longest path to consider (at most %d)", graph.MaxHopsCap))
	format := fs.String("format", "text", "text, json, dot, svg, png or pdf")
	out := addOutFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("path: want FROM and TO (ids, names or aliases)")
	}
	m, err := graph.ParsePathMode(*mode)
	if err != nil {
		return usagef("--mode: %v", err)
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	if *maxHops < 1 || *maxHops > graph.MaxHopsCap {
		return usagef("--max-hops %d: want 1 to %d", *maxHops, graph.MaxHopsCap)
	}
	if *k < 1 || *k > graph.MaxK {
		return usagef("--k %d: want 1 to %d", *k, graph.MaxK)
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	f, err := ff.filter(ctx, st)
	if err != nil {
		return err
	}
	from, err := st.Resolve(ctx, pos[0])
	if err != nil {
		return fmt.Errorf("FROM: %w", err)
	}
	to, err := st.Resolve(ctx, pos[1])
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
	return out.writeDiagram(ctx, e, *format, diagram.Request{Title: title, Paths: paths, Highlight: []string{from.ID, to.ID}})
}

// writePathsText prints one line per hop:
// A -[TYPE 1990-11, reported]-> B  "quote"
func writePathsText(w io.Writer, paths []graph.Path) error {
	for i, p := range paths {
		if len(paths) > 1 {
			fmt.Fprintf(w, "path %d (%d hops)\n", i+1, p.Len())
		}
		for j, r := range p.Relationships {
			a, b := p.Nodes[j], p.Nodes[j+1]
			fmt.Fprintf(w, "%s %s %s  %q\n", a.Name, hopArrow(r, a.ID), b.Name, r.Evidence)
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
		return "-[" + label + "]->"
	}
	return "<-[" + label + "]-"
}

func dateLabel(r graph.Relationship) string {
	switch {
	case r.Start.IsZero():
		return ""
	case r.End.IsZero():
		return r.Start.String()
	}
	return r.Start.String() + "/" + r.End.String()
}

func cmdNeighbors(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("neighbors", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	ff := addFilterFlags(fs)
	depth := fs.Int("depth", 1, fmt.Sprintf("hops from the entity (at most %d)", graph.MaxDepth))
	limit := fs.Int("limit", graph.DefaultNodeCap, fmt.Sprintf("most entities to return (at most %d)", graph.MaxNodeCap))
	format := fs.String("format", "text", "text, json, dot, svg, png or pdf")
	out := addOutFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("neighbors: want one ENTITY (id, name or alias)")
	}
	if err := checkFormat(*format, "text", "json"); err != nil {
		return err
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	f, err := ff.filter(ctx, st)
	if err != nil {
		return err
	}
	centre, err := st.Resolve(ctx, pos[0])
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
		return out.write(e, func(w io.Writer) error {
			names := map[string]string{}
			for _, n := range g.Nodes {
				names[n.ID] = n.Name
			}
			fmt.Fprintf(w, "%s (%s): %d entities, %d relationships\n", centre.Name, centre.Type, len(g.Nodes), len(g.Relationships))
			for _, r := range g.Relationships {
				fmt.Fprintf(w, "%s %s %s  %q\n", names[r.From], hopArrow(r, r.From), names[r.To], r.Evidence)
			}
			return nil
		})
	}
	title := fmt.Sprintf("explorer neighbors %q --depth %d", centre.Name, *depth)
	return out.writeDiagram(ctx, e, *format, diagram.Request{Title: title, Graph: g, Highlight: []string{centre.ID}})
}

func cmdSearch(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	format := fs.String("format", "text", "text or json")
	limit := fs.Int("limit", 20, "most results (at most 100)")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search: want TEXT")
	}
	if *format != "text" && *format != "json" {
		return usagef("--format %q: want text or json", *format)
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	hits, err := st.Search(ctx, strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, map[string]any{"results": hits})
	}
	if len(hits) == 0 {
		fmt.Fprintln(e.stdout, "no match")
		return nil
	}
	for _, h := range hits {
		fmt.Fprintf(e.stdout, "%-28s %-12s %-40s %s\n", h.ID, h.Type, h.Name, h.Description)
	}
	return nil
}
