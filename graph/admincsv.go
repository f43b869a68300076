package graph

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// AdminCSV is a graph written as the CSV files of Neo4j's offline importer
// (neo4j-admin database import full): one nodes file per entity type and one
// relationships file per relationship type, each with its header as first
// line. Args gives the importer's options that read them.
type AdminCSV struct {
	// Nodes maps each entity file to its labels ("Entity:Person"); Rels maps
	// each relationship file to its type.
	Nodes, Rels map[string]string
	// ArrayDelimiter separates list elements (aliases, itemIds); it is a
	// character that no list element holds.
	ArrayDelimiter rune
	// Multiline says some value holds a line break, which the importer must
	// be told about (it parses slower then).
	Multiline bool
	// Entities and Relationships count the records written.
	Entities, Relationships int
}

// Args returns the importer's options for these files, after
// "database import full DATABASE".
func (a AdminCSV) Args() []string {
	args := []string{
		fmt.Sprintf("--array-delimiter=U+%04X", a.ArrayDelimiter),
		"--bad-tolerance=0", "--id-type=string",
		"--multiline-fields=" + strconv.FormatBool(a.Multiline),
	}
	for _, f := range slices.Sorted(maps.Keys(a.Nodes)) {
		args = append(args, "--nodes="+a.Nodes[f]+"="+f)
	}
	for _, f := range slices.Sorted(maps.Keys(a.Rels)) {
		args = append(args, "--relationships="+a.Rels[f]+"="+f)
	}
	return args
}

// adminEntityColumns are the entity properties in the importer's header
// syntax; they are the ones entityParams stores.
var adminEntityColumns = []string{"id:ID", "name", "nameKey", "aliases:string[]", "description", "country", "identifiers:string[]"}

// adminRelColumns are the properties RelProps may return, with the
// importer's type for those that are not strings.
var adminRelColumns = []struct{ key, typ string }{
	{"id", ""}, {"evidence", ""}, {"source", ""}, {"confidence", ""}, {"start", ""}, {"end", ""},
	{"attested", ""}, {"ongoing", "boolean"}, {"status", ""}, {"item", ""}, {"itemIds", "string[]"},
	{"sourceId", ""}, {"paragraph", "long"}, {"sourceUrl", ""}, {"citedSource", ""}, {"citedSourceId", ""},
	{"spanFrom", ""}, {"spanTo", ""},
}

// arrayDelimiters are tried in order; the first that no list element holds
// is used.
var arrayDelimiters = []rune{'\x1f', '\x1e', '\x1d', ';', '|'}

// WriteAdminCSV validates es and rs and writes them into dir (which must
// exist) as the offline importer's CSV. Entities get the labels :Entity and
// their type and the properties the transactional writes give them (nameKey
// included); relationships get RelProps, the same map the transactional
// import stores. Endpoints are not checked here: the importer refuses a
// relationship to a missing entity (see Args).
func WriteAdminCSV(dir string, es []Entity, rs []Relationship) (AdminCSV, error) {
	out := AdminCSV{Nodes: map[string]string{}, Rels: map[string]string{}}
	used := map[rune]bool{}
	inLists := func(s string) {
		for _, d := range arrayDelimiters {
			if strings.ContainsRune(s, d) {
				used[d] = true
			}
		}
	}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			return out, err
		}
		for _, a := range e.Aliases {
			inLists(a)
		}
	}
	relProps := make([]map[string]any, len(rs))
	for i, r := range rs {
		if err := r.Validate(); err != nil {
			return out, err
		}
		relProps[i] = RelProps(r)
		for _, id := range r.ItemIDs {
			inLists(id)
		}
	}
	for _, d := range arrayDelimiters {
		if !used[d] {
			out.ArrayDelimiter = d
			break
		}
	}
	if out.ArrayDelimiter == 0 {
		return out, Errorf(ErrInvalid, "every candidate list delimiter occurs in some alias or item id; use the transactional import")
	}
	w := &csvWriter{delim: out.ArrayDelimiter}

	byType := map[EntityType][]Entity{}
	for _, e := range es {
		byType[e.Type] = append(byType[e.Type], e)
	}
	for i, t := range EntityTypes {
		ents := byType[t.Type]
		if len(ents) == 0 {
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("nodes-%02d-%s.csv", i, strings.ToLower(string(t.Type))))
		err := w.file(name, strings.Join(adminEntityColumns, ","), func() {
			for _, e := range ents {
				w.str(e.ID)
				w.sep()
				w.str(e.Name)
				w.sep()
				w.str(strings.ToLower(e.Name))
				w.sep()
				w.list(e.Aliases)
				w.sep()
				w.opt(e.Description)
				w.sep()
				w.opt(e.Country)
				w.sep()
				w.list(e.Identifiers)
				w.end()
			}
		})
		if err != nil {
			return out, err
		}
		out.Nodes[name] = "Entity:" + string(t.Type)
		out.Entities += len(ents)
	}

	byRel := map[RelType][]int{}
	for i, r := range rs {
		byRel[r.Type] = append(byRel[r.Type], i)
	}
	header := []string{":START_ID", ":END_ID"}
	known := map[string]bool{}
	for _, c := range adminRelColumns {
		known[c.key] = true
		if c.typ == "" {
			header = append(header, c.key)
		} else {
			header = append(header, c.key+":"+c.typ)
		}
	}
	for i, spec := range Vocabulary {
		idx := byRel[spec.Type]
		if len(idx) == 0 {
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("rels-%02d-%s.csv", i, strings.ToLower(string(spec.Type))))
		var bad string
		err := w.file(name, strings.Join(header, ","), func() {
			for _, j := range idx {
				r, p := rs[j], relProps[j]
				for k := range p {
					if !known[k] && bad == "" {
						bad = k
					}
				}
				w.str(r.From)
				w.sep()
				w.str(r.To)
				for _, c := range adminRelColumns {
					w.sep()
					switch v := p[c.key].(type) {
					case nil:
					case string:
						w.str(v)
					case bool:
						w.raw(strconv.FormatBool(v))
					case int64:
						w.raw(strconv.FormatInt(v, 10))
					case []string:
						w.list(v)
					default:
						if bad == "" {
							bad = fmt.Sprintf("%s (%T)", c.key, v)
						}
					}
				}
				w.end()
			}
		})
		if err != nil {
			return out, err
		}
		if bad != "" {
			// A property RelProps gained without a column here would be lost.
			return out, fmt.Errorf("admin CSV: relationship property %s has no column", bad)
		}
		out.Rels[name] = string(spec.Type)
		out.Relationships += len(idx)
	}
	out.Multiline = w.multiline
	return out, nil
}

// csvWriter writes RFC 4180 fields as the importer reads them: a string is
// always quoted (so "" is an empty string, kept, and an empty field is no
// property), a quote is doubled.
type csvWriter struct {
	b         *bufio.Writer
	delim     rune
	multiline bool
}

func (w *csvWriter) file(name, header string, rows func()) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w.b = bufio.NewWriterSize(f, 1<<20)
	w.b.WriteString(header)
	w.b.WriteByte('\n')
	rows()
	if err := w.b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (w *csvWriter) sep()         { w.b.WriteByte(',') }
func (w *csvWriter) end()         { w.b.WriteByte('\n') }
func (w *csvWriter) raw(s string) { w.b.WriteString(s) }
func (w *csvWriter) opt(s string) {
	if s != "" {
		w.str(s)
	}
}

func (w *csvWriter) str(s string) {
	if strings.ContainsAny(s, "\r\n") {
		w.multiline = true
	}
	w.b.WriteByte('"')
	if strings.IndexByte(s, '"') < 0 {
		w.b.WriteString(s)
	} else {
		w.b.WriteString(strings.ReplaceAll(s, `"`, `""`))
	}
	w.b.WriteByte('"')
}

// list writes a string list; an empty list is an empty quoted field, which
// the importer stores as no property (as the transactional writes do).
func (w *csvWriter) list(xs []string) {
	w.str(strings.Join(xs, string(w.delim)))
}
