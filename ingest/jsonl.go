package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"unicode/utf8"
)

// maxLine bounds one JSON line; a longer line is a problem, not an
// allocation without limit.
const maxLine = 16 << 20

// eachLine calls fn with every non-blank line of r and its number. A line
// that is too long or not UTF-8 is reported through c and skipped.
func eachLine(r io.Reader, file int, c *collector, fn func(line int, b []byte)) error {
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
			c.problem(at, "", "line longer than %d MiB", maxLine>>20)
		case len(b) == 0:
		case !utf8.Valid(b):
			c.problem(at, "", "invalid UTF-8")
		default:
			fn(line, b)
		}
		if err == io.EOF {
			return nil
		}
	}
}

// The fields a JSON line may hold, per kind.
var (
	entityKeys = []string{"kind", "id", "name", "type", "aliases", "description", "country"}
	relKeys    = []string{"kind", "id", "type", "from", "to", "start", "end", "evidence", "source", "sourceUrl", "citedSource", "confidence"}
)

// parseJSONL reads JSON lines: one object per line with "kind" set to
// "entity" or "relationship" and the fields of graph.Entity or
// graph.Relationship. Unknown fields are problems, so that a typo such as
// "sourceURL" is not dropped silently.
func parseJSONL(r io.Reader, file int, c *collector) error {
	return eachLine(r, file, c, func(line int, b []byte) {
		at := pos{file, line}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(b, &obj); err != nil {
			c.problem(at, "", "malformed JSON: %s", jsonReason(err))
			return
		}
		if obj == nil {
			c.problem(at, "", "want a JSON object, got null")
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
		str := func(key string) string {
			raw, present := obj[key]
			if !present || string(raw) == "null" {
				return ""
			}
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				report(key, "want a string, got %s", clip(raw))
				ok = false
			}
			return s
		}
		kind := str("kind")
		if !ok {
			return
		}
		var allowed []string
		switch kind {
		case kindEntity:
			allowed = entityKeys
		case kindRel:
			allowed = relKeys
		case "":
			report("kind", "missing (want \"entity\" or \"relationship\")")
			return
		default:
			report("kind", "%q: want \"entity\" or \"relationship\"", kind)
			return
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !slices.Contains(allowed, k) {
				report(k, "unknown field for %s %s", article(kind), kind)
				ok = false
			}
		}
		if kind == kindEntity {
			var aliases []string
			if raw, present := obj["aliases"]; present && string(raw) != "null" {
				if err := json.Unmarshal(raw, &aliases); err != nil {
					report("aliases", "want a list of strings, got %s", clip(raw))
					ok = false
				}
			}
			f := entityFields{ID: str("id"), Name: str("name"), Type: str("type"), Aliases: aliases,
				Description: str("description"), Country: str("country")}
			if e, valid := buildEntity(f, report); valid && ok {
				c.addEntity(at, e)
			}
			return
		}
		f := relFields{ID: str("id"), Type: str("type"), From: str("from"), To: str("to"), Start: str("start"),
			End: str("end"), Evidence: str("evidence"), Source: str("source"), SourceURL: str("sourceUrl"),
			CitedSource: str("citedSource"), Confidence: str("confidence")}
		if rel, valid := buildRel(f, report); valid && ok {
			c.addRel(at, rel)
		} else {
			c.badRel(at, rel, "from", "to")
		}
	})
}

func article(kind string) string {
	if kind == kindEntity {
		return "an"
	}
	return "a"
}

// jsonReason shortens encoding/json's errors to what a user can act on.
func jsonReason(err error) string {
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
