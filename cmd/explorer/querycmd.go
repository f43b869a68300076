package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"explorer/diagram"
	"explorer/graph"
)

func cmdQuery(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("query", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	var params listFlag
	fs.Var(&params, "param", "query parameter k=v (repeatable; v is JSON if it parses, else a string)")
	format := fs.String("format", "table", "table, json, dot, svg, png or pdf")
	out := addOutFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("query: want exactly one CYPHER argument (quote it)")
	}
	if err := checkFormat(*format, "table", "json"); err != nil {
		return err
	}
	ps, err := parseParams(params)
	if err != nil {
		return err
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	res, err := st.Query(ctx, pos[0], ps, graph.DefaultQueryLimits)
	if err != nil {
		return err
	}
	if res.Truncated {
		fmt.Fprintf(e.stderr, "explorer: result truncated at %d rows or %d bytes\n", len(res.Rows), graph.DefaultQueryLimits.Bytes)
	}
	switch *format {
	case "json":
		return writeJSON(e.stdout, map[string]any{"columns": res.Columns, "rows": res.Rows})
	case "table":
		return writeTable(e.stdout, res)
	}
	return out.writeDiagram(ctx, e, *format, diagram.Request{Title: "Cypher: " + pos[0], Graph: res.Graph})
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeTable(w io.Writer, res *graph.QueryResult) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(res.Columns, "\t"))
	for _, row := range res.Rows {
		cells := make([]string, len(res.Columns))
		for i, c := range res.Columns {
			cells[i] = cell(row[c])
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
		return strings.NewReplacer("\t", " ", "\n", " ").Replace(x)
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
