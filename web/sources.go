package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// Sources is what the source pages and API need from the graph store.
type Sources interface {
	// SourceIndex is every source's metadata, for the notes of a report.
	SourceIndex(ctx context.Context) ([]graph.Source, error)
	SourcePage(ctx context.Context, cursor string, limit int) (graph.SourceList, error)
	GetSource(ctx context.Context, id string) (graph.SourceClaims, error)
}

func (b *breaker) SourceIndex(ctx context.Context) ([]graph.Source, error) {
	if err := b.check(ctx); err != nil {
		return nil, err
	}
	out, err := b.g.SourceIndex(ctx)
	return out, b.done(err)
}

func (b *breaker) SourcePage(ctx context.Context, cursor string, limit int) (graph.SourceList, error) {
	if err := b.check(ctx); err != nil {
		return graph.SourceList{}, err
	}
	out, err := b.g.SourcePage(ctx, cursor, limit)
	return out, b.done(err)
}

func (b *breaker) GetSource(ctx context.Context, id string) (graph.SourceClaims, error) {
	if err := b.check(ctx); err != nil {
		return graph.SourceClaims{}, err
	}
	out, err := b.g.GetSource(ctx, id)
	return out, b.done(err)
}

func (i instrumented) SourceIndex(ctx context.Context) (_ []graph.Source, err error) {
	defer func(t time.Time) { i.m.observeQuery("source_index", t, err) }(time.Now())
	return i.g.SourceIndex(ctx)
}

func (i instrumented) SourcePage(ctx context.Context, cursor string, limit int) (_ graph.SourceList, err error) {
	defer func(t time.Time) { i.m.observeQuery("sources", t, err) }(time.Now())
	return i.g.SourcePage(ctx, cursor, limit)
}

func (i instrumented) GetSource(ctx context.Context, id string) (_ graph.SourceClaims, err error) {
	defer func(t time.Time) { i.m.observeQuery("source", t, err) }(time.Now())
	return i.g.GetSource(ctx, id)
}

// SourceURL is the page of a source; with a relationship id and its
// paragraph it lands on the highlighted quote.
func SourceURL(r graph.Relationship) string {
	if r.SourceID == "" {
		return ""
	}
	u := "/sources/" + r.SourceID
	if r.ID != "" {
		u += "?rel=" + r.ID
	}
	if r.Paragraph > 0 {
		u += "#p" + strconv.Itoa(r.Paragraph)
	}
	return u
}

// source reads the source named by the :id segment of a source route.
func (s *Server) source(c *gin.Context) (graph.SourceClaims, error) {
	id := c.Param("id")
	if !graph.ValidID(id) {
		return graph.SourceClaims{}, paramError("id", "want a source id (a lowercase slug)")
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	return s.graph.GetSource(ctx, id)
}

// defSourcePage is how many sources a page lists unless limit says.
const defSourcePage = 100

// sourceList reads one page of the source list: cursor (the next value of
// the previous page) and limit.
func (s *Server) sourceList(c *gin.Context) (graph.SourceList, error) {
	limit, err := intParam(c.Request.URL.Query(), "limit", defSourcePage, 1, graph.MaxSourcePage)
	if err != nil {
		return graph.SourceList{}, err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	return s.graph.SourcePage(ctx, strings.TrimSpace(c.Query("cursor")), limit)
}

func (s *Server) apiSources(c *gin.Context) error {
	list, err := s.sourceList(c)
	if err != nil {
		return err
	}
	if list.Sources == nil {
		list.Sources = []graph.SourceInfo{}
	}
	c.JSON(http.StatusOK, list)
	return nil
}

func (s *Server) apiSource(c *gin.Context) error {
	sc, err := s.source(c)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, sc)
	return nil
}

// sourcesPage lists the sources.
type sourcesPage struct {
	layout
	Sources []graph.SourceInfo
	// Next is the link to the next page; empty on the last.
	Next string
}

func (s *Server) sourcesPage(c *gin.Context) error {
	list, err := s.sourceList(c)
	if err != nil {
		return err
	}
	data := sourcesPage{layout: layout{Title: "Sources", Nav: "sources"}, Sources: list.Sources}
	if list.Next != "" {
		q := url.Values{"cursor": {list.Next}}
		if l := c.Query("limit"); l != "" {
			q.Set("limit", l)
		}
		data.Next = "/sources?" + q.Encode()
	}
	return s.renderPage(c, http.StatusOK, "sources", data)
}

// paragraphView is one numbered paragraph of a source's text, split around
// the quote to highlight (when the page was asked for one in it).
type paragraphView struct {
	N                    int
	Before, Quote, After string
	Claims               []claimView
}

// claimView is a claim quoted from a paragraph, with its endpoints' names.
type claimView struct {
	Rel            graph.Relationship
	From, To       graph.Entity
	Selected, Cite bool
}

type sourcePage struct {
	layout
	Source     graph.Source
	Paragraphs []paragraphView
	// Citing lists the claims that rely on this source through another.
	Citing   []claimView
	Selected string
	Missing  bool // the selected quote was not found in its paragraph
}

func (s *Server) sourcePage(c *gin.Context) error {
	sc, err := s.source(c)
	if err != nil {
		return err
	}
	id := sc.Source.ID
	data := sourcePage{layout: layout{Title: sc.Source.Title, Nav: "sources"}, Source: sc.Source, Selected: c.Query("rel")}
	byID := map[string]graph.Entity{}
	for _, e := range sc.Entities {
		byID[e.ID] = e
	}
	byPara := map[int][]claimView{}
	for _, r := range sc.Relationships {
		cv := claimView{Rel: r, From: byID[r.From], To: byID[r.To], Selected: r.ID == data.Selected}
		if r.SourceID != id {
			cv.Cite = true
			data.Citing = append(data.Citing, cv)
			continue
		}
		byPara[r.Paragraph] = append(byPara[r.Paragraph], cv)
	}
	for i, text := range sc.Source.Paragraphs {
		p := paragraphView{N: i + 1, Before: text, Claims: byPara[i+1]}
		for _, cv := range p.Claims {
			if !cv.Selected {
				continue
			}
			if j := strings.Index(text, cv.Rel.Evidence); cv.Rel.Evidence != "" && j >= 0 {
				p.Before, p.Quote, p.After = text[:j], cv.Rel.Evidence, text[j+len(cv.Rel.Evidence):]
			} else {
				data.Missing = true
			}
		}
		data.Paragraphs = append(data.Paragraphs, p)
	}
	return s.renderPage(c, http.StatusOK, "source", data)
}
