package graph_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"explorer/graph"
	"explorer/internal/testdb"
)

func TestInvestigations(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{ent("komid", "KOMID", graph.Organization), ent("houthis", "Houthis", graph.Organization)},
		[]graph.Relationship{rel("komid-houthis", "SUPPLIED", "komid", "houthis", "2018", "", graph.Alleged)})
	before, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	in := graph.Investigation{Name: "  KOMID to the Houthis ", Entities: []string{"komid", "houthis"},
		Queries: []string{"/explore?ids=komid&paths=komid~houthis"}, Notes: map[string]string{"komid-houthis": "check the UN report"}}
	saved, err := st.SaveInvestigation(ctx, in, t0)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Investigation{ID: saved.ID, Name: "KOMID to the Houthis", Entities: in.Entities, Queries: in.Queries, Notes: in.Notes,
		DataDate: t0, Created: t0, Updated: t0}
	if diff := cmp.Diff(want, saved); diff != "" {
		t.Errorf("saved (-want +got):\n%s", diff)
	}
	got, err := st.Investigation(ctx, saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("read back (-want +got):\n%s", diff)
	}

	// Investigations stay out of entity searches, counts and walks.
	hits, err := st.Search(ctx, "KOMID to the Houthis", 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ID == saved.ID {
			t.Errorf("search found the investigation: %+v", h)
		}
	}
	after, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("counts after saving = %+v, want %+v", after, before)
	}
	if _, err := st.Among(ctx, []string{saved.ID}, graph.Filter{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Among(investigation id) err = %v, want ErrNotFound", err)
	}

	// Update, list, delete.
	t1 := t0.Add(time.Hour)
	upd := got
	upd.Name, upd.Entities = "Renamed", []string{"komid"}
	upd.Notes = nil
	saved2, err := st.SaveInvestigation(ctx, upd, t1)
	if err != nil {
		t.Fatal(err)
	}
	want2 := graph.Investigation{ID: saved.ID, Name: "Renamed", Entities: []string{"komid"}, Queries: in.Queries, Notes: map[string]string{},
		DataDate: t0, Created: t0, Updated: t1}
	if diff := cmp.Diff(want2, saved2); diff != "" {
		t.Errorf("updated (-want +got):\n%s", diff)
	}
	other, err := st.SaveInvestigation(ctx, graph.Investigation{Name: "Other"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.Investigations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]graph.Investigation{want2, other}, list, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("list (-want +got):\n%s", diff)
	}
	if err := st.DeleteInvestigation(ctx, saved.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Investigation(ctx, saved.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("read after delete: err = %v, want ErrNotFound", err)
	}
	if err := st.DeleteInvestigation(ctx, saved.ID); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("second delete: err = %v, want ErrNotFound", err)
	}
	if _, err := st.SaveInvestigation(ctx, graph.Investigation{ID: "inv-missing", Name: "x"}, t0); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("update of a missing investigation: err = %v, want ErrNotFound", err)
	}
}

func TestInvestigationValidate(t *testing.T) {
	tests := []struct {
		name  string
		inv   graph.Investigation
		param string
	}{
		{"no name", graph.Investigation{Name: "  "}, "name"},
		{"bad entity", graph.Investigation{Name: "x", Entities: []string{"komid", "Not An Id"}}, "entities"},
		{"bad note key", graph.Investigation{Name: "x", Notes: map[string]string{"a b": "n"}}, "notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.inv.Validate()
			var pe *graph.Error
			if !errors.As(err, &pe) || pe.Param != tt.param {
				t.Errorf("Validate() = %v, want an *Error on %s", err, tt.param)
			}
		})
	}
}

// TestInvestigationSubgraph checks that an investigation's subgraph is its
// entities and every relationship among them, mentions included and
// nothing beyond them; merged ids stand for their canonical entity and
// deleted ones are listed, not fatal.
func TestInvestigationSubgraph(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{ent("komid", "KOMID", graph.Organization), ent("houthis", "Houthis", graph.Organization),
		ent("iran", "Iran", graph.State), ent("irgc", "IRGC", graph.Organization), ent("irgc-2", "Sepah", graph.Organization),
		ent("panel", "UN Panel of Experts", graph.Organization)},
		[]graph.Relationship{
			rel("komid-houthis", "SUPPLIED", "komid", "houthis", "2018", "", graph.Alleged),
			rel("iran-houthis", "SUPPORTS", "iran", "houthis", "2015", "", graph.Confirmed),
			rel("panel-komid", "REPORTED_ON", "panel", "komid", "2019", "", graph.Confirmed),
			rel("irgc2-houthis", "TRAINED", "irgc-2", "houthis", "2016", "", graph.Reported),
			rel("komid-iran", "SUPPLIED", "komid", "iran", "1990", "", graph.Reported), // iran is not in the investigation
		})
	if _, err := st.Merge(ctx, "irgc", "irgc-2", "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	inv := graph.Investigation{Name: "x", Entities: []string{"panel", "komid", "houthis", "irgc-2", "gone"}}
	g, err := st.InvestigationSubgraph(ctx, inv)
	if err != nil {
		t.Fatal(err)
	}
	var nodes, rels []string
	for _, n := range g.Nodes {
		nodes = append(nodes, n.ID)
	}
	for _, r := range g.Relationships {
		rels = append(rels, r.ID)
		if r.Evidence == "" || r.Source == "" || r.Confidence == "" {
			t.Errorf("relationship %s lost its claim fields: %+v", r.ID, r)
		}
	}
	if diff := cmp.Diff([]string{"houthis", "irgc", "komid", "panel"}, nodes); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"irgc2-houthis", "komid-houthis", "panel-komid"}, rels, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("relationships (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"irgc-2": "irgc"}, g.Redirected); diff != "" {
		t.Errorf("redirected (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"gone"}, g.Missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
}
