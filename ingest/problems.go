package ingest

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"explorer/graph"
)

// MaxProblems is how many problems a RejectedError keeps and shows; the rest
// are only counted.
const MaxProblems = 50

// Problem is one thing wrong with an input, at a line of a file.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// String formats p as FILE:LINE: field: message.
func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d: %s: %s", p.File, p.Line, p.Field, p.Message)
}

// RejectedError says that an import was refused because its input has
// problems; nothing was written. It is an ErrInvalid.
type RejectedError struct {
	// Problems are the first MaxProblems problems, in file and line order.
	Problems []Problem
	// Total counts every problem found.
	Total int
	// Records counts the records (lines) that have at least one problem.
	Records int
}

func (e *RejectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "input rejected, nothing written: %d problem(s) in %d record(s)", e.Total, e.Records)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	if more := e.Total - len(e.Problems); more > 0 {
		fmt.Fprintf(&b, "\n  ... and %d more", more)
	}
	return b.String()
}

// Unwrap gives the *graph.Error that states it: an ErrInvalid.
func (e *RejectedError) Unwrap() error {
	return &graph.Error{Kind: graph.ErrInvalid, Message: e.Error()}
}

// problems collects problems, keeping all of them for sorting (each is
// small) but only up to a hard cap, so a file of garbage cannot exhaust memory.
type problems struct {
	list  []problemAt
	total int
	recs  map[recKey]bool
}

type recKey struct {
	file int
	line int
}

type problemAt struct {
	fileIdx int
	Problem
}

const keepProblems = 10 * MaxProblems

func (ps *problems) add(fileIdx int, p Problem) {
	ps.total++
	if ps.recs == nil {
		ps.recs = map[recKey]bool{}
	}
	ps.recs[recKey{fileIdx, p.Line}] = true
	if len(ps.list) < keepProblems {
		ps.list = append(ps.list, problemAt{fileIdx, p})
	}
}

func (ps *problems) err() error {
	if ps.total == 0 {
		return nil
	}
	slices.SortStableFunc(ps.list, func(a, b problemAt) int {
		return cmp.Or(cmp.Compare(a.fileIdx, b.fileIdx), cmp.Compare(a.Line, b.Line))
	})
	e := &RejectedError{Total: ps.total, Records: len(ps.recs)}
	for i, p := range ps.list {
		if i == MaxProblems {
			break
		}
		e.Problems = append(e.Problems, p.Problem)
	}
	return e
}

// reason is the user-facing message of a graph validation error.
func reason(err error) string { return graph.Message(err) }
