package graph

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenKind is the lexical class of a Cypher token.
type tokenKind int

const (
	tokWord   tokenKind = iota // a keyword or a plain name: MATCH, n, db
	tokQuoted                  // a backtick-quoted name: `db`, `a``b`
	tokString                  // a string literal, its value decoded
	tokNumber                  // a number literal
	tokParam                   // $name or $0
	tokPunct                   // one punctuation character: ( ) . ; { } ...
)

// token is one lexical element of a Cypher statement. Comments and
// whitespace produce no token.
type token struct {
	kind tokenKind
	text string // the name, the decoded string, or the punctuation
	off  int    // byte offset in the statement
}

// tokenizeCypher splits a statement into tokens as Neo4j's lexer does:
// '...' and "..." strings with backslash escapes (including \uXXXX, which
// never ends a string), `...` names with “ as the escaped backtick, and
// // and /* */ comments, which may not nest. It refuses what it cannot read
// for certain rather than guess: an unterminated string, name or comment, a
// backslash or an invisible formatting character outside a string, and
// invalid UTF-8.
func tokenizeCypher(q string) ([]token, error) {
	if !utf8.ValidString(q) {
		return nil, Errorf(ErrInvalid, "the query is not valid UTF-8")
	}
	var toks []token
	for i := 0; i < len(q); {
		r, w := utf8.DecodeRuneInString(q[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '/' && strings.HasPrefix(q[i:], "//"):
			end := strings.IndexAny(q[i:], "\n\r")
			if end < 0 {
				i = len(q)
			} else {
				i += end
			}
		case r == '/' && strings.HasPrefix(q[i:], "/*"):
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				return nil, Errorf(ErrInvalid, "a /* comment at offset %d is not closed", i)
			}
			i += 2 + end + 2
		case r == '\'' || r == '"':
			s, n, err := readString(q[i:], r)
			if err != nil {
				return nil, Errorf(ErrInvalid, "the string at offset %d %v", i, err)
			}
			toks = append(toks, token{tokString, s, i})
			i += n
		case r == '`':
			s, n, ok := readQuotedName(q[i:])
			if !ok {
				return nil, Errorf(ErrInvalid, "the `quoted name` at offset %d is not closed", i)
			}
			toks = append(toks, token{tokQuoted, s, i})
			i += n
		case r == '$':
			n := 1 + wordLen(q[i+1:])
			if n == 1 && i+1 < len(q) && q[i+1] == '`' {
				s, m, ok := readQuotedName(q[i+1:])
				if !ok {
					return nil, Errorf(ErrInvalid, "the parameter name at offset %d is not closed", i)
				}
				toks = append(toks, token{tokParam, s, i})
				i += 1 + m
				continue
			}
			toks = append(toks, token{tokParam, q[i+1 : i+n], i})
			i += n
		case r >= '0' && r <= '9':
			n := numberLen(q[i:])
			toks = append(toks, token{tokNumber, q[i : i+n], i})
			i += n
		case isWordStart(r):
			n := wordLen(q[i:])
			toks = append(toks, token{tokWord, q[i : i+n], i})
			i += n
		case r == '\\':
			return nil, Errorf(ErrInvalid, "a backslash at offset %d is outside a string", i)
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == utf8.RuneError:
			return nil, Errorf(ErrInvalid, "an invisible or control character (U+%04X) at offset %d is outside a string", r, i)
		case r < utf8.RuneSelf && unicode.IsPunct(r) || unicode.IsSymbol(r):
			toks = append(toks, token{tokPunct, q[i : i+w], i})
			i += w
		default:
			return nil, Errorf(ErrInvalid, "unexpected character %q at offset %d", r, i)
		}
	}
	return toks, nil
}

func isWordStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isWordPart(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordLen is the length in bytes of the name at the start of s.
func wordLen(s string) int {
	n := 0
	for n < len(s) {
		r, w := utf8.DecodeRuneInString(s[n:])
		if !isWordPart(r) {
			break
		}
		n += w
	}
	return n
}

// numberLen is the length of the number at the start of s: digits, letters
// (hex, octal, exponents) and dots followed by a digit. It never swallows a
// range's "..".
func numberLen(s string) int {
	n := 0
	for n < len(s) {
		c := s[n]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
			n++
		case c == '.' && n+1 < len(s) && s[n+1] >= '0' && s[n+1] <= '9':
			n++
		case (c == '-' || c == '+') && n > 0 && (s[n-1] == 'e' || s[n-1] == 'E'):
			n++
		default:
			return n
		}
	}
	return n
}

// readString reads the string literal at the start of s, quoted by quote,
// and returns its decoded value and its length in s.
func readString(s string, quote rune) (string, int, error) {
	var b strings.Builder
	for i := 1; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch r {
		case quote:
			return b.String(), i + w, nil
		case '\\':
			if i+1 >= len(s) {
				return "", 0, fmt.Errorf("is not closed")
			}
			e := s[i+1]
			switch e {
			case 'u', 'U':
				size := 4
				if e == 'U' {
					size = 8
				}
				if i+2+size > len(s) {
					return "", 0, fmt.Errorf("has a short \\%c escape", e)
				}
				var v rune
				for _, h := range s[i+2 : i+2+size] {
					d := hexVal(h)
					if d < 0 {
						return "", 0, fmt.Errorf("has a bad \\%c escape", e)
					}
					v = v<<4 | rune(d)
				}
				b.WriteRune(v)
				i += 2 + size
			default:
				b.WriteByte(unescape(e))
				i += 2
			}
		default:
			b.WriteRune(r)
			i += w
		}
	}
	return "", 0, fmt.Errorf("is not closed")
}

func unescape(e byte) byte {
	switch e {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	}
	return e
}

func hexVal(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}

// readQuotedName reads the `quoted name` at the start of s.
func readQuotedName(s string) (string, int, bool) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '`' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '`' {
			b.WriteByte('`')
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", 0, false
}

// AllowedProcedures are the procedures ad-hoc queries may call: read-only
// catalogue and search procedures. Everything else is refused, by the static
// check and again by the plan check.
var AllowedProcedures = []string{
	"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
	"db.schema.nodetypeproperties", "db.schema.reltypeproperties",
	"db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
}

// allowedFunctionSpaces are the namespaces of Neo4j's built-in functions
// (date.truncate, point.distance, vector.similarity.cosine, ...). A call of
// a function in any other namespace (apoc, gds, dbms, a plugin's) is
// refused: plugins are where functions that read files or the network live.
var allowedFunctionSpaces = []string{"date", "datetime", "localdatetime", "localtime", "time", "duration", "point", "vector", "db.nameFromElementId"}

// forbiddenWords are clause keywords no read-only query needs: writes and
// the clauses that reach outside the statement (LOAD CSV, USE, SHOW and
// TERMINATE, and the TRANSACTIONS of CALL ... IN TRANSACTIONS). A word
// counts as a keyword when it is not quoted and not a property, label, map
// key or parameter name.
var forbiddenWords = map[string]string{
	"CREATE": "only read-only queries are allowed, and this one writes", "MERGE": "only read-only queries are allowed, and this one writes", "SET": "only read-only queries are allowed, and this one writes",
	"DELETE": "only read-only queries are allowed, and this one writes", "DETACH": "only read-only queries are allowed, and this one writes", "REMOVE": "only read-only queries are allowed, and this one writes",
	"FOREACH": "only read-only queries are allowed, and this one writes", "INSERT": "only read-only queries are allowed, and this one writes",
	"LOAD":         "LOAD CSV is not allowed: queries may not read files or URLs",
	"USE":          "USE is not allowed: queries run on the explorer's database",
	"TRANSACTIONS": "transaction commands and CALL ... IN TRANSACTIONS are not allowed",
	"SHOW":         "administration commands are not allowed",
	"TERMINATE":    "administration commands are not allowed",
}

// leadingWords may not start a statement: administration commands (which
// only ever come first) and query options, which could pick another Cypher
// version, runtime or planner than the one the checks know.
var leadingWords = map[string]string{
	"DROP": "administration commands are not allowed", "ALTER": "administration commands are not allowed",
	"GRANT": "administration commands are not allowed", "DENY": "administration commands are not allowed",
	"REVOKE": "administration commands are not allowed", "START": "administration commands are not allowed",
	"STOP": "administration commands are not allowed", "RENAME": "administration commands are not allowed",
	"ENABLE": "administration commands are not allowed", "DEALLOCATE": "administration commands are not allowed",
	"REALLOCATE": "administration commands are not allowed", "DRYRUN": "administration commands are not allowed",
	"CYPHER": "query options (CYPHER, EXPLAIN, PROFILE) are not allowed", "EXPLAIN": "query options (CYPHER, EXPLAIN, PROFILE) are not allowed",
	"PROFILE": "query options (CYPHER, EXPLAIN, PROFILE) are not allowed",
}

// CheckQuery is the static part of the read-only guard, a fast first filter
// on the tokens of the statement (see tokenizeCypher): one statement; no
// write keyword; no administration command or query option at the start;
// no LOAD, USE, SHOW, TERMINATE or TRANSACTIONS anywhere; only allow-listed procedures; functions only from Neo4j's
// built-in namespaces. The decision that counts is made on Neo4j's own plan
// (CheckPlan); this layer exists so that a mistake there is not enough.
func CheckQuery(q string) error {
	if strings.TrimSpace(q) == "" {
		return Errorf(ErrInvalid, "query is empty")
	}
	toks, err := tokenizeCypher(q)
	if err != nil {
		return err
	}
	if len(toks) == 0 {
		return Errorf(ErrInvalid, "query has no statement, only comments")
	}
	for i, t := range toks {
		next := tokenAt(toks, i+1)
		if t.kind == tokPunct && t.text == ";" {
			if i != len(toks)-1 {
				return Errorf(ErrForbidden, "only one statement is allowed")
			}
			continue
		}
		if t.kind != tokWord || isPropertyOrLabel(toks, i) || isKeyOrVariable(toks, i) || isNameUse(toks, i) {
			continue
		}
		kw := strings.ToUpper(t.text)
		if why, bad := leadingWords[kw]; bad && i == 0 {
			return Errorf(ErrForbidden, "%s (%s at offset %d)", why, kw, t.off)
		}
		if why, bad := forbiddenWords[kw]; bad {
			return Errorf(ErrForbidden, "%s (%s at offset %d)", why, kw, t.off)
		}
		if kw == "CALL" && !next.is("(") && !next.is("{") {
			name, _ := qualifiedName(toks, i+1)
			if !slices.Contains(AllowedProcedures, strings.ToLower(name)) {
				return Errorf(ErrForbidden, "procedure %s is not on the allow-list (%s)", name, strings.Join(AllowedProcedures, ", "))
			}
		}
	}
	// Namespaced function calls: name.name(...), not after CALL.
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if (t.kind != tokWord && t.kind != tokQuoted) || tokenAt(toks, i-1).is(".") {
			continue
		}
		name, end := qualifiedName(toks, i)
		if !strings.Contains(name, ".") || !tokenAt(toks, end).is("(") {
			continue
		}
		if p := tokenAt(toks, i-1); p.kind == tokWord && strings.EqualFold(p.text, "CALL") {
			continue
		}
		if !functionAllowed(name) {
			return Errorf(ErrForbidden, "function %s is not a Neo4j built-in (allowed namespaces: %s)", name, strings.Join(allowedFunctionSpaces, ", "))
		}
		i = end
	}
	return nil
}

// isPropertyOrLabel reports whether the word toks[i] is written directly
// after a dot that follows a name or a bracket (n.set, m[0].load) or directly
// after a colon (n:Set): a property key or a label, not a keyword. Anything
// looser (a space, a number before the dot) counts as a keyword.
func isPropertyOrLabel(toks []token, i int) bool {
	prev := tokenAt(toks, i-1)
	if prev.kind != tokPunct || prev.off+1 != toks[i].off {
		return false
	}
	if prev.text == ":" {
		return true
	}
	if prev.text != "." {
		return false
	}
	before := tokenAt(toks, i-2)
	switch before.kind {
	case tokWord, tokQuoted, tokParam:
		return true
	case tokPunct:
		return before.text == ")" || before.text == "]" || before.text == "}"
	}
	return false
}

// isKeyOrVariable reports whether the word toks[i] is a map key ({set: 1},
// {a: 1, show: 2}) or a variable with a label ((show:Entity), [set:REL]):
// directly followed by a colon, and right after an opening brace, bracket,
// parenthesis or a comma. "SHOW:" alone is a keyword and is refused.
func isKeyOrVariable(toks []token, i int) bool {
	next := tokenAt(toks, i+1)
	if !next.is(":") || next.off != toks[i].off+len(toks[i].text) {
		return false
	}
	prev := tokenAt(toks, i-1)
	return prev.is("{") || prev.is(",") || prev.is("(") || prev.is("[")
}

// isNameUse reports whether the word toks[i] (not the first) can only be a
// name in use: it is followed by what no clause keyword is ever followed by,
// a closing bracket, a comma, a dot, a comparison or the end of the
// statement (RETURN show.name, count(set), WHERE use = 1), or it is an alias
// followed by a read clause (WITH 1 AS show MATCH). A keyword such as SET,
// SHOW or DELETE is always followed by a name or a pattern.
func isNameUse(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	if i == len(toks)-1 {
		return true
	}
	next := toks[i+1]
	if next.kind == tokPunct {
		return strings.Contains(")],};.=<>", next.text) && len(next.text) == 1
	}
	prev := tokenAt(toks, i-1)
	return prev.kind == tokWord && strings.EqualFold(prev.text, "AS") && next.kind == tokWord && aliasFollowers[strings.ToUpper(next.text)]
}

// aliasFollowers are the read clauses that may follow an alias (WITH 1 AS
// show MATCH ...); after AS a word followed by one of them is a name.
var aliasFollowers = map[string]bool{
	"MATCH": true, "OPTIONAL": true, "WITH": true, "RETURN": true, "WHERE": true, "UNWIND": true,
	"ORDER": true, "SKIP": true, "LIMIT": true, "UNION": true, "CALL": true,
}

func functionAllowed(name string) bool {
	low := strings.ToLower(name)
	for _, ns := range allowedFunctionSpaces {
		ns = strings.ToLower(ns)
		if low == ns || strings.HasPrefix(low, ns+".") {
			return true
		}
	}
	return false
}

// qualifiedName reads name(.name)* from toks[i], quoted parts included, and
// returns it with the index of the token after it.
func qualifiedName(toks []token, i int) (string, int) {
	var parts []string
	for i < len(toks) && (toks[i].kind == tokWord || toks[i].kind == tokQuoted) {
		parts = append(parts, toks[i].text)
		if !tokenAt(toks, i+1).is(".") {
			i++
			break
		}
		i += 2
	}
	return strings.Join(parts, "."), i
}

func tokenAt(toks []token, i int) token {
	if i < 0 || i >= len(toks) {
		return token{kind: -1}
	}
	return toks[i]
}

func (t token) is(punct string) bool { return t.kind == tokPunct && t.text == punct }
