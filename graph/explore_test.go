package graph_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

func TestAmong(t *testing.T) {
	st := testdb.Open(t)
	load(t, st, []graph.Entity{
		ent("komid", "KOMID", graph.Organization),
		ent("iran", "Iran", graph.State),
		ent("houthis", "Houthis", graph.Organization),
		ent("un", "UN Panel", graph.Organization),
	}, []graph.Relationship{
		rel("komid-iran", "SUPPLIED", "komid", "iran", "2015", "", graph.Reported),
		rel("iran-houthis", "SUPPLIED", "iran", "houthis", "2016", "", graph.Reported),
		rel("un-komid", "REPORTED_ON", "un", "komid", "2017", "", graph.Confirmed),
	})
	ctx := context.Background()
	ids := func(g graph.Subgraph) (nodes, rels []string) {
		for _, n := range g.Nodes {
			nodes = append(nodes, n.ID)
		}
		for _, r := range g.Relationships {
			rels = append(rels, r.ID)
		}
		return nodes, rels
	}
	tests := []struct {
		name      string
		ids       []string
		filter    graph.Filter
		wantNodes []string
		wantRels  []string
	}{
		{"two linked", []string{"komid", "iran", "komid"}, graph.Filter{}, []string{"iran", "komid"}, []string{"komid-iran"}},
		{"not linked directly", []string{"komid", "houthis"}, graph.Filter{}, []string{"houthis", "komid"}, nil},
		{"mentions only when asked", []string{"komid", "un"}, graph.Filter{}, []string{"komid", "un"}, nil},
		{"with mentions", []string{"komid", "un"}, graph.Filter{WithMentions: true}, []string{"komid", "un"}, []string{"un-komid"}},
		{"all three", []string{"houthis", "iran", "komid"}, graph.Filter{}, []string{"houthis", "iran", "komid"}, []string{"komid-iran", "iran-houthis"}},
		{"window", []string{"houthis", "iran", "komid"}, graph.Filter{Window: graph.Window{Since: graph.MustDate("2016"), Until: graph.MustDate("2016")}, DatedOnly: true}, []string{"houthis", "iran", "komid"}, []string{"iran-houthis"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := st.Among(ctx, tt.ids, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			nodes, rels := ids(g)
			if diff := cmp.Diff(tt.wantNodes, nodes); diff != "" {
				t.Errorf("nodes (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantRels, rels); diff != "" {
				t.Errorf("relationships (-want +got):\n%s", diff)
			}
		})
	}
	_, err := st.Among(ctx, []string{"komid", "nobody"}, graph.Filter{})
	var unk *graph.UnknownEntityError
	if !errors.As(err, &unk) || unk.Ref != "nobody" {
		t.Errorf("Among with an unknown id: err = %v, want an UnknownEntityError for nobody", err)
	}
	many := make([]string, graph.MaxAmong+1)
	for i := range many {
		many[i] = string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	if _, err := st.Among(ctx, many, graph.Filter{}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("Among with %d ids: err = %v, want ErrInvalid", len(many), err)
	}
}
