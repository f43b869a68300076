package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"
)

// QueryLimits bounds an ad-hoc query.
type QueryLimits struct {
	Rows    int
	Bytes   int
	Timeout time.Duration
}

// DefaultQueryLimits are the limits of the CLI and the API.
var DefaultQueryLimits = QueryLimits{Rows: 1000, Bytes: 4 << 20, Timeout: 15 * time.Second}

// QueryResult is the outcome of an ad-hoc read-only query. Graph holds the
// nodes and relationships that appear in the rows, for a diagram.
type QueryResult struct {
	Columns   []string         `json:"columns"`
	Rows      []map[string]any `json:"rows"`
	Truncated bool             `json:"truncated,omitempty"`
	Graph     Subgraph         `json:"-"`
}

// AllowedProcedures are the procedures ad-hoc queries may call: read-only
// catalogue and search procedures. Everything else is refused.
var AllowedProcedures = []string{
	"db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
	"db.schema.nodetypeproperties", "db.schema.reltypeproperties",
	"db.index.fulltext.querynodes", "db.index.fulltext.queryrelationships",
}

var (
	blockComment = regexp.MustCompile(`(?s)/\*.*?\*/`)
	lineComment  = regexp.MustCompile(`//[^\n]*`)
	stringLit    = regexp.MustCompile(`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`)
	callName     = regexp.MustCompile("(?i)\\bCALL\\s+([A-Za-z_`][A-Za-z0-9_.`\\s]*?)\\s*(?:\\(|$|\\bYIELD\\b|;)")
	loadCSV      = regexp.MustCompile(`(?i)\bLOAD\s+CSV\b`)
	inTx         = regexp.MustCompile(`(?i)\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b`)
	useClause    = regexp.MustCompile(`(?i)(?:^|[\s;])USE\s`)
	periodicFn   = regexp.MustCompile(`(?i)\b(?:apoc|gds|dbms)\s*\.`)
)

// planKeyword is a statement that asks for its plan (PROFILE runs it too).
var planKeyword = regexp.MustCompile(`(?i)^\s*(profile|explain)\b`)

// normalizeCypher blanks comments and string literals and folds Unicode
// whitespace to spaces, so that keyword checks see the statement's structure
// and not its data.
func normalizeCypher(q string) string {
	q = blockComment.ReplaceAllString(q, " ")
	q = stringLit.ReplaceAllString(q, "''")
	q = lineComment.ReplaceAllString(q, " ")
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, q)
}

// CheckQuery is the static part of the read-only guard: one statement, no
// LOAD CSV, no CALL ... IN TRANSACTIONS, no USE, and only allow-listed
// procedures. The EXPLAIN check in Query is the authoritative part; this
// refuses what EXPLAIN would call read-only but is still unsafe (reading
// server files, admin procedures).
func CheckQuery(q string) error {
	if strings.TrimSpace(q) == "" {
		return fmt.Errorf("%w: query is empty", ErrInvalid)
	}
	n := normalizeCypher(q)
	if m := planKeyword.FindStringSubmatch(n); m != nil {
		return fmt.Errorf("%w: %s is not supported here: the console shows a query's rows, not its plan; drop %s to run the query", ErrInvalid, strings.ToUpper(m[1]), strings.ToUpper(m[1]))
	}
	if i := strings.Index(n, ";"); i >= 0 && strings.TrimSpace(n[i+1:]) != "" {
		return fmt.Errorf("%w: only one statement is allowed", ErrForbidden)
	}
	if loadCSV.MatchString(n) {
		return fmt.Errorf("%w: LOAD CSV is not allowed", ErrForbidden)
	}
	if inTx.MatchString(n) {
		return fmt.Errorf("%w: CALL ... IN TRANSACTIONS is not allowed", ErrForbidden)
	}
	if useClause.MatchString(" " + n) {
		return fmt.Errorf("%w: USE is not allowed: queries run on the explorer's database", ErrForbidden)
	}
	for _, m := range callName.FindAllStringSubmatch(n, -1) {
		name := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(m[1], "`", "")), ""))
		if !slices.Contains(AllowedProcedures, name) {
			return fmt.Errorf("%w: procedure %s is not on the allow-list (%s)", ErrForbidden, name, strings.Join(AllowedProcedures, ", "))
		}
	}
	if periodicFn.MatchString(n) {
		return fmt.Errorf("%w: apoc, gds and dbms functions are not allowed", ErrForbidden)
	}
	return nil
}

// Query runs an ad-hoc statement that must be read-only: it passes CheckQuery,
// an EXPLAIN in a read transaction must report it read-only, and it then runs
// in a read transaction with a timeout, a row cap and a byte cap.
func (s *Store) Query(ctx context.Context, q string, params map[string]any, lim QueryLimits) (*QueryResult, error) {
	if err := CheckQuery(q); err != nil {
		return nil, err
	}
	if lim.Rows <= 0 {
		lim = DefaultQueryLimits
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	out, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		res, err := tx.Run(ctx, "EXPLAIN "+q, params)
		if err != nil {
			return nil, err
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			return nil, err
		}
		if st := sum.StatementType(); st != neo4j.StatementTypeReadOnly {
			return nil, fmt.Errorf("%w: only read-only queries are allowed (this one is %s)", ErrForbidden, statementTypeName(st))
		}
		res, err = tx.Run(ctx, q, params)
		if err != nil {
			return nil, err
		}
		qr := &QueryResult{Rows: []map[string]any{}}
		qr.Columns, _ = res.Keys()
		g := newCollector()
		size := 0
		for res.Next(ctx) {
			if len(qr.Rows) >= lim.Rows {
				qr.Truncated = true
				break
			}
			rec := res.Record()
			row := make(map[string]any, len(rec.Keys))
			for i, k := range rec.Keys {
				row[k] = g.value(rec.Values[i])
			}
			b, _ := json.Marshal(row)
			size += len(b)
			if size > lim.Bytes {
				qr.Truncated = true
				break
			}
			qr.Rows = append(qr.Rows, row)
		}
		if err := res.Err(); err != nil {
			return nil, err
		}
		qr.Graph = g.subgraph()
		return qr, nil
	}, neo4j.WithTxTimeout(lim.Timeout))
	if err != nil {
		if errors.Is(err, ErrForbidden) {
			return nil, err
		}
		return nil, translate(err)
	}
	return out.(*QueryResult), nil
}

func statementTypeName(st neo4j.StatementType) string {
	switch st {
	case neo4j.StatementTypeReadWrite:
		return "read-write"
	case neo4j.StatementTypeWriteOnly:
		return "write-only"
	case neo4j.StatementTypeSchemaWrite:
		return "a schema change"
	}
	return "of unknown type"
}

// collector gathers the nodes and relationships seen in query results.
type collector struct {
	nodes map[string]Entity
	order []string
	rels  map[string]neo4j.Relationship
	rord  []string
}

func newCollector() *collector {
	return &collector{nodes: map[string]Entity{}, rels: map[string]neo4j.Relationship{}}
}

func (c *collector) addNode(n neo4j.Node) Entity {
	e, ok := c.nodes[n.ElementId]
	if !ok {
		e = entityFromNode(n)
		c.nodes[n.ElementId] = e
		c.order = append(c.order, n.ElementId)
	}
	return e
}

func (c *collector) addRel(r neo4j.Relationship) {
	if _, ok := c.rels[r.ElementId]; !ok {
		c.rels[r.ElementId] = r
		c.rord = append(c.rord, r.ElementId)
	}
}

// value converts a driver value to a JSON-friendly one.
func (c *collector) value(v any) any {
	switch x := v.(type) {
	case neo4j.Node:
		e := c.addNode(x)
		return map[string]any{"_kind": "node", "id": e.ID, "labels": x.Labels, "properties": c.props(x.Props)}
	case neo4j.Relationship:
		c.addRel(x)
		return map[string]any{"_kind": "relationship", "type": x.Type, "properties": c.props(x.Props)}
	case neo4j.Path:
		nodes := make([]any, len(x.Nodes))
		for i, n := range x.Nodes {
			nodes[i] = c.value(n)
		}
		rels := make([]any, len(x.Relationships))
		for i, r := range x.Relationships {
			rels[i] = c.value(r)
		}
		return map[string]any{"_kind": "path", "nodes": nodes, "relationships": rels}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = c.value(e)
		}
		return out
	case map[string]any:
		return c.props(x)
	case dbtype.Date:
		return x.String()
	case dbtype.LocalDateTime:
		return x.String()
	case dbtype.LocalTime:
		return x.String()
	case dbtype.Time:
		return x.String()
	case dbtype.Duration:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case float64:
		// JSON has no NaN or infinities: they travel as these strings.
		switch {
		case math.IsNaN(x):
			return "NaN"
		case math.IsInf(x, 1):
			return "Infinity"
		case math.IsInf(x, -1):
			return "-Infinity"
		}
	case dbtype.Point2D:
		return x.String()
	case dbtype.Point3D:
		return x.String()
	}
	return v
}

func (c *collector) props(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = c.value(v)
	}
	return out
}

func (c *collector) subgraph() Subgraph {
	ids := make(map[string]string, len(c.nodes))
	g := Subgraph{Nodes: []Entity{}, Relationships: []Relationship{}}
	for _, el := range c.order {
		ids[el] = c.nodes[el].ID
		g.Nodes = append(g.Nodes, c.nodes[el])
	}
	for _, el := range c.rord {
		r := c.rels[el]
		if ids[r.StartElementId] == "" || ids[r.EndElementId] == "" {
			continue
		}
		g.Relationships = append(g.Relationships, relFromRel(r, ids))
	}
	return g
}
