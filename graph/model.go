package graph

import (
	"strings"
)

// Entity is an actor or object in the graph.
type Entity struct {
	ID          string     `json:"id"`
	Name        string     `json:"name"`
	Type        EntityType `json:"type"`
	Aliases     []string   `json:"aliases,omitempty"`
	Description string     `json:"description,omitempty"`
	Country     string     `json:"country,omitempty"`
	// Identifiers are "scheme:VALUE" strings, normalised and sorted (see
	// ParseIdentifier).
	Identifiers []string `json:"identifiers,omitempty"`
}

// Relationship is a typed, dated, sourced claim that links two entities.
type Relationship struct {
	ID   string
	Type RelType
	From string
	To   string
	// Start and End date the claim. Attested instead dates a state that
	// the source merely mentions at that date (see Span).
	Start    PartialDate
	End      PartialDate
	Attested PartialDate
	// Ongoing overrides the type's time kind: true makes the claim last
	// from its start onward, false says it ended at a date the source does
	// not give (with no start: an undated state known to be over, such as
	// a "former" office).
	Ongoing *bool
	// Status says how far the claimed act went; "" is Completed.
	Status Status
	// Item is what moved (supplied, acquired, seized, taught), in the
	// source's words; ItemIDs are the entities it names.
	Item    string
	ItemIDs []string
	// Percentage and SharesCount are the share an ownership holds, where
	// the source gives it (FollowTheMoney Ownership); zero is unknown.
	Percentage  float64
	SharesCount int64
	// Evidence is the quote that states the claim; SourceID and Paragraph
	// say where it is (Source is the source's title, for display).
	Evidence  string
	Source    string
	SourceID  string
	Paragraph int
	SourceURL string
	// CitedSource is the report the source relies on, CitedSourceID its
	// record where there is one.
	CitedSource   string
	CitedSourceID string
	Confidence    Confidence
}

// Lasting reports whether r holds from its start onward when it has no end:
// its type is a state, unless Ongoing says otherwise.
func (r Relationship) Lasting() bool {
	if r.Ongoing != nil {
		return *r.Ongoing
	}
	spec, _ := r.Type.Spec()
	return spec.Time == TimeState
}

// Span returns the days r holds. This is the one rule of time that windows,
// as-of views, chronological paths, timelines and diagrams share:
//   - attested at a date: that date only;
//   - undated: unknown time;
//   - with an end: from the first day of its start to the last day of its end;
//   - lasting (a state, or ongoing) with no end: from its start onward;
//   - otherwise (an event, or a state that ended at an unknown date): its start.
func (r Relationship) Span() Span {
	switch {
	case !r.Attested.IsZero():
		return SpanOf(r.Attested, PartialDate{})
	case r.Start.IsZero():
		return Span{}
	case !r.End.IsZero():
		return SpanOf(r.Start, r.End)
	case r.Lasting():
		return Span{From: r.Start.First()}
	}
	return SpanOf(r.Start, PartialDate{})
}

// HoldsAsOf reports whether r belongs to the network as it stood on d: its
// span includes a day of d (a state holding then, an event happening then),
// or, with pastEvents, r's type is an event and it had happened by then (it
// began no later than d's last day). An attested state holds only at its
// date; a state ended at an unknown date only during its start. Undated
// claims have unknown time and pass, as they pass windows; callers that
// want dated claims only test Dated first.
func (r Relationship) HoldsAsOf(d PartialDate, pastEvents bool) bool {
	s := r.Span()
	if !s.Known() {
		return true
	}
	if s.From.After(d.Last()) {
		return false
	}
	if s.Open() || !s.To.Before(d.First()) {
		return true
	}
	spec, _ := r.Type.Spec()
	return pastEvents && spec.Time == TimeEvent
}

// Dated reports whether r has any date.
func (r Relationship) Dated() bool { return !r.Start.IsZero() || !r.Attested.IsZero() }

// EffectiveStatus returns r's status, Completed when none is given.
func (r Relationship) EffectiveStatus() Status {
	if r.Status == "" {
		return Completed
	}
	return r.Status
}

// Source is a document that claims come from: an article, a report, a press
// release. Unknown fields stay empty; nothing is inferred.
type Source struct {
	ID        string      `json:"id"`
	Title     string      `json:"title"`
	Publisher string      `json:"publisher,omitempty"`
	Author    string      `json:"author,omitempty"`
	Published PartialDate `json:"published"`
	URL       string      `json:"url,omitempty"`
	Language  string      `json:"language,omitempty"`
	Retrieved PartialDate `json:"retrieved"`
	Licence   string      `json:"licence,omitempty"`
	// File is the repository path of the source's text, where it is kept.
	File string `json:"file,omitempty"`
	// Paragraphs is the text, one entry per paragraph (1-based in
	// Relationship.Paragraph); empty when the text is not kept.
	Paragraphs []string `json:"paragraphs,omitempty"`
}

// Validate checks a source before it is written.
func (s Source) Validate() error {
	if !ValidID(s.ID) {
		return Errorf(ErrInvalid, "source id %q: want a lowercase slug ([a-z0-9._-], at most 128)", s.ID)
	}
	if strings.TrimSpace(s.Title) == "" {
		return Errorf(ErrInvalid, "source %s: title is empty", s.ID)
	}
	return nil
}

// Paragraphs splits a source text into paragraphs: its non-empty lines, in
// order, trimmed.
func Paragraphs(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// Path is a walk from the first node to the last; Relationships[i] links
// Nodes[i] and Nodes[i+1], in either direction (see its From and To).
type Path struct {
	Nodes         []Entity       `json:"nodes"`
	Relationships []Relationship `json:"relationships"`
	// Strength says how well the evidence holds the path up; Store.Paths
	// sets it on every path it returns.
	Strength *Strength `json:"strength,omitempty"`
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

// ValidID reports whether s is a well-formed entity or relationship id: a
// lowercase slug of letters, digits, '.', '_' and '-', at most 128 bytes,
// starting with a letter or digit. (A loop, not a regular expression: a bulk
// load checks a few million ids.)
func ValidID(s string) bool {
	if len(s) == 0 || len(s) > 128 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

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
		return Errorf(ErrInvalid, "entity id %q: want a lowercase slug ([a-z0-9._-], at most 128)", e.ID)
	}
	if strings.TrimSpace(e.Name) == "" {
		return Errorf(ErrInvalid, "entity %s: name is empty", e.ID)
	}
	if _, err := ParseEntityType(string(e.Type)); err != nil {
		return Wrapf(err, "entity %s", e.ID)
	}
	for _, id := range e.Identifiers {
		if n, err := ParseIdentifier(id); err != nil {
			return Wrapf(err, "entity %s", e.ID)
		} else if n != id {
			return Errorf(ErrInvalid, "entity %s: identifier %q is not normalised (want %q)", e.ID, id, n)
		}
	}
	return nil
}

// Validate checks a relationship before it is written: a known type and
// confidence, ids, an end only with a start, and an end not before the start.
func (r Relationship) Validate() error {
	if !ValidID(r.ID) {
		return Errorf(ErrInvalid, "relationship id %q: want a lowercase slug", r.ID)
	}
	if _, ok := r.Type.Spec(); !ok {
		return Errorf(ErrInvalid, "relationship %s: unknown type %q", r.ID, r.Type)
	}
	if !ValidID(r.From) || !ValidID(r.To) {
		return Errorf(ErrInvalid, "relationship %s: bad endpoint id %q -> %q", r.ID, r.From, r.To)
	}
	if _, err := ParseConfidence(string(r.Confidence)); err != nil {
		return Wrapf(err, "relationship %s", r.ID)
	}
	if r.Start.IsZero() && !r.End.IsZero() {
		return Errorf(ErrInvalid, "relationship %s: end %s without a start", r.ID, r.End)
	}
	if !r.Attested.IsZero() && !r.Start.IsZero() {
		return Errorf(ErrInvalid, "relationship %s: attested %s with a start: a claim is either dated by its start or merely attested at a date", r.ID, r.Attested)
	}
	if r.Ongoing != nil && *r.Ongoing && !r.End.IsZero() {
		return Errorf(ErrInvalid, "relationship %s: ongoing with an end %s", r.ID, r.End)
	}
	if r.Ongoing != nil && *r.Ongoing && r.Start.IsZero() {
		return Errorf(ErrInvalid, "relationship %s: ongoing without a start", r.ID)
	}
	if _, err := ParseStatus(string(r.Status)); err != nil {
		return Wrapf(err, "relationship %s", r.ID)
	}
	for _, id := range r.ItemIDs {
		if !ValidID(id) {
			return Errorf(ErrInvalid, "relationship %s: bad item id %q", r.ID, id)
		}
	}
	for _, id := range []string{r.SourceID, r.CitedSourceID} {
		if id != "" && !ValidID(id) {
			return Errorf(ErrInvalid, "relationship %s: bad source id %q", r.ID, id)
		}
	}
	if r.Percentage < 0 || r.Percentage > 100 || r.Percentage != r.Percentage {
		return Errorf(ErrInvalid, "relationship %s: percentage %v: want 0 to 100", r.ID, r.Percentage)
	}
	if r.SharesCount < 0 {
		return Errorf(ErrInvalid, "relationship %s: shares count %d: want 0 or more", r.ID, r.SharesCount)
	}
	if r.Paragraph < 0 {
		return Errorf(ErrInvalid, "relationship %s: paragraph %d: want 1 or more", r.ID, r.Paragraph)
	}
	if !r.End.IsZero() && r.End.Last().Before(r.Start.First()) {
		return Errorf(ErrInvalid, "relationship %s: end %s is before start %s", r.ID, r.End, r.Start)
	}
	if strings.TrimSpace(r.Source) == "" {
		return Errorf(ErrInvalid, "relationship %s: source is empty", r.ID)
	}
	return nil
}
