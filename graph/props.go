package graph

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// relProps decodes every property a relationship may be stored with into
// its field. Anything else is refused, so a typo in a hand-written script
// ("sourceID", "paragrah") is an error, not a silent gap. A decoder's error
// is what the user is told about the property.
var relProps = map[string]func(r *Relationship, v any) error{
	"id":       field(func(r *Relationship) *string { return &r.ID }),
	"start":    date(func(r *Relationship) *PartialDate { return &r.Start }),
	"end":      decodeEnd,
	"attested": date(func(r *Relationship) *PartialDate { return &r.Attested }),
	"ongoing":  decodeOngoing,
	"status": text(func(r *Relationship, s string) (err error) {
		if r.Status, err = ParseStatus(s); r.Status == Completed {
			r.Status = ""
		}
		return err
	}),
	"confidence": text(func(r *Relationship, s string) (err error) {
		r.Confidence, err = ParseConfidence(s)
		return err
	}),
	"item":          field(func(r *Relationship) *string { return &r.Item }),
	"itemIds":       decodeItemIDs,
	"evidence":      field(func(r *Relationship) *string { return &r.Evidence }),
	"source":        field(func(r *Relationship) *string { return &r.Source }),
	"sourceId":      field(func(r *Relationship) *string { return &r.SourceID }),
	"paragraph":     integer(1, 1<<20, "a positive integer", func(r *Relationship, n int64) { r.Paragraph = int(n) }),
	"sourceUrl":     field(func(r *Relationship) *string { return &r.SourceURL }),
	"citedSource":   field(func(r *Relationship) *string { return &r.CitedSource }),
	"citedSourceId": field(func(r *Relationship) *string { return &r.CitedSourceID }),
	"percentage":    decodePercentage,
	"sharesCount":   integer(0, math.MaxInt64, "a whole number of shares", func(r *Relationship, n int64) { r.SharesCount = n }),
	// Derived by RelProps; recomputed on every write.
	"spanFrom": derived,
	"spanTo":   derived,
}

// derived checks a property that is not decoded into a field.
var derived = text(func(*Relationship, string) error { return nil })

// RelationshipFromProps decodes a relationship from its type, endpoints and
// stored properties, strictly: an unknown property, a value of the wrong
// type or a date that does not parse is an error that names the property.
// `end: "unknown"` is read as ongoing false (the claim ended at a date the
// source does not give). The result still needs Validate.
func RelationshipFromProps(typ, from, to string, props map[string]any) (Relationship, error) {
	r := Relationship{Type: RelType(typ), From: from, To: to}
	r.ID, _ = props["id"].(string)
	// Sorted, so that end is read before ongoing (and errors are stable).
	if k, err := decodeStrict(&r, props, relProps); err != nil {
		return Relationship{}, Errorf(ErrInvalid, "relationship %s: %s: %s", r.ID, k, Message(err))
	}
	return r, nil
}

// decodeStrict decodes props into x with the decoders of table, in key
// order; an error names the property it is about.
func decodeStrict[T any](x *T, props map[string]any, table map[string]func(*T, any) error) (string, error) {
	for _, k := range slices.Sorted(maps.Keys(props)) {
		decode, ok := table[k]
		if !ok {
			return k, fmt.Errorf("unknown property (want one of %s)", strings.Join(slices.Sorted(maps.Keys(table)), ", "))
		}
		if err := decode(x, props[k]); err != nil {
			return k, err
		}
	}
	return "", nil
}

// text decodes a string property with set.
func text[T any](set func(x *T, s string) error) func(*T, any) error {
	return func(x *T, v any) error {
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("want a string, got %T", v)
		}
		return set(x, s)
	}
}

// field decodes a string property into the field f points at.
func field[T any](f func(x *T) *string) func(*T, any) error {
	return text(func(x *T, s string) error { *f(x) = s; return nil })
}

// date decodes a partial date into the field f points at.
func date[T any](f func(x *T) *PartialDate) func(*T, any) error {
	return text(func(x *T, s string) (err error) {
		*f(x), err = ParseDate(s)
		return err
	})
}

// decodeEnd reads an end date; "unknown" is ongoing false.
func decodeEnd(r *Relationship, v any) error {
	if v == "unknown" {
		f := false
		r.Ongoing = &f
		return nil
	}
	return date(func(r *Relationship) *PartialDate { return &r.End })(r, v)
}

func decodeOngoing(r *Relationship, v any) error {
	b, ok := v.(bool)
	switch {
	case !ok:
		return fmt.Errorf("want true or false, got %T", v)
	case r.Ongoing != nil && *r.Ongoing != b:
		return errors.New(`contradicts end "unknown"`)
	}
	r.Ongoing = &b
	return nil
}

// integer decodes an integer property in [lo, hi] with set.
func integer(lo, hi int64, want string, set func(r *Relationship, n int64)) func(*Relationship, any) error {
	return func(r *Relationship, v any) error {
		n, ok := v.(int64)
		if !ok || n < lo || n > hi {
			return fmt.Errorf("want %s, got %v", want, v)
		}
		set(r, n)
		return nil
	}
}

func decodePercentage(r *Relationship, v any) error {
	switch n := v.(type) {
	case float64:
		r.Percentage = n
	case int64:
		r.Percentage = float64(n)
	default:
		return fmt.Errorf("want a number, got %T", v)
	}
	return nil
}

func decodeItemIDs(r *Relationship, v any) error {
	l, ok := v.([]any)
	if !ok {
		return fmt.Errorf("want a list of ids, got %T", v)
	}
	for _, x := range l {
		s, ok := x.(string)
		if !ok {
			return fmt.Errorf("want a list of ids, got an element %T", x)
		}
		r.ItemIDs = append(r.ItemIDs, s)
	}
	return nil
}

// sourceProps decodes every property a source may be stored with into its
// field, as relProps does for relationships.
var sourceProps = map[string]func(s *Source, v any) error{
	"id":        field(func(s *Source) *string { return &s.ID }),
	"title":     field(func(s *Source) *string { return &s.Title }),
	"publisher": field(func(s *Source) *string { return &s.Publisher }),
	"author":    field(func(s *Source) *string { return &s.Author }),
	"published": date(func(s *Source) *PartialDate { return &s.Published }),
	"retrieved": date(func(s *Source) *PartialDate { return &s.Retrieved }),
	"url":       field(func(s *Source) *string { return &s.URL }),
	"language":  field(func(s *Source) *string { return &s.Language }),
	"licence":   field(func(s *Source) *string { return &s.Licence }),
	"file":      field(func(s *Source) *string { return &s.File }),
	"paragraphs": func(s *Source, v any) error {
		l, ok := v.([]any)
		if !ok {
			return fmt.Errorf("want a list of strings, got %T", v)
		}
		for _, x := range l {
			p, _ := x.(string)
			s.Paragraphs = append(s.Paragraphs, p)
		}
		return nil
	},
}

// SourceFromProps decodes a source from its stored properties, strictly, as
// RelationshipFromProps does. The result still needs Validate.
func SourceFromProps(props map[string]any) (Source, error) {
	var s Source
	s.ID, _ = props["id"].(string)
	if k, err := decodeStrict(&s, props, sourceProps); err != nil {
		return Source{}, Errorf(ErrInvalid, "source %s: %s: %s", s.ID, k, Message(err))
	}
	return s, nil
}

// SourceProps returns the properties a source is stored with; empty fields
// are left out.
func SourceProps(s Source) map[string]any {
	p := map[string]any{"id": s.ID, "title": s.Title}
	for k, v := range map[string]string{"publisher": s.Publisher, "author": s.Author, "published": s.Published.String(),
		"url": s.URL, "language": s.Language, "retrieved": s.Retrieved.String(), "licence": s.Licence, "file": s.File} {
		if v != "" {
			p[k] = v
		}
	}
	if len(s.Paragraphs) > 0 {
		p["paragraphs"] = s.Paragraphs
	}
	return p
}
