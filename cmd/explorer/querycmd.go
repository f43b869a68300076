package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"explorer/diagram"
	"explorer/graph"
)

func queryCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "query CYPHER",
		Short: "Run read-only Cypher",
		Long: `query runs one read-only Cypher statement: a static check refuses writes, LOAD CSV,
CALL ... IN TRANSACTIONS, USE and procedures off the allow-list; Neo4j's EXPLAIN must
report it read-only; it runs in a read transaction with a time limit and a row cap.`,
		Example: `  explorer query 'MATCH (a)-[r:SUPPLIED]->(b) RETURN a.name, r.start, b.name ORDER BY r.start'
  explorer query 'MATCH (e:Entity) WHERE e.country = $c RETURN e.name' --param c=IR --format json
  explorer query 'MATCH (a)-[r:SUPPLIED]->(b) RETURN a, r.start, b' --format csv -o supplied.csv`,
		Args: exactArgs(1, "want exactly one CYPHER argument (quote it)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	params := fs.StringArray("param", nil, "query parameter k=v (repeatable; v is JSON if it parses, else a string)")
	format := fs.String("format", "table", "table, json, csv, dot, svg, png or pdf")
	out := addOutFlags(fs, e.getenv)
	registerCompletions(c, conn, map[string][]string{"format": append([]string{"table", "json", "csv"}, diagramFormats...)})
	c.RunE = func(c *cobra.Command, args []string) error {
		if err := out.check(c, *format, "table", "json", "csv"); err != nil {
			return err
		}
		ps, err := parseParams(*params)
		if err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		res, err := st.Query(ctx, args[0], ps, graph.DefaultQueryLimits)
		if err != nil {
			return err
		}
		if res.Truncated {
			fmt.Fprintf(e.stderr, "explorer: result truncated at %d rows or %d bytes\n", len(res.Rows), graph.DefaultQueryLimits.Bytes)
		}
		switch *format {
		case "json":
			return out.write(e, func(w io.Writer) error {
				return writeJSON(w, map[string]any{"columns": res.Columns, "rows": res.Rows})
			})
		case "table":
			return out.write(e, func(w io.Writer) error { return writeTable(w, res) })
		case "csv":
			return out.write(e, func(w io.Writer) error { return graph.WriteQueryCSV(w, res) })
		}
		return out.writeDiagram(ctx, e, *format, diagram.Request{Title: "Cypher: " + args[0], Graph: res.Graph})
	}
	return c
}

// parseParams turns k=v pairs into query parameters; v is read as JSON when
// it parses (numbers, booleans, lists), otherwise as a string.
func parseParams(kvs []string) (map[string]any, error) {
	ps := map[string]any{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usagef("query: --param %q: want name=value", kv)
		}
		var x any
		if err := json.Unmarshal([]byte(v), &x); err == nil {
			if f, ok := x.(float64); ok && f == float64(int64(f)) && !strings.ContainsAny(v, ".eE") {
				x = int64(f)
			}
			ps[k] = x
		} else {
			ps[k] = v
		}
	}
	return ps, nil
}

// writeTable prints the result as aligned columns, every cell escaped for a
// terminal (a tab or newline in a value would break the table too).
func writeTable(w io.Writer, res *graph.QueryResult) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	head := make([]string, len(res.Columns))
	for i, c := range res.Columns {
		head[i] = termSafe(c)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(res.Columns))
		for i, c := range res.Columns {
			cells[i] = termSafe(cell(row[c]))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "(%d rows)\n", len(res.Rows))
	return nil
}

func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case map[string]any:
		if x["_kind"] == "node" {
			return fmt.Sprintf("(%v)", x["id"])
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}
