package graph

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The columns of the evidence CSV that WritePathsCSV and WriteSubgraphCSV
// share: every field of a claim, its endpoints by id and name.
var evidenceColumns = []string{
	"fromId", "from", "type", "toId", "to", "start", "end", "attested", "status", "item", "confidence",
	"evidence", "source", "sourceId", "paragraph", "sourceUrl", "citedSource", "citedSourceId", "relationshipId",
}

// pathColumns lead each row of a path CSV: which path and hop it is, which
// way the path walks the claim (forward when it goes from the claim's source
// to its target) and the path's strength.
var pathColumns = []string{"path", "hop", "walked", "pathScore", "pathReason"}

// WritePathsCSV writes paths as CSV, one row per hop with every evidence
// field, for spreadsheets: a header row, then each path's hops in order.
// Text that a spreadsheet would run as a formula (starting with = + - @,
// a tab or a carriage return) is prefixed with a single quote.
func WritePathsCSV(w io.Writer, paths []Path) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append(slices.Clone(pathColumns), evidenceColumns...)); err != nil {
		return err
	}
	for i, p := range paths {
		names := namesOf(p.Nodes)
		score, reason := "", ""
		if p.Strength != nil {
			score = strconv.FormatFloat(p.Strength.Score, 'f', 3, 64)
			reason = p.Strength.Reason
		}
		for j, r := range p.Relationships {
			walked := "forward"
			if r.From != p.Nodes[j].ID {
				walked = "backward"
			}
			row := append([]string{strconv.Itoa(i + 1), strconv.Itoa(j + 1), walked, score, cell(reason)}, evidenceRow(r, names)...)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteSubgraphCSV writes the relationships of g as CSV, one row per
// relationship with every evidence field, as WritePathsCSV does.
func WriteSubgraphCSV(w io.Writer, g Subgraph) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(evidenceColumns); err != nil {
		return err
	}
	names := namesOf(g.Nodes)
	for _, r := range g.Relationships {
		if err := cw.Write(evidenceRow(r, names)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func namesOf(es []Entity) map[string]string {
	m := make(map[string]string, len(es))
	for _, e := range es {
		m[e.ID] = e.Name
	}
	return m
}

func evidenceRow(r Relationship, names map[string]string) []string {
	para := ""
	if r.Paragraph > 0 {
		para = strconv.Itoa(r.Paragraph)
	}
	return []string{
		cell(r.From), cell(names[r.From]), string(r.Type), cell(r.To), cell(names[r.To]),
		r.Start.String(), r.End.String(), r.Attested.String(), string(r.EffectiveStatus()), cell(r.Item), string(r.Confidence),
		cell(r.Evidence), cell(r.Source), cell(r.SourceID), para, cell(r.SourceURL), cell(r.CitedSource), cell(r.CitedSourceID), cell(r.ID),
	}
}

// cell defuses text a spreadsheet would evaluate as a formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteQueryCSV writes the result of an ad-hoc query as CSV: a header row
// with the columns in RETURN order, then one row per result row, each value
// as QueryCell writes it. The rows are the ones Query kept under its row
// and byte caps; whether it cut the result is res.Truncated, which the
// caller reports (the API in a header, the command line on standard error).
func WriteQueryCSV(w io.Writer, res *QueryResult) error {
	cw := csv.NewWriter(w)
	cols := res.Columns
	if cols == nil {
		cols = []string{}
	}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = cell(c)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(cols))
	for _, r := range res.Rows {
		for i, c := range cols {
			row[i] = QueryCell(r[c])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// QueryCell writes one value of a query result (as Query converts it) as
// a spreadsheet cell: null as an empty cell, numbers and booleans as they
// are in JSON, text (dates and times are ISO 8601 text already) guarded
// against formulas like every CSV cell of this package, a node as its name
// and id ("Houthis (houthis)"), a relationship as its type and id
// ("SUPPLIED (komid-houthis)"), a path as its nodes joined by its
// relationships' types ("KOMID (komid) -[SUPPLIED]- Houthis (houthis)"; the
// relationships' direction is not shown), and a list or map as compact JSON
// in which nodes, relationships and paths are written as above.
func QueryCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return cell(x)
	case bool:
		return strconv.FormatBool(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case map[string]any:
		if s, ok := graphText(x); ok {
			return cell(s)
		}
	}
	s, err := compactJSON(plainValue(v))
	if err != nil {
		return cell(fmt.Sprint(v))
	}
	// A number is not text a spreadsheet could run; anything else may be.
	if _, isNum := v.(float64); isNum {
		return s
	}
	return cell(s)
}

// compactJSON is v as JSON on one line, with <, > and & as they are (a
// spreadsheet is not a web page).
func compactJSON(v any) (string, error) {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// plainValue replaces the nodes, relationships and paths inside lists and
// maps by their text, so that their JSON stays readable.
func plainValue(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plainValue(e)
		}
		return out
	case map[string]any:
		if s, ok := graphText(x); ok {
			return s
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = plainValue(e)
		}
		return out
	}
	return v
}

// graphText is the text of a node, relationship or path as Query converts
// them (maps with a "_kind"); ok is false for any other map.
func graphText(m map[string]any) (string, bool) {
	props, _ := m["properties"].(map[string]any)
	switch m["_kind"] {
	case "node":
		id, _ := m["id"].(string)
		name, _ := props["name"].(string)
		switch {
		case name != "" && id != "" && name != id:
			return name + " (" + id + ")", true
		case name != "":
			return name, true
		case id != "":
			return id, true
		}
		labels, _ := compactJSON(m["labels"])
		body, _ := compactJSON(plainValue(props))
		return "node " + labels + " " + body, true
	case "relationship":
		t, _ := m["type"].(string)
		if id, _ := props["id"].(string); id != "" {
			return t + " (" + id + ")", true
		}
		return t, true
	case "path":
		nodes, _ := m["nodes"].([]any)
		rels, _ := m["relationships"].([]any)
		var b strings.Builder
		for i, n := range nodes {
			if i > 0 && i-1 < len(rels) {
				t := ""
				if r, ok := rels[i-1].(map[string]any); ok {
					t, _ = r["type"].(string)
				}
				b.WriteString(" -[" + t + "]- ")
			}
			if nm, ok := n.(map[string]any); ok {
				s, _ := graphText(nm)
				b.WriteString(s)
			}
		}
		return b.String(), true
	}
	return "", false
}
