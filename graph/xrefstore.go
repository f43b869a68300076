package graph

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A full cross-reference reads the whole graph (about an hour for a
// million entities), so, as in nomenklatura and Aleph, it is a job whose
// result is kept: StoreXref computes it and stores its candidates, best
// first, as (:XrefCandidate) nodes, with one (:XrefState) node that says
// which computation they are from, when it ran and from which graph
// version (see version.go). Neither is an :Entity, so searches, counts,
// walks and exports never see them. StoredXref reads them back at once,
// leaving out the pairs judged since and the pairs whose entity is gone
// (merged away or deleted), and says whether the graph changed since.

// DefaultKeep is how many candidates, best first, a stored
// cross-reference keeps.
const DefaultKeep = 10000

// XrefRun describes a stored cross-reference.
type XrefRun struct {
	ID string `json:"id"`
	// Version is the graph version the computation started from.
	Version  int64     `json:"version"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished"`
	MinScore float64   `json:"min_score"`
	// Entities counts the entities looked up; Candidates the pairs kept.
	Entities   int `json:"entities"`
	Candidates int `json:"candidates"`
}

// StoredXref is the stored cross-reference as it stands.
type StoredXref struct {
	// Run is nil when no cross-reference was stored.
	Run *XrefRun `json:"run"`
	// Graph is the graph's version now; Stale says it moved since Run
	// started (an import, a seed, a source edit, a judgement or a merge).
	Graph GraphVersion `json:"graph"`
	Stale bool         `json:"stale"`
	// Pending counts the stored candidates at the asked score that are
	// still to judge; Candidates is the page asked for, best first.
	Pending    int         `json:"pending"`
	Candidates []Candidate `json:"candidates"`
}

// StoredQuery asks for a page of the stored candidates.
type StoredQuery struct {
	// MinScore is the lowest score returned (the run's own when lower).
	MinScore float64
	Offset   int
	Limit    int
}

// StoreXref cross-references the whole graph (o.Source and o.IDs must be
// empty), keeps the best o.Limit candidates (DefaultKeep when 0) in the
// database in place of the stored ones and returns what it stored. When
// two run at once, the one that started last is kept.
func (s *Store) StoreXref(ctx context.Context, o XrefOptions) (XrefRun, error) {
	if o.Source != "" || len(o.IDs) > 0 {
		return XrefRun{}, Errorf(ErrInvalid, "a stored cross-reference covers the whole graph: no source or ids")
	}
	if o.Limit <= 0 {
		o.Limit = DefaultKeep
	}
	if o.MinScore == 0 {
		o.MinScore = DefaultMinScore
	}
	// The version is read before the graph: a write that lands during the
	// computation leaves the stored result stale, never falsely fresh.
	v, err := s.Version(ctx)
	if err != nil {
		return XrefRun{}, err
	}
	run := XrefRun{Version: v.Version, Started: time.Now().UTC(), MinScore: o.MinScore}
	// Run ids sort by start, which decides which of two runs is kept.
	run.ID = run.Started.Format("20060102T150405.000000000Z")
	progress := o.Progress
	o.Progress = func(n int) {
		run.Entities = n
		if progress != nil {
			progress(n)
		}
	}
	cands, err := s.Xref(ctx, o)
	if err != nil {
		return XrefRun{}, err
	}
	run.Candidates = len(cands)
	const chunk = 1000
	for start := 0; start < len(cands); start += chunk {
		rows := make([]map[string]any, 0, chunk)
		for i, c := range cands[start:min(start+chunk, len(cands))] {
			k := pairKey(c.Left.ID, c.Right.ID)
			rows = append(rows, map[string]any{"key": k[0] + "|" + k[1], "left": c.Left.ID, "right": c.Right.ID,
				"rank": start + i, "score": c.Score, "reasons": c.Reasons, "shared": c.Shared,
				"exact": c.exact, "conflict": c.conflict, "neighboured": c.neighboured})
		}
		if _, err := s.write(ctx, `UNWIND $rows AS row CREATE (c:XrefCandidate) SET c = row, c.run = $run`,
			map[string]any{"rows": rows, "run": run.ID}); err != nil {
			s.dropXrefCandidates(context.WithoutCancel(ctx), `c.run = $run`, run.ID)
			return XrefRun{}, err
		}
	}
	run.Finished = time.Now().UTC()
	res, err := s.write(ctx, `MERGE (x:XrefState {name: 'xref'})
WITH x WHERE coalesce(x.run, '') < $run
SET x.run = $run, x.version = $version, x.started = $started, x.finished = $finished,
  x.minScore = $min, x.entities = $entities, x.candidates = $candidates
RETURN x.run AS run`, map[string]any{"run": run.ID, "version": run.Version, "started": run.Started,
		"finished": run.Finished, "min": run.MinScore, "entities": run.Entities, "candidates": run.Candidates})
	if err != nil {
		s.dropXrefCandidates(context.WithoutCancel(ctx), `c.run = $run`, run.ID)
		return XrefRun{}, err
	}
	if len(res.Records) == 0 {
		s.dropXrefCandidates(ctx, `c.run = $run`, run.ID)
		return XrefRun{}, Errorf(ErrConflict, "a cross-reference started later was stored while this one ran; it is kept instead")
	}
	// The older runs' candidates, and those of runs that stopped half way.
	return run, s.dropXrefCandidates(ctx, `c.run < $run`, run.ID)
}

// dropXrefCandidates deletes, in bounded transactions, the stored
// candidates where (a condition on c and $run) holds.
func (s *Store) dropXrefCandidates(ctx context.Context, where, run string) error {
	for {
		res, err := s.write(ctx, `MATCH (c:XrefCandidate) WHERE `+where+` WITH c LIMIT 10000 DELETE c RETURN count(*) AS n`,
			map[string]any{"run": run})
		if err != nil {
			return err
		}
		if n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n"); n == 0 {
			return nil
		}
	}
}

// storedCandidatesWhere selects a run's candidates at a score that are not
// judged and whose two entities are still entities.
const storedCandidatesWhere = `MATCH (c:XrefCandidate {run: $run}) WHERE c.score >= $min
  AND NOT EXISTS { MATCH (:Judgement {key: c.key}) }
MATCH (a:Entity {id: c.left})
MATCH (b:Entity {id: c.right})
`

// StoredXref returns the stored cross-reference: a page of its candidates
// still to judge, best first, and whether the graph changed since.
func (s *Store) StoredXref(ctx context.Context, q StoredQuery) (StoredXref, error) {
	if q.MinScore < 0 || q.MinScore > 1 {
		return StoredXref{}, Errorf(ErrInvalid, "min score %v: want a number between 0 and 1", q.MinScore)
	}
	out := StoredXref{Candidates: []Candidate{}}
	var err error
	if out.Graph, err = s.Version(ctx); err != nil {
		return out, err
	}
	res, err := s.read(ctx, `MATCH (x:XrefState {name: 'xref'}) RETURN x`, nil)
	if err != nil {
		return out, err
	}
	if len(res.Records) == 0 {
		return out, nil
	}
	x, _, err := neo4j.GetRecordValue[neo4j.Node](res.Records[0], "x")
	if err != nil {
		return out, err
	}
	run := XrefRun{}
	run.ID, _ = neo4j.GetProperty[string](x, "run")
	run.Version, _ = neo4j.GetProperty[int64](x, "version")
	run.Started, _ = neo4j.GetProperty[time.Time](x, "started")
	run.Finished, _ = neo4j.GetProperty[time.Time](x, "finished")
	run.MinScore, _ = neo4j.GetProperty[float64](x, "minScore")
	e, _ := neo4j.GetProperty[int64](x, "entities")
	n, _ := neo4j.GetProperty[int64](x, "candidates")
	run.Entities, run.Candidates = int(e), int(n)
	out.Run = &run
	out.Stale = out.Graph.Version != run.Version
	p := map[string]any{"run": run.ID, "min": max(q.MinScore, run.MinScore), "skip": max(q.Offset, 0), "limit": max(q.Limit, 0)}
	if res, err = s.read(ctx, storedCandidatesWhere+`RETURN count(c) AS n`, p); err != nil {
		return out, err
	}
	pending, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n")
	out.Pending = int(pending)
	if q.Limit <= 0 {
		return out, nil
	}
	if res, err = s.read(ctx, storedCandidatesWhere+`RETURN c, a, b ORDER BY c.rank SKIP $skip LIMIT $limit`, p); err != nil {
		return out, err
	}
	for _, rec := range res.Records {
		c, _, err := neo4j.GetRecordValue[neo4j.Node](rec, "c")
		if err != nil {
			return out, err
		}
		a, _, _ := neo4j.GetRecordValue[neo4j.Node](rec, "a")
		b, _, _ := neo4j.GetRecordValue[neo4j.Node](rec, "b")
		cd := Candidate{Left: entityFromNode(a), Right: entityFromNode(b)}
		cd.Score, _ = neo4j.GetProperty[float64](c, "score")
		cd.Reasons = stringList(c, "reasons")
		cd.Shared = stringList(c, "shared")
		cd.exact, _ = neo4j.GetProperty[bool](c, "exact")
		cd.conflict, _ = neo4j.GetProperty[bool](c, "conflict")
		cd.neighboured, _ = neo4j.GetProperty[bool](c, "neighboured")
		out.Candidates = append(out.Candidates, cd)
	}
	return out, nil
}
