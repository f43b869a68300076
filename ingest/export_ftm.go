package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"explorer/graph"
)

// ftmSchemaOf is the FollowTheMoney schema an entity type is exported as.
// Types without an FtM counterpart take the nearest thing (Asset for
// facilities and weapons); every entity also carries its type in
// "keywords".
var ftmSchemaOf = map[graph.EntityType]string{
	graph.Person:       "Person",
	graph.Organization: "Organization",
	graph.State:        "PublicBody",
	graph.Facility:     "Asset",
	graph.Weapon:       "Asset",
	graph.Event:        "Event",
	graph.Agreement:    "Contract",
	graph.Document:     "Document",
	graph.Vessel:       "Vessel",
	graph.Place:        "Address",
}

// ftmExporter writes FollowTheMoney entities, one per line. Relationships
// become the interval schema of graph.Vocabulary's mapping with the source
// and target in its properties, the vocabulary type in "role", the evidence
// in "description" and a cited source in "summary". A claim's source record
// (sourceId) is written as the record's own publisher, URL (sourceUrl) and
// retrieval date (retrievedAt), the fields by which an FtM import finds the
// record again; its title, author, publication date, language, licence and
// id have no FtM property on an interval and are not written. A claim
// without a record keeps its source text in "publisher". A Sanction names
// its authority in text, so the source entity's name goes there. Confidence
// has no FtM property and is not exported.
type ftmExporter struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	ctx   context.Context
	g     Reader
	names map[string]string
	// sources are the source records by id, when the reader lists them.
	sources map[string]graph.Source
}

// sourceIndexer is a Reader that lists its source records without their
// text (*graph.Store).
type sourceIndexer interface {
	SourceIndex(ctx context.Context) ([]graph.Source, error)
}

// newFtMExporter reads the source records of g, when it has them, so that
// claims can be written with their record's metadata.
func newFtMExporter(ctx context.Context, g Reader, w *bufio.Writer) (*ftmExporter, error) {
	x := &ftmExporter{w: w, ctx: ctx, g: g, names: map[string]string{}, sources: map[string]graph.Source{}}
	if si, ok := g.(sourceIndexer); ok {
		srcs, err := si.SourceIndex(ctx)
		if err != nil {
			return nil, err
		}
		for _, src := range srcs {
			x.sources[src.ID] = src
		}
	}
	return x, nil
}

type ftmOut struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

func (x *ftmExporter) begin() error { return nil }
func (x *ftmExporter) end() error   { return nil }

func (x *ftmExporter) write(o ftmOut) error {
	x.buf.Reset()
	enc := json.NewEncoder(&x.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(o); err != nil {
		return err
	}
	_, err := x.w.Write(x.buf.Bytes())
	return err
}

func (x *ftmExporter) entity(e graph.Entity) error {
	p := map[string][]string{"name": {e.Name}, "keywords": {string(e.Type)}}
	if len(e.Aliases) > 0 {
		p["alias"] = e.Aliases
	}
	if e.Description != "" {
		p["description"] = []string{e.Description}
	}
	if e.Country != "" {
		p["country"] = []string{strings.ToLower(e.Country)}
	}
	schema := ftmSchemaOf[e.Type]
	for _, id := range e.Identifiers {
		scheme, v, _ := strings.Cut(id, ":")
		for _, m := range ftmIdentifiers {
			if m.scheme == scheme && ftmIdentifierSchemata[schema][m.prop] {
				p[m.prop] = append(p[m.prop], v)
			}
		}
	}
	return x.write(ftmOut{ID: e.ID, Schema: schema, Properties: p})
}

// ftmIdentifierSchemata are the identifier properties each exported schema
// has in FollowTheMoney's model; an identifier whose property the schema
// lacks (an IMO number on a Person, any number on an Asset) is not written.
var ftmIdentifierSchemata = func() map[string]map[string]bool {
	legal := []string{"registrationNumber", "innCode", "leiCode", "swiftBic", "ogrnCode", "taxNumber", "vatCode", "idNumber"}
	set := func(props ...string) map[string]bool {
		m := map[string]bool{}
		for _, p := range props {
			m[p] = true
		}
		return m
	}
	return map[string]map[string]bool{
		"Organization": set(append(legal, "imoNumber")...),
		"PublicBody":   set(append(legal, "imoNumber")...),
		"Person":       set(append(legal, "passportNumber")...),
		"Vessel":       set("registrationNumber", "imoNumber"),
	}
}()

func (x *ftmExporter) relationship(r graph.Relationship) error {
	spec, _ := r.Type.Spec()
	p := map[string][]string{spec.FtMTo: {r.To}}
	publisher, url := r.Source, r.SourceURL
	if src, ok := x.sources[r.SourceID]; ok {
		// The record's own metadata, so that an import finds the same
		// record (by URL, see ingest/sources.go); nothing stands in for a
		// field the record leaves empty. The claim's own link is kept only
		// where the record has none.
		publisher = src.Publisher
		if src.URL != "" {
			url = src.URL
		}
		if !src.Retrieved.IsZero() {
			p["retrievedAt"] = []string{src.Retrieved.String()}
		}
	}
	if publisher != "" {
		p["publisher"] = []string{publisher}
	}
	if spec.FtM == "Sanction" {
		name, ok := x.names[r.From]
		if !ok {
			e, err := x.g.GetEntity(x.ctx, r.From)
			if err != nil {
				return err
			}
			name = e.Name
			x.names[r.From] = name
		}
		p["authority"] = []string{name}
	} else {
		p[spec.FtMFrom] = []string{r.From}
		p["role"] = []string{string(r.Type)}
	}
	// The one rule of time (graph.Relationship.Span) in FtM's terms, as
	// ftmTime reads it back: an FtM interval with a startDate and no endDate
	// has not ended, so a claim that has (an event, a state ended at an
	// unknown date) is written as a point, date.
	switch {
	case !r.Attested.IsZero():
		p["date"] = []string{r.Attested.String()}
	case r.Start.IsZero():
	case !r.End.IsZero():
		p["startDate"] = []string{r.Start.String()}
		p["endDate"] = []string{r.End.String()}
	case r.Lasting():
		p["startDate"] = []string{r.Start.String()}
	default:
		p["date"] = []string{r.Start.String()}
	}
	if r.Percentage != 0 {
		p["percentage"] = []string{strconv.FormatFloat(r.Percentage, 'f', -1, 64)}
	}
	if r.SharesCount != 0 {
		p["sharesCount"] = []string{strconv.FormatInt(r.SharesCount, 10)}
	}
	if r.Evidence != "" {
		p["description"] = []string{r.Evidence}
	}
	if url != "" {
		p["sourceUrl"] = []string{url}
	}
	if r.CitedSource != "" {
		p["summary"] = []string{"Cited source: " + r.CitedSource}
	}
	return x.write(ftmOut{ID: r.ID, Schema: spec.FtM, Properties: p})
}
