package ingest

import (
	"bufio"
	"encoding/xml"
	"strconv"
	"strings"

	"explorer/graph"
)

// xmlText escapes s for XML character data and attribute values; characters
// XML cannot carry become U+FFFD (encoding/xml's EscapeText does that).
func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// The attributes of nodes and edges in GraphML and GEXF, in output order.
var (
	nodeAttrs = []string{"name", "type", "aliases", "description", "country", "identifiers"}
	edgeAttrs = []string{"type", "symmetric", "start", "end", "attested", "ongoing", "status", "item", "itemIds", "evidence", "source",
		"sourceId", "paragraph", "sourceUrl", "citedSource", "citedSourceId", "confidence", "percentage", "sharesCount"}
)

func nodeValues(e graph.Entity) []string {
	return []string{e.Name, string(e.Type), strings.Join(e.Aliases, ";"), e.Description, e.Country, strings.Join(e.Identifiers, ";")}
}

// edgeValues are the edge attributes. Every edge is directed, as stored
// (source to target); a symmetric type says so in the symmetric attribute
// rather than by an undirected edge, which readers such as networkx refuse
// inside a directed graph.
func edgeValues(r graph.Relationship) []string {
	spec, _ := r.Type.Spec()
	return []string{string(r.Type), strconv.FormatBool(spec.Symmetric), r.Start.String(), r.End.String(), r.Attested.String(),
		ongoingText(r.Ongoing), string(r.Status), r.Item, strings.Join(r.ItemIDs, ";"), r.Evidence, r.Source, r.SourceID,
		paragraphText(r.Paragraph), r.SourceURL, r.CitedSource, r.CitedSourceID, string(r.Confidence),
		percentageText(r.Percentage), sharesText(r.SharesCount)}
}

// graphmlExporter writes GraphML 1.0 (the structure and attribute
// extensions): string keys for every property, aliases joined by ';'.
type graphmlExporter struct{ w *bufio.Writer }

func (x *graphmlExporter) begin() error {
	x.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
`)
	for _, a := range nodeAttrs {
		x.w.WriteString(`  <key id="n_` + a + `" for="node" attr.name="` + a + `" attr.type="string"/>` + "\n")
	}
	for _, a := range edgeAttrs {
		x.w.WriteString(`  <key id="e_` + a + `" for="edge" attr.name="` + a + `" attr.type="string"/>` + "\n")
	}
	_, err := x.w.WriteString(`  <graph id="explorer" edgedefault="directed">` + "\n")
	return err
}

func (x *graphmlExporter) entity(e graph.Entity) error {
	x.w.WriteString(`    <node id="` + xmlText(e.ID) + `">`)
	for i, v := range nodeValues(e) {
		if v != "" {
			x.w.WriteString(`<data key="n_` + nodeAttrs[i] + `">` + xmlText(v) + `</data>`)
		}
	}
	_, err := x.w.WriteString("</node>\n")
	return err
}

func (x *graphmlExporter) relationship(r graph.Relationship) error {
	x.w.WriteString(`    <edge id="` + xmlText(r.ID) + `" source="` + xmlText(r.From) + `" target="` + xmlText(r.To) + `"`)
	x.w.WriteString(">")
	for i, v := range edgeValues(r) {
		if v != "" {
			x.w.WriteString(`<data key="e_` + edgeAttrs[i] + `">` + xmlText(v) + `</data>`)
		}
	}
	_, err := x.w.WriteString("</edge>\n")
	return err
}

func (x *graphmlExporter) end() error {
	_, err := x.w.WriteString("  </graph>\n</graphml>\n")
	return err
}

// gexfExporter writes GEXF 1.3 with a dynamic graph: a dated relationship
// has start and end days (the first day of its start, the last day of its
// end or start), and every property is also kept as an attribute value at
// its own precision.
type gexfExporter struct {
	w     *bufio.Writer
	edges bool
}

func (x *gexfExporter) begin() error {
	x.w.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta><creator>explorer</creator><description>entities and typed, dated, sourced relationships</description></meta>
  <graph defaultedgetype="directed" mode="dynamic" timeformat="date" timerepresentation="interval">
    <attributes class="node" mode="static">
`)
	for _, a := range nodeAttrs {
		x.w.WriteString(`      <attribute id="` + a + `" title="` + a + `" type="string"/>` + "\n")
	}
	x.w.WriteString("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
	for _, a := range edgeAttrs {
		x.w.WriteString(`      <attribute id="` + a + `" title="` + a + `" type="string"/>` + "\n")
	}
	_, err := x.w.WriteString("    </attributes>\n    <nodes>\n")
	return err
}

func attvalues(w *bufio.Writer, names, values []string) {
	w.WriteString("<attvalues>")
	for i, v := range values {
		if v != "" {
			w.WriteString(`<attvalue for="` + names[i] + `" value="` + xmlText(v) + `"/>`)
		}
	}
	w.WriteString("</attvalues>")
}

func (x *gexfExporter) entity(e graph.Entity) error {
	x.w.WriteString(`      <node id="` + xmlText(e.ID) + `" label="` + xmlText(e.Name) + `">`)
	attvalues(x.w, nodeAttrs, nodeValues(e))
	_, err := x.w.WriteString("</node>\n")
	return err
}

func (x *gexfExporter) relationship(r graph.Relationship) error {
	if !x.edges {
		x.w.WriteString("    </nodes>\n    <edges>\n")
		x.edges = true
	}
	x.w.WriteString(`      <edge id="` + xmlText(r.ID) + `" source="` + xmlText(r.From) + `" target="` + xmlText(r.To) + `" label="` + string(r.Type) + `"`)
	// GEXF's dynamic edges take the span of the one rule of time; an open
	// span (a state with no known end) has no end attribute.
	if span := r.Span(); span.Known() {
		x.w.WriteString(` start="` + graph.Day(span.From) + `"`)
		if !span.Open() {
			x.w.WriteString(` end="` + graph.Day(span.To) + `"`)
		}
	}
	x.w.WriteString(">")
	attvalues(x.w, edgeAttrs, edgeValues(r))
	_, err := x.w.WriteString("</edge>\n")
	return err
}

func (x *gexfExporter) end() error {
	if !x.edges {
		x.w.WriteString("    </nodes>\n    <edges>\n")
	}
	_, err := x.w.WriteString("    </edges>\n  </graph>\n</gexf>\n")
	return err
}
