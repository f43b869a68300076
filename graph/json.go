package graph

import (
	"encoding/json"
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
		return Errorf(ErrInvalid, "date: want a string, got %s", b)
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
	ID            string       `json:"id"`
	Type          RelType      `json:"type"`
	From          string       `json:"from"`
	To            string       `json:"to"`
	Start         *PartialDate `json:"start"`
	End           *PartialDate `json:"end"`
	Attested      *PartialDate `json:"attested,omitempty"`
	Ongoing       *bool        `json:"ongoing,omitempty"`
	Status        Status       `json:"status"`
	Item          string       `json:"item,omitempty"`
	ItemIDs       []string     `json:"itemIds,omitempty"`
	Percentage    float64      `json:"percentage,omitempty"`
	SharesCount   int64        `json:"sharesCount,omitempty"`
	Evidence      string       `json:"evidence"`
	Source        string       `json:"source"`
	SourceID      string       `json:"sourceId,omitempty"`
	Paragraph     int          `json:"paragraph,omitempty"`
	SourceURL     string       `json:"sourceUrl,omitempty"`
	CitedSource   string       `json:"citedSource,omitempty"`
	CitedSourceID string       `json:"citedSourceId,omitempty"`
	Confidence    Confidence   `json:"confidence"`
}

// MarshalJSON writes start and end as partial ISO dates (null when unknown)
// and the status always (completed when none is stored).
func (r Relationship) MarshalJSON() ([]byte, error) {
	start, end := r.Start, r.End
	j := relJSON{ID: r.ID, Type: r.Type, From: r.From, To: r.To, Start: &start, End: &end, Ongoing: r.Ongoing,
		Status: r.EffectiveStatus(), Item: r.Item, ItemIDs: r.ItemIDs, Percentage: r.Percentage, SharesCount: r.SharesCount,
		Evidence: r.Evidence, Source: r.Source, SourceID: r.SourceID, Paragraph: r.Paragraph, SourceURL: r.SourceURL, CitedSource: r.CitedSource,
		CitedSourceID: r.CitedSourceID, Confidence: r.Confidence}
	if !r.Attested.IsZero() {
		a := r.Attested
		j.Attested = &a
	}
	return json.Marshal(j)
}

// UnmarshalJSON is the inverse of MarshalJSON.
func (r *Relationship) UnmarshalJSON(b []byte) error {
	var j relJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*r = Relationship{ID: j.ID, Type: j.Type, From: j.From, To: j.To, Ongoing: j.Ongoing, Status: j.Status,
		Item: j.Item, ItemIDs: j.ItemIDs, Percentage: j.Percentage, SharesCount: j.SharesCount, Evidence: j.Evidence, Source: j.Source, SourceID: j.SourceID,
		Paragraph: j.Paragraph, SourceURL: j.SourceURL, CitedSource: j.CitedSource, CitedSourceID: j.CitedSourceID,
		Confidence: j.Confidence}
	if r.Status == Completed {
		r.Status = ""
	}
	if j.Start != nil {
		r.Start = *j.Start
	}
	if j.End != nil {
		r.End = *j.End
	}
	if j.Attested != nil {
		r.Attested = *j.Attested
	}
	return nil
}
