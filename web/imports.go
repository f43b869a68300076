package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Import jobs: POST /api/v1/import spools the body to a temporary file and
// answers 202 with a job; one worker runs the jobs one at a time (import
// runs are serialised in the database anyway), and GET
// /api/v1/imports/{id} shows their progress, counts, problems and outcome.

const (
	// maxQueuedImports bounds the jobs waiting for the worker; more are
	// refused with 429.
	maxQueuedImports = 4
	// keptImportJobs bounds the finished jobs kept for GET.
	keptImportJobs = 100
)

var errTooManyImports = errors.New("too many imports waiting")

// ImportReadTimeout is how long a client may take to send an import body
// (64 MiB at most): the import endpoint extends the server's shorter read
// deadline to it, once the token is checked.
const ImportReadTimeout = 10 * time.Minute

// Job statuses.
const (
	jobQueued  = "queued"
	jobRunning = "running"
	jobDone    = "done"
)

// ImportJob is what GET /api/v1/imports/{id} answers.
type ImportJob struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Format string `json:"format"`
	// Match is how the import matches its entities to the graph.
	Match string `json:"match"`
	// Bytes is the size of the posted body.
	Bytes     int64          `json:"bytes"`
	Submitted time.Time      `json:"submitted"`
	Started   time.Time      `json:"started,omitzero"`
	Finished  time.Time      `json:"finished,omitzero"`
	Progress  ImportProgress `json:"progress"`
	Result    ImportResult   `json:"result"`
	// Error says why the import failed, when it did.
	Error string `json:"error,omitempty"`
	// URL is where to follow the job.
	URL string `json:"url"`

	file *os.File
}

type importJobs struct {
	mu    sync.Mutex
	jobs  map[string]*ImportJob
	done  []string // finished job ids, oldest first
	queue chan *ImportJob

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	start  sync.Once
}

func newImportJobs() *importJobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &importJobs{jobs: map[string]*ImportJob{}, queue: make(chan *ImportJob, maxQueuedImports), ctx: ctx, cancel: cancel}
}

// view returns a copy of job j for answering.
func (js *importJobs) view(id string) (ImportJob, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.jobs[id]
	if !ok {
		return ImportJob{}, false
	}
	v := *j
	v.file = nil
	v.Result.Problems = slices.Clone(j.Result.Problems)
	v.Result.Warnings = slices.Clone(j.Result.Warnings)
	return v, true
}

func (js *importJobs) update(j *ImportJob, fn func(j *ImportJob)) {
	js.mu.Lock()
	defer js.mu.Unlock()
	fn(j)
}

// submit queues j, starting the worker on first use.
func (js *importJobs) submit(s *Server, j *ImportJob) error {
	js.start.Do(func() {
		js.wg.Add(1)
		go js.work(s)
	})
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.ctx.Err() != nil {
		return fmt.Errorf("%w: the server is shutting down", graph.ErrUnavailable)
	}
	select {
	case js.queue <- j:
		js.jobs[j.ID] = j
		return nil
	default:
		return graph.Errorf(errTooManyImports, "%d imports are waiting already; try again when one has finished", maxQueuedImports)
	}
}

func (js *importJobs) work(s *Server) {
	defer js.wg.Done()
	for {
		select {
		case <-js.ctx.Done():
			// Jobs that never started are refused; nothing was written.
			for {
				select {
				case j := <-js.queue:
					js.finish(j, ImportResult{Outcome: OutcomeRefused}, "the server shut down before this import started; nothing was written")
				default:
					return
				}
			}
		case j := <-js.queue:
			if js.ctx.Err() != nil {
				js.finish(j, ImportResult{Outcome: OutcomeRefused}, "the server shut down before this import started; nothing was written")
				continue
			}
			js.run(s, j)
		}
	}
}

func (js *importJobs) run(s *Server, j *ImportJob) {
	js.update(j, func(j *ImportJob) { j.Status, j.Started = jobRunning, time.Now().UTC() })
	res, err := s.cfg.Importer.Import(js.ctx, ImportRequest{Format: j.Format, Match: j.Match, Body: j.file, Size: j.Bytes,
		Progress: func(p ImportProgress) { js.update(j, func(j *ImportJob) { j.Progress = p }) }})
	msg := ""
	if err != nil {
		status := statusOf(err)
		msg = publicMessage(err, status)
		if status >= 499 {
			// The run's fate is the useful part (the server shutting down
			// cancels it); the cause is in the log.
			s.log.Warn("import failed", "job", j.ID, "run", res.Run, "outcome", res.Outcome, "error", err.Error())
			msg = importFailure(res)
		}
		if res.Outcome == "" {
			switch status {
			case http.StatusBadRequest:
				res.Outcome = OutcomeRejected
			case http.StatusConflict:
				res.Outcome = OutcomeRefused
			default:
				res.Outcome = OutcomeUnfinished
			}
		}
	} else if res.Outcome == "" {
		res.Outcome = OutcomeCommitted
	}
	js.finish(j, res, msg)
}

// importFailure explains a failed run without internals.
func importFailure(res ImportResult) string {
	switch res.Outcome {
	case OutcomeRolledBack:
		return fmt.Sprintf("the import stopped (the graph database failed, or the server shut down) and run %s was rolled back: nothing of it is in the graph; send it again", res.Run)
	case OutcomeUnfinished:
		return fmt.Sprintf("the import stopped (the graph database failed) and run %s could not be rolled back yet: it is unfinished and blocks other imports; roll it back with 'explorer import --rollback %s' or resume it with 'explorer import --resume %s FILE'", res.Run, res.Run, res.Run)
	}
	return "the import failed: the graph database is unavailable; nothing was written"
}

func (js *importJobs) finish(j *ImportJob, res ImportResult, msg string) {
	if j.file != nil {
		j.file.Close()
		os.Remove(j.file.Name())
	}
	js.mu.Lock()
	defer js.mu.Unlock()
	j.Status, j.Finished, j.Result, j.Error, j.file = jobDone, time.Now().UTC(), res, msg, nil
	js.done = append(js.done, j.ID)
	for len(js.done) > keptImportJobs {
		delete(js.jobs, js.done[0])
		js.done = js.done[1:]
	}
}

// close stops the worker: the running import is cancelled (its run rolls
// back) and waited for until ctx ends.
func (js *importJobs) close(ctx context.Context) error {
	js.mu.Lock()
	js.cancel()
	js.mu.Unlock()
	done := make(chan struct{})
	go func() { js.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("import worker: %w", ctx.Err())
	}
}

// ImportFormats are the formats POST /api/v1/import accepts: JSON lines
// (the default), CSV and FollowTheMoney entities.
var ImportFormats = []string{"jsonl", "csv", "ftm"}

// checkImportToken admits a request that carries the import token as
// "Authorization: Bearer TOKEN" (the scheme in any case, RFC 9110).
func (s *Server) checkImportToken(c *gin.Context) error {
	if s.cfg.ImportToken == "" {
		return graph.Errorf(graph.ErrForbidden, "import is disabled: the server has no import token (set EXPLORER_IMPORT_TOKEN or --import-token)")
	}
	if !bearerOK(c.GetHeader("Authorization"), s.cfg.ImportToken) {
		return graph.Errorf(errUnauthorized, "send the import token as \"Authorization: Bearer TOKEN\"")
	}
	return nil
}

// checkMetricsToken guards /metrics on a public service: process and
// request figures are for operators.
func (s *Server) checkMetricsToken(c *gin.Context) error {
	if !s.cfg.Public {
		return nil
	}
	if s.cfg.MetricsToken == "" {
		c.Abort()
		return graph.Errorf(graph.ErrForbidden, "/metrics is disabled on a public service without a token (set EXPLORER_METRICS_TOKEN or an import token)")
	}
	if !bearerOK(c.GetHeader("Authorization"), s.cfg.MetricsToken) {
		c.Abort()
		return graph.Errorf(errUnauthorized, "send the metrics token as \"Authorization: Bearer TOKEN\"")
	}
	return nil
}

// bearerOK reports whether an Authorization header value carries want as
// a bearer token; the scheme is case-insensitive.
func bearerOK(header, want string) bool {
	token := bearerToken(header)
	return token != "" && tokenEqual(token, want)
}

func (s *Server) apiImport(c *gin.Context) error {
	if err := s.checkImportToken(c); err != nil {
		return err
	}
	if s.cfg.Importer == nil {
		return graph.Errorf(errNotImplemented, "import is not available in this build")
	}
	format := strings.ToLower(strings.TrimSpace(c.Query("format")))
	if format == "" {
		format = "jsonl"
	}
	if !slices.Contains(ImportFormats, format) {
		return paramError("format", "want %s, got %q", strings.Join(ImportFormats, ", "), format)
	}
	// The same modes and default as import --match.
	match := strings.ToLower(strings.TrimSpace(c.Query("match")))
	if match == "" {
		match = graph.DefaultMatchMode
	}
	if !slices.Contains(graph.MatchModes, match) {
		return paramError("match", "want %s, got %q", strings.Join(graph.MatchModes, ", "), c.Query("match"))
	}
	// A large body may take longer than the server's read timeout meant
	// for other requests (only where the server supports it).
	_ = http.NewResponseController(c.Writer).SetReadDeadline(time.Now().Add(ImportReadTimeout))
	// The body is kept in a file so that the job outlives the request.
	f, err := os.CreateTemp("", "explorer-import-*.body")
	if err != nil {
		return fmt.Errorf("spooling the import: %w", err)
	}
	n, err := io.Copy(f, c.Request.Body)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	id, err := newJobID()
	if err != nil {
		return err
	}
	j := &ImportJob{ID: id, Status: jobQueued, Format: format, Match: match, Bytes: n, Submitted: time.Now().UTC(),
		URL: "/api/v1/imports/" + id, file: f}
	if err := s.imports.submit(s, j); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	v, _ := s.imports.view(id)
	c.Header("Location", v.URL)
	c.JSON(http.StatusAccepted, v)
	return nil
}

func (s *Server) apiImportJob(c *gin.Context) error {
	if err := s.checkImportToken(c); err != nil {
		return err
	}
	v, ok := s.imports.view(c.Param("id"))
	if !ok {
		return graph.Errorf(graph.ErrNotFound, "no import job %q (finished jobs are kept until the server restarts, the last %d of them)", c.Param("id"), keptImportJobs)
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func newJobID() (string, error) {
	var b [9]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return hex.EncodeToString(b[:]), nil
}
