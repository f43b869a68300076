package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Text from the graph (names, quotes, Cypher results) is untrusted: an
// escape sequence in a name could recolour, retitle or rewrite the user's
// terminal, and a bidirectional override could make a line read differently
// from what it is. termSafe shows such characters as Go-style escapes.

// unsafeRune reports whether r must not reach a terminal raw: C0 and C1
// controls, DEL, bidirectional controls and the Unicode line separators.
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) || r == '\u2028' || r == '\u2029' || r == '\ufeff'
}

// termSafe escapes every unsafe rune of s visibly (\x1b, \n, \u202e).
func termSafe(s string) string {
	if strings.IndexFunc(s, unsafeRune) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
			continue
		}
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// termSafeLines is termSafe that keeps line breaks, for multi-line messages.
func termSafeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = termSafe(l)
	}
	return strings.Join(lines, "\n")
}

// writeJSON writes v as indented JSON. encoding/json escapes C0 controls but
// not DEL, C1 controls or bidirectional controls; they are written as \u
// escapes too, which leaves the JSON's meaning unchanged.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := buf.Bytes()
	if bytes.IndexFunc(out, func(r rune) bool { return r != '\n' && unsafeRune(r) }) >= 0 {
		var b bytes.Buffer
		for _, r := range string(out) {
			if r != '\n' && unsafeRune(r) {
				fmt.Fprintf(&b, `\u%04x`, r)
				continue
			}
			b.WriteRune(r)
		}
		out = b.Bytes()
	}
	_, err := w.Write(out)
	return err
}
