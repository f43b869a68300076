package graph

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The graph version is a counter that every write to the graph raises:
// import runs (when they start, commit and roll back), writes outside a
// run, the seed script, source records, judgements, merges and unmerges.
// Work that reads the whole graph and keeps its result (the stored
// cross-reference) notes the version it started from, so that it can tell
// later whether the graph changed since. It is one (:GraphVersion) node,
// never an :Entity; Reset deletes it with everything else, which sets the
// version back to 0 together with whatever was stamped with it.

// GraphVersion is the graph's change counter and when it last moved.
type GraphVersion struct {
	Version int64     `json:"version"`
	Changed time.Time `json:"changed,omitzero"`
}

// bumpVersionQuery raises the counter; a constraint on the name makes the
// MERGE safe under concurrent writers (see schema).
const bumpVersionQuery = `MERGE (v:GraphVersion {name: 'graph'})
SET v.version = coalesce(v.version, 0) + 1, v.changed = datetime()`

// runner is what runs a statement: a managed or an explicit transaction.
type runner interface {
	Run(ctx context.Context, cypher string, params map[string]any) (neo4j.ResultWithContext, error)
}

// bumpVersionTx raises the counter in the transaction that writes, so the
// two commit together. Call it last in the transaction: it takes the
// counter's lock, which is then held only until the commit.
func bumpVersionTx(ctx context.Context, tx runner) error {
	_, err := tx.Run(ctx, bumpVersionQuery, nil)
	return err
}

// bumpVersion raises the counter after a write that committed on its own.
// It must come after the write, never before: a reader that notes the
// version and then reads the graph must not note the new version and
// still read the graph without the write.
func (s *Store) bumpVersion(ctx context.Context) error {
	_, err := s.write(ctx, bumpVersionQuery, nil)
	return err
}

// BumpVersion raises the counter, for a write made outside the store: a
// bulk import that replaced the whole database.
func (s *Store) BumpVersion(ctx context.Context) error { return s.bumpVersion(ctx) }

// Version returns the graph's change counter (0 on a graph never written
// since it was created or reset).
func (s *Store) Version(ctx context.Context) (GraphVersion, error) {
	res, err := s.read(ctx, `OPTIONAL MATCH (v:GraphVersion {name: 'graph'}) RETURN v.version AS n, v.changed AS at`, nil)
	if err != nil {
		return GraphVersion{}, err
	}
	var out GraphVersion
	if len(res.Records) > 0 {
		out.Version, _, _ = neo4j.GetRecordValue[int64](res.Records[0], "n")
		out.Changed, _, _ = neo4j.GetRecordValue[time.Time](res.Records[0], "at")
	}
	return out, nil
}
