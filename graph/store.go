package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Store keeps the graph in Neo4j. It is safe for concurrent use; create one
// per process around the process's one driver.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	// Timeout bounds every transaction the store runs.
	Timeout time.Duration
}

// NewStore returns a store on database of driver.
func NewStore(driver neo4j.DriverWithContext, database string) *Store {
	return &Store{driver: driver, database: database, Timeout: 30 * time.Second}
}

// Driver returns the underlying driver, for health checks.
func (s *Store) Driver() neo4j.DriverWithContext { return s.driver }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return translate(err)
	}
	return nil
}

func (s *Store) read(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithReadersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.Timeout)))
	return res, translate(err)
}

func (s *Store) write(ctx context.Context, cypher string, params map[string]any) (*neo4j.EagerResult, error) {
	res, err := neo4j.ExecuteQuery(ctx, s.driver, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), neo4j.ExecuteQueryWithWritersRouting(),
		neo4j.ExecuteQueryWithTransactionConfig(neo4j.WithTxTimeout(s.Timeout)))
	return res, translate(err)
}

// translate maps driver errors to the package's sentinel errors, keeping the
// server's message for client errors (it names the problem) and hiding it
// for the rest.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
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
		case strings.Contains(ne.Code, "TransactionTimedOut"), strings.Contains(ne.Code, "TransactionTimedOutClientConfiguration"):
			return fmt.Errorf("%w: the query ran past its time limit", ErrInvalid)
		case strings.Contains(ne.Code, "ConstraintValidationFailed"):
			return fmt.Errorf("%w: %s", ErrConflict, ne.Msg)
		case strings.HasPrefix(ne.Code, "Neo.ClientError."):
			return fmt.Errorf("%w: %s", ErrInvalid, ne.Msg)
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
	`CREATE INDEX entity_name_key IF NOT EXISTS FOR (e:Entity) ON (e.nameKey)`,
}

// EnsureSchema creates the constraints and indexes and waits for them to be
// online.
func (s *Store) EnsureSchema(ctx context.Context) error {
	for _, q := range schema {
		if _, err := s.write(ctx, q, nil); err != nil {
			return fmt.Errorf("schema %q: %w", q, err)
		}
	}
	for _, spec := range Vocabulary {
		q := fmt.Sprintf("CREATE CONSTRAINT rel_id_%s IF NOT EXISTS FOR ()-[r:%s]-() REQUIRE r.id IS UNIQUE",
			strings.ToLower(string(spec.Type)), spec.Type)
		if _, err := s.write(ctx, q, nil); err != nil {
			return fmt.Errorf("schema %q: %w", q, err)
		}
	}
	_, err := s.write(ctx, `CALL db.awaitIndexes(300)`, nil)
	return err
}

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

// Reset deletes every node and relationship, in batches so that a large graph
// does not need one huge transaction.
func (s *Store) Reset(ctx context.Context) error {
	for {
		res, err := s.write(ctx, `MATCH (n) WITH n LIMIT 5000 DETACH DELETE n RETURN count(*) AS c`, nil)
		if err != nil {
			return err
		}
		c, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "c")
		if c == 0 {
			return nil
		}
	}
}

// typeLabels is the REMOVE clause that clears every type label, so that a
// re-typed entity carries exactly one.
var typeLabels = func() string {
	var b strings.Builder
	b.WriteString("e")
	for _, t := range EntityTypes {
		b.WriteString(":" + string(t.Type))
	}
	return b.String()
}()

// UpsertEntities merges entities by id in one transaction per call, setting
// their properties and type label. It returns how many were created.
func (s *Store) UpsertEntities(ctx context.Context, es []Entity) (created int, err error) {
	byType := map[EntityType][]map[string]any{}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			return 0, err
		}
		byType[e.Type] = append(byType[e.Type], entityParams(e))
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		created = 0
		for _, t := range EntityTypes {
			rows := byType[t.Type]
			if len(rows) == 0 {
				continue
			}
			// The label is from the closed EntityTypes set, never from input.
			q := `UNWIND $rows AS row
				MERGE (e:Entity {id: row.id})
				SET e.name = row.name, e.nameKey = row.nameKey, e.aliases = row.aliases,
				    e.description = row.description, e.country = row.country
				REMOVE ` + typeLabels + `
				SET e:` + string(t.Type)
			res, err := tx.Run(ctx, q, map[string]any{"rows": rows})
			if err != nil {
				return nil, err
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				return nil, err
			}
			created += sum.Counters().NodesCreated()
		}
		return nil, nil
	}, neo4j.WithTxTimeout(s.Timeout))
	return created, translate(err)
}

func entityParams(e Entity) map[string]any {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return map[string]any{
		"id": e.ID, "name": e.Name, "nameKey": strings.ToLower(e.Name), "aliases": aliases,
		"description": nilIfEmpty(e.Description), "country": nilIfEmpty(e.Country),
	}
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// UpsertRelationships merges relationships by type and id between existing
// entities, in one transaction. A relationship whose endpoint is missing is
// an error and nothing of the batch is written.
func (s *Store) UpsertRelationships(ctx context.Context, rs []Relationship) (created int, err error) {
	byType := map[RelType][]map[string]any{}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return 0, err
		}
		byType[r.Type] = append(byType[r.Type], relParams(r))
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err = sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		created = 0
		for _, spec := range Vocabulary {
			rows := byType[spec.Type]
			if len(rows) == 0 {
				continue
			}
			// The type is from the closed Vocabulary, never from input.
			q := `UNWIND $rows AS row
				OPTIONAL MATCH (a:Entity {id: row.from})
				OPTIONAL MATCH (b:Entity {id: row.to})
				WITH row, a, b
				CALL (row, a, b) {
				  WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL
				  MERGE (a)-[r:` + string(spec.Type) + ` {id: row.id}]->(b)
				  SET r += row.props
				  RETURN count(r) AS n
				}
				WITH row, n WHERE n = 0
				RETURN row.id AS id, row.from AS from, row.to AS to LIMIT 5`
			res, err := tx.Run(ctx, q, map[string]any{"rows": rows})
			if err != nil {
				return nil, err
			}
			recs, err := res.Collect(ctx)
			if err != nil {
				return nil, err
			}
			if len(recs) > 0 {
				var missing []string
				for _, rec := range recs {
					id, _, _ := neo4j.GetRecordValue[string](rec, "id")
					from, _, _ := neo4j.GetRecordValue[string](rec, "from")
					to, _, _ := neo4j.GetRecordValue[string](rec, "to")
					missing = append(missing, fmt.Sprintf("%s (%s -> %s)", id, from, to))
				}
				return nil, fmt.Errorf("%w: relationships to missing entities: %s", ErrInvalid, strings.Join(missing, ", "))
			}
			sum, err := res.Consume(ctx)
			if err != nil {
				return nil, err
			}
			created += sum.Counters().RelationshipsCreated()
		}
		return nil, nil
	}, neo4j.WithTxTimeout(s.Timeout))
	if err != nil && errors.Is(err, ErrInvalid) {
		return 0, err
	}
	return created, translate(err)
}

func relParams(r Relationship) map[string]any {
	props := map[string]any{
		"start": nilIfEmpty(r.Start.String()), "end": nilIfEmpty(r.End.String()),
		"evidence": r.Evidence, "source": r.Source, "sourceUrl": nilIfEmpty(r.SourceURL),
		"citedSource": nilIfEmpty(r.CitedSource), "confidence": string(r.Confidence),
	}
	return map[string]any{"id": r.ID, "from": r.From, "to": r.To, "props": props}
}
