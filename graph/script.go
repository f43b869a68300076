package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Statement is one statement of a Cypher script with the line it starts on.
type Statement struct {
	Text string
	Line int
}

// ScriptReport says what running a script did.
type ScriptReport struct {
	Statements           int
	NodesCreated         int
	RelationshipsCreated int
	PropertiesSet        int
	LabelsAdded          int
	Counts               Counts
}

// ScriptGraph is the graph a script left behind, as its loader checks it:
// every entity with its labels, every relationship between entities with
// its stored properties, and every source record's properties.
type ScriptGraph struct {
	Entities      []ScriptEntity
	Relationships []ScriptRel
	Sources       []map[string]any
}

// ScriptEntity is an entity as a script left it.
type ScriptEntity struct {
	ID, Name string
	Labels   []string
}

// ScriptRel is a relationship as a script left it.
type ScriptRel struct {
	Type, From, To string
	Props          map[string]any
}

// ScriptFix is what a script's check wants stored before the commit: the
// normal form of each relationship and source, by index into the
// ScriptGraph (RelProps, SourceProps).
type ScriptFix struct {
	Relationships []map[string]any
	Sources       []map[string]any
}

// RunScript runs stmts in one write transaction, reads back the graph they
// left, hands it to check, stores the normal forms check returns and
// commits. Any failure rolls everything back, so the graph is left as it
// was: a statement that fails, or that changes nothing (a MATCH on an entity
// that is not there), is an error that starts with its line ("12: ...");
// check's errors are returned as they are.
func (s *Store) RunScript(ctx context.Context, stmts []Statement, timeout time.Duration, check func(ScriptGraph) (ScriptFix, error)) (ScriptReport, error) {
	if timeout <= 0 {
		timeout = s.Timeout
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(timeout))
	if err != nil {
		return ScriptReport{}, fmt.Errorf("0: %w", translate(err))
	}
	defer tx.Close(ctx)
	rep := ScriptReport{Statements: len(stmts)}
	for _, st := range stmts {
		res, err := tx.Run(ctx, st.Text, nil)
		var sum neo4j.ResultSummary
		if err == nil {
			sum, err = res.Consume(ctx)
		}
		if err != nil {
			return ScriptReport{}, fmt.Errorf("%d: statement %q: %s", st.Line, firstLine(st.Text), serverMessage(err))
		}
		c := sum.Counters()
		if !c.ContainsUpdates() {
			return ScriptReport{}, fmt.Errorf("%d: statement %q changed nothing (does it MATCH an entity that is not defined above it?)", st.Line, firstLine(st.Text))
		}
		rep.NodesCreated += c.NodesCreated()
		rep.RelationshipsCreated += c.RelationshipsCreated()
		rep.PropertiesSet += c.PropertiesSet()
		rep.LabelsAdded += c.LabelsAdded()
	}
	// Names are matched case-insensitively through an index on nameKey.
	if _, err := tx.Run(ctx, `MATCH (e:Entity) WHERE e.nameKey IS NULL OR e.nameKey <> toLower(e.name) SET e.nameKey = toLower(e.name)`, nil); err != nil {
		return ScriptReport{}, fmt.Errorf("0: %s", serverMessage(err))
	}
	g, relIDs, srcIDs, err := readScriptGraph(ctx, tx)
	if err != nil {
		return ScriptReport{}, err
	}
	fix, err := check(g)
	if err != nil {
		return ScriptReport{}, err
	}
	for _, w := range []struct {
		what, cypher string
		ids          []string
		props        []map[string]any
	}{
		{"sources", `UNWIND $rows AS row MATCH (s:Source) WHERE elementId(s) = row.eid SET s = row.props`, srcIDs, fix.Sources},
		{"relationships", `UNWIND $rows AS row MATCH ()-[r]->() WHERE elementId(r) = row.eid SET r = row.props`, relIDs, fix.Relationships},
	} {
		if len(w.props) == 0 {
			continue
		}
		rows := make([]map[string]any, 0, len(w.props))
		for i, p := range w.props {
			if p != nil {
				rows = append(rows, map[string]any{"eid": w.ids[i], "props": p})
			}
		}
		if _, err := tx.Run(ctx, w.cypher, map[string]any{"rows": rows}); err != nil {
			return ScriptReport{}, fmt.Errorf("0: storing %s: %s", w.what, serverMessage(err))
		}
	}
	res, err := tx.Run(ctx, `MATCH (e:Entity) WITH count(e) AS n OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN n, count(r) AS r`, nil)
	if err == nil {
		var rec *neo4j.Record
		if rec, err = res.Single(ctx); err == nil {
			n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
			r, _, _ := neo4j.GetRecordValue[int64](rec, "r")
			rep.Counts = Counts{Nodes: n, Relationships: r}
		}
	}
	if err != nil {
		return ScriptReport{}, fmt.Errorf("0: counting: %s", serverMessage(err))
	}
	if err := bumpVersionTx(ctx, tx); err != nil {
		return ScriptReport{}, fmt.Errorf("0: graph version: %s", serverMessage(err))
	}
	if err := tx.Commit(ctx); err != nil {
		return ScriptReport{}, fmt.Errorf("0: commit: %w", translate(err))
	}
	return rep, nil
}

// readScriptGraph reads what a script left, with the element ids of the
// relationships and sources so that their normal forms can be stored.
func readScriptGraph(ctx context.Context, tx neo4j.ExplicitTransaction) (g ScriptGraph, relIDs, srcIDs []string, err error) {
	read := func(what, cypher string, each func(*neo4j.Record)) error {
		res, err := tx.Run(ctx, cypher, nil)
		if err != nil {
			return fmt.Errorf("0: reading %s: %s", what, serverMessage(err))
		}
		for res.Next(ctx) {
			each(res.Record())
		}
		if err := res.Err(); err != nil {
			return fmt.Errorf("0: reading %s: %s", what, serverMessage(err))
		}
		return nil
	}
	str := func(rec *neo4j.Record, k string) string { v, _, _ := neo4j.GetRecordValue[string](rec, k); return v }
	err = read("entities", `MATCH (e:Entity) RETURN e.id AS id, e.name AS name, labels(e) AS labels`, func(rec *neo4j.Record) {
		labels, _, _ := neo4j.GetRecordValue[[]any](rec, "labels")
		e := ScriptEntity{ID: str(rec, "id"), Name: str(rec, "name")}
		for _, l := range labels {
			if s, _ := l.(string); s != "" {
				e.Labels = append(e.Labels, s)
			}
		}
		g.Entities = append(g.Entities, e)
	})
	if err == nil {
		err = read("sources", `MATCH (s:Source) RETURN elementId(s) AS eid, properties(s) AS props`, func(rec *neo4j.Record) {
			props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
			g.Sources = append(g.Sources, props)
			srcIDs = append(srcIDs, str(rec, "eid"))
		})
	}
	if err == nil {
		err = read("relationships", `MATCH (a:Entity)-[r]->(b:Entity)
RETURN elementId(r) AS eid, type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`, func(rec *neo4j.Record) {
			props, _, _ := neo4j.GetRecordValue[map[string]any](rec, "props")
			g.Relationships = append(g.Relationships, ScriptRel{Type: str(rec, "type"), From: str(rec, "from"), To: str(rec, "to"), Props: props})
			relIDs = append(relIDs, str(rec, "eid"))
		})
	}
	return g, relIDs, srcIDs, err
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

// serverMessage is the server's own message for a statement's error (it
// names the problem), or the error itself.
func serverMessage(err error) string {
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		return ne.Msg
	}
	return err.Error()
}
