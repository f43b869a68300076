package ingest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// addFixtures seeds a fuzz target with the testdata files whose names end
// in one of exts.
func addFixtures(f *testing.F, exts ...string) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range paths {
		for _, ext := range exts {
			if strings.HasSuffix(p, ext) {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
		}
	}
}

type parser func(r *bytes.Reader, c *collector) error

// checkParse runs a parser on input and checks what holds for any input:
// problems point at lines of the input, accepted records are valid, and
// an input without problems survives a JSON lines round trip unchanged.
func checkParse(t *testing.T, input []byte, parse parser) {
	c := newCollector()
	c.files = []string{"fuzz"}
	if err := parse(bytes.NewReader(input), c); err != nil {
		t.Fatalf("parse returned an I/O error for in-memory input: %v", err)
	}
	lines := bytes.Count(input, []byte("\n")) + 1
	for _, p := range c.probs.list {
		if p.Line < 1 || p.Line > lines {
			t.Fatalf("problem %v points outside the %d lines of the input", p.Problem, lines)
		}
	}
	for _, e := range c.entities {
		if err := e.Validate(); err != nil {
			t.Fatalf("accepted entity %+v is invalid: %v", e.Entity, err)
		}
	}
	for _, r := range c.rels {
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted relationship %+v is invalid: %v", r.Relationship, err)
		}
	}
	if c.probs.total > 0 {
		return
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	x := &jsonlExporter{w: bw}
	for _, e := range c.entities {
		x.entity(e.Entity)
	}
	for _, r := range c.rels {
		x.relationship(r.Relationship)
	}
	bw.Flush()
	c2 := newCollector()
	c2.files = []string{"again"}
	if err := parseJSONL(bytes.NewReader(buf.Bytes()), 0, c2); err != nil || c2.probs.total > 0 {
		t.Fatalf("re-reading the JSON lines of accepted records: %v %v\n%s", err, c2.probs.err(), buf.String())
	}
	if diff := cmp.Diff(records(c), records(c2)); diff != "" {
		t.Fatalf("JSON lines round trip changed the records (-first +again):\n%s", diff)
	}
}

type recordSet struct {
	Entities      []graph.Entity
	Relationships []graph.Relationship
}

func records(c *collector) recordSet {
	var out recordSet
	for _, e := range c.entities {
		out.Entities = append(out.Entities, e.Entity)
	}
	for _, r := range c.rels {
		out.Relationships = append(out.Relationships, r.Relationship)
	}
	return out
}

func FuzzParseCSV(f *testing.F) {
	addFixtures(f, ".csv")
	f.Fuzz(func(t *testing.T, b []byte) {
		checkParse(t, b, func(r *bytes.Reader, c *collector) error { return parseCSV(r, 0, c) })
	})
}

func FuzzParseJSONL(f *testing.F) {
	addFixtures(f, ".jsonl")
	f.Fuzz(func(t *testing.T, b []byte) {
		checkParse(t, b, func(r *bytes.Reader, c *collector) error { return parseJSONL(r, 0, c) })
	})
}

func FuzzParseFtM(f *testing.F) {
	addFixtures(f, ".ftm.json")
	f.Fuzz(func(t *testing.T, b []byte) {
		checkParse(t, b, func(r *bytes.Reader, c *collector) error { return parseFtM(r, 0, c) })
	})
}

// FuzzCypherString checks that any text, quoted for a Cypher export, stays
// inside one statement of the seed loader's splitter.
func FuzzCypherString(f *testing.F) {
	for _, s := range []string{"plain", "it's", `back\slash`, "semi;colon", "// comment", "/* block */", "new\nline", "\x00\x1f", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		script := "RETURN " + cypherString(s) + " AS a;\nRETURN 2;"
		stmts, err := SplitStatements(script)
		if err != nil || len(stmts) != 2 || stmts[1].Text != "RETURN 2" || stmts[1].Line != 2 {
			t.Fatalf("SplitStatements(%q) = %+v, %v", script, stmts, err)
		}
	})
}

// FuzzDOTQuote checks that a quoted DOT string has no unescaped quote and
// no raw newline, whatever the text.
func FuzzDOTQuote(f *testing.F) {
	for _, s := range []string{"plain", `"quoted"`, `back\`, "new\nline", `\"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := dotQuote(s)
		if !strings.HasPrefix(q, `"`) || !strings.HasSuffix(q, `"`) || len(q) < 2 || strings.ContainsAny(q, "\n\r") {
			t.Fatalf("dotQuote(%q) = %q", s, q)
		}
		inner := q[1 : len(q)-1]
		for i := 0; i < len(inner); i++ {
			switch inner[i] {
			case '\\':
				i++ // an escape pair
			case '"':
				t.Fatalf("dotQuote(%q) = %q has an unescaped quote", s, q)
			}
		}
	})
}
