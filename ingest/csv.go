package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// CSV columns. An entities file has entityColumns, a relationships file
// relColumns and, to describe the source document, docColumns (sources.go); a file with a "kind" column mixes both, one kind per row, with
// the union of the columns ("type" is the entity type on an entity row and
// the relationship type on a relationship row).
var (
	entityColumns = []string{"id", "name", "type", "aliases", "description", "country", "identifiers"}
	relColumns    = []string{"id", "type", "from", "to", "start", "end", "evidence", "source", "sourceUrl", "citedSource", "confidence",
		"attested", "ongoing", "status", "item", "itemIds", "sourceId", "paragraph", "citedSourceId",
		"percentage", "sharesCount"}
	entityRequire = []string{"id", "name", "type"}
	relRequire    = []string{"id", "type", "from", "to", "source", "confidence"}
)

const (
	kindEntity = "entity"
	kindRel    = "relationship"
)

// parseCSV reads one CSV file into c. The header decides what the file
// holds: a "kind" column means mixed rows; otherwise a "from" or "to" column
// means relationships, and anything else entities.
func parseCSV(r io.Reader, file int, c *collector) error {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		c.problem(pos{file, 1}, "", "empty file: want a header row")
		return nil
	}
	if err != nil {
		if e := csvProblem(err, file, c); e != nil {
			return e
		}
		return nil
	}
	header = slices.Clone(header) // ReuseRecord reuses the slice
	cols := map[string]int{}
	at := pos{file, 1}
	var names []string
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff") // a byte order mark from spreadsheet exports
		}
		name, ok := canonicalColumn(strings.TrimSpace(h))
		switch {
		case !ok:
			c.problem(at, h, "unknown column (want %s, or kind)", strings.Join(append(allColumns(), docColumns...), ", "))
			continue
		case slices.Contains(names, name):
			c.problem(at, h, "column appears twice")
			continue
		}
		cols[name] = i
		names = append(names, name)
	}
	_, mixed := cols["kind"]
	_, hasFrom := cols["from"]
	_, hasTo := cols["to"]
	fileKind := kindEntity
	if hasFrom || hasTo {
		fileKind = kindRel
	}
	var required []string
	switch {
	case mixed:
		required = []string{"kind", "id", "type"}
	case fileKind == kindRel:
		required = relRequire
		for _, n := range names {
			if !slices.Contains(relColumns, n) && !slices.Contains(docColumns, n) {
				c.problem(at, n, "not a relationship column (a relationships file has %s)", strings.Join(append(slices.Clone(relColumns), docColumns...), ", "))
			}
		}
	default:
		required = entityRequire
	}
	missing := false
	for _, n := range required {
		if _, ok := cols[n]; !ok {
			c.problem(at, n, "missing column")
			missing = true
		}
	}
	if missing {
		return nil // rows cannot be read without a usable header
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			// A syntax error costs one record; the reader goes on after it.
			if e := csvProblem(err, file, c); e != nil {
				return e
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		at := pos{file, line}
		get := func(name string) string {
			if i, ok := cols[name]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		valid := true
		for i, v := range rec {
			if !utf8.ValidString(v) {
				name := fmt.Sprintf("column %d", i+1)
				if i < len(header) && utf8.ValidString(header[i]) {
					name = header[i]
				}
				c.problem(at, name, "invalid UTF-8")
				valid = false
			}
		}
		if !valid {
			continue
		}
		kind := fileKind
		if mixed {
			kind = strings.ToLower(strings.TrimSpace(get("kind")))
			if kind != kindEntity && kind != kindRel {
				c.problem(at, "kind", "%q: want entity or relationship", get("kind"))
				continue
			}
			own := entityColumns
			if kind == kindRel {
				own = append(slices.Clone(relColumns), docColumns...)
			}
			for _, n := range names {
				if n != "kind" && !slices.Contains(own, n) && strings.TrimSpace(get(n)) != "" {
					c.problem(at, n, "not used by a %s row; leave it empty", kind)
					valid = false
				}
			}
		}
		report := func(field, format string, args ...any) { c.problem(at, field, format, args...) }
		if kind == kindEntity {
			e, ok := buildEntity(entityFields{ID: get("id"), Name: get("name"), Type: get("type"),
				Aliases: strings.Split(get("aliases"), ";"), Description: get("description"), Country: get("country"),
				Identifiers: splitIdentifiers(get("identifiers"))}, report)
			if ok && valid {
				c.addEntity(at, e)
			}
			continue
		}
		r, ok := buildRel(relFields{ID: get("id"), Type: get("type"), From: get("from"), To: get("to"),
			Start: get("start"), End: get("end"), Evidence: get("evidence"), Source: get("source"),
			SourceURL: get("sourceUrl"), CitedSource: get("citedSource"), Confidence: get("confidence"),
			Attested: get("attested"), Ongoing: get("ongoing"), Status: get("status"), Item: get("item"),
			ItemIDs: strings.Split(get("itemIds"), ";"), SourceID: get("sourceId"), Paragraph: get("paragraph"),
			CitedSourceID: get("citedSourceId"), Percentage: get("percentage"), SharesCount: get("sharesCount")}, report)
		if ok && valid {
			c.addRel(at, r)
			c.addDoc(at, r.ID, r.SourceID, textDoc(r, get))
		} else {
			c.badRel(at, r, "from", "to")
		}
	}
}

// csvProblem records a CSV syntax error as a problem; it returns a non-nil
// error only for read errors that are not about the file's content.
func csvProblem(err error, file int, c *collector) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line := pe.Line
		if line == 0 {
			line = pe.StartLine
		}
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields (the header has a different count)"
		}
		c.problem(pos{file, line}, "", "malformed CSV: %s", msg)
		return nil
	}
	return err
}

func allColumns() []string {
	var out []string
	for _, n := range append(slices.Clone(entityColumns), relColumns...) {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// canonicalColumn matches a header case-insensitively ("sourceurl" and
// "SourceURL" are sourceUrl).
func canonicalColumn(h string) (string, bool) {
	for _, n := range append(append(allColumns(), docColumns...), "kind") {
		if strings.EqualFold(n, h) {
			return n, true
		}
	}
	return "", false
}
