package graph

import (
	"encoding/csv"
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
