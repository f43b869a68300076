package diagram

import (
	"strings"
	"unicode/utf8"
)

// Graphviz reads a double-quoted DOT string in two steps, and the steps differ
// by attribute; the rules below were established by rendering every case with
// both go-graphviz (Graphviz 12 in wasm) and native dot 2.43, and are pinned by
// TestEscapeThroughGraphviz:
//
//  1. The lexer turns \" into " and keeps every other backslash as it is.
//  2. HTML entities are decoded (&amp; -> &, &#60; -> <), in every attribute.
//  3. Label attributes then read \\ as one backslash, \n \l \r as line breaks
//     and \N \G \E \T \H \L as the object's name, graph name, ... .
//     Tooltips go through that substitution twice, so a literal backslash
//     needs four backslashes there: with two, "\\N" still becomes the node name.
//
// So: & is always written &amp;, " is \", a newline is \n, and a backslash is
// \\ in labels and \\\\ in tooltips. Nothing else is special in a quoted
// string, so {, }, |, < and > need no escaping (we never use record shapes or
// HTML-like labels), and Graphviz XML-escapes text when it writes SVG.

// sanitize makes untrusted text safe to hand to Graphviz and valid in XML 1.0:
// invalid UTF-8 becomes U+FFFD; CR LF, CR, NEL and the Unicode line and
// paragraph separators become LF; a tab becomes a space; other C0 and C1
// control characters and the non-characters U+FFFE and U+FFFF (none of which
// XML may carry) become U+FFFD. Everything else, including joiners and
// right-to-left marks that Persian and Arabic names need, is kept.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && n == 1) || r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0x2028 || r == 0x2029 || r == 0xfffe || r == 0xffff {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029:
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0xfffe || r == 0xffff:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// QuoteLabel returns s as a DOT double-quoted string for a label attribute
// (label, xlabel, headlabel, taillabel, graph label), so that Graphviz draws
// exactly the text s: lines break where s has newlines and nothing in s is
// read as an escape or an entity. Untrusted text is sanitized first (see
// sanitize). Lines are centred.
func QuoteLabel(s string) string { return quote(s, `\\`, `\n`, false) }

// quoteLabelLeft is QuoteLabel with every line left-justified.
func quoteLabelLeft(s string) string { return quote(s, `\\`, `\l`, true) }

// QuoteTooltip returns s as a DOT double-quoted string for a tooltip attribute
// (tooltip, labeltooltip, edgetooltip...), which Graphviz unescapes
// differently from labels.
func QuoteTooltip(s string) string { return quote(s, `\\\\`, `\n`, false) }

// QuoteID returns s as a DOT double-quoted string for a value Graphviz takes
// as it is: node and graph names, colours, URLs. Backslashes cannot be
// written exactly there (the lexer keeps them, and a trailing one would eat
// the closing quote), so each becomes U+2216 (set minus, which looks like a
// backslash). Callers pass identifiers they control.
func QuoteID(s string) string {
	s = strings.ReplaceAll(sanitize(s), "\n", " ")
	return `"` + strings.NewReplacer(`\`, "\u2216", `"`, `\"`).Replace(s) + `"`
}

func quote(s, backslash, newline string, trailing bool) string {
	s = sanitize(s)
	var b strings.Builder
	b.Grow(len(s) + 2 + len(s)/8)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(backslash)
		case '"':
			b.WriteString(`\"`)
		case '&':
			b.WriteString("&amp;")
		case '\n':
			b.WriteString(newline)
		default:
			b.WriteByte(c)
		}
	}
	if trailing && s != "" {
		b.WriteString(newline)
	}
	b.WriteByte('"')
	return b.String()
}

// wrap breaks s into lines of at most width runes at spaces; a word longer
// than width stays whole unless it is longer than 2*width, when it is cut.
// Existing newlines are kept; blank lines are dropped, so they do not use
// up a label's lines (a name "A\n\n\nB" is two lines, not four).
func wrap(s string, width int) string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var line []rune
		for _, w := range strings.Fields(para) {
			word := []rune(w)
			for len(word) > 2*width {
				if len(line) > 0 {
					out = append(out, string(line))
					line = nil
				}
				out = append(out, string(word[:width]))
				word = word[width:]
			}
			switch {
			case len(line) == 0:
				line = word
			case len(line)+1+len(word) <= width:
				line = append(append(line, ' '), word...)
			default:
				out = append(out, string(line))
				line = word
			}
		}
		if len(line) > 0 {
			out = append(out, string(line))
		}
	}
	return strings.Join(out, "\n")
}

// truncate cuts s to at most n runes, ending it with an ellipsis when cut.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := strings.TrimRight(string(r[:n-1]), " \n")
	return cut + "…"
}

// clip wraps s at width and keeps at most maxLines lines, marking a cut.
func clip(s string, width, maxLines int) string {
	lines := strings.Split(wrap(s, width), "\n")
	if len(lines) <= maxLines {
		return strings.Join(lines, "\n")
	}
	lines = lines[:maxLines]
	last := []rune(lines[maxLines-1])
	if len(last) >= width {
		last = last[:width-1]
	}
	lines[maxLines-1] = strings.TrimRight(string(last), " ") + "…"
	return strings.Join(lines, "\n")
}
