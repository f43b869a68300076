package graph

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Store keeps the graph in Neo4j. It is safe for concurrent use; create one
// per process around the process's one driver.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	// uri and password name the server in errors and redact them.
	uri, password string
	// cfg is how Open reached the server; ad-hoc queries open their own
	// capped connection with it (see cappedDriver). A Store made with
	// NewStore has none, and its ad-hoc queries use the shared driver.
	cfg Config
	// Timeout bounds every transaction the store runs.
	Timeout time.Duration
	// paths is the path index, when the store keeps one; stores made
	// with NewStoreLike share it.
	paths *pathIndex
}

// NewStore returns a store on database of driver.
func NewStore(driver neo4j.DriverWithContext, database string) *Store {
	return &Store{driver: driver, database: database, Timeout: 30 * time.Second, paths: &pathIndex{}}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return translate(err)
	}
	return nil
}

// session opens a session in mode that shares the driver's bookmark
// manager with ExecuteQuery, so that on a cluster (neo4j:// URIs) a read
// routed to a follower waits until it has every write this process made
// (causal consistency: a search right after an import sees it).
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: mode,
		BookmarkManager: s.driver.ExecuteQueryBookmarkManager()})
}

func (s *Store) read(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.Timeout)))
	return res, translateCtx(ctx, err)
}

func (s *Store) write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.Timeout)))
	return res, translateCtx(ctx, err)
}

// translateCtx is translate for a call made under ctx: when ctx has ended,
// the error is that end (context.Canceled, or the time limit), because the
// driver does not always wrap it ("Reading from connection has been
// canceled: context canceled" does not), and a client that hung up must
// not look like an internal failure.
func translateCtx(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		err = fmt.Errorf("%w: %v", ctx.Err(), err)
	}
	return translate(err)
}

// translate maps driver errors to the package's sentinel errors, keeping the
// server's message for client errors (it names the problem) and hiding it
// for the rest.
func translate(err error) error {
	if err == nil {
		return nil
	}
	// A caller that gave up is not an outage: cancellation stays
	// context.Canceled, and a deadline is the query's time limit.
	if errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%w: %v", ErrTimeout, err)
	}
	if neo4j.IsConnectivityError(err) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	// The driver gave up retrying a transaction that kept failing for
	// transient reasons (the database is down or restarting).
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case strings.HasPrefix(ne.Code, "Neo.ClientError.Security."):
			return fmt.Errorf("%w: neo4j refused the request: %s", ErrUnavailable, ne.Code)
		case strings.Contains(ne.Code, "TransactionTimedOut"):
			return ErrTimeout
		case strings.Contains(ne.Code, "MemoryPoolOutOfMemoryError"):
			return Errorf(ErrInvalid, "the query needs more memory than one transaction may use; ask for less (aggregate, LIMIT, fewer columns)")
		case ne.Code == "Neo.TransientError.General.OutOfMemoryError":
			// Neo4j's heap ran out: a value built inside one expression is not
			// counted by the transaction memory limit. The query, not an
			// outage; the server recovers.
			return Errorf(ErrInvalid, "Neo4j ran out of memory computing the query (a value built inside one row is not counted by its memory limit); ask for less")
		case strings.Contains(ne.Code, "ConstraintValidationFailed"):
			return Errorf(ErrConflict, "%s", ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError."):
			return Errorf(ErrInvalid, "%s", ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.TransientError."):
			return fmt.Errorf("%w: %s", ErrUnavailable, ne.Code)
		}
	}
	return err
}

// Redact removes secret from an error's text, for errors that may quote a
// connection string or credentials.
func Redact(err error, secret string) string {
	if err == nil {
		return ""
	}
	if secret == "" {
		return err.Error()
	}
	return strings.ReplaceAll(err.Error(), secret, "***")
}

// schema is the constraints and indexes the store relies on. Each statement
// is idempotent.
var schema = []string{
	`CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE`,
	`CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliases]`,
	// Identifiers are looked up whole (xref blocking): a keyword analyzer
	// makes each list element one term, which a range index cannot do.
	"CREATE FULLTEXT INDEX entity_identifiers IF NOT EXISTS FOR (e:Entity) ON EACH [e.identifiers] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
	`CREATE FULLTEXT INDEX entity_descriptions IF NOT EXISTS FOR (e:Entity) ON EACH [e.description]`,
	`CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey)`,
	`CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE`,
	// Cross-referencing: judgements by pair, merge tombstones by old id.
	`CREATE CONSTRAINT judgement_key IF NOT EXISTS FOR (j:Judgement) REQUIRE j.key IS UNIQUE`,
	`CREATE INDEX merged_entity_id IF NOT EXISTS FOR (m:MergedEntity) ON (m.id)`,
	`CREATE CONSTRAINT investigation_id IF NOT EXISTS FOR (i:Investigation) REQUIRE i.id IS UNIQUE`,
	// The graph's change counter and the stored cross-reference (version.go, xrefstore.go).
	`CREATE CONSTRAINT graph_version_name IF NOT EXISTS FOR (v:GraphVersion) REQUIRE v.name IS UNIQUE`,
	`CREATE CONSTRAINT xref_state_name IF NOT EXISTS FOR (x:XrefState) REQUIRE x.name IS UNIQUE`,
	`CREATE INDEX xref_candidate_run IF NOT EXISTS FOR (c:XrefCandidate) ON (c.run)`,
}

// schemaStatements returns the statements that create the constraints and
// indexes, plain indexes first.
func schemaStatements() []string {
	out := slices.Clone(schema)
	types := make([]string, len(Vocabulary))
	for i, spec := range Vocabulary {
		types[i] = string(spec.Type)
	}
	out = append(out, fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR ()-[r:%s]-() ON EACH [r.sourceId, r.citedSourceId] OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
		sourceRefIndex, strings.Join(types, "|")))
	for _, spec := range Vocabulary {
		out = append(out, fmt.Sprintf("CREATE CONSTRAINT rel_id_%s IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE",
			strings.ToLower(string(spec.Type)), spec.Type))
	}
	return out
}

// EnsureSchema creates the constraints and indexes and waits for them to be
// online. After a bulk load this is a large part of the time, so the plain
// indexes are created in one transaction (Neo4j then fills them in one pass
// over the store, in the background) and the uniqueness constraints, whose
// creation waits for their own index, from a few sessions at once: on a
// 300,000-entity, 1,000,000-relationship store this halved the schema step
// (BENCHMARKS.md, "Bulk initial load").
func (s *Store) EnsureSchema(ctx context.Context) error {
	if err := s.dropStaleSourceRefs(ctx); err != nil {
		return err
	}
	var plain, constraints []string
	for _, q := range schemaStatements() {
		if strings.HasPrefix(q, "CREATE CONSTRAINT") {
			constraints = append(constraints, q)
		} else {
			plain = append(plain, q)
		}
	}
	if err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		for _, q := range plain {
			if _, err := tx.Run(ctx, q, nil); err != nil {
				return fmt.Errorf("schema %q: %w", q, err)
			}
		}
		return nil
	}); err != nil {
		return err
	}
	errs := make([]error, len(constraints))
	next := make(chan int)
	var wg sync.WaitGroup
	for range schemaSessions {
		wg.Go(func() {
			for i := range next {
				if _, err := s.write(ctx, constraints[i], nil); err != nil {
					errs[i] = fmt.Errorf("schema %q: %w", constraints[i], err)
				}
			}
		})
	}
	for i := range constraints {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	_, err := s.write(ctx, `CALL db.awaitIndexes(300)`, nil)
	return err
}

// schemaSessions is how many constraints EnsureSchema creates at once.
const schemaSessions = 4

// Counts is the size of the graph.
type Counts struct {
	Nodes         int64 `json:"nodes"`
	Relationships int64 `json:"relationships"`
}

// Count returns the number of entities and relationships.
func (s *Store) Count(ctx context.Context) (Counts, error) {
	res, err := s.read(ctx, `MATCH (e:Entity) WITH count(e) AS n
		OPTIONAL MATCH (:Entity)-[r]->(:Entity) RETURN n, count(r) AS r`, nil)
	if err != nil {
		return Counts{}, err
	}
	n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n")
	r, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "r")
	return Counts{Nodes: n, Relationships: r}, nil
}

// CountAll returns the number of all nodes and all relationships, of any
// label or type (entities, sources and anything written by hand).
func (s *Store) CountAll(ctx context.Context) (Counts, error) {
	res, err := s.read(ctx, `CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r`, nil)
	if err != nil {
		return Counts{}, err
	}
	n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n")
	r, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "r")
	return Counts{Nodes: n, Relationships: r}, nil
}

// Reset deletes every node and relationship, in batches so that a large graph
// does not need one huge transaction: relationships first, then nodes, so a
// batch's size does not depend on the degree of its nodes (a batch of nodes
// deleted with their links once ran past the transaction memory limit on a
// 1,000,000-relationship graph with hubs).
func (s *Store) Reset(ctx context.Context) error {
	for _, q := range []string{
		`MATCH ()-[r]->() WITH r LIMIT 10000 DELETE r RETURN count(*) AS c`,
		`MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c`,
	} {
		for {
			res, err := s.write(ctx, q, nil)
			if err != nil {
				return err
			}
			c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c")
			if c == 0 {
				break
			}
		}
	}
	return nil
}

func entityParams(e Entity) map[string]any {
	// No aliases is no property, like an empty description: the offline
	// importer (import --bulk) cannot write an empty list, and both imports
	// store the same thing.
	var aliases any
	if len(e.Aliases) > 0 {
		aliases = e.Aliases
	}
	var ids any
	if len(e.Identifiers) > 0 {
		ids = e.Identifiers
	}
	return map[string]any{
		"id": e.ID, "name": e.Name, "nameKey": strings.ToLower(e.Name), "aliases": aliases, "identifiers": ids,
		"description": nilIfEmpty(e.Description), "country": nilIfEmpty(e.Country),
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
