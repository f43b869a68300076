package diagram

import (
	"fmt"
	"strings"

	"explorer/graph"
)

// CountDOT returns how many distinct nodes and how many edges the DOT text
// describes, without Graphviz, so that size caps hold before any layout
// starts and for every backend. It follows the DOT grammar
// (https://graphviz.org/doc/info/lang.html): an edge between subgraphs counts
// every pair ({a b} -> {c d} is four edges), attribute values and ports are
// not nodes, and keywords are case-insensitive. Text that is not DOT is an
// error wrapping graph.ErrInvalid.
func CountDOT(dot string) (nodes, edges int, err error) {
	p := &dotParser{lx: dotLexer{src: dot}, nodes: map[string]struct{}{}}
	p.next()
	if p.tok.kind == tEOF {
		return 0, 0, fmt.Errorf("%w: DOT text is empty", graph.ErrInvalid)
	}
	for p.tok.kind != tEOF && p.err == nil {
		p.graph()
	}
	if p.err != nil {
		return 0, 0, p.err
	}
	return len(p.nodes), p.edges, nil
}

type tokKind int

const (
	tEOF   tokKind = iota
	tID            // identifier, numeral, quoted or HTML string
	tPunct         // { } [ ] ; , = : + and edge operators
)

type token struct {
	kind   tokKind
	text   string // the id's value, or the punctuation
	quoted bool   // a quoted or HTML string, never a keyword
	pos    int
}

type dotLexer struct {
	src string
	pos int
	err error
}

func (l *dotLexer) fail(format string, args ...any) token {
	if l.err == nil {
		l.err = fmt.Errorf("%w: DOT syntax error at byte %d: %s", graph.ErrInvalid, l.pos, fmt.Sprintf(format, args...))
	}
	l.pos = len(l.src)
	return token{kind: tEOF, pos: l.pos}
}

func isIDStart(c byte) bool {
	return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (l *dotLexer) next() token {
	s := l.src
	for l.pos < len(s) {
		c := s[l.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			l.pos++
		case c == '#' && (l.pos == 0 || s[l.pos-1] == '\n'):
			l.skipLine()
		case strings.HasPrefix(s[l.pos:], "//"):
			l.skipLine()
		case strings.HasPrefix(s[l.pos:], "/*"):
			end := strings.Index(s[l.pos+2:], "*/")
			if end < 0 {
				return l.fail("unterminated comment")
			}
			l.pos += 2 + end + 2
		default:
			return l.token()
		}
	}
	return token{kind: tEOF, pos: l.pos}
}

func (l *dotLexer) skipLine() {
	if i := strings.IndexByte(l.src[l.pos:], '\n'); i >= 0 {
		l.pos += i + 1
	} else {
		l.pos = len(l.src)
	}
}

func (l *dotLexer) token() token {
	s, start := l.src, l.pos
	c := s[start]
	switch {
	case c == '"':
		var b strings.Builder
		i := start + 1
		for ; i < len(s) && s[i] != '"'; i++ {
			// Graphviz's lexer reads \\ as a pair (keeping both), \" as a
			// quote and a backslash-newline as nothing.
			if s[i] == '\\' && i+1 < len(s) && s[i+1] == '\\' {
				b.WriteString(`\\`)
				i++
				continue
			}
			if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\n') {
				i++
				if s[i] == '"' {
					b.WriteByte('"')
				}
				continue
			}
			b.WriteByte(s[i])
		}
		if i >= len(s) {
			return l.fail("unterminated string")
		}
		l.pos = i + 1
		return token{kind: tID, text: b.String(), quoted: true, pos: start}
	case c == '<':
		depth := 0
		for i := start; i < len(s); i++ {
			switch s[i] {
			case '<':
				depth++
			case '>':
				depth--
				if depth == 0 {
					l.pos = i + 1
					return token{kind: tID, text: s[start:l.pos], quoted: true, pos: start}
				}
			}
		}
		return l.fail("unterminated HTML string")
	case c == '-' && start+1 < len(s) && (s[start+1] == '>' || s[start+1] == '-'):
		l.pos += 2
		return token{kind: tPunct, text: s[start:l.pos], pos: start}
	case strings.IndexByte("{}[];,=:+", c) >= 0:
		l.pos++
		return token{kind: tPunct, text: s[start:l.pos], pos: start}
	case isIDStart(c):
		i := start
		for i < len(s) && (isIDStart(s[i]) || isDigit(s[i])) {
			i++
		}
		l.pos = i
		return token{kind: tID, text: s[start:i], pos: start}
	case c == '-' || c == '.' || isDigit(c):
		i := start
		if s[i] == '-' {
			i++
		}
		digits := 0
		for i < len(s) && isDigit(s[i]) {
			i, digits = i+1, digits+1
		}
		if i < len(s) && s[i] == '.' {
			i++
			for i < len(s) && isDigit(s[i]) {
				i, digits = i+1, digits+1
			}
		}
		if digits == 0 {
			return l.fail("unexpected %q", c)
		}
		l.pos = i
		return token{kind: tID, text: s[start:i], pos: start}
	}
	return l.fail("unexpected %q", c)
}

// dotParser is a recursive-descent recogniser for the DOT grammar that only
// counts.
type dotParser struct {
	lx    dotLexer
	tok   token
	nodes map[string]struct{}
	edges int
	err   error
	depth int
}

// maxCount saturates the edge count, so products of huge subgraphs cannot
// overflow.
const maxCount = 1 << 40

func (p *dotParser) next() {
	p.tok = p.lx.next()
	if p.lx.err != nil && p.err == nil {
		p.err = p.lx.err
	}
}

func (p *dotParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf("%w: DOT syntax error at byte %d: %s", graph.ErrInvalid, p.tok.pos, fmt.Sprintf(format, args...))
	}
	p.tok = token{kind: tEOF}
}

func (p *dotParser) is(punct string) bool { return p.tok.kind == tPunct && p.tok.text == punct }

func (p *dotParser) keyword(kw string) bool {
	return p.tok.kind == tID && !p.tok.quoted && strings.EqualFold(p.tok.text, kw)
}

func (p *dotParser) expect(punct string) {
	if !p.is(punct) {
		p.fail("want %q, got %q", punct, p.tok.text)
		return
	}
	p.next()
}

// id reads an ID, joining "a" + "b" concatenations.
func (p *dotParser) id() string {
	if p.tok.kind != tID {
		p.fail("want an identifier, got %q", p.tok.text)
		return ""
	}
	s := p.tok.text
	p.next()
	for p.is("+") {
		p.next()
		if p.tok.kind != tID {
			p.fail("want a string after +")
			return ""
		}
		s += p.tok.text
		p.next()
	}
	return s
}

func (p *dotParser) graph() {
	if p.keyword("strict") {
		p.next()
	}
	if !p.keyword("graph") && !p.keyword("digraph") {
		p.fail("want graph or digraph, got %q", p.tok.text)
		return
	}
	p.next()
	if p.tok.kind == tID {
		p.id()
	}
	p.expect("{")
	p.stmtList(nil)
	p.expect("}")
}

// stmtList reads statements up to a closing brace, adding the nodes it
// mentions to set when set is not nil (the members of a subgraph).
func (p *dotParser) stmtList(set map[string]struct{}) {
	for p.err == nil && !p.is("}") && p.tok.kind != tEOF {
		p.stmt(set)
		if p.is(";") {
			p.next()
		}
	}
}

func (p *dotParser) attrLists() {
	for p.is("[") {
		p.next()
		for p.err == nil && !p.is("]") {
			p.id()
			if p.is("=") {
				p.next()
				p.id()
			}
			if p.is(";") || p.is(",") {
				p.next()
			}
		}
		p.expect("]")
	}
}

func (p *dotParser) stmt(set map[string]struct{}) {
	if p.keyword("graph") || p.keyword("node") || p.keyword("edge") {
		p.next()
		p.attrLists()
		return
	}
	left := p.operand(set)
	if p.err != nil {
		return
	}
	if p.is("=") && left.name != "" {
		// ID '=' ID: a graph attribute, so left was not a node after all.
		p.next()
		p.id()
		left.unmark(p, set)
		return
	}
	for p.is("->") || p.is("--") {
		p.next()
		right := p.operand(set)
		p.edges = min(p.edges+min(left.size*right.size, maxCount), maxCount)
		left = right
	}
	p.attrLists()
}

// operand is one side of an edge: a node or a subgraph of size nodes.
type operand struct {
	name         string // the node, when it is one
	known, inSet bool   // the node was seen before, in the graph and in set
	size         int
}

// unmark forgets a name that turned out to be an attribute, not a node.
func (o operand) unmark(p *dotParser, set map[string]struct{}) {
	if !o.known {
		delete(p.nodes, o.name)
	}
	if !o.inSet {
		delete(set, o.name)
	}
}

func (p *dotParser) operand(set map[string]struct{}) operand {
	if p.keyword("subgraph") || p.is("{") {
		p.depth++
		defer func() { p.depth-- }()
		if p.depth > 100 {
			p.fail("subgraphs nested too deep")
			return operand{}
		}
		if p.keyword("subgraph") {
			p.next()
			if p.tok.kind == tID {
				p.id()
			}
		}
		inner := map[string]struct{}{}
		p.expect("{")
		p.stmtList(inner)
		p.expect("}")
		for n := range inner {
			if set != nil {
				set[n] = struct{}{}
			}
		}
		return operand{size: len(inner)}
	}
	name := p.id()
	if p.err != nil {
		return operand{}
	}
	if p.is(":") { // port and compass point are not nodes
		p.next()
		p.id()
		if p.is(":") {
			p.next()
			p.id()
		}
	}
	_, known := p.nodes[name]
	p.nodes[name] = struct{}{}
	_, inSet := set[name]
	if set != nil {
		set[name] = struct{}{}
	}
	return operand{name: name, known: known, inSet: inSet, size: 1}
}
