package web

import (
	"context"
	"io"

	"explorer/diagram"
	"explorer/graph"
)

// Graph is what the web service needs from the graph store. *graph.Store
// satisfies it; tests use a hand-written fake.
type Graph interface {
	Search(ctx context.Context, text string, limit int) ([]graph.SearchHit, error)
	Resolve(ctx context.Context, ref string) (graph.Entity, error)
	Neighbors(ctx context.Context, q graph.NeighborQuery) (graph.Subgraph, error)
	Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error)
	Diff(ctx context.Context, q graph.DiffQuery) (graph.Diff, error)
	Query(ctx context.Context, cypher string, params map[string]any, lim graph.QueryLimits) (*graph.QueryResult, error)
	Ping(ctx context.Context) error
	Sources
}

// DiagramRequest is diagram.Request, the one diagram request type of the
// command line and the web service, under the name the handlers use.
type DiagramRequest = diagram.Request

// Diagram formats the service offers; "dot" is the DOT source.
const (
	FormatSVG = string(diagram.FormatSVG)
	FormatPNG = string(diagram.FormatPNG)
	FormatDOT = string(diagram.FormatDOT)
)

// Diagrams draws diagrams; *diagram.Engine is the implementation. Draw must
// honour opt (the service links every node with opt.NodeURL), escape every
// text it draws (the SVG is inserted into pages as markup; see checkSVG for
// the second line of defence), stop when ctx ends, and be safe for
// concurrent use. It returns graph.ErrInvalid for a diagram that is too large
// to draw, and diagram.ErrNoGraphviz or graph.ErrUnavailable when a renderer
// is missing. The service keeps a cache in front of it.
type Diagrams interface {
	Draw(ctx context.Context, req diagram.Request, opt diagram.Options, format diagram.Format) ([]byte, error)
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
