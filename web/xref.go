package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Resolver is what cross-referencing needs from the store beyond Graph:
// candidates (computed for a source, or the stored cross-reference of the
// whole graph), the recomputation of the stored ones, and judgements.
// *graph.Store has it; a Graph without it answers 501 on these routes.
type Resolver interface {
	Xref(ctx context.Context, o graph.XrefOptions) ([]graph.Candidate, error)
	StoreXref(ctx context.Context, o graph.XrefOptions) (graph.XrefRun, error)
	StoredXref(ctx context.Context, q graph.StoredQuery) (graph.StoredXref, error)
	Judge(ctx context.Context, a, b string, v graph.Verdict, by string, now time.Time) (graph.JudgeResult, error)
}

func (s *Server) resolver() (Resolver, error) {
	r := s.xref
	if r == nil {
		return nil, graph.Errorf(errNotImplemented, "cross-referencing is not available with this store")
	}
	return r, nil
}

// maxXref caps the candidates one request returns.
const maxXref = 500

// xrefOptions reads source, min_score and limit.
func xrefOptions(c *gin.Context, defLimit int) (graph.XrefOptions, error) {
	o := graph.XrefOptions{Source: strings.TrimSpace(c.Query("source")), MinScore: graph.DefaultMinScore}
	if v := strings.TrimSpace(c.Query("min_score")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			return o, paramError("min_score", "want a number above 0 and at most 1, got %q", v)
		}
		o.MinScore = f
	}
	limit, err := intParam(c.Request.URL.Query(), "limit", defLimit, 1, maxXref)
	if err != nil {
		return o, err
	}
	o.Limit = limit
	return o, nil
}

// xrefResponse is GET /api/v1/xref: the candidates and, without a source,
// where the stored ones stand and the recomputation, if one ran.
type xrefResponse struct {
	Candidates []graph.Candidate `json:"candidates"`
	Stored     *storedStatus     `json:"stored,omitempty"`
	Job        *XrefJob          `json:"job,omitempty"`
}

// storedStatus is graph.StoredXref without its candidates.
type storedStatus struct {
	Run     *graph.XrefRun     `json:"run"`
	Graph   graph.GraphVersion `json:"graph"`
	Stale   bool               `json:"stale"`
	Pending int                `json:"pending"`
}

// apiXref lists candidate pairs, best first: computed now for a source,
// else the stored cross-reference of the whole graph (judged pairs left
// out at once), which POST /api/v1/xref/recompute refreshes.
func (s *Server) apiXref(c *gin.Context) error {
	r, err := s.resolver()
	if err != nil {
		return err
	}
	o, err := xrefOptions(c, 100)
	if err != nil {
		return err
	}
	offset, err := intParam(c.Request.URL.Query(), "offset", 0, 0, graph.DefaultKeep)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	var out xrefResponse
	if o.Source != "" {
		if out.Candidates, err = r.Xref(ctx, o); err != nil {
			return err
		}
	} else {
		st, err := r.StoredXref(ctx, graph.StoredQuery{MinScore: o.MinScore, Offset: offset, Limit: o.Limit})
		if err != nil {
			return err
		}
		out.Candidates = st.Candidates
		out.Stored = &storedStatus{Run: st.Run, Graph: st.Graph, Stale: st.Stale, Pending: st.Pending}
		if j, ok := s.xrefJobs.view(); ok {
			out.Job = &j
		}
	}
	if out.Candidates == nil {
		out.Candidates = []graph.Candidate{}
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// apiXrefRecompute starts recomputing the stored cross-reference in the
// background: 202 with the job, 409 while one runs.
func (s *Server) apiXrefRecompute(c *gin.Context) error {
	if err := s.writeAllowed(bearer(c)); err != nil {
		return err
	}
	r, err := s.resolver()
	if err != nil {
		return err
	}
	o, err := xrefOptions(c, 1)
	if err != nil {
		return err
	}
	j, err := s.xrefJobs.start(s, r, o.MinScore)
	if err != nil {
		return err
	}
	c.JSON(http.StatusAccepted, gin.H{"job": j})
	return nil
}

// judgementRequest is the body of POST /api/v1/judgements.
type judgementRequest struct {
	Left    string `json:"left"`
	Right   string `json:"right"`
	Verdict string `json:"verdict"`
	By      string `json:"by"`
}

// writeAllowed checks the token that guards writes (the import token): a
// judgement may merge entities, a recomputation replaces the stored
// candidates and loads the database for minutes.
func (s *Server) writeAllowed(token string) error {
	if s.cfg.ImportToken == "" {
		return graph.Errorf(graph.ErrForbidden, "judging and recomputing are disabled: the server has no import token (set EXPLORER_IMPORT_TOKEN or --import-token)")
	}
	if !tokenEqual(strings.TrimSpace(token), s.cfg.ImportToken) {
		return graph.Errorf(errUnauthorized, "judging and recomputing need the import token")
	}
	return nil
}

// apiJudge records a judgement; "same" merges the pair.
func (s *Server) apiJudge(c *gin.Context) error {
	if err := s.writeAllowed(bearer(c)); err != nil {
		return err
	}
	r, err := s.resolver()
	if err != nil {
		return err
	}
	var req judgementRequest
	dec := json.NewDecoder(http.MaxBytesReader(c.Writer, c.Request.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return graph.Errorf(graph.ErrInvalid, "body: want {\"left\", \"right\", \"verdict\", \"by\"}: %v", err)
	}
	res, err := s.judge(c, r, req)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

func (s *Server) judge(c *gin.Context, r Resolver, req judgementRequest) (graph.JudgeResult, error) {
	v, err := graph.ParseVerdict(strings.TrimSpace(req.Verdict))
	if err != nil {
		return graph.JudgeResult{}, err
	}
	for _, f := range []struct{ name, v string }{{"left", req.Left}, {"right", req.Right}, {"by", req.By}} {
		if strings.TrimSpace(f.v) == "" {
			return graph.JudgeResult{}, graph.Errorf(graph.ErrInvalid, "%s is empty", f.name)
		}
		if len(f.v) > 200 {
			return graph.JudgeResult{}, graph.Errorf(graph.ErrInvalid, "%s is longer than 200 bytes", f.name)
		}
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	return r.Judge(ctx, req.Left, req.Right, v, "web: "+strings.TrimSpace(req.By), time.Now())
}

// xrefPage is the review page: candidates best first, each with both
// entities' links and evidence side by side, and the judgement buttons.
type xrefPage struct {
	layout
	Source     string
	MinScore   string
	Candidates []candidateView
	Judged     string
	Notice     string
	// CanJudge says the server has a token for writes.
	CanJudge bool
	// Stored is where the stored cross-reference stands (nil with a
	// source: its candidates are computed for the request); Job is the
	// latest recomputation.
	Stored *graph.StoredXref
	Job    *XrefJob
}

type candidateView struct {
	graph.Candidate
	LeftLinks, RightLinks []linkView
}

// linkView is one relationship of an entity under review.
type linkView struct {
	Rel      graph.Relationship
	Other    graph.Entity
	Outgoing bool
}

// reviewLinks is how many relationships of each entity the review shows.
const reviewLinks = 8

func (s *Server) xrefPage(c *gin.Context) error {
	r, err := s.resolver()
	if err != nil {
		return err
	}
	o, err := xrefOptions(c, 20)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	data := xrefPage{layout: layout{Title: "Review candidates", Nav: "xref"}, Source: o.Source,
		MinScore: strconv.FormatFloat(o.MinScore, 'f', -1, 64), Judged: c.Query("judged"), CanJudge: s.cfg.ImportToken != ""}
	var cands []graph.Candidate
	if o.Source != "" {
		if cands, err = r.Xref(ctx, o); err != nil {
			return err
		}
	} else {
		st, err := r.StoredXref(ctx, graph.StoredQuery{MinScore: o.MinScore, Limit: o.Limit})
		if err != nil {
			return err
		}
		data.Stored, cands = &st, st.Candidates
		if j, ok := s.xrefJobs.view(); ok {
			data.Job = &j
		}
	}
	for _, cd := range cands {
		v := candidateView{Candidate: cd}
		if v.LeftLinks, err = s.links(ctx, cd.Left.ID); err != nil {
			return err
		}
		if v.RightLinks, err = s.links(ctx, cd.Right.ID); err != nil {
			return err
		}
		data.Candidates = append(data.Candidates, v)
	}
	return s.renderPage(c, http.StatusOK, "xref", data)
}

// links returns an entity's relationships with their evidence.
func (s *Server) links(ctx context.Context, id string) ([]linkView, error) {
	g, err := s.graph.Neighbors(ctx, graph.NeighborQuery{ID: id, Depth: 1, Limit: reviewLinks})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]graph.Entity, len(g.Nodes))
	for _, n := range g.Nodes {
		byID[n.ID] = n
	}
	var out []linkView
	for _, r := range g.Relationships {
		if r.From != id && r.To != id {
			continue
		}
		l := linkView{Rel: r, Outgoing: r.From == id}
		if l.Outgoing {
			l.Other = byID[r.To]
		} else {
			l.Other = byID[r.From]
		}
		out = append(out, l)
		if len(out) == reviewLinks {
			break
		}
	}
	return out, nil
}

// xrefJudge is the review page's form: it records the judgement and goes
// back to the list.
func (s *Server) xrefJudge(c *gin.Context) error {
	if err := s.writeAllowed(c.PostForm("token")); err != nil {
		return err
	}
	r, err := s.resolver()
	if err != nil {
		return err
	}
	req := judgementRequest{Left: c.PostForm("left"), Right: c.PostForm("right"), Verdict: c.PostForm("verdict"), By: c.PostForm("by")}
	res, err := s.judge(c, r, req)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("%s and %s: %s", res.Judgement.Left, res.Judgement.Right, res.Judgement.Verdict)
	if res.Merged != nil {
		msg += fmt.Sprintf(" (merged into %s)", res.Merged.Canonical)
	}
	q := "judged=" + url.QueryEscape(msg)
	if src := c.PostForm("source"); src != "" {
		q += "&source=" + url.QueryEscape(src)
	}
	c.Redirect(http.StatusSeeOther, "/xref?"+q)
	return nil
}

// xrefRecompute is the review page's recompute button: it starts the job
// and goes back to the list, which shows its progress.
func (s *Server) xrefRecompute(c *gin.Context) error {
	if err := s.writeAllowed(c.PostForm("token")); err != nil {
		return err
	}
	r, err := s.resolver()
	if err != nil {
		return err
	}
	if _, err := s.xrefJobs.start(s, r, graph.DefaultMinScore); err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/xref")
	return nil
}

// XrefJob is a recomputation of the stored cross-reference, as GET
// /api/v1/xref and POST /api/v1/xref/recompute show it.
type XrefJob struct {
	// Status is running, done or failed.
	Status   string    `json:"status"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"`
	// Entities counts the entities looked up so far.
	Entities int `json:"entities"`
	// Run is what was stored, once done.
	Run *graph.XrefRun `json:"run,omitempty"`
	// Error says why it failed.
	Error string `json:"error,omitempty"`
}

// xrefJobs runs recomputations in the background, one at a time (each
// reads the whole graph), and keeps the latest for the page.
type xrefJobs struct {
	mu     sync.Mutex
	last   *XrefJob
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newXrefJobs() *xrefJobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &xrefJobs{ctx: ctx, cancel: cancel}
}

// view returns a copy of the latest job.
func (x *xrefJobs) view() (XrefJob, bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.last == nil {
		return XrefJob{}, false
	}
	return *x.last, true
}

// start begins a recomputation at minScore, unless one is running
// (ErrConflict) or the server is shutting down.
func (x *xrefJobs) start(s *Server, r Resolver, minScore float64) (XrefJob, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.ctx.Err() != nil {
		return XrefJob{}, fmt.Errorf("%w: the server is shutting down", graph.ErrUnavailable)
	}
	if x.last != nil && x.last.Status == jobRunning {
		return XrefJob{}, graph.Errorf(graph.ErrConflict, "a recomputation is running already (started %s, %d entities looked up)",
			x.last.Started.Format(time.RFC3339), x.last.Entities)
	}
	j := &XrefJob{Status: jobRunning, Started: s.cfg.Now().UTC()}
	x.last = j
	x.wg.Add(1)
	go func() {
		defer x.wg.Done()
		run, err := r.StoreXref(x.ctx, graph.XrefOptions{MinScore: minScore, Progress: func(n int) {
			x.mu.Lock()
			j.Entities = n
			x.mu.Unlock()
		}})
		x.mu.Lock()
		defer x.mu.Unlock()
		j.Finished = s.cfg.Now().UTC()
		if err != nil {
			status := statusOf(err)
			j.Status, j.Error = "failed", publicMessage(err, status)
			if status >= 500 {
				s.log.Warn("xref recomputation failed", "error", err.Error())
			}
			return
		}
		j.Status, j.Run = jobDone, &run
	}()
	return *j, nil
}

// close cancels a running recomputation (nothing of it is stored) and
// waits for it until ctx ends.
func (x *xrefJobs) close(ctx context.Context) error {
	x.mu.Lock()
	x.cancel()
	x.mu.Unlock()
	done := make(chan struct{})
	go func() { x.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
