package graph

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChangeOf(t *testing.T) {
	from, to := MustDate("1985"), MustDate("2018")
	tests := []struct {
		name string
		r    Relationship
		want Change
	}{
		{"undated", Relationship{Type: "SUPPORTS"}, Undated},
		{"state since before", Relationship{Type: "DIPLOMATIC_RELATIONS", Start: MustDate("1973")}, Persisted},
		{"state since during", Relationship{Type: "SANCTIONED", Start: MustDate("2006")}, Started},
		{"state ended during", Relationship{Type: "LEADS", Start: MustDate("1980"), End: MustDate("1990")}, Ended},
		{"state within", Relationship{Type: "LEADS", Start: MustDate("1990"), End: MustDate("2000")}, Between},
		{"attested at the second date", Relationship{Type: "OFFICIAL_OF", Attested: MustDate("2018-08")}, Started},
		{"event in the first year", Relationship{Type: "VISITED", Start: MustDate("1985")}, Ended},
		{"event between", Relationship{Type: "SUPPLIED", Start: MustDate("1995")}, Between},
		{"lasting event", Relationship{Type: "SUPPLIED", Start: MustDate("199X"), Ongoing: new(bool(true))}, Started},
	}
	for _, tt := range tests {
		if got := ChangeOf(tt.r, from, to); got != tt.want {
			t.Errorf("%s: ChangeOf(%+v) = %s, want %s", tt.name, tt.r, got, tt.want)
		}
	}
}

func TestDiffOf(t *testing.T) {
	ent := func(id string) Entity { return Entity{ID: id, Name: id, Type: Organization} }
	rel := func(id, from, to, typ, start, end string) Relationship {
		r := Relationship{ID: id, From: from, To: to, Type: RelType(typ)}
		if start != "" {
			r.Start = MustDate(start)
		}
		if end != "" {
			r.End = MustDate(end)
		}
		return r
	}
	// c is the centre; a links in only before, b only after, u undated;
	// d hangs off b (depth 2) and x off a.
	g := Subgraph{Nodes: []Entity{ent("c"), ent("a"), ent("b"), ent("u"), ent("d"), ent("x")}, Relationships: []Relationship{
		rel("ca", "c", "a", "LEADS", "1980", "1990"),
		rel("cb", "c", "b", "LEADS", "2000", ""),
		rel("cu", "c", "u", "SUPPORTS", "", ""),
		rel("bd", "b", "d", "MEMBER_OF", "1970", ""),
		rel("ax", "a", "x", "SUPPLIED", "1995", ""),
	}}
	d := DiffOf(g, MustDate("1985"), MustDate("2018"), 2)
	names := func(es []Entity) []string {
		out := []string{}
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	ids := func(rs []Relationship) []string {
		out := []string{}
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return out
	}
	got := map[string][]string{"started": ids(d.Started), "ended": ids(d.Ended), "persisted": ids(d.Persisted),
		"between": ids(d.Between), "undated": ids(d.Undated), "entered": names(d.Entered), "left": names(d.Left)}
	want := map[string][]string{"started": {"cb"}, "ended": {"ca"}, "persisted": {"bd"}, "between": {"ax"},
		"undated": {"cu"}, "entered": {"b", "d"}, "left": {"a"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiffOf mismatch (-want +got):\n%s", diff)
	}
	if d.Entity.ID != "c" {
		t.Errorf("DiffOf entity = %s, want c", d.Entity.ID)
	}
}

func TestDiffQueryValidate(t *testing.T) {
	for _, q := range []DiffQuery{
		{ID: "c", From: MustDate("2018"), To: MustDate("1985")},
		{ID: "c", From: MustDate("1990"), To: MustDate("1990-11")},
		{ID: "c", To: MustDate("1990")},
		{ID: "c", From: MustDate("1985"), To: MustDate("2018"), Depth: 9},
	} {
		if err := q.Validate(); err == nil {
			t.Errorf("DiffQuery%+v.Validate() = nil, want an error", q)
		}
	}
}
