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

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
)

// Statement is one Cypher statement of a script with the line it starts on.
type Statement struct {
	Text string
	Line int
}

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

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// SeedReport says what loading a seed script did.
type SeedReport struct {
	Statements           int
	NodesCreated         int
	RelationshipsCreated int
	PropertiesSet        int
	LabelsAdded          int
	Counts               graph.Counts
}

// Seeder loads Cypher seed scripts.
type Seeder struct {
	Driver   neo4j.DriverWithContext
	Database string
	Timeout  time.Duration
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
// confidence) in the same transaction. Any failure rolls everything back: a
// statement that fails or changes nothing (for example a MATCH that finds no
// endpoint) is reported with its line, and the graph is left as it was.
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
	sess := s.Driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.Database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(timeout))
	if err != nil {
		return SeedReport{}, fmt.Errorf("0: %w: %v", graph.ErrUnavailable, err)
	}
	defer tx.Close(ctx)
	rep := SeedReport{Statements: len(stmts)}
	for _, st := range stmts {
		res, err := tx.Run(ctx, st.Text, nil)
		var sum neo4j.ResultSummary
		if err == nil {
			sum, err = res.Consume(ctx)
		}
		if err != nil {
			return SeedReport{}, fmt.Errorf("%d: statement %q: %v", st.Line, firstLine(st.Text), serverMessage(err))
		}
		c := sum.Counters()
		if !c.ContainsUpdates() {
			return SeedReport{}, fmt.Errorf("%d: statement %q changed nothing (does it MATCH an entity that is not defined above it?)", st.Line, firstLine(st.Text))
		}
		rep.NodesCreated += c.NodesCreated()
		rep.RelationshipsCreated += c.RelationshipsCreated()
		rep.PropertiesSet += c.PropertiesSet()
		rep.LabelsAdded += c.LabelsAdded()
	}
	// Names are matched case-insensitively through an index on nameKey.
	if _, err := tx.Run(ctx, `MATCH (e:Entity) WHERE e.nameKey IS NULL OR e.nameKey <> toLower(e.name) SET e.nameKey = toLower(e.name)`, nil); err != nil {
		return SeedReport{}, fmt.Errorf("0: %v", serverMessage(err))
	}
	if err := checkGraph(ctx, tx, script, s.Dir); err != nil {
		return SeedReport{}, err
	}
	counts, err := countTx(ctx, tx)
	if err != nil {
		return SeedReport{}, err
	}
	rep.Counts = counts
	if err := tx.Commit(ctx); err != nil {
		return SeedReport{}, fmt.Errorf("0: commit: %v", serverMessage(err))
	}
	return rep, nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i] + " ..."
	}
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return s
}

func serverMessage(err error) string {
	if ne, ok := err.(*neo4j.Neo4jError); ok {
		return ne.Msg
	}
	return err.Error()
}

// checkGraph validates every entity and relationship against the
// vocabulary. It names the offending id and the script line that holds it.
func checkGraph(ctx context.Context, tx neo4j.ExplicitTransaction, script, dir string) error {
	res, err := tx.Run(ctx, `MATCH (e:Entity) RETURN e.id AS id, e.name AS name, labels(e) AS labels`, nil)
	if err != nil {
		return fmt.Errorf("0: checking entities: %v", serverMessage(err))
	}
	for res.Next(ctx) {
		rec := res.Record()
		id, _, _ := neo4j.GetRecordValue[string](rec, "id")
		name, _, _ := neo4j.GetRecordValue[string](rec, "name")
		labels, _, _ := neo4j.GetRecordValue[[]any](rec, "labels")
		var types []string
		for _, l := range labels {
			if s, _ := l.(string); s != "Entity" {
				if _, err := graph.ParseEntityType(s); err != nil {
					return fmt.Errorf("%d: entity %s: label %q is not an entity type", lineOf(script, id), id, s)
				}
				types = append(types, s)
			}
		}
		if len(types) != 1 {
			return fmt.Errorf("%d: entity %s: want exactly one type label, got %v", lineOf(script, id), id, types)
		}
		e := graph.Entity{ID: id, Name: name, Type: graph.EntityType(types[0])}
		if err := e.Validate(); err != nil {
			return fmt.Errorf("%d: %v", lineOf(script, id), err)
		}
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("0: checking entities: %v", serverMessage(err))
	}
	sources, err := checkSources(ctx, tx, script, dir)
	if err != nil {
		return err
	}
	res, err = tx.Run(ctx, `MATCH (a:Entity)-[r]->(b:Entity)
		RETURN elementId(r) AS eid, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`, nil)
	if err != nil {
		return fmt.Errorf("0: checking relationships: %v", serverMessage(err))
	}
	seen := map[string]bool{}
	var rows []map[string]any
	for res.Next(ctx) {
		rec := res.Record()
		get := func(k string) string { v, _, _ := neo4j.GetRecordValue[string](rec, k); return v }
		props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
		id, _ := props["id"].(string)
		line := lineOf(script, id)
		r, err := graph.RelationshipFromProps(get("type"), get("from"), get("to"), props)
		if err != nil {
			return fmt.Errorf("%d: %v", line, err)
		}
		if seen[r.ID] {
			return fmt.Errorf("%d: relationship id %q is used twice", line, r.ID)
		}
		seen[r.ID] = true
		if err := r.Validate(); err != nil {
			return fmt.Errorf("%d: %v", line, err)
		}
		if err := checkCitation(r, sources); err != nil {
			return fmt.Errorf("%d: %v", line, err)
		}
		rows = append(rows, map[string]any{"eid": get("eid"), "props": graph.RelProps(r)})
	}
	if err := res.Err(); err != nil {
		return fmt.Errorf("0: checking relationships: %v", serverMessage(err))
	}
	// Store every relationship in its normal form, with the span that the
	// one rule of time derives from its dates.
	if _, err := tx.Run(ctx, `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props`, map[string]any{"rows": rows}); err != nil {
		return fmt.Errorf("0: normalising relationships: %v", serverMessage(err))
	}
	return nil
}

// checkSources validates every :Source node, loads the text of those that
// name a file (relative to dir, the seed script's folder) as numbered
// paragraphs, and returns them by id.
func checkSources(ctx context.Context, tx neo4j.ExplicitTransaction, script, dir string) (map[string]graph.Source, error) {
	res, err := tx.Run(ctx, `MATCH (s:Source) RETURN elementId(s) AS eid, properties(s) AS props`, nil)
	if err != nil {
		return nil, fmt.Errorf("0: checking sources: %v", serverMessage(err))
	}
	out := map[string]graph.Source{}
	var rows []map[string]any
	for res.Next(ctx) {
		rec := res.Record()
		props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
		eid, _, _ := neo4j.GetRecordValue[string](rec, "eid")
		id, _ := props["id"].(string)
		line := lineOf(script, id)
		src, err := graph.SourceFromProps(props)
		if err != nil {
			return nil, fmt.Errorf("%d: %v", line, err)
		}
		if err := src.Validate(); err != nil {
			return nil, fmt.Errorf("%d: %v", line, err)
		}
		if _, dup := out[src.ID]; dup {
			return nil, fmt.Errorf("%d: source id %q is used twice", line, src.ID)
		}
		if src.File != "" {
			if filepath.IsAbs(src.File) || strings.HasPrefix(filepath.Clean(src.File), "..") {
				return nil, fmt.Errorf("%d: source %s: file %q: want a path inside the seed's folder", line, src.ID, src.File)
			}
			text, err := os.ReadFile(filepath.Join(dir, src.File))
			if err != nil {
				return nil, fmt.Errorf("%d: source %s: file: %v", line, src.ID, err)
			}
			src.Paragraphs = graph.Paragraphs(string(text))
		}
		out[src.ID] = src
		rows = append(rows, map[string]any{"eid": eid, "props": graph.SourceProps(src)})
	}
	if err := res.Err(); err != nil {
		return nil, fmt.Errorf("0: checking sources: %v", serverMessage(err))
	}
	if _, err := tx.Run(ctx, `UNWIND $rows AS row MATCH (s:Source) WHERE elementId(s) = row.eid SET s = row.props`, map[string]any{"rows": rows}); err != nil {
		return nil, fmt.Errorf("0: storing sources: %v", serverMessage(err))
	}
	return out, nil
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
			return fmt.Errorf("%w: relationship %s: %s: no source %q is defined", graph.ErrInvalid, r.ID, ref.field, ref.id)
		}
	}
	if r.Paragraph == 0 {
		return nil
	}
	if r.SourceID == "" {
		return fmt.Errorf("%w: relationship %s: paragraph without a sourceId", graph.ErrInvalid, r.ID)
	}
	paras := sources[r.SourceID].Paragraphs
	if len(paras) == 0 {
		return nil
	}
	if r.Paragraph > len(paras) {
		return fmt.Errorf("%w: relationship %s: paragraph %d: source %s has %d", graph.ErrInvalid, r.ID, r.Paragraph, r.SourceID, len(paras))
	}
	if !strings.Contains(paras[r.Paragraph-1], r.Evidence) {
		return fmt.Errorf("%w: relationship %s: evidence is not in paragraph %d of %s", graph.ErrInvalid, r.ID, r.Paragraph, r.SourceID)
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

func countTx(ctx context.Context, tx neo4j.ExplicitTransaction) (graph.Counts, error) {
	res, err := tx.Run(ctx, `MATCH (e:Entity) WITH count(e) AS n OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN n, count(r) AS r`, nil)
	if err != nil {
		return graph.Counts{}, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return graph.Counts{}, err
	}
	n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
	r, _, _ := neo4j.GetRecordValue[int64](rec, "r")
	return graph.Counts{Nodes: n, Relationships: r}, nil
}
