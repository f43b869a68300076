package ingest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"explorer/graph"
)

// Runs is what an import needs to make its writes one run that commits or
// rolls back whole (*graph.Store; see graph/importrun.go for the journal).
type Runs interface {
	BeginImport(ctx context.Context, run graph.ImportRun, resume bool) error
	Heartbeat(ctx context.Context, run string) error
	CommitImport(ctx context.Context, run string) error
	FailImport(ctx context.Context, run, why string) error
	RollbackImport(ctx context.Context, run string) (graph.RollbackResult, error)
}

// heartbeatEvery keeps a run's lease (graph.RunLease) fresh while it writes.
const heartbeatEvery = 5 * time.Second

// rollbackTimeout bounds the rollback an import does when it fails.
const rollbackTimeout = 5 * time.Minute

// NewRunID returns a fresh import run id: the UTC time and 6 random bytes,
// so that ids sort by start and never collide.
func NewRunID(now time.Time) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b[:])
}

// FailedRunError says that an import run stopped before the end, and what
// became of it: rolled back (nothing of the input is in the database), or
// left unfinished for a resume or a rollback by command.
type FailedRunError struct {
	Run string
	// RolledBack is what the rollback undid, when it ran to the end.
	RolledBack *graph.RollbackResult
	// RollbackErr is why the rollback did not, when it was tried.
	RollbackErr error
	Err         error
}

func (e *FailedRunError) Error() string {
	switch {
	case e.RolledBack != nil:
		return fmt.Sprintf("import run %s failed and was rolled back, nothing of it is in the database: %v", e.Run, e.Err)
	case e.RollbackErr != nil:
		return fmt.Sprintf("import run %s failed: %v; rolling it back failed too (%v): it is unfinished; roll it back with 'explorer import --rollback %s' or resume it with 'explorer import --resume %s FILE...'",
			e.Run, e.Err, e.RollbackErr, e.Run, e.Run)
	}
	return fmt.Sprintf("import run %s failed: %v; it is unfinished: resume it with 'explorer import --resume %s FILE...' or roll it back with 'explorer import --rollback %s'",
		e.Run, e.Err, e.Run, e.Run)
}

// Unwrap returns the cause, so that a database outage stays ErrUnavailable.
func (e *FailedRunError) Unwrap() error { return e.Err }

// writeRun writes the checked records as one import run: begun (or taken
// up again) in the database, kept alive by a heartbeat while it writes,
// committed at the end; on failure rolled back at once unless
// opts.KeepFailed, and left failed for a later rollback or resume when
// the rollback fails too (the database is down).
func writeRun(ctx context.Context, st Store, c *collector, existing map[string]bool, sum Summary, digest string, opts Options) (Summary, error) {
	run := graph.ImportRun{ID: opts.Run, Files: sum.Files, Digest: digest}
	if run.ID == "" {
		if opts.Resume {
			return sum, graph.Errorf(graph.ErrInvalid, "resume needs the id of the run")
		}
		run.ID = NewRunID(opts.Now())
	}
	if err := st.BeginImport(ctx, run, opts.Resume); err != nil {
		return sum, err
	}
	sum.Run = run.ID
	hbCtx, stopHB := context.WithCancel(ctx)
	hbDone := make(chan struct{})
	go func() {
		defer close(hbDone)
		t := time.NewTicker(heartbeatEvery)
		defer t.Stop()
		for {
			select {
			case <-hbCtx.Done():
				return
			case <-t.C:
				_ = st.Heartbeat(hbCtx, run.ID)
			}
		}
	}()
	sum, err := write(ctx, st, c, existing, sum, opts)
	stopHB()
	<-hbDone
	if err == nil {
		// The run becomes the whole input here; a failure to say so leaves
		// it unfinished (every batch is in, a resume commits it at once).
		err = st.CommitImport(context.WithoutCancel(ctx), run.ID)
		if err == nil {
			return sum, nil
		}
	}
	// Clean up even when ctx was cancelled (Ctrl-C, the client left).
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), rollbackTimeout)
	defer cancel()
	fe := &FailedRunError{Run: run.ID, Err: err}
	if opts.KeepFailed {
		_ = st.FailImport(bg, run.ID, err.Error())
		return sum, fe
	}
	rb, rerr := RollbackOwn(bg, st, run.ID, err.Error())
	if rerr != nil {
		fe.RollbackErr = rerr
		return sum, fe
	}
	fe.RolledBack = &rb
	return sum, fe
}

// RollbackOwn rolls back a run that this process was writing and gave up
// (for why): it is marked failed first, as its heartbeat may still be fresh.
func RollbackOwn(ctx context.Context, st Runs, run, why string) (graph.RollbackResult, error) {
	if err := st.FailImport(ctx, run, why); err != nil {
		return graph.RollbackResult{}, err
	}
	return st.RollbackImport(ctx, run)
}

// Rollback undoes an unfinished import run by id (see
// graph.Store.RollbackImport).
func Rollback(ctx context.Context, st Runs, run string) (graph.RollbackResult, error) {
	if run == "" {
		return graph.RollbackResult{}, errors.New("rollback: no run id")
	}
	return st.RollbackImport(ctx, run)
}
