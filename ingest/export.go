package ingest

import (
	"bufio"
	"context"
	"io"
	"strings"

	"explorer/graph"
)

// ExportFormat is an export format.
type ExportFormat string

// The export formats.
const (
	ExportJSONL   ExportFormat = "jsonl"
	ExportCSV     ExportFormat = "csv"
	ExportFtM     ExportFormat = "ftm"
	ExportGraphML ExportFormat = "graphml"
	ExportGEXF    ExportFormat = "gexf"
	ExportCypher  ExportFormat = "cypher"
	ExportDOT     ExportFormat = "dot"
)

// ExportFormats lists the export formats.
var ExportFormats = []ExportFormat{ExportJSONL, ExportCSV, ExportFtM, ExportGraphML, ExportGEXF, ExportCypher, ExportDOT}

// ParseExportFormat returns the export format named s.
func ParseExportFormat(s string) (ExportFormat, error) {
	for _, f := range ExportFormats {
		if strings.EqualFold(string(f), strings.TrimSpace(s)) {
			return f, nil
		}
	}
	names := make([]string, len(ExportFormats))
	for i, f := range ExportFormats {
		names[i] = string(f)
	}
	return "", graph.Errorf(graph.ErrInvalid, "unknown export format %q (want %s)", s, strings.Join(names, ", "))
}

// Reader is what an export reads from the graph store (*graph.Store): pages
// in id order, so that a graph of any size streams through bounded memory.
type Reader interface {
	EntitiesPage(ctx context.Context, after string, limit int) ([]graph.Entity, error)
	RelationshipsPage(ctx context.Context, t graph.RelType, after string, limit int) ([]graph.Relationship, error)
	GetEntity(ctx context.Context, id string) (graph.Entity, error)
}

// SourceReader is a Reader that also lists source records with their text;
// exports that can carry sources (cypher) write them.
type SourceReader interface {
	AllSources(ctx context.Context) ([]graph.Source, error)
}

// sourceWriter is an exporter that writes source records.
type sourceWriter interface {
	source(graph.Source) error
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Sources       int `json:"sources,omitempty"`
	Entities      int `json:"entities"`
	Relationships int `json:"relationships"`
}

// exportPage is the number of records read per query.
const exportPage = 5000

// exporter writes one format; entities all come before relationships.
type exporter interface {
	begin() error
	entity(e graph.Entity) error
	relationship(r graph.Relationship) error
	end() error
}

// Export writes the whole graph to w in format f: entities in id order,
// then relationships by vocabulary type and id.
func Export(ctx context.Context, g Reader, w io.Writer, f ExportFormat) (ExportSummary, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	var x exporter
	switch f {
	case ExportJSONL:
		x = &jsonlExporter{w: bw}
	case ExportCSV:
		x = newCSVExporter(bw)
	case ExportFtM:
		fx, err := newFtMExporter(ctx, g, bw)
		if err != nil {
			return ExportSummary{}, err
		}
		x = fx
	case ExportGraphML:
		x = &graphmlExporter{w: bw}
	case ExportGEXF:
		x = &gexfExporter{w: bw}
	case ExportCypher:
		x = newCypherExporter(bw)
	case ExportDOT:
		x = &dotExporter{w: bw}
	default:
		return ExportSummary{}, graph.Errorf(graph.ErrInvalid, "unknown export format %q", f)
	}
	var sum ExportSummary
	if err := x.begin(); err != nil {
		return sum, err
	}
	// Source records go first where both sides know them, so that claims'
	// sourceId and citedSourceId resolve when the export is loaded again.
	if sr, ok := g.(SourceReader); ok {
		if sw, ok := x.(sourceWriter); ok {
			srcs, err := sr.AllSources(ctx)
			if err != nil {
				return sum, err
			}
			for _, src := range srcs {
				if err := sw.source(src); err != nil {
					return sum, err
				}
			}
			sum.Sources = len(srcs)
		}
	}
	after := ""
	for {
		page, err := g.EntitiesPage(ctx, after, exportPage)
		if err != nil {
			return sum, err
		}
		for _, e := range page {
			if err := x.entity(e); err != nil {
				return sum, err
			}
		}
		sum.Entities += len(page)
		if len(page) < exportPage {
			break
		}
		after = page[len(page)-1].ID
	}
	for _, spec := range graph.Vocabulary {
		after := ""
		for {
			page, err := g.RelationshipsPage(ctx, spec.Type, after, exportPage)
			if err != nil {
				return sum, err
			}
			for _, r := range page {
				if err := x.relationship(r); err != nil {
					return sum, err
				}
			}
			sum.Relationships += len(page)
			if len(page) < exportPage {
				break
			}
			after = page[len(page)-1].ID
		}
	}
	if err := x.end(); err != nil {
		return sum, err
	}
	return sum, bw.Flush()
}

// JSONLWriter writes entities and relationships in the JSON lines import
// format, for producers other than Export (such as the synthetic graph
// generator). Call Flush at the end.
type JSONLWriter struct {
	bw *bufio.Writer
	x  jsonlExporter
}

// NewJSONLWriter returns a JSONLWriter on w.
func NewJSONLWriter(w io.Writer) *JSONLWriter {
	bw := bufio.NewWriterSize(w, 1<<16)
	return &JSONLWriter{bw: bw, x: jsonlExporter{w: bw}}
}

// Entity writes one entity line.
func (w *JSONLWriter) Entity(e graph.Entity) error { return w.x.entity(e) }

// Relationship writes one relationship line.
func (w *JSONLWriter) Relationship(r graph.Relationship) error { return w.x.relationship(r) }

// Flush writes out what is buffered.
func (w *JSONLWriter) Flush() error { return w.bw.Flush() }
