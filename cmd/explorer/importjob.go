package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/ingest"
	"explorer/web"
)

// importAdapter runs the jobs of POST /api/v1/import through the ingest
// package: the whole body is checked before anything is written, then
// written as one import run. A run that fails is rolled back; when the
// database is down the rollback is retried, with backoff, until it comes
// back or the server stops (the run is then left unfinished, for
// 'explorer import --rollback RUN').
type importAdapter struct {
	st  *graph.Store
	log *slog.Logger
	// retry is the first wait between rollback attempts (doubling to 30s).
	retry time.Duration
}

func (a importAdapter) Import(ctx context.Context, req web.ImportRequest) (web.ImportResult, error) {
	f, err := ingest.ParseFormat(req.Format)
	if err != nil {
		return web.ImportResult{Outcome: web.OutcomeRejected}, err
	}
	progress := func(p ingest.Progress) {
		if req.Progress != nil {
			req.Progress(web.ImportProgress{Phase: p.Phase, Done: p.Done, Total: p.Total})
		}
	}
	matcher, err := ingest.NewMatcher(a.st, req.Match, nil)
	if err != nil {
		return web.ImportResult{Outcome: web.OutcomeRejected}, err
	}
	opts := ingest.Options{Progress: progress}
	matcher.Apply(&opts)
	sum, err := ingest.ImportAll(ctx, a.st, []ingest.Source{{Name: "body", Format: f, R: req.Body, Size: req.Size}}, opts)
	res := web.ImportResult{Run: sum.Run, Entities: sum.Entities, Relationships: sum.Relationships, Sources: sum.Sources}
	for _, w := range sum.Warnings {
		res.Warnings = append(res.Warnings, w.String())
	}
	var rej *ingest.RejectedError
	var fe *ingest.FailedRunError
	switch {
	case err == nil:
		res.Outcome = web.OutcomeCommitted
		m, err := matcher.After(ctx, "POST /api/v1/import match=auto")
		res.Match = &m
		if err != nil {
			return res, fmt.Errorf("the import committed (run %s), but matching its entities failed: %w", sum.Run, err)
		}
		return res, nil
	case errors.As(err, &rej):
		res.Outcome = web.OutcomeRejected
		for _, p := range rej.Problems {
			res.Problems = append(res.Problems, p.String())
		}
		if more := rej.Total - len(rej.Problems); more > 0 {
			res.Problems = append(res.Problems, fmt.Sprintf("... and %d more", more))
		}
	case errors.As(err, &fe):
		res.Run = fe.Run
		res.Outcome = web.OutcomeRolledBack
		if fe.RolledBack == nil {
			res.Outcome = a.rollbackUntilDone(ctx, fe, progress)
		}
	case errors.Is(err, graph.ErrConflict):
		res.Outcome = web.OutcomeRefused
	}
	return res, unavailable(err)
}

// rollbackUntilDone retries the rollback of a failed run until it
// succeeds or ctx ends.
func (a importAdapter) rollbackUntilDone(ctx context.Context, fe *ingest.FailedRunError, progress func(ingest.Progress)) web.ImportOutcome {
	wait := a.retry
	if wait <= 0 {
		wait = time.Second
	}
	for attempt := 1; ; attempt++ {
		a.log.Warn("import run failed; rolling it back", "run", fe.Run, "attempt", attempt, "error", fe.Err)
		progress(ingest.Progress{Phase: "rollback", Done: int64(attempt)})
		rb, err := ingest.RollbackOwn(context.WithoutCancel(ctx), a.st, fe.Run, fe.Err.Error())
		if err == nil {
			a.log.Info("import run rolled back", "run", fe.Run, "deleted_entities", rb.DeletedEntities,
				"deleted_relationships", rb.DeletedRelationships, "restored_entities", rb.RestoredEntities,
				"restored_relationships", rb.RestoredRelationships)
			return web.OutcomeRolledBack
		}
		a.log.Warn("rollback failed; trying again", "run", fe.Run, "attempt", attempt, "error", err, "wait_s", wait.Seconds())
		select {
		case <-ctx.Done():
			a.log.Error("import run left unfinished: roll it back with 'explorer import --rollback RUN'", "run", fe.Run, "error", err)
			return web.OutcomeUnfinished
		case <-time.After(wait):
		}
		wait = min(2*wait, 30*time.Second)
	}
}

// unavailable marks an import that the driver gave up retrying as the
// database being unreachable (503); ingest runs its own transactions.
func unavailable(err error) error {
	var tel *neo4j.TransactionExecutionLimit
	if errors.As(err, &tel) && !errors.Is(err, graph.ErrUnavailable) {
		return fmt.Errorf("%w: %v", graph.ErrUnavailable, err)
	}
	return err
}
