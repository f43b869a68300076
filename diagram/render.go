package diagram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"explorer/graph"
)

// Format is an output format of a Renderer.
type Format string

// The output formats. "dot" is the DOT source everywhere (the command line,
// the web service and here); Graphviz's own -Tdot output, the source with
// the layout's coordinates added, is FormatLaidOutDOT.
const (
	FormatSVG        Format = "svg"
	FormatPNG        Format = "png"
	FormatPDF        Format = "pdf"
	FormatDOT        Format = "dot"          // the DOT source Build wrote; no layout runs
	FormatLaidOutDOT Format = "laid-out-dot" // Graphviz -Tdot: the source with pos= attributes
	FormatJSON       Format = "json"         // Graphviz -Tjson
	// FormatPlain is Graphviz -Tplain: each node's centre and size in
	// inches, one line each; Positions reads it.
	FormatPlain Format = "plain"
)

// Formats lists every format ParseFormat accepts.
var Formats = []Format{FormatSVG, FormatPNG, FormatPDF, FormatDOT, FormatLaidOutDOT, FormatJSON, FormatPlain}

// ParseFormat checks an output format name (case-insensitive).
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Formats, f) {
		return "", graph.Errorf(graph.ErrInvalid, "unknown diagram format %q (want svg, png, pdf, dot, laid-out-dot, json or plain)", s)
	}
	return f, nil
}

// graphviz is the name of the format on Graphviz's command line (-T).
func (f Format) graphviz() string {
	if f == FormatLaidOutDOT {
		return "dot"
	}
	return string(f)
}

// ContentType returns the MIME type of output in format f.
func (f Format) ContentType() string {
	switch f {
	case FormatSVG:
		return "image/svg+xml"
	case FormatPNG:
		return "image/png"
	case FormatPDF:
		return "application/pdf"
	case FormatJSON:
		return "application/json"
	case FormatPlain:
		return "text/plain; charset=utf-8"
	}
	return "text/vnd.graphviz; charset=utf-8"
}

// Renderer lays a diagram out with its layout engine and writes it in
// format. Implementations check the format, the layout and their Limits
// before doing any work, and stop when ctx ends or their time limit passes.
type Renderer interface {
	Render(ctx context.Context, d Diagram, format Format) ([]byte, error)
}

// Errors a Renderer returns; test them with errors.Is.
var (
	// ErrTooLarge: the DOT text is over one of the Limits (see LimitError).
	ErrTooLarge = errors.New("diagram too large")
	// ErrUnsupported: this renderer cannot produce the format asked for.
	ErrUnsupported = errors.New("diagram format not supported by this renderer")
	// ErrNoGraphviz: the native Graphviz dot program is not installed.
	ErrNoGraphviz = errors.New("the Graphviz 'dot' program is not installed (Debian/Ubuntu: apt-get install graphviz); it is needed for PNG and PDF diagrams")
)

// Limits cap the size of what a renderer accepts and produces. Layout time
// grows much faster than linearly with size, and layouts cannot be cancelled
// inside go-graphviz, so the caps are the guard against a diagram that would
// hold the renderer for minutes.
type Limits struct {
	MaxDOTBytes    int // size of the DOT text
	MaxNodes       int // nodes, legend included
	MaxEdges       int // edges, legend included
	MaxOutputBytes int // size of the rendered output
}

// DefaultLimits are the limits used where none are given. A 1,000-node
// diagram is already unreadable; the caps are set well above what the UI
// asks for and well below what takes seconds to lay out.
var DefaultLimits = Limits{MaxDOTBytes: 4 << 20, MaxNodes: 1500, MaxEdges: 4000, MaxOutputBytes: 64 << 20}

// orDefault fills zero fields from DefaultLimits.
func (l Limits) orDefault() Limits {
	d := DefaultLimits
	if l.MaxDOTBytes > 0 {
		d.MaxDOTBytes = l.MaxDOTBytes
	}
	if l.MaxNodes > 0 {
		d.MaxNodes = l.MaxNodes
	}
	if l.MaxEdges > 0 {
		d.MaxEdges = l.MaxEdges
	}
	if l.MaxOutputBytes > 0 {
		d.MaxOutputBytes = l.MaxOutputBytes
	}
	return d
}

// LimitError says which cap a diagram went over. It matches ErrTooLarge and
// graph.ErrInvalid, so web answers it with a 4xx and the message.
type LimitError struct {
	Cap   string // "MaxNodes", "MaxEdges", "MaxDOTBytes" or "MaxOutputBytes"
	Limit int
	Got   int
}

func (e *LimitError) Error() string {
	what := map[string]string{"MaxNodes": "nodes", "MaxEdges": "edges", "MaxDOTBytes": "bytes of DOT", "MaxOutputBytes": "bytes of output"}[e.Cap]
	if e.Cap == "MaxOutputBytes" {
		return fmt.Sprintf("diagram too large: the rendered output is over %d %s (cap %s); narrow the query or use a smaller format", e.Limit, what, e.Cap)
	}
	return fmt.Sprintf("diagram too large: %d %s, over the cap of %d (%s); narrow the query (fewer hops, a date window, relationship types)", e.Got, what, e.Limit, e.Cap)
}

// Unwrap lets errors.Is match ErrTooLarge and graph.ErrInvalid; the
// *graph.Error states it.
func (e *LimitError) Unwrap() []error {
	return []error{ErrTooLarge, &graph.Error{Kind: graph.ErrInvalid, Message: e.Error()}}
}

// Check tests d against the input caps, with the counts Build took.
func (l Limits) Check(d Diagram) error {
	l = l.orDefault()
	switch {
	case len(d.source) > l.MaxDOTBytes:
		return &LimitError{Cap: "MaxDOTBytes", Limit: l.MaxDOTBytes, Got: len(d.source)}
	case d.nodes > l.MaxNodes:
		return &LimitError{Cap: "MaxNodes", Limit: l.MaxNodes, Got: d.nodes}
	case d.edges > l.MaxEdges:
		return &LimitError{Cap: "MaxEdges", Limit: l.MaxEdges, Got: d.edges}
	}
	return nil
}

// checkRequest validates the arguments every renderer receives.
func checkRequest(lim Limits, d Diagram, format Format, formats []Format, layouts []string) error {
	if !slices.Contains(formats, format) {
		return fmt.Errorf("%w: format %q (this renderer does %v)", ErrUnsupported, format, formats)
	}
	if !slices.Contains(Layouts, d.layout) {
		return graph.Errorf(graph.ErrInvalid, "unknown layout %q (want one of %s)", d.layout, strings.Join(Layouts, ", "))
	}
	if !slices.Contains(layouts, d.layout) {
		return fmt.Errorf("%w: layout %q (this renderer does %s)", ErrUnsupported, d.layout, strings.Join(layouts, ", "))
	}
	return lim.Check(d)
}

// DefaultTimeout bounds one render where no time limit is given.
const DefaultTimeout = 30 * time.Second

// timedOut is the error of a render stopped at its time limit.
func timedOut(what string, d Diagram, format Format, limit time.Duration) error {
	return fmt.Errorf("%s %s/%s: %w: the layout took longer than %s and was stopped; narrow the query or use the dot layout",
		what, d.layout, format, context.DeadlineExceeded, limit)
}

// limitedBuffer collects output up to max bytes and discards the rest, so a
// writer process is never left blocked on a full pipe; err reports the cut.
type limitedBuffer struct {
	buf  []byte
	max  int
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if b.over || len(b.buf)+len(p) > b.max {
		b.over = true
		return len(p), nil
	}
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *limitedBuffer) err() error {
	if b.over {
		return &LimitError{Cap: "MaxOutputBytes", Limit: b.max}
	}
	return nil
}
