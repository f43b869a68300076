package graph

import (
	"bufio"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	{"spanFrom", ""}, {"spanTo", ""}, {"percentage", "double"}, {"sharesCount", "long"},
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
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return out, err
		}
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

	// One job per file; files are written in parallel, each by its own
	// writer.
	type job struct {
		name, header, label string
		entity              bool
		n                   int
		rows                func(w *csvWriter) error
	}
	var jobs []job
	byType := map[EntityType][]Entity{}
	for _, e := range es {
		byType[e.Type] = append(byType[e.Type], e)
	}
	for i, t := range EntityTypes {
		ents := byType[t.Type]
		if len(ents) == 0 {
			continue
		}
		jobs = append(jobs, job{
			name:   filepath.Join(dir, fmt.Sprintf("nodes-%02d-%s.csv", i, strings.ToLower(string(t.Type)))),
			header: strings.Join(adminEntityColumns, ","), label: "Entity:" + string(t.Type), entity: true, n: len(ents),
			rows: func(w *csvWriter) error {
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
				return nil
			},
		})
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
		jobs = append(jobs, job{
			name:   filepath.Join(dir, fmt.Sprintf("rels-%02d-%s.csv", i, strings.ToLower(string(spec.Type)))),
			header: strings.Join(header, ","), label: string(spec.Type), n: len(idx),
			rows: func(w *csvWriter) error {
				for _, j := range idx {
					r := rs[j]
					p := RelProps(r)
					for k := range p {
						if !known[k] {
							// A property RelProps gained without a column here would be lost.
							return fmt.Errorf("admin CSV: relationship property %s has no column", k)
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
						case float64:
							w.raw(strconv.FormatFloat(v, 'g', -1, 64))
						case []string:
							w.list(v)
						default:
							return fmt.Errorf("admin CSV: relationship property %s has type %T, which has no column type", c.key, v)
						}
					}
					w.end()
				}
				return nil
			},
		})
	}

	errs := make([]error, len(jobs))
	multiline := make([]bool, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(jobs))) {
		wg.Go(func() {
			for i := range next {
				w := &csvWriter{delim: out.ArrayDelimiter}
				errs[i] = w.file(jobs[i].name, jobs[i].header, func() error { return jobs[i].rows(w) })
				multiline[i] = w.multiline
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, j := range jobs {
		if errs[i] != nil {
			return out, errs[i]
		}
		out.Multiline = out.Multiline || multiline[i]
		if j.entity {
			out.Nodes[j.name] = j.label
			out.Entities += j.n
		} else {
			out.Rels[j.name] = j.label
			out.Relationships += j.n
		}
	}
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

func (w *csvWriter) file(name, header string, rows func() error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w.b = bufio.NewWriterSize(f, 1<<20)
	w.b.WriteString(header)
	w.b.WriteByte('\n')
	if err := rows(); err != nil {
		f.Close()
		return err
	}
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
