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
// in "description", the source in "publisher" and a cited source in
// "summary". A Sanction names its authority in text, so the source entity's
// name goes there. Confidence has no FtM property and is not exported.
type ftmExporter struct {
	w     *bufio.Writer
	buf   bytes.Buffer
	ctx   context.Context
	g     Reader
	names map[string]string
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
	return x.write(ftmOut{ID: e.ID, Schema: ftmSchemaOf[e.Type], Properties: p})
}

func (x *ftmExporter) relationship(r graph.Relationship) error {
	spec, _ := r.Type.Spec()
	p := map[string][]string{spec.FtMTo: {r.To}, "publisher": {r.Source}}
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
	if r.SourceURL != "" {
		p["sourceUrl"] = []string{r.SourceURL}
	}
	if r.CitedSource != "" {
		p["summary"] = []string{"Cited source: " + r.CitedSource}
	}
	return x.write(ftmOut{ID: r.ID, Schema: spec.FtM, Properties: p})
}
