package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// TestSuggest checks that a misspelled or unknown reference lists the
// closest entities by name or alias, best first, and that Resolve never
// picks one of them.
func TestSuggest(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	es := []graph.Entity{
		ent("komid", "Korea Mining Development Trading Corporation", graph.Organization, "KOMID"),
		ent("houthis", "Houthis", graph.Organization, "Ansar Allah"),
		ent("hezbollah", "Hezbollah", graph.Organization),
		ent("mohsen-rezai", "Mohsen Rezai", graph.Person),
		ent("mohsen-fakhrizadeh", "Mohsen Fakhrizadeh", graph.Person),
		ent("shig", "Shahid Hemmat Industrial Group", graph.Organization, "SHIG"),
	}
	es[5].Description = "Develops liquid-fuel missiles for Iran."
	load(t, st, es, nil)
	tests := []struct {
		ref  string
		want []string // ids, best first
	}{
		{"KOMIT", []string{"komid"}},
		{"Houthiz", []string{"houthis"}},
		{"Hezbolah", []string{"hezbollah"}},
		{"Mohsen Rezaee", []string{"mohsen-rezai", "mohsen-fakhrizadeh"}},
		{"Atlantis", nil},
	}
	for _, tt := range tests {
		got, err := st.Suggest(ctx, tt.ref, 5)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", tt.ref, err)
		}
		var ids []string
		for _, s := range got {
			ids = append(ids, s.ID)
		}
		if diff := cmp.Diff(tt.want, ids); diff != "" {
			t.Errorf("Suggest(%q) ids (-want +got):\n%s", tt.ref, diff)
		}
		_, err = st.Resolve(ctx, tt.ref)
		var unk *graph.UnknownEntityError
		if !errors.As(err, &unk) || !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Resolve(%q) = %v, want an UnknownEntityError (never a guess)", tt.ref, err)
			continue
		}
		if len(unk.Suggestions) != len(tt.want) {
			t.Errorf("Resolve(%q) suggests %d entities, want %d", tt.ref, len(unk.Suggestions), len(tt.want))
		}
	}
	got, _ := st.Suggest(ctx, "KOMIT", 5)
	if len(got) != 1 || got[0].Matched != "KOMID" || got[0].Distance != 1 {
		t.Errorf("Suggest(KOMIT) = %+v, want KOMID matched at distance 1", got)
	}
	_, err := st.Resolve(ctx, "KOMIT")
	if want := `no entity is called "KOMIT"; closest: Korea Mining Development Trading Corporation (as KOMID; Organization, id komid)`; err == nil || err.Error() != want {
		t.Errorf("Resolve(KOMIT) error = %v, want %q", err, want)
	}

	// Search ranks name and alias matches before description matches.
	hits, err := st.Search(ctx, "missile", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != "shig" || hits[0].Match != graph.MatchDescription {
		t.Errorf("Search(missile) = %+v, %v; want SHIG by its description", hits, err)
	}
	hits, err = st.Search(ctx, "ansar", 10)
	if err != nil || len(hits) != 1 || hits[0].Match != graph.MatchAlias {
		t.Errorf("Search(ansar) = %+v, %v; want the Houthis by alias", hits, err)
	}
	hits, err = st.Search(ctx, "Hezbolah", 10)
	if err != nil || len(hits) != 1 || hits[0].ID != "hezbollah" || hits[0].Match != graph.MatchSimilar {
		t.Errorf("Search(Hezbolah) = %+v, %v; want Hezbollah as a similar spelling", hits, err)
	}
	hits, err = st.Search(ctx, "iran", 10)
	if err != nil || len(hits) != 1 || !strings.Contains(hits[0].Description, "Iran") {
		t.Errorf("Search(iran) = %+v, %v", hits, err)
	}
}
