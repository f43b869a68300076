package diagram

import (
	"fmt"
	"strings"

	"explorer/graph"
)

// changeStyles draw the links of a diagram of what changed between two
// dates: added links green and bold, removed ones red and dashed, persisting
// ones dark and solid, those that came and went in between blue and dotted,
// undated ones light grey.
var changeStyles = map[graph.Change]EdgeStyle{
	graph.Started:   {"bold", "#1A7F37", 2.2},
	graph.Ended:     {"dashed", "#CF222E", 1.8},
	graph.Persisted: {"solid", "#222222", 1.4},
	graph.Between:   {"dotted", "#0969DA", 1.4},
	graph.Undated:   {"solid", "#BBBBBB", 1.0},
}

// changeMarks prefix each link's label, so the change reads without colour.
var changeMarks = map[graph.Change]string{
	graph.Started: "+", graph.Ended: "−", graph.Persisted: "=", graph.Between: "~", graph.Undated: "?",
}

// writeChangeLegend explains the line of each change present in the
// diagram. Every string in it is a constant of this package or of graph.
func writeChangeLegend(w *dotWriter, m *model) {
	present := map[graph.Change]bool{}
	for _, e := range m.edges {
		if c, ok := m.changes[e.rel.ID]; ok {
			present[c] = true
		}
	}
	var rows, tips strings.Builder
	rows.WriteString(`<<TABLE BORDER="1" COLOR="#BBBBBB" STYLE="rounded" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">`)
	rows.WriteString(`<TR><TD COLSPAN="2" ALIGN="LEFT">Changes</TD></TR>`)
	for _, c := range graph.Changes {
		if !present[c.Change] {
			continue
		}
		st := changeStyles[c.Change]
		style := st.Style
		if style == "bold" {
			style = "solid"
		}
		border := "1"
		if st.PenWidth >= 1.5 {
			border = "2"
		}
		fmt.Fprintf(&rows, `<TR><TD WIDTH="40" HEIGHT="8" FIXEDSIZE="TRUE" SIDES="B" BORDER="%s" STYLE="%s" COLOR="%s"></TD><TD ALIGN="LEFT">%s %s</TD></TR>`,
			border, style, st.Color, changeMarks[c.Change], c.Change)
		fmt.Fprintf(&tips, "%s %s: %s\n", changeMarks[c.Change], c.Change, c.Meaning)
	}
	rows.WriteString(`</TABLE>>`)
	w.node(1, QuoteID("legend:changes"), []string{`shape="plaintext"`, "fontsize=9", "margin=0",
		"label=" + rows.String(), "tooltip=" + QuoteTooltip(strings.TrimSpace(tips.String()))})
}
