// Package graph holds explorer's domain types (entities, relationships, paths,
// partial dates), the closed vocabularies they use, and the Neo4j store that
// keeps them.
package graph

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Sentinel errors. Callers test them with errors.Is; web maps them to status
// codes and cmd to exit codes.
var (
	ErrNotFound    = errors.New("not found")
	ErrInvalid     = errors.New("invalid")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("database unavailable")
	ErrForbidden   = errors.New("forbidden")
	ErrNoPath      = errors.New("no path found")
)

// Entity is an actor or object in the graph.
type Entity struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Type        EntityType `json:"type"`
	Aliases     []string   `json:"aliases,omitempty"`
	Description string     `json:"description,omitempty"`
	Country     string     `json:"country,omitempty"`
}

// Relationship is a typed, dated, sourced claim that links two entities.
type Relationship struct {
	ID          string      `json:"id"`
	Type        RelType     `json:"type"`
	From        string      `json:"from"`
	To          string      `json:"to"`
	Start       PartialDate `json:"-"`
	End         PartialDate `json:"-"`
	Evidence    string      `json:"evidence"`
	Source      string      `json:"source"`
	SourceURL   string      `json:"sourceUrl,omitempty"`
	CitedSource string      `json:"citedSource,omitempty"`
	Confidence  Confidence  `json:"confidence"`
}

// Span returns the days r held; an undated relationship has an open span.
func (r Relationship) Span() Span {
	if r.Start.IsZero() {
		return Span{}
	}
	return SpanOf(r.Start, r.End)
}

// Path is a walk from the first node to the last; Relationships[i] links
// Nodes[i] and Nodes[i+1], in either direction (see its From and To).
type Path struct {
	Nodes         []Entity       `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
}

// Len returns the number of hops.
func (p Path) Len() int { return len(p.Relationships) }

// Subgraph is a set of entities and the relationships among them, such as a
// neighbourhood. Truncated says a cap cut it short.
type Subgraph struct {
	Nodes         []Entity       `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
	Truncated     bool           `json:"truncated"`
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`)

// ValidID reports whether s is a well-formed entity or relationship id: a
// lowercase slug of letters, digits, '.', '_' and '-', at most 128 bytes.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Slug turns a name into an id candidate: lowercase ASCII letters and digits
// joined by '-'. Non-ASCII letters are dropped, so callers must check that the
// result is not empty.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > 128 {
		s = strings.TrimRight(s[:128], "-")
	}
	return s
}

// Validate checks an entity before it is written.
func (e Entity) Validate() error {
	if !ValidID(e.ID) {
		return fmt.Errorf("%w: entity id %q: want a lowercase slug ([a-z0-9._-], at most 128)", ErrInvalid, e.ID)
	}
	if strings.TrimSpace(e.Name) == "" {
		return fmt.Errorf("%w: entity %s: name is empty", ErrInvalid, e.ID)
	}
	if _, err := ParseEntityType(string(e.Type)); err != nil {
		return fmt.Errorf("entity %s: %w", e.ID, err)
	}
	return nil
}

// Validate checks a relationship before it is written: a known type and
// confidence, ids, an end only with a start, and an end not before the start.
func (r Relationship) Validate() error {
	if !ValidID(r.ID) {
		return fmt.Errorf("%w: relationship id %q: want a lowercase slug", ErrInvalid, r.ID)
	}
	if _, ok := r.Type.Spec(); !ok {
		return fmt.Errorf("%w: relationship %s: unknown type %q", ErrInvalid, r.ID, r.Type)
	}
	if !ValidID(r.From) || !ValidID(r.To) {
		return fmt.Errorf("%w: relationship %s: bad endpoint id %q -> %q", ErrInvalid, r.ID, r.From, r.To)
	}
	if _, err := ParseConfidence(string(r.Confidence)); err != nil {
		return fmt.Errorf("relationship %s: %w", r.ID, err)
	}
	if r.Start.IsZero() && !r.End.IsZero() {
		return fmt.Errorf("%w: relationship %s: end %s without a start", ErrInvalid, r.ID, r.End)
	}
	if !r.End.IsZero() && r.End.Last().Before(r.Start.First()) {
		return fmt.Errorf("%w: relationship %s: end %s is before start %s", ErrInvalid, r.ID, r.End, r.Start)
	}
	if strings.TrimSpace(r.Source) == "" {
		return fmt.Errorf("%w: relationship %s: source is empty", ErrInvalid, r.ID)
	}
	return nil
}
