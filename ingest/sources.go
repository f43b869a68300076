package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"explorer/graph"
)

// Source records from imports. A claim that names its source document (a
// URL, a title, a publisher, dates: see docColumns and the FtM properties
// in ftm.go) gets a graph.Source record, created or reused, and its
// SourceID set to it. The same URL (see graph.SourceURLKey) is the same
// source; without a URL, the same title and publisher (a record that has
// no URL yet is also found by its title and publisher, and gets the URL).
// A claim with an explicit sourceId names its record by id: its sourceUrl
// stays the claim's own link, and the other source fields describe that
// record (created with that id when there is none). Unknown fields stay
// empty. Conflicting metadata for one source within an import is a
// problem; an existing source's non-empty fields are never overwritten
// (the import says so in a warning), its empty ones are filled in.

// docColumns are the CSV columns (and JSON lines fields) that describe a
// relationship's source document, beside sourceUrl and sourceId.
var docColumns = []string{"sourceTitle", "sourcePublisher", "sourceAuthor", "sourcePublished", "sourceLanguage",
	"sourceRetrieved", "sourceLicence"}

// docKeys are a source's metadata fields in the order they are checked.
var docKeys = []string{"title", "publisher", "author", "published", "url", "language", "retrieved", "licence"}

// docMeta is the source document a claim names, as the input gives it.
type docMeta struct {
	Title, Publisher, Author, Published, URL, Language, Retrieved, Licence string
	// TitleGiven says that Title came from a title field; otherwise it is
	// derived (the claim's source text), used only as the title of a source
	// the import creates and never compared.
	TitleGiven bool
	// Names maps a docKeys key to the input field it came from, for
	// problems.
	Names map[string]string
}

// csvDocNames are the input names of the fields in CSV and JSON lines.
var csvDocNames = map[string]string{"title": "sourceTitle", "publisher": "sourcePublisher", "author": "sourceAuthor",
	"published": "sourcePublished", "url": "sourceUrl", "language": "sourceLanguage", "retrieved": "sourceRetrieved",
	"licence": "sourceLicence"}

func (d docMeta) get(k string) string {
	switch k {
	case "title":
		return d.Title
	case "publisher":
		return d.Publisher
	case "author":
		return d.Author
	case "published":
		return d.Published
	case "url":
		return d.URL
	case "language":
		return d.Language
	case "retrieved":
		return d.Retrieved
	case "licence":
		return d.Licence
	}
	return ""
}

// names says whether the claim names a source document at all: a URL or
// any metadata beyond its free-text source.
func (d docMeta) names() bool {
	return d.TitleGiven || d.Publisher != "" || d.Author != "" || d.Published != "" || d.URL != "" ||
		d.Language != "" || d.Retrieved != "" || d.Licence != ""
}

func (d docMeta) field(k string) string {
	if n, ok := d.Names[k]; ok {
		return n
	}
	return csvDocNames[k]
}

// docRec is one source document named in the input, with the claims that
// name it.
type docRec struct {
	src graph.Source
	// key is "id:" and the explicit id, "url:" and the URL key, or "title:"
	// and the title key.
	key        string
	titleGiven bool
	// at and names say where each field was first given.
	at    map[string]pos
	names map[string]string
	rels  []string
}

func sourceField(s *graph.Source, k string) *string {
	switch k {
	case "title":
		return &s.Title
	case "publisher":
		return &s.Publisher
	case "author":
		return &s.Author
	case "url":
		return &s.URL
	case "language":
		return &s.Language
	case "licence":
		return &s.Licence
	}
	return nil
}

// sourceValue is a source's field k as text.
func sourceValue(s graph.Source, k string) string {
	switch k {
	case "published":
		return s.Published.String()
	case "retrieved":
		return s.Retrieved.String()
	}
	return *sourceField(&s, k)
}

// sameValue compares two values of field k: URLs by their key, dates
// exactly, text without regard to case and spacing.
func sameValue(k, a, b string) bool {
	switch k {
	case "url":
		ka, ea := graph.SourceURLKey(a)
		kb, eb := graph.SourceURLKey(b)
		if ea == nil && eb == nil {
			return ka == kb
		}
		return a == b
	case "published", "retrieved":
		return a == b
	}
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// addDoc records that relationship relID (explicitID is its sourceId, when
// given) names the source document d.
func (c *collector) addDoc(at pos, relID, explicitID string, d docMeta) {
	if explicitID != "" {
		// The claim names its record by id: its sourceUrl is its own link
		// (a page, an anchor), and only the source fields describe the record.
		d.URL = ""
	}
	if !d.names() {
		return
	}
	ok := true
	var src graph.Source
	for _, k := range docKeys {
		v := strings.TrimSpace(d.get(k))
		if v == "" {
			continue
		}
		switch k {
		case "published", "retrieved":
			p, err := graph.ParseDate(v)
			if err != nil {
				c.problem(at, d.field(k), "%s", reason(err))
				ok = false
				continue
			}
			if k == "published" {
				src.Published = p
			} else {
				src.Retrieved = p
			}
			continue
		case "url":
			if _, err := graph.SourceURLKey(v); err != nil {
				c.problem(at, d.field(k), "%s", reason(err))
				ok = false
				continue
			}
		}
		if !validText(v) {
			ok = false // reported with the relationship's own fields or below
			checkText(func(field, format string, args ...any) { c.problem(at, field, format, args...) }, d.field(k), v, false)
			continue
		}
		*sourceField(&src, k) = v
	}
	if !ok {
		return
	}
	var key string
	switch {
	case explicitID != "":
		key = "id:" + explicitID
	case src.URL != "":
		u, _ := graph.SourceURLKey(src.URL)
		key = "url:" + u
	default:
		key = "title:" + graph.SourceTitleKey(src.Title, src.Publisher)
	}
	i, seen := c.docIdx[key]
	if !seen {
		g := &docRec{src: src, key: key, titleGiven: d.TitleGiven, at: map[string]pos{}, names: map[string]string{}}
		if explicitID != "" {
			g.src.ID = explicitID
		}
		for _, k := range docKeys {
			if sourceValue(src, k) != "" {
				g.at[k], g.names[k] = at, d.field(k)
			}
		}
		c.docIdx[key] = len(c.docs)
		c.docs = append(c.docs, g)
		g.rels = append(g.rels, relID)
		return
	}
	g := c.docs[i]
	for _, k := range docKeys {
		v := sourceValue(src, k)
		if v == "" || (k == "title" && !d.TitleGiven) {
			continue
		}
		cur := sourceValue(g.src, k)
		switch {
		case cur == "" || (k == "title" && !g.titleGiven):
			g.setField(k, src)
			g.at[k], g.names[k] = at, d.field(k)
			if k == "title" {
				g.titleGiven = true
			}
		case !sameValue(k, cur, v):
			c.problem(at, d.field(k), "%q, but %s gives %q for the same source (%s)", v, c.where(g.at[k]), cur, g.describe())
		}
	}
	if !slices.Contains(g.rels, relID) {
		g.rels = append(g.rels, relID)
	}
}

func (g *docRec) setField(k string, from graph.Source) {
	switch k {
	case "published":
		g.src.Published = from.Published
	case "retrieved":
		g.src.Retrieved = from.Retrieved
	default:
		*sourceField(&g.src, k) = *sourceField(&from, k)
	}
}

// describe names the source in a message.
func (g *docRec) describe() string {
	kind, v, _ := strings.Cut(g.key, ":")
	switch kind {
	case "id":
		return "source id " + v
	case "url":
		return v
	}
	if g.src.Publisher != "" {
		return fmt.Sprintf("%q, %s", g.src.Title, g.src.Publisher)
	}
	return fmt.Sprintf("%q", g.src.Title)
}

func validText(v string) bool {
	ok := true
	checkText(func(string, string, ...any) { ok = false }, "", v, false)
	return ok
}

// SourceIndexer is what an import needs to recognise the sources its
// claims name (*graph.Store).
type SourceIndexer interface {
	SourceIndex(ctx context.Context) ([]graph.Source, error)
}

// sourcePlan is what an import writes of sources.
type sourcePlan struct {
	create, fill []graph.Source
	// reused counts existing sources used as they are.
	reused int
}

// resolveSources decides, against the sources in the database, which
// source every named document is: an existing one (reused, its empty
// fields filled in, its other fields kept with a warning where the input
// differs), or a new one. It sets the claims' SourceID.
func (c *collector) resolveSources(ctx context.Context, st SourceIndexer) (sourcePlan, []Problem, error) {
	var plan sourcePlan
	if len(c.docs) == 0 {
		return plan, nil, nil
	}
	existing, err := st.SourceIndex(ctx)
	if err != nil {
		return plan, nil, fmt.Errorf("looking up sources: %w", err)
	}
	byID := map[string]*graph.Source{}
	byURL := map[string]*graph.Source{}
	byTitle := map[string]*graph.Source{}
	index := func(s *graph.Source) {
		byID[s.ID] = s
		if k, err := graph.SourceURLKey(s.URL); err == nil {
			if _, taken := byURL[k]; !taken {
				byURL[k] = s
			}
		}
		if k := graph.SourceTitleKey(s.Title, s.Publisher); s.Title != "" {
			if _, taken := byTitle[k]; !taken {
				byTitle[k] = s
			}
		}
	}
	for i := range existing {
		index(&existing[i])
	}
	created := map[string]bool{}
	used := map[string]bool{}
	fills := map[string]*graph.Source{}
	var fillOrder []string
	var warnings []Problem
	// Explicit ids first, then URLs, then titles, so that a document named
	// by title after it was named by URL in the same input is one source.
	order := slices.Clone(c.docs)
	rank := func(g *docRec) int {
		return map[string]int{"id": 0, "url": 1, "title": 2}[strings.SplitN(g.key, ":", 2)[0]]
	}
	slices.SortStableFunc(order, func(a, b *docRec) int { return cmp.Compare(rank(a), rank(b)) })
	for _, g := range order {
		kind, k, _ := strings.Cut(g.key, ":")
		var have *graph.Source
		id := g.src.ID
		switch kind {
		case "id":
			have = byID[id]
		case "url":
			have = byURL[k]
			// A record of the same title and publisher that has no URL yet
			// is this document too (the URL fills it in).
			if t := byTitle[graph.SourceTitleKey(g.src.Title, g.src.Publisher)]; have == nil && g.titleGiven && t != nil && t.URL == "" {
				have = t
			}
		default:
			have = byTitle[k]
		}
		if have == nil && id == "" {
			id = graph.ImportedSourceID(k)
			have = byID[id]
		}
		if have == nil {
			s := g.src
			s.ID = id
			if s.Title == "" {
				first := c.rels[c.relIdx[g.rels[0]]]
				s.Title = first.Source
			}
			if err := s.Validate(); err != nil {
				c.problem(g.firstAt(), "sourceId", "%s", reason(err))
				continue
			}
			plan.create = append(plan.create, s)
			created[s.ID] = true
			cp := s
			index(&cp)
			have = &cp
		} else if !created[have.ID] {
			fill := graph.Source{ID: have.ID}
			changed := false
			for _, key := range docKeys {
				v := sourceValue(g.src, key)
				if v == "" || (key == "title" && !g.titleGiven) {
					continue
				}
				cur := sourceValue(*have, key)
				if f, ok := fills[have.ID]; ok && cur == "" {
					cur = sourceValue(*f, key)
				}
				switch {
				case cur == "":
					fillField(&fill, key, g.src)
					changed = true
				case !sameValue(key, cur, v):
					at := g.at[key]
					warnings = append(warnings, Problem{File: c.files[at.file], Line: at.line, Field: g.names[key],
						Message: fmt.Sprintf("source %s already has %s %q; kept (the input gives %q)", have.ID, key, cur, v)})
				}
			}
			if changed {
				if f, ok := fills[have.ID]; ok {
					for _, key := range docKeys {
						if sourceValue(*f, key) == "" && sourceValue(fill, key) != "" {
							fillField(f, key, fill)
						}
					}
				} else {
					fills[have.ID] = &fill
					fillOrder = append(fillOrder, have.ID)
				}
			}
			used[have.ID] = true
		}
		for _, rid := range g.rels {
			if i, ok := c.relIdx[rid]; ok && c.rels[i].SourceID == "" {
				c.rels[i].SourceID = have.ID
			}
		}
	}
	for _, id := range fillOrder {
		plan.fill = append(plan.fill, *fills[id])
	}
	for id := range used {
		if _, filled := fills[id]; !filled {
			plan.reused++
		}
	}
	return plan, warnings, nil
}

func fillField(dst *graph.Source, k string, from graph.Source) {
	switch k {
	case "published":
		dst.Published = from.Published
	case "retrieved":
		dst.Retrieved = from.Retrieved
	default:
		*sourceField(dst, k) = *sourceField(&from, k)
	}
}

// firstAt is where the document was first named.
func (g *docRec) firstAt() pos {
	first := pos{line: -1}
	for _, at := range g.at {
		if first.line < 0 || at.file < first.file || (at.file == first.file && at.line < first.line) {
			first = at
		}
	}
	if first.line < 0 {
		return pos{}
	}
	return first
}

// textDoc is the source document of relationship r read from CSV or JSON
// lines: get returns the value of a docColumns field. Without a
// sourceTitle, the claim's source text stands in as the title.
func textDoc(r graph.Relationship, get func(string) string) docMeta {
	d := docMeta{Title: strings.TrimSpace(get("sourceTitle")), Publisher: get("sourcePublisher"), Author: get("sourceAuthor"),
		Published: get("sourcePublished"), URL: r.SourceURL, Language: get("sourceLanguage"),
		Retrieved: get("sourceRetrieved"), Licence: get("sourceLicence")}
	d.TitleGiven = d.Title != ""
	if !d.TitleGiven {
		d.Title = r.Source
	}
	return d
}
