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
	// Among is the entities with ids and the relationships among them (the canvas).
	Among(ctx context.Context, ids []string, f graph.Filter) (graph.Subgraph, error)
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
	FormatPDF = string(diagram.FormatPDF)
	FormatDOT = string(diagram.FormatDOT)
)

// Diagrams draws diagrams; *diagram.Engine is the implementation. Draw must
// honour opt (the service links every node with opt.NodeURL) and
// req.BaseURL (the links made absolute with the public base URL), escape every
// text it draws (the SVG is inserted into pages as markup; see checkSVG for
// the second line of defence), stop when ctx ends, and be safe for
// concurrent use. It returns graph.ErrInvalid for a diagram that is too large
// to draw, and diagram.ErrNoGraphviz or graph.ErrUnavailable when a renderer
// is missing. The service keeps a cache in front of it.
type Diagrams interface {
	Draw(ctx context.Context, req diagram.Request, opt diagram.Options, format diagram.Format) ([]byte, error)
}

// ImportResult reports what an import did.
type ImportResult struct {
	// Run is the import run that wrote it (see SECURITY.md: a run commits
	// whole or is rolled back whole).
	Run           string           `json:"run,omitempty"`
	Entities      graph.BulkResult `json:"entities"`
	Relationships graph.BulkResult `json:"relationships"`
	// Outcome is one of the ImportOutcome values when the import ended.
	Outcome ImportOutcome `json:"outcome,omitempty"`
	// Problems lists what was wrong with a rejected input, as
	// FILE:LINE: field: message.
	Problems []string `json:"problems,omitempty"`
}

// ImportOutcome is how an import ended.
type ImportOutcome string

// Import outcomes.
const (
	// OutcomeCommitted: all of the input is in the graph.
	OutcomeCommitted ImportOutcome = "committed"
	// OutcomeRejected: the input had problems; nothing was written.
	OutcomeRejected ImportOutcome = "rejected"
	// OutcomeRefused: another import run is unfinished; nothing was written.
	OutcomeRefused ImportOutcome = "refused"
	// OutcomeRolledBack: writing failed midway and what was written was
	// undone: the graph is as it was before.
	OutcomeRolledBack ImportOutcome = "rolled_back"
	// OutcomeUnfinished: writing failed and could not be undone yet (the
	// database is down); the run waits for a rollback or a resume.
	OutcomeUnfinished ImportOutcome = "unfinished"
)

// ImportProgress is how far an import has come: Phase is "read", "check",
// "entities", "relationships" or "rollback"; Done and Total count bytes
// (read) or records.
type ImportProgress struct {
	Phase string `json:"phase"`
	Done  int64  `json:"done"`
	Total int64  `json:"total"`
}

// ImportRequest is one import: Body in Format (one of ImportFormats),
// Size bytes long; Progress, when set, is called as it advances.
type ImportRequest struct {
	Format   string
	Body     io.Reader
	Size     int64
	Progress func(ImportProgress)
}

// Importer loads data posted to /api/v1/import. An implementation
// validates all of the body and writes nothing on error (an error that
// wraps graph.ErrInvalid and names the lines), and writes it as one run
// that is all of the input or, when it fails, none of it. It returns the
// result with its Outcome even with an error.
type Importer interface {
	Import(ctx context.Context, req ImportRequest) (ImportResult, error)
}
