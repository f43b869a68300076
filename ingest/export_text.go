package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"explorer/graph"
)

// jsonlExporter writes the JSON lines import format.
type jsonlExporter struct {
	w   *bufio.Writer
	buf bytes.Buffer
}

func (x *jsonlExporter) begin() error { return nil }
func (x *jsonlExporter) end() error   { return nil }

func (x *jsonlExporter) line(kind string, v any) error {
	x.buf.Reset()
	enc := json.NewEncoder(&x.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	// {"id":... becomes {"kind":"...","id":...
	x.w.WriteString(`{"kind":"` + kind + `",`)
	_, err := x.w.Write(x.buf.Bytes()[1:])
	return err
}

func (x *jsonlExporter) entity(e graph.Entity) error             { return x.line(kindEntity, e) }
func (x *jsonlExporter) relationship(r graph.Relationship) error { return x.line(kindRel, r) }

// csvExporter writes the mixed CSV import format (a kind column).
type csvExporter struct {
	w    *csv.Writer
	cols []string
}

func newCSVExporter(w *bufio.Writer) *csvExporter {
	return &csvExporter{w: csv.NewWriter(w), cols: append([]string{"kind"}, allColumns()...)}
}

func (x *csvExporter) begin() error { return x.w.Write(x.cols) }

func (x *csvExporter) row(vals map[string]string) error {
	rec := make([]string, len(x.cols))
	for i, c := range x.cols {
		rec[i] = vals[c]
	}
	return x.w.Write(rec)
}

func (x *csvExporter) entity(e graph.Entity) error {
	return x.row(map[string]string{"kind": kindEntity, "id": e.ID, "name": e.Name, "type": string(e.Type),
		"aliases": strings.Join(e.Aliases, ";"), "description": e.Description, "country": e.Country,
		"identifiers": strings.Join(e.Identifiers, ";")})
}

func (x *csvExporter) relationship(r graph.Relationship) error {
	return x.row(map[string]string{"kind": kindRel, "id": r.ID, "type": string(r.Type), "from": r.From, "to": r.To,
		"start": r.Start.String(), "end": r.End.String(), "evidence": r.Evidence, "source": r.Source,
		"sourceUrl": r.SourceURL, "citedSource": r.CitedSource, "confidence": string(r.Confidence),
		"attested": r.Attested.String(), "ongoing": ongoingText(r.Ongoing), "status": string(r.Status), "item": r.Item,
		"itemIds": strings.Join(r.ItemIDs, ";"), "sourceId": r.SourceID, "paragraph": paragraphText(r.Paragraph),
		"citedSourceId": r.CitedSourceID, "percentage": percentageText(r.Percentage), "sharesCount": sharesText(r.SharesCount)})
}

func ongoingText(b *bool) string {
	if b == nil {
		return ""
	}
	return strconv.FormatBool(*b)
}

func percentageText(p float64) string {
	if p == 0 {
		return ""
	}
	return strconv.FormatFloat(p, 'g', -1, 64)
}

func sharesText(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

func paragraphText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func (x *csvExporter) end() error {
	x.w.Flush()
	return x.w.Error()
}

// cypherBatch is the number of rows per UNWIND statement in a Cypher export.
const cypherBatch = 200

// cypherExporter writes a script that `explorer seed --file` loads: one
// UNWIND ... MERGE statement per batch of entities of one type or
// relationships of one type, with every value a literal.
type cypherExporter struct {
	w       *bufio.Writer
	pending map[graph.EntityType][]graph.Entity
	rels    []graph.Relationship
}

func newCypherExporter(w *bufio.Writer) *cypherExporter {
	return &cypherExporter{w: w, pending: map[graph.EntityType][]graph.Entity{}}
}

func (x *cypherExporter) begin() error {
	_, err := x.w.WriteString("// Exported by explorer. Load into a database with: explorer seed --file THIS_FILE\n" +
		"// Statements are idempotent (MERGE by id); entities come first.\n")
	return err
}

// source writes a source record with its text inline (the file it was read
// from is not part of the export).
func (x *cypherExporter) source(src graph.Source) error {
	src.File = ""
	props := graph.SourceProps(src)
	_, err := fmt.Fprintf(x.w, "MERGE (s:Source {id: %s}) SET s = %s;\n", cypherString(src.ID), cypherMap(props))
	return err
}

func (x *cypherExporter) entity(e graph.Entity) error {
	x.pending[e.Type] = append(x.pending[e.Type], e)
	if len(x.pending[e.Type]) >= cypherBatch {
		return x.flushEntities(e.Type)
	}
	return nil
}

func (x *cypherExporter) flushEntities(t graph.EntityType) error {
	es := x.pending[t]
	if len(es) == 0 {
		return nil
	}
	x.w.WriteString("\nUNWIND [\n")
	for i, e := range es {
		fmt.Fprintf(x.w, "  {id: %s, name: %s, aliases: %s, description: %s, country: %s, identifiers: %s}",
			cypherString(e.ID), cypherString(e.Name), cypherList(e.Aliases), cypherOptional(e.Description), cypherOptional(e.Country),
			cypherList(e.Identifiers))
		if i < len(es)-1 {
			x.w.WriteString(",")
		}
		x.w.WriteString("\n")
	}
	// The label comes from the closed EntityTypes set.
	fmt.Fprintf(x.w, "] AS row\nMERGE (e:Entity {id: row.id})\nSET e:%s, e.name = row.name, e.aliases = row.aliases, e.description = row.description, e.country = row.country, e.identifiers = row.identifiers;\n", t)
	x.pending[t] = es[:0]
	return nil
}

func (x *cypherExporter) relationship(r graph.Relationship) error {
	if len(x.pending) > 0 {
		for _, t := range graph.EntityTypes {
			if err := x.flushEntities(t.Type); err != nil {
				return err
			}
		}
		x.pending = map[graph.EntityType][]graph.Entity{}
	}
	if len(x.rels) > 0 && (x.rels[0].Type != r.Type || len(x.rels) >= cypherBatch) {
		x.flushRels()
	}
	x.rels = append(x.rels, r)
	return nil
}

func (x *cypherExporter) flushRels() {
	if len(x.rels) == 0 {
		return
	}
	x.w.WriteString("\nUNWIND [\n")
	for i, r := range x.rels {
		fmt.Fprintf(x.w, "  {id: %s, from: %s, to: %s, props: %s}", cypherString(r.ID), cypherString(r.From), cypherString(r.To), cypherMap(graph.RelProps(r)))
		if i < len(x.rels)-1 {
			x.w.WriteString(",")
		}
		x.w.WriteString("\n")
	}
	// The type comes from the closed Vocabulary.
	fmt.Fprintf(x.w, "] AS row\nMATCH (a:Entity {id: row.from})\nMATCH (b:Entity {id: row.to})\nMERGE (a)-[r:%s {id: row.id}]->(b)\n"+
		"SET r = row.props;\n", x.rels[0].Type)
	x.rels = x.rels[:0]
}

func (x *cypherExporter) end() error {
	for _, t := range graph.EntityTypes {
		if err := x.flushEntities(t.Type); err != nil {
			return err
		}
	}
	x.flushRels()
	return nil
}

// cypherString quotes s as a Cypher string literal. Everything that could
// end the literal or confuse a statement splitter is escaped, and control
// characters become \uXXXX.
func cypherString(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case utf8.RuneError:
			b.WriteString(`\uFFFD`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// cypherMap writes a property map as a Cypher literal, keys sorted.
func cypherMap(m map[string]any) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		var v string
		switch x := m[k].(type) {
		case string:
			v = cypherString(x)
		case bool:
			v = strconv.FormatBool(x)
		case int64:
			v = strconv.FormatInt(x, 10)
		case float64:
			v = strconv.FormatFloat(x, 'f', -1, 64)
			if !strings.ContainsAny(v, ".") {
				v += ".0" // stays a float in Cypher
			}
		case []string:
			v = cypherList(x)
		default:
			panic(fmt.Sprintf("cypherMap: %s: unexpected %T", k, x))
		}
		parts[i] = k + ": " + v
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

func cypherOptional(s string) string {
	if s == "" {
		return "null"
	}
	return cypherString(s)
}

func cypherList(ss []string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = cypherString(s)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// dotExporter writes a plain Graphviz digraph: boxes labelled with name and
// type, edges with type and dates; symmetric types have no arrowhead.
type dotExporter struct{ w *bufio.Writer }

func (x *dotExporter) begin() error {
	_, err := x.w.WriteString("digraph explorer {\n  graph [rankdir=LR];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	return err
}

func (x *dotExporter) entity(e graph.Entity) error {
	_, err := fmt.Fprintf(x.w, "  %s [label=%s];\n", dotQuote(e.ID), dotQuote(e.Name+"\n("+string(e.Type)+")"))
	return err
}

func (x *dotExporter) relationship(r graph.Relationship) error {
	label := string(r.Type)
	if !r.Start.IsZero() {
		label += "\n" + r.Start.String()
		if !r.End.IsZero() {
			label += " – " + r.End.String()
		}
	}
	attrs := "label=" + dotQuote(label) + ", id=" + dotQuote(r.ID)
	if spec, _ := r.Type.Spec(); spec.Symmetric {
		attrs += ", dir=none"
	}
	_, err := fmt.Fprintf(x.w, "  %s -> %s [%s];\n", dotQuote(r.From), dotQuote(r.To), attrs)
	return err
}

func (x *dotExporter) end() error {
	_, err := x.w.WriteString("}\n")
	return err
}

// dotQuote makes s a DOT double-quoted string: quotes and backslashes are
// escaped (a backslash would otherwise start an escString sequence such as
// \N), newlines become \n, tabs spaces, and other control characters are dropped.
func dotQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
