package web

import (
	"context"
	"io"

	"explorer/graph"
)

// Graph is what the web service needs from the graph store. *graph.Store
// satisfies it; tests use a hand-written fake.
type Graph interface {
	Search(ctx context.Context, text string, limit int) ([]graph.SearchHit, error)
	Resolve(ctx context.Context, ref string) (graph.Entity, error)
	Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Subgraph, error)
	Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error)
	Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (*graph.QueryResult, error)
	Ping(ctx context.Context) error
	Sources
}

// DiagramRequest is what a diagram is drawn from: the paths when there are
// any, else the subgraph.
type DiagramRequest struct {
	Title string         `json:"title"`
	Graph graph.Subgraph `json:"graph"`
	Paths []graph.Path   `json:"paths,omitempty"`
	// Highlight lists entity ids to draw emphasised: path endpoints or the
	// centre of a neighbourhood.
	Highlight []string `json:"highlight,omitempty"`
}

// Diagram formats a Diagrams implementation must support.
const (
	FormatSVG = "svg"
	FormatPNG = "png"
	FormatDOT = "dot"
)

// Diagrams renders diagrams. An implementation must link every node of an
// SVG to EntityURL(node id), must escape every text it draws (the SVG is
// inserted into pages as markup; see checkSVG for the second line of
// defence), and must be safe for concurrent use. It returns graph.ErrInvalid
// for a diagram that is too large to draw and graph.ErrUnavailable when a
// renderer (such as the native dot program for PNG) is missing.
type Diagrams interface {
	Render(ctx context.Context, in DiagramRequest, format string) (body []byte, contentType string, err error)
}

// ImportResult reports what an import wrote.
type ImportResult struct {
	Entities      graph.BulkResult `json:"entities"`
	Relationships graph.BulkResult `json:"relationships"`
}

// Importer loads data posted to /api/v1/import. The body is read in the
// given format (one of ImportFormats; "jsonl" is one entity or relationship
// per line); an implementation validates all of it and writes nothing on
// error, returning an error that wraps graph.ErrInvalid and names the lines.
type Importer interface {
	Import(ctx context.Context, format string, body io.Reader) (ImportResult, error)
}
