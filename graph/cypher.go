package graph

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

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

// guardLayers selects the layers of the read-only guard that Query applies.
// Query always uses all of them; tests switch one off to show that the
// others still hold on their own.
type guardLayers struct {
	static        bool // CheckQuery on the text
	plan          bool // CheckPlan on Neo4j's EXPLAIN plan
	statementType bool // the EXPLAIN's statement type must be read-only
}

var allLayers = guardLayers{static: true, plan: true, statementType: true}

// consoleFetchSize is how many records the driver fetches at a time for an
// ad-hoc query: few, so that what it holds ahead of the row and byte caps
// stays small.
const consoleFetchSize = 50

// queryGrace is how long past its time limit the explorer waits for an
// ad-hoc query, so that Neo4j's own time-out, when it comes, is the error.
const queryGrace = 2 * time.Second

// Query runs an ad-hoc statement that must be read-only. Three checks stand
// between the text and the database, each enough on its own for the attacks
// in cypher_attack_test.go: CheckQuery on its tokens, then, in a read
// transaction, Neo4j's EXPLAIN must call it read-only and CheckPlan must
// accept every operator of its plan. It then runs in the same read
// transaction with a timeout, a row cap and a byte cap, and is never retried
// (a query that ran out of memory or time fails at once). A Store from Open
// runs it over a connection of its own that is cut once Neo4j has sent more
// than wireBudget(lim), so that one huge value is never read whole. Neo4j's own
// configuration is the layer beneath: no file URLs, no network addresses
// for LOAD CSV, a memory limit per transaction (see internal/localneo4j).
func (s *Store) Query(ctx context.Context, q string, params map[string]any, lim QueryLimits) (*QueryResult, error) {
	return s.query(ctx, q, params, lim, allLayers)
}

func (s *Store) query(ctx context.Context, q string, params map[string]any, lim QueryLimits, layers guardLayers) (*QueryResult, error) {
	if strings.TrimSpace(q) == "" {
		return nil, Errorf(ErrInvalid, "query is empty")
	}
	if layers.static {
		if err := CheckQuery(q); err != nil {
			return nil, err
		}
	}
	if lim.Rows <= 0 {
		lim = DefaultQueryLimits
	}
	// Neo4j checks a transaction's time limit between rows, not while it
	// computes one expression or serialises one record, which can take
	// minutes ([x IN range(1, 20000000) | toString(x)] until its heap runs
	// out): the explorer stops waiting shortly after the limit.
	if lim.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, lim.Timeout+queryGrace)
		defer cancel()
	}
	drv, budget := s.driver, wireBudget(lim)
	var wire *wireCap
	if s.cfg.URI != "" {
		var err error
		if drv, wire, err = s.cappedDriver(ctx, budget); err != nil {
			return nil, err
		}
		defer wire.close()
		defer drv.Close(context.WithoutCancel(ctx))
	}
	sess := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeRead, FetchSize: consoleFetchSize,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
	defer sess.Close(ctx)
	// An explicit transaction: the driver retries managed ones on transient
	// errors, and running out of memory is one.
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxTimeout(lim.Timeout), neo4j.WithTxMetadata(map[string]any{"app": "explorer", "kind": "ad-hoc"}))
	if err != nil {
		if wire != nil && wire.dialErr.Load() != nil && ctx.Err() == nil {
			// The driver only saw the relay hang up; say why.
			return nil, fmt.Errorf("%w: cannot reach Neo4j at %s: %s", ErrUnavailable, s.uri, Redact(*wire.dialErr.Load(), s.password))
		}
		return nil, translateCtx(ctx, err)
	}
	defer tx.Close(ctx)
	qr, err := runChecked(ctx, tx, q, params, lim, layers, s.database)
	if err != nil {
		if errors.Is(err, ErrForbidden) {
			return nil, err
		}
		if wire != nil && wire.cut.Load() {
			return nil, errTooLarge(budget)
		}
		if ctx.Err() != nil {
			// The driver reports a cancelled read as its own error; the
			// caller's context says what happened.
			return nil, translate(ctx.Err())
		}
		return nil, translateCtx(ctx, err)
	}
	return qr, nil
}

func runChecked(ctx context.Context, tx neo4j.ExplicitTransaction, q string, params map[string]any, lim QueryLimits, layers guardLayers, database string) (*QueryResult, error) {
	res, err := tx.Run(ctx, "EXPLAIN "+q, params)
	if err != nil {
		return nil, err
	}
	sum, err := res.Consume(ctx)
	if err != nil {
		return nil, err
	}
	if st := sum.StatementType(); layers.statementType && st != neo4j.StatementTypeReadOnly {
		return nil, Errorf(ErrForbidden, "only read-only queries are allowed (this one is %s)", statementTypeName(st))
	}
	if layers.plan {
		if err := CheckPlan(sum.Plan(), database); err != nil {
			return nil, err
		}
	}
	res, err = tx.Run(ctx, q, params)
	if err != nil {
		return nil, err
	}
	qr := &QueryResult{Rows: []map[string]any{}}
	qr.Columns, _ = res.Keys()
	g := newCollector()
	g.budget = lim.Bytes
	for res.Next(ctx) {
		if len(qr.Rows) >= lim.Rows {
			qr.Truncated = true
			break
		}
		rec := res.Record()
		row := make(map[string]any, len(rec.Keys))
		for i, k := range rec.Keys {
			row[k] = g.value(rec.Values[i])
			g.spend(len(k) + 4)
		}
		if g.budget < 0 {
			// Cut while converting: a huge value is neither copied nor
			// encoded, and the row that crossed the cap is dropped whole.
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

// collector gathers the nodes and relationships seen in query results. It
// also counts what the converted values would weigh as JSON against a
// budget, and stops converting a value once the budget is spent.
type collector struct {
	nodes  map[string]Entity
	order  []string
	rels   map[string]neo4j.Relationship
	rord   []string
	budget int
}

// spend takes n bytes from the budget.
func (c *collector) spend(n int) { c.budget -= n }

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

// value converts a driver value to a JSON-friendly one, charging its
// approximate JSON size to the budget; once the budget is spent it returns
// nil for what is left (the caller drops the row).
func (c *collector) value(v any) any {
	if c.budget < 0 {
		return nil
	}
	switch x := v.(type) {
	case string:
		c.spend(len(x) + 2)
		return x
	case []byte:
		c.spend(len(x)*4/3 + 2)
		return x
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
		out := make([]any, 0, min(len(x), 1024))
		for _, e := range x {
			if c.budget < 0 {
				return nil
			}
			out = append(out, c.value(e))
			c.spend(1)
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
	c.spend(8)
	return v
}

func (c *collector) props(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		c.spend(len(k) + 4)
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
