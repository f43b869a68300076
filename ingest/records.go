package ingest

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"explorer/graph"
)

// pos is where a record was read.
type pos struct {
	file int
	line int
}

type entityRec struct {
	graph.Entity
	at pos
}

type relRec struct {
	graph.Relationship
	at pos
	// fromField and toField name the input fields of the endpoints in
	// problems ("from", "to", or an FtM property).
	fromField, toField string
}

// endpointRef is an endpoint of a relationship that has other problems:
// it is still checked, so that one pass reports everything.
type endpointRef struct {
	at        pos
	field, id string
}

// collector gathers the records of every input of one import, with the
// problems found on the way. Records are kept in memory so that the whole
// input is validated before anything is written.
type collector struct {
	files    []string
	entities []entityRec
	rels     []relRec
	entIdx   map[string]int
	relIdx   map[string]int
	skipped  map[string]int
	refs     []endpointRef
	inDB     map[string]bool // entity ids found in the database by check
	probs    problems
	// docs are the source documents claims name (see sources.go).
	docs   []*docRec
	docIdx map[string]int
	// sources is what the import writes of them, once resolved.
	sources sourcePlan
}

func newCollector() *collector {
	return &collector{entIdx: map[string]int{}, relIdx: map[string]int{}, skipped: map[string]int{}, docIdx: map[string]int{}}
}

func (c *collector) problem(at pos, field, format string, args ...any) {
	c.probs.add(at.file, Problem{File: c.files[at.file], Line: at.line, Field: field, Message: fmt.Sprintf(format, args...)})
}

func (c *collector) where(at pos) string {
	return fmt.Sprintf("%s:%d", c.files[at.file], at.line)
}

// addEntity keeps e unless its id is already taken: the same data again is
// dropped quietly, different data is a problem.
func (c *collector) addEntity(at pos, e graph.Entity) {
	if i, ok := c.entIdx[e.ID]; ok {
		if !sameEntity(c.entities[i].Entity, e) {
			c.problem(at, "id", "entity %q is also defined at %s with different data", e.ID, c.where(c.entities[i].at))
		}
		return
	}
	c.entIdx[e.ID] = len(c.entities)
	c.entities = append(c.entities, entityRec{e, at})
}

func (c *collector) addRel(at pos, r graph.Relationship) {
	c.addRelFields(at, r, "from", "to")
}

func (c *collector) addRelFields(at pos, r graph.Relationship, fromField, toField string) {
	if i, ok := c.relIdx[r.ID]; ok {
		if !reflect.DeepEqual(c.rels[i].Relationship, r) {
			c.problem(at, "id", "relationship %q is also defined at %s with different data", r.ID, c.where(c.rels[i].at))
		}
		return
	}
	c.relIdx[r.ID] = len(c.rels)
	c.rels = append(c.rels, relRec{r, at, fromField, toField})
}

// badRel keeps the well-formed endpoints of a relationship that was
// rejected for other reasons.
func (c *collector) badRel(at pos, r graph.Relationship, fromField, toField string) {
	for _, e := range []endpointRef{{at, fromField, r.From}, {at, toField, r.To}} {
		if graph.ValidID(e.id) {
			c.refs = append(c.refs, e)
		}
	}
}

func sameEntity(a, b graph.Entity) bool {
	return a.ID == b.ID && a.Name == b.Name && a.Type == b.Type && a.Description == b.Description &&
		a.Country == b.Country && slices.Equal(a.Aliases, b.Aliases) && slices.Equal(a.Identifiers, b.Identifiers)
}

// entityFields are an entity's values as text, before validation.
type entityFields struct {
	ID, Name, Type       string
	Aliases              []string
	Description, Country string
	// Identifiers are "scheme:value" strings, each with the field it came
	// from for problems.
	Identifiers []identField
}

// identField is one identifier as read and the field that held it.
type identField struct{ Field, Value string }

// splitIdentifiers reads a CSV identifiers cell, "scheme:value;scheme:value".
func splitIdentifiers(cell string) []identField {
	var out []identField
	for _, v := range strings.Split(cell, ";") {
		if strings.TrimSpace(v) != "" {
			out = append(out, identField{"identifiers", v})
		}
	}
	return out
}

// relFields are a relationship's values as text, before validation.
type relFields struct {
	ID, Type, From, To, Start, End           string
	Evidence, Source, SourceURL, CitedSource string
	Confidence                               string
	// Claim schema v2: all optional.
	Attested, Ongoing, Status, Item string
	ItemIDs                         []string
	SourceID, Paragraph             string
	CitedSourceID                   string
	// The share an ownership holds (FollowTheMoney Ownership).
	Percentage, SharesCount string
}

// bad reports a problem with one field of the record being built.
type bad func(field, format string, args ...any)

const idHint = "want a lowercase slug of a-z, 0-9, '.', '_' and '-', at most 128 bytes"

// buildEntity validates f field by field, so that every problem of a record
// is reported, not just the first.
func buildEntity(f entityFields, report bad) (graph.Entity, bool) {
	ok := true
	fail := func(field, format string, args ...any) { ok = false; report(field, format, args...) }
	e := graph.Entity{ID: strings.TrimSpace(f.ID), Name: strings.TrimSpace(f.Name),
		Description: strings.TrimSpace(f.Description), Country: strings.TrimSpace(f.Country)}
	switch {
	case e.ID == "":
		fail("id", "missing")
	case !graph.ValidID(e.ID):
		fail("id", "%q: %s", e.ID, idHint)
	}
	if e.Name == "" {
		fail("name", "missing")
	}
	checkText(fail, "name", e.Name, false)
	checkText(fail, "description", e.Description, true)
	checkText(fail, "country", e.Country, false)
	for i, a := range f.Aliases {
		checkText(fail, fmt.Sprintf("aliases[%d]", i), a, false)
	}
	if strings.TrimSpace(f.Type) == "" {
		fail("type", "missing")
	} else if t, err := graph.ParseEntityType(strings.TrimSpace(f.Type)); err != nil {
		fail("type", "%s", reason(err))
	} else {
		e.Type = t
	}
	for _, a := range f.Aliases {
		if a = strings.TrimSpace(a); a != "" && a != e.Name && !slices.Contains(e.Aliases, a) {
			e.Aliases = append(e.Aliases, a)
		}
	}
	for _, id := range f.Identifiers {
		n, err := graph.ParseIdentifier(id.Value)
		if err != nil {
			fail(id.Field, "%s", reason(err))
			continue
		}
		e.Identifiers = append(e.Identifiers, n)
	}
	slices.Sort(e.Identifiers)
	e.Identifiers = slices.Compact(e.Identifiers)
	return e, ok
}

func buildRel(f relFields, report bad) (graph.Relationship, bool) {
	ok := true
	fail := func(field, format string, args ...any) { ok = false; report(field, format, args...) }
	r := graph.Relationship{ID: strings.TrimSpace(f.ID), From: strings.TrimSpace(f.From), To: strings.TrimSpace(f.To),
		Evidence: strings.TrimSpace(f.Evidence), Source: strings.TrimSpace(f.Source),
		SourceURL: strings.TrimSpace(f.SourceURL), CitedSource: strings.TrimSpace(f.CitedSource),
		Item: strings.TrimSpace(f.Item), SourceID: strings.TrimSpace(f.SourceID), CitedSourceID: strings.TrimSpace(f.CitedSourceID)}
	for _, id := range []struct{ field, v string }{{"id", r.ID}, {"from", r.From}, {"to", r.To}} {
		switch {
		case id.v == "":
			fail(id.field, "missing")
		case !graph.ValidID(id.v):
			fail(id.field, "%q: %s", id.v, idHint)
		}
	}
	if strings.TrimSpace(f.Type) == "" {
		fail("type", "missing")
	} else if t, err := graph.ParseRelType(f.Type); err != nil {
		fail("type", "%s", reason(err))
	} else {
		r.Type = t
	}
	for _, d := range []struct {
		field, v string
		dst      *graph.PartialDate
	}{{"start", f.Start, &r.Start}, {"end", f.End, &r.End}, {"attested", f.Attested, &r.Attested}} {
		v := strings.TrimSpace(d.v)
		if d.field == "end" && v == "unknown" {
			// Ended at a date the source does not give.
			no := false
			r.Ongoing = &no
			continue
		}
		if v != "" {
			p, err := graph.ParseDate(v)
			if err != nil {
				fail(d.field, "%s", reason(err))
				continue
			}
			*d.dst = p
		}
	}
	switch v := strings.ToLower(strings.TrimSpace(f.Ongoing)); v {
	case "":
	case "true", "false":
		if b := v == "true"; r.Ongoing != nil && *r.Ongoing != b {
			fail("ongoing", "%s contradicts end \"unknown\"", v)
		} else {
			r.Ongoing = &b
		}
	default:
		fail("ongoing", "%q: want true or false", f.Ongoing)
	}
	if st, err := graph.ParseStatus(f.Status); err != nil {
		fail("status", "%s", reason(err))
	} else if st != graph.Completed {
		r.Status = st
	}
	for _, id := range f.ItemIDs {
		if id = strings.TrimSpace(id); id == "" {
			continue
		} else if !graph.ValidID(id) {
			fail("itemIds", "%q: %s", id, idHint)
		} else {
			r.ItemIDs = append(r.ItemIDs, id)
		}
	}
	for _, id := range []struct{ field, v string }{{"sourceId", r.SourceID}, {"citedSourceId", r.CitedSourceID}} {
		if id.v != "" && !graph.ValidID(id.v) {
			fail(id.field, "%q: %s", id.v, idHint)
		}
	}
	if v := strings.TrimSpace(f.Paragraph); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fail("paragraph", "%q: want a positive integer", v)
		} else {
			r.Paragraph = n
		}
	}
	if v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.Percentage), "%")); v != "" {
		p, err := strconv.ParseFloat(v, 64)
		if err != nil || p < 0 || p > 100 || p != p {
			fail("percentage", "%q: want a number from 0 to 100", f.Percentage)
		} else {
			r.Percentage = p
		}
	}
	if v := strings.TrimSpace(f.SharesCount); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			// FtM writes counts as decimals now and then ("1000.0").
			if x, ferr := strconv.ParseFloat(v, 64); ferr == nil && x >= 0 && x == float64(int64(x)) {
				n, err = int64(x), nil
			}
		}
		if err != nil || n < 0 {
			fail("sharesCount", "%q: want a whole number of shares", f.SharesCount)
		} else {
			r.SharesCount = n
		}
	}
	if r.Source == "" {
		fail("source", "missing (name the document or publisher the claim comes from)")
	}
	checkText(fail, "evidence", r.Evidence, true)
	checkText(fail, "source", r.Source, false)
	checkText(fail, "sourceUrl", r.SourceURL, false)
	checkText(fail, "citedSource", r.CitedSource, false)
	if strings.TrimSpace(f.Confidence) == "" {
		fail("confidence", "missing (want confirmed, reported, assessed, alleged or disputed)")
	} else if c, err := graph.ParseConfidence(f.Confidence); err != nil {
		fail("confidence", "%s", reason(err))
	} else {
		r.Confidence = c
	}
	if ok {
		switch {
		case r.Start.IsZero() && !r.End.IsZero():
			fail("end", "end %s without a start", r.End)
		case !r.End.IsZero() && r.End.Last().Before(r.Start.First()):
			fail("end", "end %s is before start %s", r.End, r.Start)
		}
	}
	if ok {
		if err := r.Validate(); err != nil {
			fail("", "%s", reason(err))
		}
	}
	return r, ok
}

// sink receives what a parser finds; the collector is one, and a recorder
// keeps it for a collector later (parallel parsing).
type sink interface {
	problem(at pos, field, format string, args ...any)
	addEntity(at pos, e graph.Entity)
	addRel(at pos, r graph.Relationship)
	badRel(at pos, r graph.Relationship, fromField, toField string)
	addDoc(at pos, relID, explicitID string, d docMeta)
}

type opKind uint8

const (
	opProblem opKind = iota
	opEntity
	opRel
	opBadRel
	opDoc
)

type op struct {
	kind       opKind
	at         pos
	field, msg string
	entity     graph.Entity
	rel        graph.Relationship
	fromF, toF string
	doc        docMeta
}

// recorder is a sink that keeps everything in order for replay.
type recorder struct{ ops []op }

func (r *recorder) problem(at pos, field, format string, args ...any) {
	r.ops = append(r.ops, op{kind: opProblem, at: at, field: field, msg: fmt.Sprintf(format, args...)})
}
func (r *recorder) addEntity(at pos, e graph.Entity) {
	r.ops = append(r.ops, op{kind: opEntity, at: at, entity: e})
}
func (r *recorder) addRel(at pos, rel graph.Relationship) {
	r.ops = append(r.ops, op{kind: opRel, at: at, rel: rel})
}
func (r *recorder) badRel(at pos, rel graph.Relationship, fromField, toField string) {
	r.ops = append(r.ops, op{kind: opBadRel, at: at, rel: rel, fromF: fromField, toF: toField})
}

func (r *recorder) addDoc(at pos, relID, explicitID string, d docMeta) {
	r.ops = append(r.ops, op{kind: opDoc, at: at, field: relID, msg: explicitID, doc: d})
}

func (r *recorder) replay(c *collector) {
	for _, o := range r.ops {
		switch o.kind {
		case opProblem:
			c.problem(o.at, o.field, "%s", o.msg)
		case opEntity:
			c.addEntity(o.at, o.entity)
		case opRel:
			c.addRel(o.at, o.rel)
		case opBadRel:
			c.badRel(o.at, o.rel, o.fromF, o.toF)
		case opDoc:
			c.addDoc(o.at, o.field, o.msg, o.doc)
		}
	}
}

// checkText refuses control characters (terminal escape sequences start
// with one) and the invisible bidirectional controls that can make a name
// read as another. Multi-line fields (a description, a quote) may hold tabs
// and line breaks; names may not.
func checkText(fail bad, field, v string, multiline bool) {
	for i, r := range v {
		if multiline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || isBidiControl(r) {
			fail(field, "control character %U at byte %d; names and texts may not hold control or bidirectional formatting characters", r, i)
			return
		}
	}
}

func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}
