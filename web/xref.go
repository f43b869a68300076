package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Resolver is what cross-referencing needs from the store beyond Graph:
// candidates and judgements. *graph.Store has it; a Graph without it
// answers 501 on these routes.
type Resolver interface {
	Xref(ctx context.Context, o graph.XrefOptions) ([]graph.Candidate, error)
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

// apiXref lists candidate pairs, best first.
func (s *Server) apiXref(c *gin.Context) error {
	r, err := s.resolver()
	if err != nil {
		return err
	}
	o, err := xrefOptions(c, 100)
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	cands, err := r.Xref(ctx, o)
	if err != nil {
		return err
	}
	if cands == nil {
		cands = []graph.Candidate{}
	}
	c.JSON(http.StatusOK, gin.H{"candidates": cands})
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
// judgement may merge entities.
func (s *Server) writeAllowed(token string) error {
	if s.cfg.ImportToken == "" {
		return graph.Errorf(graph.ErrForbidden, "judging is disabled: the server has no import token (set EXPLORER_IMPORT_TOKEN or --import-token)")
	}
	if !tokenEqual(strings.TrimSpace(token), s.cfg.ImportToken) {
		return graph.Errorf(errUnauthorized, "judging needs the import token")
	}
	return nil
}

// apiJudge records a judgement; "same" merges the pair.
func (s *Server) apiJudge(c *gin.Context) error {
	token, _ := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if err := s.writeAllowed(token); err != nil {
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
	cands, err := r.Xref(ctx, o)
	if err != nil {
		return err
	}
	data := xrefPage{layout: layout{Title: "Review candidates", Nav: "xref"}, Source: o.Source,
		MinScore: strconv.FormatFloat(o.MinScore, 'f', -1, 64), Judged: c.Query("judged"), CanJudge: s.cfg.ImportToken != ""}
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
