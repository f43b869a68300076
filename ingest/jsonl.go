package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxLine bounds one JSON line; a longer line is a problem, not an
// allocation without limit.
const maxLine = 16 << 20

// eachLine calls fn with every non-blank line of r and its number. A line
// that is too long or not UTF-8 goes to bad instead. The bytes fn gets are
// only valid during the call.
func eachLine(r io.Reader, file int, bad func(at pos, msg string), fn func(line int, b []byte)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	var buf []byte
	for line := 1; ; line++ {
		buf = buf[:0]
		tooLong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if len(buf)+len(chunk) > maxLine {
				tooLong = true
			} else {
				buf = append(buf, chunk...)
			}
			if err != bufio.ErrBufferFull {
				break
			}
		}
		if err != nil && err != io.EOF {
			return err
		}
		at := pos{file, line}
		b := bytes.TrimSpace(buf)
		if line == 1 {
			b = bytes.TrimPrefix(b, []byte("\ufeff"))
		}
		switch {
		case tooLong:
			bad(at, fmt.Sprintf("line longer than %d MiB", maxLine>>20))
		case len(b) == 0:
		case !utf8.Valid(b):
			bad(at, "invalid UTF-8")
		default:
			fn(line, b)
		}
		if err == io.EOF {
			return nil
		}
	}
}

// jsonRecord is one JSON line; pointers tell absent (or null) fields from
// empty ones.
type jsonRecord struct {
	Kind        *string   `json:"kind"`
	ID          *string   `json:"id"`
	Name        *string   `json:"name"`
	Type        *string   `json:"type"`
	Aliases     *[]string `json:"aliases"`
	Description *string   `json:"description"`
	Country     *string   `json:"country"`
	Identifiers *[]string `json:"identifiers"`
	From        *string   `json:"from"`
	To          *string   `json:"to"`
	Start       *string   `json:"start"`
	End         *string   `json:"end"`
	Evidence    *string   `json:"evidence"`
	Source      *string   `json:"source"`
	SourceURL   *string   `json:"sourceUrl"`
	CitedSource *string   `json:"citedSource"`
	Confidence  *string   `json:"confidence"`
	// Claim schema v2.
	Attested      *string   `json:"attested"`
	Ongoing       *bool     `json:"ongoing"`
	Status        *string   `json:"status"`
	Item          *string   `json:"item"`
	ItemIDs       *[]string `json:"itemIds"`
	SourceID      *string   `json:"sourceId"`
	Paragraph     *int      `json:"paragraph"`
	CitedSourceID *string   `json:"citedSourceId"`
	Percentage    *float64  `json:"percentage"`
	SharesCount   *int64    `json:"sharesCount"`
	// The source document (see docColumns).
	SourceTitle     *string `json:"sourceTitle"`
	SourcePublisher *string `json:"sourcePublisher"`
	SourceAuthor    *string `json:"sourceAuthor"`
	SourcePublished *string `json:"sourcePublished"`
	SourceLanguage  *string `json:"sourceLanguage"`
	SourceRetrieved *string `json:"sourceRetrieved"`
	SourceLicence   *string `json:"sourceLicence"`
}

func val(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// parseJSONL reads JSON lines: one object per line with "kind" set to
// "entity" or "relationship" and the fields of graph.Entity or
// graph.Relationship. Unknown fields, and fields of the other kind, are
// problems, so that a typo is not dropped silently. (Field names match
// case-insensitively, as encoding/json does.)
func parseJSONL(r io.Reader, file int, c *collector) error {
	// Decoding is most of the work of a large import, so lines are decoded
	// in chunks by parallel workers; the results are applied to c in line
	// order, so problems and duplicate checks come out as in one pass.
	type lineData struct {
		at  pos
		b   []byte
		bad string
	}
	type chunk struct {
		lines []lineData
		rec   recorder
		done  chan struct{}
	}
	const chunkLines = 1024
	work := make(chan *chunk, 4)
	ordered := make(chan *chunk, 16)
	for range max(1, min(runtime.GOMAXPROCS(0), 4)) {
		go func() {
			for ch := range work {
				for _, l := range ch.lines {
					if l.bad != "" {
						ch.rec.problem(l.at, "", "%s", l.bad)
					} else {
						parseJSONLine(&ch.rec, l.at, l.b)
					}
				}
				close(ch.done)
			}
		}()
	}
	merged := make(chan struct{})
	go func() {
		for ch := range ordered {
			<-ch.done
			ch.rec.replay(c)
		}
		close(merged)
	}()
	cur := &chunk{done: make(chan struct{})}
	send := func() {
		work <- cur
		ordered <- cur
		cur = &chunk{done: make(chan struct{})}
	}
	err := eachLine(r, file, func(at pos, msg string) {
		cur.lines = append(cur.lines, lineData{at: at, bad: msg})
	}, func(line int, b []byte) {
		cur.lines = append(cur.lines, lineData{at: pos{file, line}, b: bytes.Clone(b)})
		if len(cur.lines) == chunkLines {
			send()
		}
	})
	send()
	close(work)
	close(ordered)
	<-merged
	return err
}

// parseJSONLine reads one JSON line into c.
func parseJSONLine(c sink, at pos, b []byte) {
	if b[0] != '{' {
		c.problem(at, "", "malformed JSON: want an object, one per line")
		return
	}
	var rec jsonRecord
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	err := dec.Decode(&rec)
	if err == nil && dec.More() {
		err = errors.New("more than one JSON value on the line")
	}
	if key, dup := duplicateKey(b); err == nil && dup {
		c.problem(at, key, "repeated key (JSON would keep only the last value; field names match in any case)")
		return
	}
	// A field reported once (say, a number where a string belongs) is not
	// reported again as missing when the record is built.
	reported := map[string]bool{}
	report := func(field, format string, args ...any) {
		if !reported[field] {
			reported[field] = true
			c.problem(at, field, format, args...)
		}
	}
	ok := true
	if err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te) && te.Field != "":
			want := "a string"
			if te.Field == "aliases" || strings.HasPrefix(te.Field, "aliases.") {
				te.Field, want = "aliases", "a list of strings"
			} else if te.Field == "identifiers" || strings.HasPrefix(te.Field, "identifiers.") {
				te.Field, want = "identifiers", "a list of \"scheme:value\" strings"
			}
			report(te.Field, "want %s, got %s", want, te.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			report(field, "unknown field")
		default:
			c.problem(at, "", "malformed JSON: %s", jsonReason(err))
			return
		}
		ok = false
	}
	kind := val(rec.Kind)
	var foreign []struct {
		name string
		set  bool
	}
	switch kind {
	case kindEntity:
		foreign = []struct {
			name string
			set  bool
		}{{"from", rec.From != nil}, {"to", rec.To != nil}, {"start", rec.Start != nil}, {"end", rec.End != nil},
			{"evidence", rec.Evidence != nil}, {"source", rec.Source != nil}, {"sourceUrl", rec.SourceURL != nil},
			{"citedSource", rec.CitedSource != nil}, {"confidence", rec.Confidence != nil},
			{"attested", rec.Attested != nil}, {"ongoing", rec.Ongoing != nil}, {"status", rec.Status != nil},
			{"item", rec.Item != nil}, {"itemIds", rec.ItemIDs != nil}, {"sourceId", rec.SourceID != nil},
			{"paragraph", rec.Paragraph != nil}, {"citedSourceId", rec.CitedSourceID != nil},
			{"percentage", rec.Percentage != nil}, {"sharesCount", rec.SharesCount != nil},
			{"sourceTitle", rec.SourceTitle != nil}, {"sourcePublisher", rec.SourcePublisher != nil},
			{"sourceAuthor", rec.SourceAuthor != nil}, {"sourcePublished", rec.SourcePublished != nil},
			{"sourceLanguage", rec.SourceLanguage != nil}, {"sourceRetrieved", rec.SourceRetrieved != nil},
			{"sourceLicence", rec.SourceLicence != nil}}
	case kindRel:
		foreign = []struct {
			name string
			set  bool
		}{{"name", rec.Name != nil}, {"aliases", rec.Aliases != nil}, {"description", rec.Description != nil}, {"country", rec.Country != nil},
			{"identifiers", rec.Identifiers != nil}}
	case "":
		report("kind", "missing (want \"entity\" or \"relationship\")")
		return
	default:
		report("kind", "%q: want \"entity\" or \"relationship\"", kind)
		return
	}
	for _, f := range foreign {
		if f.set {
			report(f.name, "not a field of %s %s", article(kind), kind)
			ok = false
		}
	}
	if kind == kindEntity {
		var aliases []string
		if rec.Aliases != nil {
			aliases = *rec.Aliases
		}
		f := entityFields{ID: val(rec.ID), Name: val(rec.Name), Type: val(rec.Type), Aliases: aliases,
			Description: val(rec.Description), Country: val(rec.Country)}
		if rec.Identifiers != nil {
			for i, v := range *rec.Identifiers {
				f.Identifiers = append(f.Identifiers, identField{fmt.Sprintf("identifiers[%d]", i), v})
			}
		}
		if e, valid := buildEntity(f, report); valid && ok {
			c.addEntity(at, e)
		}
		return
	}
	f := relFields{ID: val(rec.ID), Type: val(rec.Type), From: val(rec.From), To: val(rec.To), Start: val(rec.Start),
		End: val(rec.End), Evidence: val(rec.Evidence), Source: val(rec.Source), SourceURL: val(rec.SourceURL),
		CitedSource: val(rec.CitedSource), Confidence: val(rec.Confidence), Attested: val(rec.Attested),
		Status: val(rec.Status), Item: val(rec.Item), SourceID: val(rec.SourceID), CitedSourceID: val(rec.CitedSourceID)}
	if rec.Ongoing != nil {
		f.Ongoing = strconv.FormatBool(*rec.Ongoing)
	}
	if rec.ItemIDs != nil {
		f.ItemIDs = *rec.ItemIDs
	}
	if rec.Paragraph != nil {
		f.Paragraph = strconv.Itoa(*rec.Paragraph)
	}
	if rec.Percentage != nil {
		f.Percentage = strconv.FormatFloat(*rec.Percentage, 'g', -1, 64)
	}
	if rec.SharesCount != nil {
		f.SharesCount = strconv.FormatInt(*rec.SharesCount, 10)
	}
	if rel, valid := buildRel(f, report); valid && ok {
		c.addRel(at, rel)
		doc := map[string]*string{"sourceTitle": rec.SourceTitle, "sourcePublisher": rec.SourcePublisher,
			"sourceAuthor": rec.SourceAuthor, "sourcePublished": rec.SourcePublished, "sourceLanguage": rec.SourceLanguage,
			"sourceRetrieved": rec.SourceRetrieved, "sourceLicence": rec.SourceLicence}
		c.addDoc(at, rel.ID, rel.SourceID, textDoc(rel, func(k string) string { return val(doc[k]) }))
	} else {
		c.badRel(at, rel, "from", "to")
	}
}

func article(kind string) string {
	if kind == kindEntity {
		return "an"
	}
	return "a"
}

// jsonReason shortens encoding/json's errors to what a user can act on.
func jsonReason(err error) string {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of JSON input"
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Sprintf("%v (at byte %d)", se, se.Offset)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("want a JSON object, got %s", te.Value)
	}
	return err.Error()
}

// clip shortens a quoted input value for a message, on a rune boundary.
func clip(b []byte) string {
	s := string(b)
	if len(s) <= 40 {
		return s
	}
	i := 40
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "..."
}
