// Package ingest is the way data gets into and out of the graph: the seed
// script, CSV, JSON lines and FollowTheMoney imports, and exports.
package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"explorer/graph"
)

// Statement is one Cypher statement of a script with the line it starts on.
type Statement = graph.Statement

// SplitStatements splits a Cypher script at the semicolons that end
// statements, skipping those inside string literals, backtick names and
// comments. Blank and comment-only statements are dropped.
func SplitStatements(script string) ([]Statement, error) {
	var out []Statement
	var cur strings.Builder
	line, startLine := 1, 1
	hasCode := false
	flush := func() {
		if hasCode {
			out = append(out, Statement{Text: strings.TrimSpace(cur.String()), Line: startLine})
		}
		cur.Reset()
		hasCode = false
	}
	rs := []rune(script)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		next := rune(0)
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		switch {
		case r == '/' && next == '/':
			for i < len(rs) && rs[i] != '\n' {
				i++
			}
			if i < len(rs) {
				cur.WriteRune('\n')
				line++
			}
			continue
		case r == '/' && next == '*':
			open := line
			i += 2
			for ; i < len(rs) && !(rs[i] == '*' && i+1 < len(rs) && rs[i+1] == '/'); i++ {
				if rs[i] == '\n' {
					line++
					cur.WriteRune('\n')
				}
			}
			if i >= len(rs) {
				return nil, fmt.Errorf("line %d: unterminated /* comment", open)
			}
			i++
			continue
		case r == '\'' || r == '"' || r == '`':
			if !hasCode {
				startLine = line
			}
			hasCode = true
			open := line
			cur.WriteRune(r)
			i++
			for ; i < len(rs) && rs[i] != r; i++ {
				if rs[i] == '\\' && r != '`' && i+1 < len(rs) {
					cur.WriteRune(rs[i])
					i++
				}
				if rs[i] == '\n' {
					line++
				}
				cur.WriteRune(rs[i])
			}
			if i >= len(rs) {
				return nil, fmt.Errorf("line %d: unterminated %c quote", open, r)
			}
			cur.WriteRune(r)
			continue
		case r == ';':
			flush()
			continue
		case r == '\n':
			line++
		}
		if !hasCode && !isSpace(r) {
			hasCode = true
			startLine = line
		}
		cur.WriteRune(r)
	}
	flush()
	return out, nil
}

func isSpace(r rune) bool { return unicode.IsSpace(r) } // as strings.TrimSpace, which cuts statements

// SeedReport says what loading a seed script did.
type SeedReport = graph.ScriptReport

// Seeder loads Cypher seed scripts through the store, which runs them in one
// transaction.
type Seeder struct {
	Store   *graph.Store
	Timeout time.Duration
	// Dir is the folder that source files named by the script (a Source
	// node's file) are read from; "" is the current directory.
	Dir string
}

// LoadFile loads the script at path; see Load. Source files the script
// names are read relative to the script's folder.
func (s *Seeder) LoadFile(ctx context.Context, path string) (SeedReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return SeedReport{}, err
	}
	sd := *s
	sd.Dir = filepath.Dir(path)
	rep, err := sd.Load(ctx, string(b))
	if err != nil {
		return SeedReport{}, fmt.Errorf("%s:%w", path, err)
	}
	return rep, nil
}

// Load runs every statement of script in one write transaction, then checks
// the graph against the vocabulary (type labels, relationship types, dates,
// confidence, claim fields, sources and their paragraphs) in the same
// transaction and stores every claim in its normal form. Any failure rolls
// everything back: a statement that fails or changes nothing (for example a
// MATCH that finds no endpoint) is reported with its line, and the graph is
// left as it was.
func (s *Seeder) Load(ctx context.Context, script string) (SeedReport, error) {
	stmts, err := SplitStatements(script)
	if err != nil {
		return SeedReport{}, err
	}
	if len(stmts) == 0 {
		return SeedReport{}, fmt.Errorf("1: %w: the script holds no statement", graph.ErrInvalid)
	}
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 5 * time.Minute
	}
	return s.Store.RunScript(ctx, stmts, timeout, func(g graph.ScriptGraph) (graph.ScriptFix, error) {
		return checkGraph(g, script, s.Dir)
	})
}

// checkGraph validates every entity, source and relationship a script left
// against the vocabulary and the claim schema, naming the offending id and
// the script line that holds it, and returns their normal forms.
func checkGraph(g graph.ScriptGraph, script, dir string) (graph.ScriptFix, error) {
	var fix graph.ScriptFix
	for _, se := range g.Entities {
		var types []string
		for _, l := range se.Labels {
			if l == "Entity" {
				continue
			}
			if _, err := graph.ParseEntityType(l); err != nil {
				return fix, fmt.Errorf("%d: entity %s: label %q is not an entity type", lineOf(script, se.ID), se.ID, l)
			}
			types = append(types, l)
		}
		if len(types) != 1 {
			return fix, fmt.Errorf("%d: entity %s: want exactly one type label, got %v", lineOf(script, se.ID), se.ID, types)
		}
		e := graph.Entity{ID: se.ID, Name: se.Name, Type: graph.EntityType(types[0])}
		if err := e.Validate(); err != nil {
			return fix, fmt.Errorf("%d: %v", lineOf(script, se.ID), err)
		}
	}
	sources := map[string]graph.Source{}
	for _, props := range g.Sources {
		id, _ := props["id"].(string)
		line := lineOf(script, id)
		src, err := graph.SourceFromProps(props)
		if err != nil {
			return fix, fmt.Errorf("%d: %v", line, err)
		}
		if err := src.Validate(); err != nil {
			return fix, fmt.Errorf("%d: %v", line, err)
		}
		if _, dup := sources[src.ID]; dup {
			return fix, fmt.Errorf("%d: source id %q is used twice", line, src.ID)
		}
		if src.File != "" {
			if filepath.IsAbs(src.File) || strings.HasPrefix(filepath.Clean(src.File), "..") {
				return fix, fmt.Errorf("%d: source %s: file %q: want a path inside the seed's folder", line, src.ID, src.File)
			}
			text, err := os.ReadFile(filepath.Join(dir, src.File))
			if err != nil {
				return fix, fmt.Errorf("%d: source %s: file: %v", line, src.ID, err)
			}
			src.Paragraphs = graph.Paragraphs(string(text))
		}
		sources[src.ID] = src
		fix.Sources = append(fix.Sources, graph.SourceProps(src))
	}
	seen := map[string]bool{}
	for _, sr := range g.Relationships {
		id, _ := sr.Props["id"].(string)
		line := lineOf(script, id)
		r, err := graph.RelationshipFromProps(sr.Type, sr.From, sr.To, sr.Props)
		if err != nil {
			return fix, fmt.Errorf("%d: %v", line, err)
		}
		if seen[r.ID] {
			return fix, fmt.Errorf("%d: relationship id %q is used twice", line, r.ID)
		}
		seen[r.ID] = true
		if err := r.Validate(); err != nil {
			return fix, fmt.Errorf("%d: %v", line, err)
		}
		if err := checkCitation(r, sources); err != nil {
			return fix, fmt.Errorf("%d: %v", line, err)
		}
		fix.Relationships = append(fix.Relationships, graph.RelProps(r))
	}
	return fix, nil
}

// checkCitation checks that a relationship's source ids name sources of the
// script and that its paragraph exists in its source's text and holds the
// evidence quote.
func checkCitation(r graph.Relationship, sources map[string]graph.Source) error {
	for _, ref := range []struct{ field, id string }{{"sourceId", r.SourceID}, {"citedSourceId", r.CitedSourceID}} {
		if ref.id == "" {
			continue
		}
		if _, ok := sources[ref.id]; !ok {
			return graph.Errorf(graph.ErrInvalid, "relationship %s: %s: no source %q is defined", r.ID, ref.field, ref.id)
		}
	}
	if r.Paragraph == 0 {
		return nil
	}
	if r.SourceID == "" {
		return graph.Errorf(graph.ErrInvalid, "relationship %s: paragraph without a sourceId", r.ID)
	}
	paras := sources[r.SourceID].Paragraphs
	if len(paras) == 0 {
		return nil
	}
	if r.Paragraph > len(paras) {
		return graph.Errorf(graph.ErrInvalid, "relationship %s: paragraph %d: source %s has %d", r.ID, r.Paragraph, r.SourceID, len(paras))
	}
	if !strings.Contains(paras[r.Paragraph-1], r.Evidence) {
		return graph.Errorf(graph.ErrInvalid, "relationship %s: evidence is not in paragraph %d of %s", r.ID, r.Paragraph, r.SourceID)
	}
	return nil
}

// lineOf returns the first line of script that mentions the quoted id, or 0.
func lineOf(script, id string) int {
	if id == "" {
		return 0
	}
	i := strings.Index(script, "'"+id+"'")
	if i < 0 {
		return 0
	}
	return strings.Count(script[:i], "\n") + 1
}
