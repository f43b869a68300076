package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// An import run is the unit an import commits or rolls back whole. Every
// batch it writes journals, in the same transaction as the batch, what the
// batch created (the ids, one :ImportUndo node per batch) and, for every
// entity or relationship it changed, the properties and type labels it had
// before (one :ImportUndo node each). A run that finishes is marked
// committed and its journal deleted; a run that fails is rolled back from
// its journal (created things deleted, changed things restored) or resumed
// with the same input. One run is unfinished at a time: a second import
// waits for no one, it is refused (ErrConflict) until the first commits or
// is rolled back, so that a rollback never undoes another run's writes.
//
// The bookkeeping lives outside the :Entity graph, on nodes labelled
// :ImportRun (one per run, kept as history), :ImportUndo (the journal, gone
// when the run ends) and :ImportLock (one node that serialises run starts).

// RunStatus is where an import run stands.
type RunStatus string

// Run statuses.
const (
	// RunRunning: a process is writing it (its heartbeat is fresh).
	RunRunning RunStatus = "running"
	// RunFailed: it stopped before the end; resume or roll it back.
	RunFailed RunStatus = "failed"
	// RunCommitted: all of it is written.
	RunCommitted RunStatus = "committed"
	// RunRolledBack: nothing of it is left.
	RunRolledBack RunStatus = "rolled_back"
)

// RunLease is how long a running run's heartbeat stays fresh: a run whose
// process died is taken as failed after this long. Its writer beats every
// few seconds and with every batch it commits.
const RunLease = 15 * time.Second

// ImportRun describes one import run.
type ImportRun struct {
	ID     string    `json:"id"`
	Status RunStatus `json:"status"`
	// Files names the inputs; Digest is the SHA-256 of their bytes, which a
	// resume must match.
	Files     []string  `json:"files"`
	Digest    string    `json:"digest"`
	Started   time.Time `json:"started"`
	Heartbeat time.Time `json:"heartbeat"`
	Finished  time.Time `json:"finished,omitzero"`
	// Error is why it failed, when it did.
	Error string `json:"error,omitempty"`
}

// Stale reports whether r says running but its process stopped beating.
func (r ImportRun) Stale(now time.Time) bool {
	return r.Status == RunRunning && now.Sub(r.Heartbeat) > RunLease
}

// Unfinished reports whether r must be resumed or rolled back.
func (r ImportRun) Unfinished() bool { return r.Status == RunRunning || r.Status == RunFailed }

// RollbackResult counts what a rollback undid.
type RollbackResult struct {
	// Deleted counts entities and relationships the run had created.
	DeletedEntities      int `json:"deleted_entities"`
	DeletedRelationships int `json:"deleted_relationships"`
	// Restored counts entities and relationships put back as they were.
	RestoredEntities      int `json:"restored_entities"`
	RestoredRelationships int `json:"restored_relationships"`
	// DeletedSources and RestoredSources count source records the run
	// created or filled in (see ImportSources).
	DeletedSources  int `json:"deleted_sources,omitempty"`
	RestoredSources int `json:"restored_sources,omitempty"`
}

// importSchema is the bookkeeping's constraints and index. On an
// :ImportUndo node the journal's own properties start with an underscore
// (_run, _kind, _key, _labels, _type, _ids); the rest are the saved
// properties of the entity or relationship.
var importSchema = []string{
	`CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE`,
	`CREATE CONSTRAINT import_lock_name IF NOT EXISTS FOR (l:ImportLock) REQUIRE l.name IS UNIQUE`,
	`CREATE INDEX import_undo_run IF NOT EXISTS FOR (u:ImportUndo) ON (u._run)`,
}

// BeginImport starts run (status running) or, when resume is true, takes
// up the failed (or stale) run of that id again, which must have the same
// digest. It refuses with ErrConflict while another run is unfinished.
func (s *Store) BeginImport(ctx context.Context, run ImportRun, resume bool) error {
	for _, q := range importSchema {
		if _, err := s.write(ctx, q, nil); err != nil {
			return fmt.Errorf("import schema: %w", err)
		}
	}
	// Committed runs whose journal was not deleted (the process stopped
	// right after committing) are cleaned first.
	if err := s.dropJournalsOf(ctx, `r.status IN ['committed', 'rolled_back']`); err != nil {
		return err
	}
	return s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		// Taking the lock node's write lock serialises concurrent starts.
		if _, err := tx.Run(ctx, `MERGE (l:ImportLock {name: 'import'}) SET l.at = datetime()`, nil); err != nil {
			return err
		}
		res, err := tx.Run(ctx, `MATCH (r:ImportRun) WHERE r.status IN ['running', 'failed'] RETURN r`, nil)
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		now := time.Now()
		for _, rec := range recs {
			other := runFromRecord(rec)
			if resume && other.ID == run.ID {
				if other.Status == RunRunning && !other.Stale(now) {
					return Errorf(ErrConflict, "import run %s is still running (its heartbeat is %s old)", run.ID, now.Sub(other.Heartbeat).Round(time.Second))
				}
				if other.Digest != run.Digest {
					return Errorf(ErrInvalid, "import run %s was of other input (digest %.12s, this is %.12s): resume it with the same files, or roll it back", run.ID, other.Digest, run.Digest)
				}
				continue
			}
			return Errorf(ErrConflict, "import run %s (%s, started %s) is unfinished: resume it (explorer import --resume %s FILE...) or roll it back (explorer import --rollback %s) first", other.ID, other.Status, other.Started.UTC().Format(time.RFC3339), other.ID, other.ID)
		}
		if resume {
			res, err := tx.Run(ctx, `MATCH (r:ImportRun {id: $id}) WHERE r.status IN ['running', 'failed']
SET r.status = 'running', r.heartbeat = datetime(), r.error = null RETURN r.id`, map[string]any{"id": run.ID})
			if err != nil {
				return err
			}
			if _, err := res.Single(ctx); err != nil {
				return Errorf(ErrNotFound, "no unfinished import run %q to resume", run.ID)
			}
			return bumpVersionTx(ctx, tx)
		}
		_, err = tx.Run(ctx, `CREATE (:ImportRun {id: $id, status: 'running', files: $files, digest: $digest,
  started: datetime(), heartbeat: datetime()})`, map[string]any{"id": run.ID, "files": run.Files, "digest": run.Digest})
		if err != nil {
			return err
		}
		return bumpVersionTx(ctx, tx)
	})
}

// Heartbeat tells that the process writing run is alive.
func (s *Store) Heartbeat(ctx context.Context, run string) error {
	_, err := s.write(ctx, `MATCH (r:ImportRun {id: $id, status: 'running'}) SET r.heartbeat = datetime()`, map[string]any{"id": run})
	return err
}

// CommitImport marks run committed (the moment it becomes all of the input)
// and deletes its journal.
func (s *Store) CommitImport(ctx context.Context, run string) error {
	res, err := s.write(ctx, `MATCH (r:ImportRun {id: $id}) WHERE r.status = 'running'
SET r.status = 'committed', r.finished = datetime() RETURN r.id`, map[string]any{"id": run})
	if err != nil {
		return err
	}
	if len(res.Records) == 0 {
		return Errorf(ErrConflict, "import run %q is not running", run)
	}
	if err := s.bumpVersion(ctx); err != nil {
		return err
	}
	return s.dropJournalsOf(ctx, `r.id = $id`, "id", run)
}

// FailImport marks run failed with why, so that it waits for a resume or a
// rollback.
func (s *Store) FailImport(ctx context.Context, run, why string) error {
	_, err := s.write(ctx, `MATCH (r:ImportRun {id: $id}) WHERE r.status = 'running' SET r.status = 'failed', r.error = $why`,
		map[string]any{"id": run, "why": why})
	return err
}

// dropJournalsOf deletes, in bounded transactions, the journal of the runs
// that where (a Cypher condition on r) selects.
func (s *Store) dropJournalsOf(ctx context.Context, where string, kv ...string) error {
	params := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i]] = kv[i+1]
	}
	for {
		res, err := s.write(ctx, `MATCH (r:ImportRun) WHERE `+where+`
MATCH (u:ImportUndo {_run: r.id}) WITH u LIMIT 5000 DELETE u RETURN count(*) AS n`, params)
		if err != nil {
			return err
		}
		if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
			return nil
		}
	}
}

// ImportRuns lists the runs, newest first.
func (s *Store) ImportRuns(ctx context.Context) ([]ImportRun, error) {
	res, err := s.read(ctx, `MATCH (r:ImportRun) RETURN r ORDER BY r.started DESC`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]ImportRun, 0, len(res.Records))
	for _, rec := range res.Records {
		out = append(out, runFromRecord(rec))
	}
	return out, nil
}

// GetImportRun returns one run; an unknown id is ErrNotFound.
func (s *Store) GetImportRun(ctx context.Context, id string) (ImportRun, error) {
	res, err := s.read(ctx, `MATCH (r:ImportRun {id: $id}) RETURN r`, map[string]any{"id": id})
	if err != nil {
		return ImportRun{}, err
	}
	if len(res.Records) == 0 {
		return ImportRun{}, Errorf(ErrNotFound, "no import run %q", id)
	}
	return runFromRecord(res.Records[0]), nil
}

func runFromRecord(rec *neo4j.Record) ImportRun {
	n, _, _ := neo4j.GetRecordValue[neo4j.Node](rec, "r")
	str := func(k string) string { v, _ := neo4j.GetProperty[string](n, k); return v }
	tm := func(k string) time.Time { v, _ := neo4j.GetProperty[time.Time](n, k); return v }
	files, _ := neo4j.GetProperty[[]any](n, "files")
	r := ImportRun{ID: str("id"), Status: RunStatus(str("status")), Digest: str("digest"), Error: str("error"),
		Started: tm("started"), Heartbeat: tm("heartbeat"), Finished: tm("finished")}
	for _, f := range files {
		if s, ok := f.(string); ok {
			r.Files = append(r.Files, s)
		}
	}
	return r
}

// rollbackChunk bounds the records one rollback transaction undoes.
const rollbackChunk = 1000

// RollbackImport undoes an unfinished run: the relationships and entities
// it created are deleted and those it changed get back the properties and
// type labels they had. Each step deletes its part of the journal in the
// same transaction, so an interrupted rollback is simply run again. A
// committed run is not rolled back (ErrConflict); rolling back a rolled
// back run does nothing. A run still running (fresh heartbeat) is refused.
func (s *Store) RollbackImport(ctx context.Context, id string) (RollbackResult, error) {
	var out RollbackResult
	run, err := s.GetImportRun(ctx, id)
	if err != nil {
		return out, err
	}
	switch {
	case run.Status == RunRolledBack:
		return out, nil
	case run.Status == RunCommitted:
		return out, Errorf(ErrConflict, "import run %s is committed; it is not rolled back", id)
	case run.Status == RunRunning && !run.Stale(time.Now()):
		return out, Errorf(ErrConflict, "import run %s is still running", id)
	}
	// Stop a stale writer's heartbeat from making it look alive again.
	if _, err := s.write(ctx, `MATCH (r:ImportRun {id: $id}) SET r.status = 'failed'`, map[string]any{"id": id}); err != nil {
		return out, err
	}
	if err := s.bumpVersion(ctx); err != nil {
		return out, err
	}
	// Each transaction undoes at most rollbackChunk records, so that a
	// rollback on a loaded server stays well inside the transaction timeout.
	p := map[string]any{"run": id, "chunk": rollbackChunk}
	// Relationships first: created ones are deleted, changed ones restored.
	for _, spec := range Vocabulary {
		t := string(spec.Type)
		n, err := s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'created-relationships', _type: '`+t+`'}) WITH u LIMIT 1
WITH u, u._ids[0..$chunk] AS now
CALL (now) { UNWIND now AS id MATCH ()-[r:`+t+` {id: id}]->() DELETE r RETURN count(*) AS n }
SET u._ids = u._ids[$chunk..]
FOREACH (_ IN CASE WHEN size(u._ids) = 0 THEN [1] ELSE [] END | DELETE u)
RETURN n, 1 AS done`, p)
		out.DeletedRelationships += n
		if err != nil {
			return out, err
		}
		n, err = s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'relationship', _type: '`+t+`'}) WITH u LIMIT $chunk
OPTIONAL MATCH ()-[r:`+t+` {id: u._key}]->()
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END | SET r = properties(u) REMOVE r._run, r._kind, r._key, r._type)
DELETE u RETURN count(r) AS n, count(*) AS done`, p)
		out.RestoredRelationships += n
		if err != nil {
			return out, err
		}
	}
	n, err := s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'created-entities'}) WITH u LIMIT 1
WITH u, u._ids[0..$chunk] AS now
CALL (now) { UNWIND now AS id MATCH (e:Entity {id: id}) DETACH DELETE e RETURN count(*) AS n }
SET u._ids = u._ids[$chunk..]
FOREACH (_ IN CASE WHEN size(u._ids) = 0 THEN [1] ELSE [] END | DELETE u)
RETURN n, 1 AS done`, p)
	out.DeletedEntities += n
	if err != nil {
		return out, err
	}
	var setLabels strings.Builder
	types := make([]string, len(EntityTypes))
	for i, t := range EntityTypes {
		types[i] = string(t.Type)
		fmt.Fprintf(&setLabels, "\nFOREACH (_ IN CASE WHEN '%s' IN u._labels THEN [1] ELSE [] END | SET e:%s)", t.Type, t.Type)
	}
	n, err = s.drain(ctx, `MATCH (u:ImportUndo {_run: $run, _kind: 'entity'}) WITH u LIMIT $chunk
OPTIONAL MATCH (e:Entity {id: u._key})
FOREACH (_ IN CASE WHEN e IS NULL THEN [] ELSE [1] END |
  SET e = properties(u) REMOVE e._run, e._kind, e._key, e._labels, e._type
  REMOVE e:`+strings.Join(types, ":")+`)
WITH u, e`+setLabels.String()+`
DELETE u RETURN count(e) AS n, count(*) AS done`, p)
	out.RestoredEntities += n
	if err != nil {
		return out, err
	}
	out.DeletedSources, out.RestoredSources, err = s.rollbackSources(ctx, p)
	if err != nil {
		return out, err
	}
	if _, err = s.write(ctx, `MATCH (r:ImportRun {id: $run}) SET r.status = 'rolled_back', r.finished = datetime()`, p); err != nil {
		return out, err
	}
	return out, s.bumpVersion(ctx)
}

// drain runs q (which handles a bounded part of a journal and returns n,
// what it undid, and done, the journal nodes it consumed) until it
// consumes none, summing n.
func (s *Store) drain(ctx context.Context, q string, params map[string]any) (int, error) {
	total := 0
	for {
		res, err := s.write(ctx, q, params)
		if err != nil {
			return total, err
		}
		done := int64(0)
		for _, rec := range res.Records {
			n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
			d, _, _ := neo4j.GetRecordValue[int64](rec, "done")
			total += int(n)
			done += d
		}
		if done == 0 {
			return total, nil
		}
	}
}

// The one write path of entities and relationships: every writer (imports,
// seeds' fixtures, UpsertEntities and UpsertRelationships) runs these
// queries in one transaction a batch. Within an import run ($run set) each
// batch journals what it created and the previous state of what it
// changed; without one ($run null) the batch is its own all-or-nothing
// unit and nothing is journaled.

// mergeEntitiesQuery merges rows of one entity type. A row whose node
// already holds the same properties and exactly this type label is left
// alone (and counted unchanged), so that re-importing a file writes nothing.
// Identifiers are united with those the node has: a source that does not
// list a number does not say the actor has none.
func mergeEntitiesQuery(t EntityType) string {
	others := otherTypes(t)
	return `UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before,
  CASE WHEN old IS NULL THEN null ELSE labels(old) END AS beforeLabels,
  COLLECT { UNWIND coalesce(old.identifiers, []) + coalesce(row.identifiers, []) AS i RETURN DISTINCT i ORDER BY i } AS ids
MERGE (e:Entity {id: row.id})
WITH e, row, before, beforeLabels, CASE WHEN size(ids) = 0 THEN null ELSE ids END AS ids, (before IS NOT NULL AND e:` + string(t) + ` AND NOT e:` + strings.Join(others, " AND NOT e:") + `
  AND e.name = row.name AND e.nameKey = row.nameKey
  AND coalesce(e.aliases, []) = coalesce(row.aliases, [])
  AND coalesce(e.description, '') = coalesce(row.description, '')
  AND coalesce(e.country, '') = coalesce(row.country, '')
  AND coalesce(e.identifiers, []) = coalesce(ids, [])) AS same
FOREACH (_ IN CASE WHEN $run IS NOT NULL AND before IS NOT NULL AND NOT same THEN [1] ELSE [] END |
  CREATE (u:ImportUndo {_run: $run, _kind: 'entity', _key: row.id}) SET u += before, u._labels = beforeLabels)
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END |
  SET e.name = row.name, e.nameKey = row.nameKey, e.aliases = row.aliases,
      e.description = row.description, e.country = row.country, e.identifiers = ids
  REMOVE e:` + strings.Join(others, ":") + `
  SET e:` + string(t) + `)
RETURN count(*) AS total, count(CASE WHEN same THEN 1 END) AS unchanged,
  collect(CASE WHEN before IS NULL THEN row.id END) AS created`
}

// createEntitiesQuery creates rows of one entity type the caller knows to
// be absent; the label is from the closed EntityTypes set, never from input.
func createEntitiesQuery(t EntityType) string {
	return `UNWIND $rows AS row
CREATE (e:Entity:` + string(t) + ` {id: row.id, name: row.name, nameKey: row.nameKey, aliases: row.aliases,
  description: row.description, country: row.country, identifiers: row.identifiers})
RETURN count(*) AS total, 0 AS unchanged, collect(row.id) AS created`
}

// mergeRelationshipsQuery merges rows of one relationship type by id
// between existing entities.
func mergeRelationshipsQuery(t RelType) string {
	return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
OPTIONAL MATCH ()-[old:` + string(t) + ` {id: row.id}]->()
WITH a, b, row, CASE WHEN old IS NULL THEN null ELSE properties(old) END AS before
MERGE (a)-[r:` + string(t) + ` {id: row.id}]->(b)
WITH r, row, before, before IS NOT NULL AND properties(r) = row.props AS same
FOREACH (_ IN CASE WHEN $run IS NOT NULL AND before IS NOT NULL AND NOT same THEN [1] ELSE [] END |
  CREATE (u:ImportUndo {_run: $run, _kind: 'relationship', _type: '` + string(t) + `', _key: row.id}) SET u += before)
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET r = row.props)
RETURN count(*) AS total, count(CASE WHEN same THEN 1 END) AS unchanged,
  collect(CASE WHEN before IS NULL THEN row.id END) AS created`
}

// createRelationshipsQuery creates rows of one relationship type the
// caller knows to be absent; the per-type uniqueness constraint still
// rejects an id that exists after all, failing the batch.
func createRelationshipsQuery(t RelType) string {
	return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:` + string(t) + `]->(b)
SET r = row.props
RETURN count(*) AS total, 0 AS unchanged, collect(row.id) AS created`
}

// ImportEntities writes es in one transaction of run: created when fresh
// (the caller found none of them in the database; the id constraint fails
// the call otherwise), else merged by id. What it creates and the previous
// state of what it changes are journaled in the same transaction.
func (s *Store) ImportEntities(ctx context.Context, run string, es []Entity, fresh bool) (BulkResult, error) {
	if run == "" {
		return BulkResult{}, errors.New("graph: ImportEntities needs a run id")
	}
	return s.writeEntities(ctx, run, es, fresh)
}

// ImportRelationships writes rs (all of one type or not) in one
// transaction of run, like ImportEntities.
func (s *Store) ImportRelationships(ctx context.Context, run string, rs []Relationship, fresh bool) (BulkResult, error) {
	if run == "" {
		return BulkResult{}, errors.New("graph: ImportRelationships needs a run id")
	}
	return s.writeRelationships(ctx, run, rs, fresh)
}

// UpsertEntities merges entities by id in one transaction, setting their
// properties and their one type label; it returns how many were created.
// It is an import batch outside any run: all of it or nothing is written.
func (s *Store) UpsertEntities(ctx context.Context, es []Entity) (created int, err error) {
	r, err := s.writeEntities(ctx, "", es, false)
	return r.Created, err
}

// UpsertRelationships merges relationships by type and id between existing
// entities in one transaction, like UpsertEntities; a relationship whose
// endpoint is missing is an error and nothing of the batch is written. It
// returns how many were created.
func (s *Store) UpsertRelationships(ctx context.Context, rs []Relationship) (created int, err error) {
	r, err := s.writeRelationships(ctx, "", rs, false)
	return r.Created, err
}

// writeEntities validates es and writes them in one transaction, one query
// a type label, journaled in run unless run is "".
func (s *Store) writeEntities(ctx context.Context, run string, es []Entity, fresh bool) (BulkResult, error) {
	q := mergeEntitiesQuery
	if fresh {
		q = createEntitiesQuery
	}
	byType := map[EntityType][]map[string]any{}
	for _, e := range es {
		if err := e.Validate(); err != nil {
			return BulkResult{}, err
		}
		byType[e.Type] = append(byType[e.Type], entityParams(e))
	}
	var out BulkResult
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = BulkResult{}
		var created []any
		for _, t := range EntityTypes {
			rows := byType[t.Type]
			if len(rows) == 0 {
				continue
			}
			r, ids, err := runBatch(ctx, tx, q(t.Type), run, rows)
			if err != nil {
				return err
			}
			out = out.Add(r)
			created = append(created, ids...)
		}
		if err := journalCreated(ctx, tx, run, "created-entities", "", created); err != nil {
			return err
		}
		return endBatch(ctx, tx, run)
	})
	return out, err
}

// writeRelationships is writeEntities for relationships, one query a type.
func (s *Store) writeRelationships(ctx context.Context, run string, rs []Relationship, fresh bool) (BulkResult, error) {
	q := mergeRelationshipsQuery
	if fresh {
		q = createRelationshipsQuery
	}
	byType := map[RelType][]map[string]any{}
	for _, r := range rs {
		if err := r.Validate(); err != nil {
			return BulkResult{}, err
		}
		byType[r.Type] = append(byType[r.Type], relRow(r))
	}
	var out BulkResult
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = BulkResult{}
		for _, spec := range Vocabulary {
			rows := byType[spec.Type]
			if len(rows) == 0 {
				continue
			}
			r, ids, err := runBatch(ctx, tx, q(spec.Type), run, rows)
			if err != nil {
				return err
			}
			out = out.Add(r)
			if err := journalCreated(ctx, tx, run, "created-relationships", string(spec.Type), ids); err != nil {
				return err
			}
		}
		return endBatch(ctx, tx, run)
	})
	return out, err
}

// endBatch checks, at the end of a batch of run, that run is still
// running (the run raises the graph version when it starts and ends); a
// batch outside any run ("") raises the version itself.
func endBatch(ctx context.Context, tx neo4j.ManagedTransaction, run string) error {
	if run == "" {
		return bumpVersionTx(ctx, tx)
	}
	return stillRunning(ctx, tx, run)
}

// runBatch runs a write query of the batch and checks that every row was
// matched (a missing endpoint drops a row silently in Cypher, so it is
// turned into an error that rolls the transaction back).
func runBatch(ctx context.Context, tx neo4j.ManagedTransaction, q, run string, rows []map[string]any) (BulkResult, []any, error) {
	var journal any // null: no journal
	if run != "" {
		journal = run
	}
	res, err := tx.Run(ctx, q, map[string]any{"rows": rows, "run": journal})
	if err != nil {
		return BulkResult{}, nil, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return BulkResult{}, nil, err
	}
	total, _, _ := neo4j.GetRecordValue[int64](rec, "total")
	unchanged, _, _ := neo4j.GetRecordValue[int64](rec, "unchanged")
	created, _, _ := neo4j.GetRecordValue[[]any](rec, "created")
	if int(total) != len(rows) {
		return BulkResult{}, nil, Errorf(ErrInvalid, "%d of %d relationships have an endpoint that is not in the database%s", len(rows)-int(total), len(rows), missingEndpoints(ctx, tx, rows))
	}
	return BulkResult{Created: len(created), Unchanged: int(unchanged), Updated: int(total) - int(unchanged) - len(created)}, created, nil
}

// stillRunning ends a batch's transaction: it beats the run's heartbeat,
// taking the run node's lock so that the batch commits before a rollback
// marks the run failed, and fails the batch when the run is no longer
// running (another process took it over as stale and rolled it back).
func stillRunning(ctx context.Context, tx neo4j.ManagedTransaction, run string) error {
	res, err := tx.Run(ctx, `MATCH (r:ImportRun {id: $run}) SET r.heartbeat = datetime() RETURN r.status AS status`, map[string]any{"run": run})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return Errorf(ErrConflict, "import run %s is gone", run)
	}
	if st, _, _ := neo4j.GetRecordValue[string](rec, "status"); st != string(RunRunning) {
		return Errorf(ErrConflict, "import run %s is %s, no longer running (another process took it over)", run, st)
	}
	return nil
}

// journalCreated records, in the batch's transaction, the ids it created;
// outside any run ("") nothing is journaled.
func journalCreated(ctx context.Context, tx neo4j.ManagedTransaction, run, kind, relType string, ids []any) error {
	if run == "" || len(ids) == 0 {
		return nil
	}
	_, err := tx.Run(ctx, `CREATE (:ImportUndo {_run: $run, _kind: $kind, _type: $type, _ids: $ids})`,
		map[string]any{"run": run, "kind": kind, "type": relType, "ids": ids})
	return err
}
