package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"explorer/diagram"
	"explorer/graph"
)

func diffCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "diff ENTITY --from DATE --to DATE",
		Short: "What changed around an entity between two dates",
		Long: `diff lists the relationships within --depth hops of ENTITY whose time overlaps --from to
--to, each classified by whether it holds as of each date: started (only on --to), ended
(only on --from), persisted (both), between (neither, but some time between them) and
undated (unknown time, listed apart and counted on both dates unless --dated-only). It also
lists the entities that entered or left the neighbourhood. ENTITY takes an id, a name or an
alias. The diagram formats draw started links green and bold, ended ones red and dashed,
persisting ones black, in-between ones blue and dotted, with a legend.`,
		Example: `  explorer diff "North Korea" --from 1985 --to 2018
  explorer diff KOMID --from 2009 --to 2018 --depth 2 --format svg -o komid-diff.svg`,
		Args: exactArgs(1, "want one ENTITY (id, name or alias)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	from := fs.String("from", "", "the first date (YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYX); required")
	to := fs.String("to", "", "the second date, after --from; required")
	depth := fs.Int("depth", 1, fmt.Sprintf("hops from the entity (at most %d)", graph.MaxDepth))
	limit := fs.Int("limit", graph.DefaultNodeCap, fmt.Sprintf("most entities to consider (at most %d)", graph.MaxNodeCap))
	datedOnly := fs.Bool("dated-only", false, "leave undated relationships out (otherwise listed apart, counted on both dates)")
	format := fs.String("format", "text", "text, json, dot, svg, png or pdf")
	out := addOutFlags(fs, e.getenv)
	c.ValidArgsFunction = completeEntityArgs(conn, 1)
	registerCompletions(c, conn, map[string][]string{"format": append([]string{"text", "json"}, diagramFormats...)})
	c.RunE = func(c *cobra.Command, args []string) error {
		q := graph.DiffQuery{Depth: *depth, Limit: *limit, DatedOnly: *datedOnly}
		for _, d := range []struct {
			flag, v string
			dst     *graph.PartialDate
		}{{"from", *from, &q.From}, {"to", *to, &q.To}} {
			if d.v == "" {
				return usagef("--%s is required", d.flag)
			}
			p, err := graph.ParseDate(d.v)
			if err != nil {
				return usagef("--%s: %v", d.flag, err)
			}
			*d.dst = p
		}
		if !q.From.Last().Before(q.To.First()) {
			return usagef("--to %s must come after --from %s", q.To, q.From)
		}
		if err := inRange("depth", *depth, 1, graph.MaxDepth); err != nil {
			return err
		}
		if err := inRange("limit", *limit, 1, graph.MaxNodeCap); err != nil {
			return err
		}
		if err := out.check(c, *format, "text", "json"); err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		centre, err := st.Resolve(ctx, args[0])
		if err != nil {
			return err
		}
		q.ID = centre.ID
		d, err := st.Diff(ctx, q)
		if err != nil {
			return err
		}
		if d.Truncated {
			fmt.Fprintf(e.stderr, "explorer: neighbourhood truncated at %d entities (raise --limit or lower --depth)\n", *limit)
		}
		switch *format {
		case "json":
			return out.write(e, func(w io.Writer) error {
				return writeJSON(w, struct {
					graph.Diff
					Note string `json:"note"`
				}{d, q.Note()})
			})
		case "text":
			return out.write(e, func(w io.Writer) error { return writeDiffText(w, d, q) })
		}
		rels, changes := d.Relationships()
		title := fmt.Sprintf("explorer diff %q --from %s --to %s --depth %d", centre.Name, q.From, q.To, q.Depth)
		if !q.DatedOnly {
			title += " (undated links in grey: their time is unknown)"
		}
		return out.writeDiagram(ctx, e, *format, diagram.Request{Title: title,
			Graph: graph.Subgraph{Nodes: d.Nodes, Relationships: rels, Truncated: d.Truncated}, Highlight: []string{centre.ID}, Changes: changes})
	}
	return c
}

// writeDiffText prints what changed, one section per change, data escaped
// for a terminal.
func writeDiffText(w io.Writer, d graph.Diff, q graph.DiffQuery) error {
	names := map[string]string{}
	for _, n := range d.Nodes {
		names[n.ID] = n.Name
	}
	fmt.Fprintf(w, "What changed around %s (%s) between %s and %s, within %d hop(s)\n", termSafe(d.Entity.Name), termSafe(string(d.Entity.Type)), d.From, d.To, d.Depth)
	fmt.Fprintf(w, "(%s)\n", q.Note())
	meaning := map[graph.Change]string{}
	for _, c := range graph.Changes {
		meaning[c.Change] = c.Meaning
	}
	for _, part := range []struct {
		c    graph.Change
		mark string
		rs   []graph.Relationship
	}{{graph.Started, "+", d.Started}, {graph.Ended, "-", d.Ended}, {graph.Persisted, "=", d.Persisted}, {graph.Between, "~", d.Between}, {graph.Undated, "?", d.Undated}} {
		if q.DatedOnly && part.c == graph.Undated {
			continue
		}
		fmt.Fprintf(w, "\n%s (%d): %s\n", part.c, len(part.rs), meaning[part.c])
		for _, r := range part.rs {
			fmt.Fprintf(w, "  %s %s %s %s  %q\n", part.mark, termSafe(names[r.From]), hopArrow(r, r.From), termSafe(names[r.To]), r.Evidence)
		}
	}
	for _, part := range []struct {
		head string
		es   []graph.Entity
	}{{"entered the neighbourhood", d.Entered}, {"left the neighbourhood", d.Left}} {
		fmt.Fprintf(w, "\n%s (%d):", part.head, len(part.es))
		for i, e := range part.es {
			sep := ","
			if i == 0 {
				sep = ""
			}
			fmt.Fprintf(w, "%s %s", sep, termSafe(e.Name))
		}
		fmt.Fprintln(w)
	}
	return nil
}
