package main

import (
	"cmp"
	"context"
	"io"
	"slices"

	"explorer/graph"
	"explorer/ingest"
)

// subgraphExporter writes a subgraph (an investigation's) with the
// exporters of `explorer export`, for the web service, which does not
// import ingest. Source records come from the store, so that FtM claims
// carry their record's metadata as in a whole-graph export.
type subgraphExporter struct {
	st *graph.Store
}

// ExportSubgraph writes g in format (an ingest.ExportFormat name).
func (x subgraphExporter) ExportSubgraph(ctx context.Context, g graph.Subgraph, w io.Writer, format string) error {
	f, err := ingest.ParseExportFormat(format)
	if err != nil {
		return err
	}
	_, err = ingest.Export(ctx, newSubgraphReader(g, x.st), w, f)
	return err
}

// subgraphReader serves a subgraph as an export reads the store: pages in
// id order, by relationship type.
type subgraphReader struct {
	ents    []graph.Entity
	rels    []graph.Relationship
	sources interface {
		SourceIndex(ctx context.Context) ([]graph.Source, error)
	}
}

func newSubgraphReader(g graph.Subgraph, st *graph.Store) *subgraphReader {
	r := &subgraphReader{ents: slices.Clone(g.Nodes), rels: slices.Clone(g.Relationships)}
	if st != nil {
		r.sources = st
	}
	slices.SortFunc(r.ents, func(a, b graph.Entity) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(r.rels, func(a, b graph.Relationship) int { return cmp.Compare(a.ID, b.ID) })
	return r
}

func (r *subgraphReader) EntitiesPage(_ context.Context, after string, limit int) ([]graph.Entity, error) {
	var out []graph.Entity
	for _, e := range r.ents {
		if e.ID > after && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (r *subgraphReader) RelationshipsPage(_ context.Context, t graph.RelType, after string, limit int) ([]graph.Relationship, error) {
	var out []graph.Relationship
	for _, rel := range r.rels {
		if rel.Type == t && rel.ID > after && len(out) < limit {
			out = append(out, rel)
		}
	}
	return out, nil
}

// GetEntity finds an entity of the subgraph (FtM names a sanction's
// authority by it); every relationship's ends are in the subgraph.
func (r *subgraphReader) GetEntity(_ context.Context, id string) (graph.Entity, error) {
	if i := slices.IndexFunc(r.ents, func(e graph.Entity) bool { return e.ID == id }); i >= 0 {
		return r.ents[i], nil
	}
	return graph.Entity{}, graph.Errorf(graph.ErrNotFound, "no entity %q in the subgraph", id)
}

// SourceIndex lists the store's source records (without their text).
func (r *subgraphReader) SourceIndex(ctx context.Context) ([]graph.Source, error) {
	if r.sources == nil {
		return nil, nil
	}
	return r.sources.SourceIndex(ctx)
}
