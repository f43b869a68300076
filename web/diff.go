package web

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"explorer/graph"
)

// diffResponse is the body of GET /api/v1/entities/{id}/diff: the diff and
// a line saying how it treats time.
type diffResponse struct {
	graph.Diff
	Note string `json:"note"`
}

// apiDiff answers what changed around an entity between two dates, as JSON
// or as one diagram with added, removed and persisting links styled apart.
func (s *Server) apiDiff(c *gin.Context) error {
	v := c.Request.URL.Query()
	format, err := formatParam(v, c.GetHeader("Accept"))
	if err != nil {
		return err
	}
	ctx, cancel := s.ctx(c)
	defer cancel()
	centre, err := s.resolveID(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	q := graph.DiffQuery{ID: centre.ID}
	for _, p := range []struct {
		name string
		d    *graph.PartialDate
	}{{"from", &q.From}, {"to", &q.To}} {
		if v.Get(p.name) == "" {
			return paramError(p.name, "required: a date (YYYY, YYYY-MM, YYYY-MM-DD or a decade YYYX)")
		}
		if *p.d, err = dateParam(v, p.name); err != nil {
			return err
		}
	}
	if !q.From.Last().Before(q.To.First()) {
		return paramError("to", "%s must come after from %s", q.To, q.From)
	}
	if q.Depth, err = intParam(v, "depth", 1, 1, graph.MaxDepth); err != nil {
		return err
	}
	if q.Limit, err = intParam(v, "limit", graph.DefaultNodeCap, 1, graph.MaxNodeCap); err != nil {
		return err
	}
	if q.DatedOnly, err = boolParam(v, "dated_only"); err != nil {
		return err
	}
	d, err := s.graph.Diff(ctx, q)
	if err != nil {
		return err
	}
	if format == "json" {
		c.JSON(http.StatusOK, diffResponse{Diff: d, Note: q.Note()})
		return nil
	}
	rels, changes := d.Relationships()
	in := DiagramRequest{
		Title:     fmt.Sprintf("What changed around %s between %s and %s (depth %d; %s)", centre.Name, q.From, q.To, q.Depth, undatedNote(q)),
		Graph:     graph.Subgraph{Nodes: d.Nodes, Relationships: rels, Truncated: d.Truncated},
		Highlight: []string{centre.ID},
		Changes:   changes,
	}
	return s.writeDiagram(c, ctx, in, format, fmt.Sprintf("%s-diff-%s-%s", centre.ID, q.From, q.To))
}

func undatedNote(q graph.DiffQuery) string {
	if q.DatedOnly {
		return "undated claims left out"
	}
	return "undated claims in grey: their time is unknown"
}
