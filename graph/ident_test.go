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

func TestParseIdentifier(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		bad      string // part of the error, when one is wanted
	}{
		{in: "imo:9187654", want: "imo:9187654"},
		{in: " IMO : 918-7654 ", want: "imo:9187654"},
		{in: "imo:IMO 9187654", want: "imo:9187654"},
		{in: "registration:kp 12-345", want: "registration:KP12345"},
		{in: "lei:5493001kjtiigc8y1r12", want: "lei:5493001KJTIIGC8Y1R12"},
		{in: "tax:12/345.6", want: "tax:123456"},
		{in: "registration:No. 12(a)", want: "registration:NO12A"},
		{in: "id:ИНН 77-01", want: "id:ИНН7701"},
		{in: "imo", bad: "want scheme:value"},
		{in: "isbn:123", bad: `scheme "isbn"`},
		{in: "imo: - ", bad: "empty value"},
		{in: `imo:91"87`, want: "imo:9187"},
		{in: `tax:"/.()`, bad: "empty value"},
	} {
		got, err := graph.ParseIdentifier(tc.in)
		switch {
		case tc.bad != "" && (err == nil || !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), tc.bad)):
			t.Errorf("ParseIdentifier(%q) = %q, %v; want ErrInvalid with %q", tc.in, got, err, tc.bad)
		case tc.bad == "" && (err != nil || got != tc.want):
			t.Errorf("ParseIdentifier(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	got, err := graph.NormalizeIdentifiers([]string{"imo:2", "IMO:1", "imo: 2"})
	if diff := cmp.Diff([]string{"imo:1", "imo:2"}, got); diff != "" || err != nil {
		t.Errorf("NormalizeIdentifiers: %v (-want +got):\n%s", err, diff)
	}
}

// TestXrefIdentifiers scores pairs by their identifiers against a real
// Neo4j: a shared identifier makes two differently named entities a
// candidate (found through the identifier index, not the names), the same
// scheme with other values is a conflict that is never merged by itself.
func TestXrefIdentifiers(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	withIDs := func(e graph.Entity, ids ...string) graph.Entity { e.Identifiers = ids; return e }
	es := []graph.Entity{
		withIDs(ent("ship-a", "Grace Star", graph.Organization), "imo:9187654"),
		withIDs(ent("ship-b", "Pacific Dawn Shipping", graph.Organization), "imo:9187654"),
		withIDs(ent("co-a", "Tanchon Mining Company", graph.Organization), "registration:KP1"),
		withIDs(ent("co-b", "Tanchon Mining Company", graph.Organization), "registration:KP2"),
		withIDs(ent("co-c", "Hesong Trading Company", graph.Organization), "registration:KP3", "tax:77"),
		withIDs(ent("co-d", "Hesong Trading Corporation", graph.Organization), "registration:KP3", "tax:78"),
		ent("plain-a", "Ryonha Machinery", graph.Organization),
		ent("plain-b", "Ryonha Machinery", graph.Organization),
	}
	load(t, st, es, nil)
	cands, err := st.Xref(ctx, graph.XrefOptions{MinScore: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]graph.Candidate{}
	for _, c := range cands {
		got[c.Left.ID+"="+c.Right.ID] = c
		got[c.Right.ID+"="+c.Left.ID] = c
	}
	for _, tc := range []struct {
		pair   string
		min    float64
		max    float64
		reason string
		strong bool
	}{
		{"ship-a=ship-b", graph.DefaultMinScore, 1, "identifier agrees: imo 9187654", false},
		{"co-a=co-b", 0, 0.7, "identifier conflicts: registration KP1 and KP2", false},
		{"co-c=co-d", graph.DefaultMinScore, 1, "identifier agrees: registration KP3", false},
		{"plain-a=plain-b", 1, 1, "are equal", true},
	} {
		c, ok := got[tc.pair]
		if !ok {
			t.Errorf("Xref: no candidate %s", tc.pair)
			continue
		}
		reasons := strings.Join(c.Reasons, "; ")
		if c.Score < tc.min || c.Score > tc.max || !strings.Contains(reasons, tc.reason) || c.Strong() != tc.strong {
			t.Errorf("candidate %s = %.2f strong=%v %q; want score in [%.2f, %.2f], strong=%v, reason %q",
				tc.pair, c.Score, c.Strong(), reasons, tc.min, tc.max, tc.strong, tc.reason)
		}
	}
	// co-c and co-d agree on one scheme and conflict on another.
	if c := got["co-c=co-d"]; c.Strong() || !strings.Contains(strings.Join(c.Reasons, "; "), "identifier conflicts: tax 77 and 78") {
		t.Errorf("co-c=co-d = %q strong=%v; want the tax conflict, not strong", c.Reasons, c.Strong())
	}
	// Identifiers round-trip through the store.
	e, err := st.GetEntity(ctx, "co-d")
	if diff := cmp.Diff([]string{"registration:KP3", "tax:78"}, e.Identifiers); err != nil || diff != "" {
		t.Errorf("GetEntity(co-d) identifiers: %v (-want +got):\n%s", err, diff)
	}
}

// TestImportUnitesIdentifiers: a re-import that does not list an
// identifier keeps it; one that lists another adds it.
func TestImportUnitesIdentifiers(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	a := ent("ship", "Grace Star", graph.Organization)
	a.Identifiers = []string{"imo:9187654"}
	load(t, st, []graph.Entity{a}, nil)
	for _, tc := range []struct {
		ids  []string
		want []string
	}{
		{nil, []string{"imo:9187654"}},
		{[]string{"registration:KP9"}, []string{"imo:9187654", "registration:KP9"}},
		{[]string{"imo:9187654"}, []string{"imo:9187654", "registration:KP9"}},
	} {
		b := a
		b.Identifiers = tc.ids
		if _, err := st.UpsertEntities(ctx, []graph.Entity{b}); err != nil {
			t.Fatal(err)
		}
		e, err := st.GetEntity(ctx, "ship")
		if diff := cmp.Diff(tc.want, e.Identifiers); err != nil || diff != "" {
			t.Errorf("after upserting %q: %v (-want +got):\n%s", tc.ids, err, diff)
		}
	}
	bad := a
	bad.Identifiers = []string{"IMO:9187654"}
	if _, err := st.UpsertEntities(ctx, []graph.Entity{bad}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("UpsertEntities(unnormalised identifier) = %v, want ErrInvalid", err)
	}
}
