package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"explorer/graph"
	"explorer/internal/testdb"
)

func xrefFixture(t *testing.T) *graph.Store {
	t.Helper()
	st := testdb.Open(t)
	komid := ent("komid", "Korea Mining Development Trading Corporation", graph.Organization, "KOMID")
	komid.Country = "KP"
	komid.Identifiers = []string{"lei:5493001KJTIIGC8Y1R12"}
	list := ent("ofac-komid", "KOREA MINING DEVELOPMENT TRADING CORP.", graph.Organization, "Changgwang Sinyong Corporation")
	list.Country, list.Description = "KP", "Listed by OFAC."
	list.Identifiers = []string{"lei:5493001KJTIIGC8Y1R12", "registration:KP12345"}
	tangun := ent("ofac-tangun", "KOREA TANGUN TRADING CORPORATION", graph.Organization)
	tangun.Country = "KP"
	houthis := ent("houthis", "Houthis", graph.Organization, "Ansar Allah")
	bank := ent("tanchon", "Tanchon Commercial Bank", graph.Organization)
	person := ent("komid-person", "Korea Mining Development Trading Corporation", graph.Person)
	supplied := rel("komid-houthis", "SUPPLIED", "komid", "houthis", "2018-08", "", graph.Alleged)
	supplied.Paragraph = 18
	agent := rel("tanchon-komid", "COOPERATED_WITH", "tanchon", "ofac-komid", "2009", "", graph.Reported)
	between := rel("list-says", "COOPERATED_WITH", "ofac-komid", "komid", "", "", graph.Reported)
	load(t, st, []graph.Entity{komid, list, tangun, houthis, bank, person}, []graph.Relationship{supplied, agent, between})
	return st
}

func TestXrefCandidates(t *testing.T) {
	st := xrefFixture(t)
	ctx := context.Background()
	cands, err := st.Xref(ctx, graph.XrefOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for _, c := range cands {
		pairs = append(pairs, c.Left.ID+"="+c.Right.ID)
	}
	if diff := cmp.Diff([]string{"komid=ofac-komid"}, pairs); diff != "" {
		t.Fatalf("Xref pairs (-want +got):\n%s", diff)
	}
	c := cands[0]
	if c.Score != 1 || !strings.Contains(strings.Join(c.Reasons, "; "), "are equal") || !strings.Contains(strings.Join(c.Reasons, "; "), "country agrees: KP") {
		t.Errorf("candidate = %.2f %q", c.Score, c.Reasons)
	}
	// --source puts the source's entity right, whatever the degrees.
	cands, err = st.Xref(ctx, graph.XrefOptions{Source: "komid"})
	if err != nil || len(cands) != 1 || cands[0].Right.ID != "komid" {
		t.Errorf("Xref(source komid) = %+v, %v; want komid on the right", cands, err)
	}
	if _, err := st.Xref(ctx, graph.XrefOptions{Source: "nowhere"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Xref(unknown source) = %v, want ErrNotFound", err)
	}
	// A judged pair is never proposed again.
	if _, err := st.Judge(ctx, "komid", "ofac-komid", graph.Unsure, "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	if cands, err = st.Xref(ctx, graph.XrefOptions{MinScore: 0.3}); err != nil {
		t.Fatal(err)
	}
	for _, c := range cands {
		if c.Left.ID == "komid" && c.Right.ID == "ofac-komid" {
			t.Error("the judged pair was proposed again")
		}
	}
	js, err := st.Judgements(ctx)
	if err != nil || len(js) != 1 || js[0].Verdict != graph.Unsure || js[0].By != "test" || js[0].At.IsZero() {
		t.Errorf("Judgements = %+v, %v", js, err)
	}
}

func TestMergeUnmerge(t *testing.T) {
	st := xrefFixture(t)
	ctx := context.Background()
	sub := func() graph.Subgraph {
		t.Helper()
		var g graph.Subgraph
		for _, id := range []string{"komid", "ofac-komid", "tanchon", "houthis"} {
			n, err := st.Neighbors(ctx, graph.NeighborQuery{ID: id, Depth: 1, Limit: 100})
			if err != nil {
				t.Fatalf("Neighbors(%s): %v", id, err)
			}
			g.Nodes = append(g.Nodes, n.Nodes...)
			g.Relationships = append(g.Relationships, n.Relationships...)
		}
		return g
	}
	before := sub()
	d, cfg := testdb.Connect(t)
	whole := testdb.Take(t, d, cfg.Database)
	if _, err := st.Merge(ctx, "komid", "komid-person", "test", time.Now()); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("merging an organization and a person = %v, want ErrConflict", err)
	}
	m, err := st.Merge(ctx, "KOMID", "ofac-komid", "test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if m != (graph.MergeResult{Canonical: "komid", Merged: "ofac-komid", Moved: 1, Between: 1}) {
		t.Errorf("Merge = %+v", m)
	}
	// The old id and the list's names resolve to the canonical entity.
	for _, ref := range []string{"ofac-komid", "Changgwang Sinyong Corporation", "CHANGGWANG SINYONG CORP."} {
		e, err := st.Resolve(ctx, ref)
		if err != nil || e.ID != "komid" {
			t.Errorf("Resolve(%q) = %s, %v; want komid", ref, e.ID, err)
		}
	}
	e, err := st.GetEntity(ctx, "ofac-komid")
	if err != nil || e.ID != "komid" || !contains(e.Aliases, "KOREA MINING DEVELOPMENT TRADING CORP.") {
		t.Errorf("GetEntity(ofac-komid) = %+v, %v", e, err)
	}
	if diff := cmp.Diff([]string{"lei:5493001KJTIIGC8Y1R12", "registration:KP12345"}, e.Identifiers); diff != "" {
		t.Errorf("merged identifiers (-want +got):\n%s", diff)
	}
	p, err := st.Paths(ctx, graph.PathQuery{From: "tanchon", To: "houthis", Mode: graph.Shortest, MaxHops: 4})
	if err != nil || len(p) != 1 || p[0].Len() != 2 {
		t.Fatalf("path through the merged entity = %+v, %v", p, err)
	}
	if _, err := st.Unmerge(ctx, "tanchon"); !errors.Is(err, graph.ErrNotMerged) {
		t.Errorf("Unmerge(an entity never merged) = %v, want ErrNotMerged", err)
	}
	u, err := st.Unmerge(ctx, "komid")
	if err != nil {
		t.Fatal(err)
	}
	if u.Merged != "ofac-komid" || u.Moved != 1 || u.Between != 1 {
		t.Errorf("Unmerge = %+v", u)
	}
	sort := cmpopts.SortSlices(func(a, b graph.Entity) bool { return a.ID < b.ID })
	sortR := cmpopts.SortSlices(func(a, b graph.Relationship) bool { return a.ID+a.From < b.ID+b.From })
	if diff := cmp.Diff(before, sub(), sort, sortR, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("after unmerge (-before +after):\n%s", diff)
	}
	if js, _ := st.Judgements(ctx); len(js) != 0 {
		t.Errorf("the same judgement was not withdrawn: %+v", js)
	}
	// The whole database, identifiers included, is as before the merge.
	if diff := whole.Diff(testdb.Take(t, d, cfg.Database)); diff != "" {
		t.Errorf("unmerge did not restore the database:\n%s", diff)
	}
}

func TestResolveNormalised(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{
		ent("shig", "Shahid Hemmat Industrial Group", graph.Organization, "SHIG"),
		ent("hezbollah", "Hezbollah", graph.Organization, "Hizballah"),
		ent("houthis", "Houthis", graph.Organization, "Ansarallah"),
	}, nil)
	for ref, want := range map[string]string{"Hizballah": "hezbollah", "ansarallah": "houthis", "Shahid Hemmat Industrial Group.": "shig", "SHAHID HEMMAT INDUSTRIES GROUP": "shig"} {
		if e, err := st.Resolve(ctx, ref); err != nil || e.ID != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", ref, e.ID, err, want)
		}
	}
	// A transliteration variant is suggested first, never picked.
	_, err := st.Resolve(ctx, "Shahid Hemat Industrial Group")
	var unk *graph.UnknownEntityError
	if !errors.As(err, &unk) || len(unk.Suggestions) == 0 || unk.Suggestions[0].ID != "shig" {
		t.Errorf("Resolve(Shahid Hemat Industrial Group) = %v, want SHIG suggested first", err)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
