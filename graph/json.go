package graph

import (
	"encoding/json"
	"fmt"
)

// MarshalJSON writes a date at its own precision ("1990-11"), or null when unknown.
func (d PartialDate) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a partial ISO date string or null.
func (d *PartialDate) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = PartialDate{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%w: date: want a string, got %s", ErrInvalid, b)
	}
	if s == "" {
		*d = PartialDate{}
		return nil
	}
	p, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

type relJSON struct {
	ID          string       `json:"id"`
	Type        RelType      `json:"type"`
	From        string       `json:"from"`
	To          string       `json:"to"`
	Start       *PartialDate `json:"start"`
	End         *PartialDate `json:"end"`
	Evidence    string       `json:"evidence"`
	Source      string       `json:"source"`
	SourceURL   string       `json:"sourceUrl,omitempty"`
	CitedSource string       `json:"citedSource,omitempty"`
	Confidence  Confidence   `json:"confidence"`
}

// MarshalJSON writes start and end as partial ISO dates (null when unknown).
func (r Relationship) MarshalJSON() ([]byte, error) {
	start, end := r.Start, r.End
	return json.Marshal(relJSON{r.ID, r.Type, r.From, r.To, &start, &end, r.Evidence, r.Source, r.SourceURL, r.CitedSource, r.Confidence})
}

// UnmarshalJSON is the inverse of MarshalJSON.
func (r *Relationship) UnmarshalJSON(b []byte) error {
	var j relJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Relationship{ID: j.ID, Type: j.Type, From: j.From, To: j.To, Evidence: j.Evidence, Source: j.Source,
		SourceURL: j.SourceURL, CitedSource: j.CitedSource, Confidence: j.Confidence}
	if j.Start != nil {
		r.Start = *j.Start
	}
	if j.End != nil {
		r.End = *j.End
	}
	return nil
}
