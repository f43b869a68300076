package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Investigation is a saved canvas: the entities an investigator put
// together, the queries that built the picture (canvas URLs or query
// strings), notes keyed by entity or relationship id ("" for a note on the
// whole investigation), and the date of the
// data it was built on. Investigations are stored as (:Investigation)
// nodes, never :Entity, so searches, counts, walks and exports, which all
// match :Entity, never see them.
type Investigation struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Entities []string          `json:"entities"`
	Queries  []string          `json:"queries"`
	Notes    map[string]string `json:"notes"`
	// DataDate is when the data it was built on was read: the time it was
	// saved, unless the client gives one.
	DataDate time.Time `json:"data_date"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
}

// Investigation limits.
const (
	maxInvestigationName    = 200
	maxInvestigationItems   = 500
	maxInvestigationText    = 10000
	maxInvestigationQueries = 100
)

// Validate checks an investigation as a client sent it; a problem is a
// *Error naming the field.
func (inv *Investigation) Validate() error {
	inv.Name = strings.TrimSpace(inv.Name)
	switch {
	case inv.Name == "":
		return ParamErrorf("name", "an investigation needs a name")
	case utf8.RuneCountInString(inv.Name) > maxInvestigationName:
		return ParamErrorf("name", "want at most %d characters", maxInvestigationName)
	case len(inv.Entities) > maxInvestigationItems:
		return ParamErrorf("entities", "want at most %d entities, got %d", maxInvestigationItems, len(inv.Entities))
	case len(inv.Queries) > maxInvestigationQueries:
		return ParamErrorf("queries", "want at most %d queries, got %d", maxInvestigationQueries, len(inv.Queries))
	case len(inv.Notes) > maxInvestigationItems:
		return ParamErrorf("notes", "want at most %d notes, got %d", maxInvestigationItems, len(inv.Notes))
	}
	for i, id := range inv.Entities {
		if !ValidID(id) {
			return ParamErrorf("entities", "entry %d, %q, is not an entity id", i+1, id)
		}
	}
	for i, q := range inv.Queries {
		if len(q) > maxInvestigationText {
			return ParamErrorf("queries", "entry %d is longer than %d bytes", i+1, maxInvestigationText)
		}
	}
	for k, v := range inv.Notes {
		if k != "" && !ValidID(k) {
			return ParamErrorf("notes", "key %q is not an entity or relationship id (or \"\" for the whole investigation)", k)
		}
		if len(v) > maxInvestigationText {
			return ParamErrorf("notes", "the note on %s is longer than %d bytes", k, maxInvestigationText)
		}
	}
	if inv.Entities == nil {
		inv.Entities = []string{}
	}
	if inv.Queries == nil {
		inv.Queries = []string{}
	}
	if inv.Notes == nil {
		inv.Notes = map[string]string{}
	}
	return nil
}

// newInvestigationID is "inv-" and 16 random hex digits.
func newInvestigationID() (string, error) {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return "inv-" + hex.EncodeToString(b[:]), nil
}

// Investigations lists the saved investigations, the latest change first.
func (s *Store) Investigations(ctx context.Context) ([]Investigation, error) {
	res, err := s.read(ctx, `MATCH (i:Investigation) RETURN i ORDER BY i.updated DESC, i.id LIMIT 1000`, nil)
	if err != nil {
		return nil, err
	}
	out := []Investigation{}
	for _, rec := range res.Records {
		inv, err := recordInvestigation(rec)
		if err != nil {
			return nil, err
		}
		out = append(out, inv)
	}
	return out, nil
}

// Investigation returns the investigation with id, or ErrNotFound.
func (s *Store) Investigation(ctx context.Context, id string) (Investigation, error) {
	res, err := s.read(ctx, `MATCH (i:Investigation {id: $id}) RETURN i`, map[string]any{"id": id})
	if err != nil {
		return Investigation{}, err
	}
	if len(res.Records) == 0 {
		return Investigation{}, Errorf(ErrNotFound, "no investigation %q", id)
	}
	return recordInvestigation(res.Records[0])
}

// SaveInvestigation creates inv (when its ID is empty, with a new id) or
// replaces the one with its ID (ErrNotFound when there is none), and
// returns it as stored.
func (s *Store) SaveInvestigation(ctx context.Context, inv Investigation, now time.Time) (Investigation, error) {
	if err := inv.Validate(); err != nil {
		return Investigation{}, err
	}
	notes, err := json.Marshal(inv.Notes)
	if err != nil {
		return Investigation{}, err
	}
	if inv.DataDate.IsZero() {
		inv.DataDate = now
	}
	params := map[string]any{"name": inv.Name, "entities": inv.Entities, "queries": inv.Queries, "notes": string(notes),
		"dataDate": inv.DataDate.UTC().Format(time.RFC3339), "now": now.UTC().Format(time.RFC3339)}
	var cypher string
	if inv.ID == "" {
		if params["id"], err = newInvestigationID(); err != nil {
			return Investigation{}, err
		}
		cypher = `CREATE (i:Investigation {id: $id, created: $now})
SET i.name = $name, i.entities = $entities, i.queries = $queries, i.notes = $notes, i.dataDate = $dataDate, i.updated = $now
RETURN i`
	} else {
		params["id"] = inv.ID
		cypher = `MATCH (i:Investigation {id: $id})
SET i.name = $name, i.entities = $entities, i.queries = $queries, i.notes = $notes, i.dataDate = $dataDate, i.updated = $now
RETURN i`
	}
	res, err := s.write(ctx, cypher, params)
	if err != nil {
		return Investigation{}, err
	}
	if len(res.Records) == 0 {
		return Investigation{}, Errorf(ErrNotFound, "no investigation %q", inv.ID)
	}
	return recordInvestigation(res.Records[0])
}

// DeleteInvestigation deletes the investigation with id, or returns
// ErrNotFound.
func (s *Store) DeleteInvestigation(ctx context.Context, id string) error {
	res, err := s.write(ctx, `MATCH (i:Investigation {id: $id}) DELETE i RETURN count(*) AS n`, map[string]any{"id": id})
	if err != nil {
		return err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
		return Errorf(ErrNotFound, "no investigation %q", id)
	}
	return nil
}

func recordInvestigation(rec *neo4j.Record) (Investigation, error) {
	n, _, err := neo4j.GetRecordValue[neo4j.Node](rec, "i")
	if err != nil {
		return Investigation{}, err
	}
	p := n.Props
	str := func(k string) string { s, _ := p[k].(string); return s }
	list := func(k string) []string {
		out := []string{}
		vs, _ := p[k].([]any)
		for _, v := range vs {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	when := func(k string) time.Time { t, _ := time.Parse(time.RFC3339, str(k)); return t }
	inv := Investigation{ID: str("id"), Name: str("name"), Entities: list("entities"), Queries: list("queries"),
		Notes: map[string]string{}, DataDate: when("dataDate"), Created: when("created"), Updated: when("updated")}
	if s := str("notes"); s != "" {
		if err := json.Unmarshal([]byte(s), &inv.Notes); err != nil {
			return Investigation{}, fmt.Errorf("investigation %s: notes: %v", inv.ID, err)
		}
	}
	return inv, nil
}

// InvestigationGraph is the subgraph of an investigation as the graph holds
// it now: its entities, in id order, and every relationship among them,
// of every family (mentions included), each once in its stored direction.
type InvestigationGraph struct {
	Subgraph
	// Redirected maps the ids of entities merged into another since the
	// investigation was saved to the entity that now stands for them (and
	// is in the subgraph).
	Redirected map[string]string
	// Missing lists the investigation's ids that are no longer in the
	// graph at all (deleted since).
	Missing []string
}

// InvestigationSubgraph returns the subgraph of inv's entities. Ids merged
// away since it was saved stand for the entity they were merged into;
// deleted ones are listed in Missing, not an error: the rest of the
// picture is still worth exporting.
func (s *Store) InvestigationSubgraph(ctx context.Context, inv Investigation) (InvestigationGraph, error) {
	out := InvestigationGraph{Subgraph: Subgraph{Nodes: []Entity{}, Relationships: []Relationship{}}, Redirected: map[string]string{}, Missing: []string{}}
	if len(inv.Entities) == 0 {
		return out, nil
	}
	redirects, err := s.Redirects(ctx, inv.Entities)
	if err != nil {
		return out, err
	}
	ids := make([]string, 0, len(inv.Entities))
	for _, id := range inv.Entities {
		if to, ok := redirects[id]; ok {
			out.Redirected[id] = to
			id = to
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	res, err := s.read(ctx, `MATCH (m:Entity WHERE m.id IN $ids) RETURN m ORDER BY m.id`, map[string]any{"ids": ids})
	if err != nil {
		return out, err
	}
	found := make(map[string]bool, len(ids))
	for _, rec := range res.Records {
		e, err := recordNode(rec, "m")
		if err != nil {
			return out, err
		}
		found[e.ID] = true
		out.Nodes = append(out.Nodes, e)
	}
	present := make([]string, 0, len(found))
	for _, id := range ids {
		if found[id] {
			present = append(present, id)
		}
	}
	for _, id := range inv.Entities {
		if to, ok := redirects[id]; (ok && !found[to]) || (!ok && !found[id]) {
			out.Missing = append(out.Missing, id)
		}
	}
	if out.Relationships, err = s.linksAmong(ctx, present, Filter{Families: []Family{Operational, Political, Mention}}); err != nil {
		return out, err
	}
	return out, nil
}
