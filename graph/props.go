package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// relPropKinds lists every property a relationship may be stored with and
// the Go type Neo4j returns for it. Anything else is refused, so a typo in a
// hand-written script ("sourceID", "paragrah") is an error, not a silent gap.
var relPropKinds = map[string]string{
	"id": "string", "start": "string", "end": "string", "attested": "string", "ongoing": "bool",
	"status": "string", "item": "string", "itemIds": "list", "evidence": "string", "source": "string",
	"sourceId": "string", "paragraph": "int", "sourceUrl": "string", "citedSource": "string",
	"citedSourceId": "string", "confidence": "string", "percentage": "number", "sharesCount": "int",
	// Derived by RelProps; recomputed on every write.
	"spanFrom": "string", "spanTo": "string",
}

// RelationshipFromProps decodes a relationship from its type, endpoints and
// stored properties, strictly: an unknown property, a value of the wrong
// type or a date that does not parse is an error that names the property.
// `end: "unknown"` is read as ongoing false (the claim ended at a date the
// source does not give). The result still needs Validate.
func RelationshipFromProps(typ, from, to string, props map[string]any) (Relationship, error) {
	r := Relationship{Type: RelType(typ), From: from, To: to}
	id, _ := props["id"].(string)
	r.ID = id
	bad := func(k, why string, args ...any) (Relationship, error) {
		return Relationship{}, Errorf(ErrInvalid, "relationship %s: %s: %s", id, k, fmt.Sprintf(why, args...))
	}
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := props[k]
		kind, ok := relPropKinds[k]
		if !ok {
			known := make([]string, 0, len(relPropKinds))
			for n := range relPropKinds {
				known = append(known, n)
			}
			slices.Sort(known)
			return bad(k, "unknown property (want one of %s)", strings.Join(known, ", "))
		}
		switch kind {
		case "string":
			s, ok := v.(string)
			if !ok {
				return bad(k, "want a string, got %T", v)
			}
			switch k {
			case "start", "end", "attested":
				if k == "end" && s == "unknown" {
					f := false
					r.Ongoing = &f
					continue
				}
				d, err := ParseDate(s)
				if err != nil {
					return bad(k, "%v", err)
				}
				switch k {
				case "start":
					r.Start = d
				case "end":
					r.End = d
				default:
					r.Attested = d
				}
			case "status":
				st, err := ParseStatus(s)
				if err != nil {
					return bad(k, "%v", err)
				}
				r.Status = st
				if st == Completed {
					r.Status = ""
				}
			case "confidence":
				c, err := ParseConfidence(s)
				if err != nil {
					return bad(k, "%v", err)
				}
				r.Confidence = c
			case "item":
				r.Item = s
			case "evidence":
				r.Evidence = s
			case "source":
				r.Source = s
			case "sourceId":
				r.SourceID = s
			case "sourceUrl":
				r.SourceURL = s
			case "citedSource":
				r.CitedSource = s
			case "citedSourceId":
				r.CitedSourceID = s
			}
		case "bool":
			b, ok := v.(bool)
			if !ok {
				return bad(k, "want true or false, got %T", v)
			}
			if r.Ongoing != nil && *r.Ongoing != b {
				return bad(k, "contradicts end \"unknown\"")
			}
			r.Ongoing = &b
		case "int":
			n, ok := v.(int64)
			if k == "sharesCount" {
				if !ok || n < 0 {
					return bad(k, "want a whole number of shares, got %v", v)
				}
				r.SharesCount = n
				continue
			}
			if !ok || n < 1 || n > 1<<20 {
				return bad(k, "want a positive integer, got %v", v)
			}
			r.Paragraph = int(n)
		case "number":
			switch n := v.(type) {
			case float64:
				r.Percentage = n
			case int64:
				r.Percentage = float64(n)
			default:
				return bad(k, "want a number, got %T", v)
			}
		case "list":
			l, ok := v.([]any)
			if !ok {
				return bad(k, "want a list of ids, got %T", v)
			}
			for _, x := range l {
				s, ok := x.(string)
				if !ok {
					return bad(k, "want a list of ids, got an element %T", x)
				}
				r.ItemIDs = append(r.ItemIDs, s)
			}
		}
	}
	return r, nil
}

// SourceFromProps decodes a source from its stored properties, strictly, as
// RelationshipFromProps does. The result still needs Validate.
func SourceFromProps(props map[string]any) (Source, error) {
	var s Source
	s.ID, _ = props["id"].(string)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := props[k]
		if k == "paragraphs" {
			l, ok := v.([]any)
			if !ok {
				return Source{}, Errorf(ErrInvalid, "source %s: paragraphs: want a list of strings, got %T", s.ID, v)
			}
			for _, x := range l {
				p, _ := x.(string)
				s.Paragraphs = append(s.Paragraphs, p)
			}
			continue
		}
		str, ok := v.(string)
		if !ok {
			return Source{}, Errorf(ErrInvalid, "source %s: %s: want a string, got %T", s.ID, k, v)
		}
		var err error
		switch k {
		case "id":
		case "title":
			s.Title = str
		case "publisher":
			s.Publisher = str
		case "author":
			s.Author = str
		case "published":
			s.Published, err = ParseDate(str)
		case "retrieved":
			s.Retrieved, err = ParseDate(str)
		case "url":
			s.URL = str
		case "language":
			s.Language = str
		case "licence":
			s.Licence = str
		case "file":
			s.File = str
		default:
			err = fmt.Errorf("unknown property (want id, title, publisher, author, published, url, language, retrieved, licence, file)")
		}
		if err != nil {
			return Source{}, Errorf(ErrInvalid, "source %s: %s: %v", s.ID, k, err)
		}
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
