package graph_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// resolveFake resolves the references of a small directory; "ambiguous"
// names two entities.
func resolveFake(_ context.Context, param, ref string) (graph.Entity, error) {
	known := map[string]graph.Entity{
		"shig": {ID: "shig", Name: "SHIG"}, "houthis": {ID: "houthis", Name: "Houthis"},
		"komid": {ID: "komid", Name: "KOMID"}, "iran": {ID: "iran", Name: "Iran"},
	}
	if e, ok := known[strings.ToLower(ref)]; ok {
		return e, nil
	}
	if ref == "ambiguous" {
		return graph.Entity{}, &graph.AmbiguousError{Ref: ref, Candidates: []graph.Entity{{ID: "a1"}, {ID: "a2"}}}
	}
	return graph.Entity{}, graph.Errorf(graph.ErrNotFound, "no entity is called %q", ref)
}

func TestParsePathQuery(t *testing.T) {
	ctx := context.Background()
	base := graph.PathParams{From: "SHIG", To: "Houthis"}
	with := func(f func(p *graph.PathParams)) graph.PathParams {
		p := base
		f(&p)
		return p
	}
	tests := []struct {
		name string
		in   graph.PathParams
		want graph.PathQuery
	}{
		{"defaults", base, graph.PathQuery{From: "shig", To: "houthis", Mode: graph.Shortest, K: graph.DefaultK,
			MaxHops: graph.DefaultMaxHops, Rank: graph.RankLength}},
		{"every filter", with(func(p *graph.PathParams) {
			p.Mode, p.K, p.MaxHops, p.Rank = "K-Shortest", "4", "5", "evidence"
			p.Types, p.ExcludeTypes = "supplied, assisted,SUPPLIED", "REPORTED_ON"
			p.Since, p.Until, p.Exclude = "1990", "199X", "komid,KOMID,iran"
			p.MinConfidence, p.Status, p.Undated = "Reported", "completed,attempted", "exclude"
			p.Directed, p.WithMentions = "yes", "1"
		}), graph.PathQuery{From: "shig", To: "houthis", Mode: graph.KShortest, K: 4, MaxHops: 5, Rank: graph.RankEvidence,
			Filter: graph.Filter{Types: []graph.RelType{"SUPPLIED", "ASSISTED"}, ExcludeTypes: []graph.RelType{"REPORTED_ON"},
				Window: graph.Window{Since: graph.MustDate("1990"), Until: graph.MustDate("199X")}, Exclude: []string{"komid", "iran"},
				MinConfidence: graph.Reported, Statuses: []graph.Status{graph.Completed, graph.Attempted}, DatedOnly: true,
				Directed: true, WithMentions: true}}},
		{"families in canonical order", with(func(p *graph.PathParams) { p.Families = "Mention, operational,mention" }),
			graph.PathQuery{From: "shig", To: "houthis", Mode: graph.Shortest, K: graph.DefaultK, MaxHops: graph.DefaultMaxHops, Rank: graph.RankLength,
				Filter: graph.Filter{Families: []graph.Family{graph.Operational, graph.Mention}}}},
		{"status any", with(func(p *graph.PathParams) { p.Status = "any" }), graph.PathQuery{From: "shig", To: "houthis",
			Mode: graph.Shortest, K: graph.DefaultK, MaxHops: graph.DefaultMaxHops, Rank: graph.RankLength}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := graph.ParsePathQuery(ctx, tt.in, resolveFake)
			if err != nil {
				t.Fatalf("ParsePathQuery(%+v): %v", tt.in, err)
			}
			got.Names = nil
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePathQuery(%+v) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestParsePathQueryErrors checks that every problem names its parameter,
// carries a message as data and keeps its kind.
func TestParsePathQueryErrors(t *testing.T) {
	ctx := context.Background()
	base := graph.PathParams{From: "SHIG", To: "Houthis"}
	with := func(f func(p *graph.PathParams)) graph.PathParams {
		p := base
		f(&p)
		return p
	}
	tests := []struct {
		in      graph.PathParams
		param   string
		message string
		kind    error
	}{
		{with(func(p *graph.PathParams) { p.Mode = "fastest" }), "mode", `want shortest, all-shortest, k-shortest or chronological, got "fastest"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.K = "51" }), "k", `want an integer from 1 to 50, got "51"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.MaxHops = "9" }), "max_hops", `want an integer from 1 to 8, got "9"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.MaxHops = "two" }), "max_hops", `want an integer from 1 to 8, got "two"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Rank = "best" }), "rank", `want length or evidence, got "best"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Types = "SUPPLIED,DROP" }), "types", `unknown relationship type "DROP" (see 'explorer types' or docs/vocabulary.md)`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.ExcludeTypes = "nope" }), "exclude_types", `unknown relationship type "nope" (see 'explorer types' or docs/vocabulary.md)`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Types, p.ExcludeTypes = "SUPPLIED", "SUPPLIED" }), "exclude_types", "no relationship type is left to walk", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Families = "operational,gossip" }), "families", `want a list of operational, political, mention, got "gossip"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Types, p.Families = "SUPPLIED,SUPPORTS", "mention" }), "types", "none of the types SUPPLIED, SUPPORTS is of the families mention", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Since = "1990-13" }), "since", `want YYYY, YYYY-MM, YYYY-MM-DD or a decade like 198X, got "1990-13"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Since, p.Until = "2000", "1990" }), "until", "1990 is before since 2000", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Directed = "maybe" }), "directed", `want true or false, got "maybe"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Undated = "skip" }), "undated", `want include or exclude, got "skip"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Undated, p.DatedOnly = "include", "true" }), "undated", "include contradicts dated_only", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.MinConfidence = "sure" }), "min_confidence", `want confirmed, reported, assessed, alleged, disputed, got "sure"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Status = "done" }), "status", `want any or a list of completed, attempted, authorised, planned, intercepted, got "done"`, graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.From = "" }), "from", "required: an entity id, name or alias", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.To = strings.Repeat("x", 501) }), "to", "too long (at most 500 bytes)", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.To = "shig" }), "to", "is the same entity as from (SHIG)", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Exclude = "komid,houthis" }), "exclude", "cannot exclude a path endpoint", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.Exclude = manyRefs(51) }), "exclude", "at most 50 entities, got 51", graph.ErrInvalid},
		{with(func(p *graph.PathParams) { p.To = "nobody" }), "to", `no entity is called "nobody"`, graph.ErrNotFound},
		{with(func(p *graph.PathParams) { p.Exclude = "ambiguous" }), "exclude", `"ambiguous" is ambiguous: it names  (, id a1),  (, id a2); use an id`, graph.ErrInvalid},
	}
	for _, tt := range tests {
		_, err := graph.ParsePathQuery(ctx, tt.in, resolveFake)
		var pe *graph.Error
		if !errors.As(err, &pe) || pe.Param == "" {
			t.Errorf("ParsePathQuery(%+v) = %v, want an *Error", tt.in, err)
			continue
		}
		if pe.Param != tt.param || pe.Message != tt.message || !errors.Is(err, tt.kind) {
			t.Errorf("ParsePathQuery(%+v) = {%q, %q, %v}, want {%q, %q, %v}", tt.in, pe.Param, pe.Message, err, tt.param, tt.message, tt.kind)
		}
	}
	var pe *graph.Error
	_, err := graph.ParsePathQuery(ctx, with(func(p *graph.PathParams) { p.MaxHops = "0" }), resolveFake)
	if errors.As(err, &pe); pe == nil || pe.Flag() != "--max-hops" {
		t.Errorf("Flag() of %v = %v, want --max-hops", err, pe)
	}
}

func TestParseNeighborQuery(t *testing.T) {
	ctx := context.Background()
	got, err := graph.ParseNeighborQuery(ctx, graph.NeighborParams{Entity: "KOMID", Depth: "2", Limit: "30",
		FilterParams: graph.FilterParams{MinConfidence: "confirmed", Exclude: "Iran"}}, resolveFake)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.NeighborQuery{ID: "komid", Depth: 2, Limit: 30, Filter: graph.Filter{MinConfidence: graph.Confirmed, Exclude: []string{"iran"}}}
	got.Names = nil
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseNeighborQuery (-want +got):\n%s", diff)
	}
	for _, p := range []graph.NeighborParams{
		{Entity: "KOMID", Depth: "5"},
		{Entity: "KOMID", Limit: "2001"},
		{Entity: "KOMID", FilterParams: graph.FilterParams{Exclude: "komid"}},
		{Entity: ""},
	} {
		var pe *graph.Error
		if _, err := graph.ParseNeighborQuery(ctx, p, resolveFake); !errors.As(err, &pe) || pe.Param == "" || !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("ParseNeighborQuery(%+v) = %v, want an invalid *Error", p, err)
		}
	}
}

// TestWalkTypesFamilies checks that families and types narrow each other
// and that mentions come in only when named or asked for.
func TestWalkTypesFamilies(t *testing.T) {
	tests := []struct {
		name string
		f    graph.Filter
		want []graph.RelType
	}{
		{"one family", graph.Filter{Families: []graph.Family{graph.Political}}, graph.TypesOf(graph.Political)},
		{"mention by family", graph.Filter{Families: []graph.Family{graph.Mention}}, graph.TypesOf(graph.Mention)},
		{"family and with mentions", graph.Filter{Families: []graph.Family{graph.Political}, WithMentions: true}, graph.TypesOf(graph.Political, graph.Mention)},
		{"types within a family", graph.Filter{Types: []graph.RelType{"SUPPLIED", "SUPPORTS"}, Families: []graph.Family{graph.Operational}}, []graph.RelType{"SUPPLIED"}},
		{"family minus a type", graph.Filter{Families: []graph.Family{graph.Political}, ExcludeTypes: []graph.RelType{"SUPPORTS"}},
			slices.DeleteFunc(graph.TypesOf(graph.Political), func(t graph.RelType) bool { return t == "SUPPORTS" })},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, tt.f.WalkTypes()); diff != "" {
			t.Errorf("%s: WalkTypes(%+v) (-want +got):\n%s", tt.name, tt.f, diff)
		}
	}
}

func TestDescribe(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		in   graph.PathParams
		want string
	}{
		{graph.PathParams{From: "SHIG", To: "Houthis"},
			"SHIG to Houthis; shortest, at most 4 hops; either direction; operational and political links, not mentions; any date; undated links included; any confidence; any status; ranked by length"},
		{graph.PathParams{From: "SHIG", To: "Houthis", Mode: "chronological", K: "4", MaxHops: "5", Rank: "evidence",
			FilterParams: graph.FilterParams{Types: "SUPPLIED,REPORTED_ON", ExcludeTypes: "ASSISTED", Exclude: "komid,iran",
				Since: "1990", Until: "2015-06", MinConfidence: "reported", Status: "completed,attempted", Directed: "true", WithMentions: "true"}},
			"SHIG to Houthis; chronological (k 4), at most 5 hops; stored direction only; types SUPPLIED, REPORTED_ON and mention links; not types ASSISTED; not through KOMID, Iran; holding between 1990 and 2015-06; dated links only (chronological); confidence reported or firmer; status completed or attempted; ranked by evidence"},
		{graph.PathParams{From: "SHIG", To: "Houthis", Mode: "all-shortest",
			FilterParams: graph.FilterParams{Since: "1990", WithMentions: "yes", MinConfidence: "confirmed", Undated: "exclude"}},
			"SHIG to Houthis; all-shortest, at most 4 hops; either direction; operational, political and mention links; holding since 1990; undated links excluded; confirmed only; any status; ranked by length"},
		{graph.PathParams{From: "SHIG", To: "Houthis", FilterParams: graph.FilterParams{Families: "political"}},
			"SHIG to Houthis; shortest, at most 4 hops; either direction; political links; any date; undated links included; any confidence; any status; ranked by length"},
		{graph.PathParams{From: "SHIG", To: "Houthis", FilterParams: graph.FilterParams{Families: "political,operational", WithMentions: "true"}},
			"SHIG to Houthis; shortest, at most 4 hops; either direction; operational, political and mention links; any date; undated links included; any confidence; any status; ranked by length"},
		{graph.PathParams{From: "SHIG", To: "Houthis", FilterParams: graph.FilterParams{Families: "operational,mention", WithMentions: "true"}},
			"SHIG to Houthis; shortest, at most 4 hops; either direction; operational and mention links; any date; undated links included; any confidence; any status; ranked by length"},
		{graph.PathParams{From: "SHIG", To: "Houthis", FilterParams: graph.FilterParams{Types: "SUPPLIED,SUPPORTS", Families: "operational"}},
			"SHIG to Houthis; shortest, at most 4 hops; either direction; types SUPPLIED, SUPPORTS in the operational family; any date; undated links included; any confidence; any status; ranked by length"},
	}
	for _, tt := range tests {
		q, err := graph.ParsePathQuery(ctx, tt.in, resolveFake)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Describe(); got != tt.want {
			t.Errorf("Describe(%+v) =\n%s\nwant\n%s", tt.in, got, tt.want)
		}
	}
	nq, err := graph.ParseNeighborQuery(ctx, graph.NeighborParams{Entity: "komid", Depth: "2"}, resolveFake)
	if err != nil {
		t.Fatal(err)
	}
	want := "neighbourhood of KOMID, depth 2, at most 100 entities; either direction; operational and political links, not mentions; any date; undated links included; any confidence; any status"
	if got := nq.Describe(); got != want {
		t.Errorf("NeighborQuery.Describe() =\n%s\nwant\n%s", got, want)
	}
}

func TestAssess(t *testing.T) {
	ents := func(ids ...string) []graph.Entity {
		var out []graph.Entity
		for _, id := range ids {
			out = append(out, graph.Entity{ID: id, Name: strings.ToUpper(id)})
		}
		return out
	}
	one := func(graph.Relationship) int { return 1 }
	deg := func(d map[string]int) func(string) int { return func(id string) int { return d[id] } }
	tests := []struct {
		name       string
		p          graph.Path
		facts      graph.PathFacts
		score      float64
		weakest    float64
		wantReason string
	}{
		{"two confirmed hops through a hub",
			graph.Path{Nodes: ents("a", "iran", "c"), Relationships: []graph.Relationship{
				rel("ab", "SUPPLIED", "a", "iran", "1990", "", graph.Confirmed), rel("bc", "SUPPLIED", "iran", "c", "1991-02", "", graph.Confirmed)}},
			graph.PathFacts{Degree: deg(map[string]int{"iran": 80}), Sources: one},
			// hops 0.85*0.93 = 0.791 and 0.85*0.97 = 0.825; hub sqrt(20/80) = 0.5.
			0.404, 0.5, "2 hops, all confirmed, 1 source each, dated to the year; passes through a hub of degree 80 (IRAN)"},
		{"mixed confidence, sources and an undated mention",
			graph.Path{Nodes: ents("a", "b", "c"), Relationships: []graph.Relationship{
				rel("ab", "SUPPLIED", "a", "b", "1990-11-02", "", graph.Reported), rel("bc", "REPORTED_ON", "c", "b", "", "", graph.Alleged)}},
			graph.PathFacts{Degree: deg(map[string]int{"b": 3}), Sources: func(r graph.Relationship) int {
				if r.ID == "ab" {
					return 3
				}
				return 1
			}},
			// 0.85*1*1 = 0.85 and 0.55*0.85*0.8*0.5 (a mention) = 0.187.
			0.172, 0.187, "2 hops, weakest alleged (1 reported, 1 alleged), 1 to 3 sources per hop, 1 undated; walks a mention link (REPORTED_ON): evidence of a link, not a link"},
		{"one hop",
			graph.Path{Nodes: ents("a", "b"), Relationships: []graph.Relationship{rel("ab", "LEADS", "a", "b", "198X", "", graph.Assessed)}},
			graph.PathFacts{Degree: deg(nil), Sources: func(graph.Relationship) int { return 2 }},
			// 0.7*0.93*0.85 = 0.553.
			0.553, 0.553, "1 hop, assessed, 2 sources, dated to the decade"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := graph.Assess(tt.p, tt.facts)
			if got.Score != tt.score || got.Weakest != tt.weakest || got.Reason != tt.wantReason {
				t.Errorf("Assess() = %v, %v, %q\nwant %v, %v, %q", got.Score, got.Weakest, got.Reason, tt.score, tt.weakest, tt.wantReason)
			}
		})
	}
	// Ties keep the canonical order; stronger paths come first.
	ps := []graph.Path{
		{Nodes: ents("a", "z", "b"), Strength: &graph.Strength{Score: 0.5}},
		{Nodes: ents("a", "y", "b"), Strength: &graph.Strength{Score: 0.5}},
		{Nodes: ents("a", "b"), Strength: &graph.Strength{Score: 0.4}},
		{Nodes: ents("a", "x", "w", "b"), Strength: &graph.Strength{Score: 0.9}},
	}
	graph.SortByStrength(ps)
	var order []string
	for _, p := range ps {
		order = append(order, p.Nodes[1].ID)
	}
	if want := []string{"x", "y", "z", "b"}; !cmp.Equal(order, want) {
		t.Errorf("SortByStrength order = %v, want %v", order, want)
	}
}

func manyRefs(n int) string {
	refs := make([]string, n)
	for i := range refs {
		refs[i] = fmt.Sprintf("e%d", i)
	}
	return strings.Join(refs, ",")
}

func TestCheckParams(t *testing.T) {
	if err := graph.CheckPathParams(graph.PathParams{From: "Nobody", To: "Else", K: "3"}); err != nil {
		t.Errorf("CheckPathParams with unknown names = %v, want nil (names are not looked up)", err)
	}
	var pe *graph.Error
	if err := graph.CheckPathParams(graph.PathParams{From: "a", To: "b", K: "99"}); !errors.As(err, &pe) || pe.Param != "k" {
		t.Errorf("CheckPathParams(k 99) = %v, want a k error", err)
	}
	if err := graph.CheckNeighborParams(graph.NeighborParams{Entity: "x", Depth: "9"}); !errors.As(err, &pe) || pe.Param != "depth" {
		t.Errorf("CheckNeighborParams(depth 9) = %v, want a depth error", err)
	}
}

// FuzzParsePathQuery checks that any parameters give either an *Error
// or a query that passes Normalize and describes itself.
func FuzzParsePathQuery(f *testing.F) {
	f.Add("shig", "houthis", "k-shortest", "4", "3", "evidence", "SUPPLIED,assisted", "REPORTED_ON", "1990", "199X", "komid", "reported", "completed,attempted", "exclude", "true", "operational")
	f.Add("a", "a", "", "", "", "", "", "", "", "", "", "", "", "", "", "")
	f.Add("a", "b", "x", "-1", "99", "?", ",,,", "DROP", "1990-13", "0000", strings.Repeat("x,", 60), "sure", "done", "skip", "maybe", "gossip,mention")
	f.Fuzz(func(t *testing.T, from, to, mode, k, hops, rank, types, exTypes, since, until, exclude, conf, status, undated, flag, families string) {
		p := graph.PathParams{From: from, To: to, Mode: mode, K: k, MaxHops: hops, Rank: rank, FilterParams: graph.FilterParams{
			Types: types, Families: families, ExcludeTypes: exTypes, Since: since, Until: until, Exclude: exclude, MinConfidence: conf,
			Status: status, Undated: undated, Directed: flag, WithMentions: flag}}
		q, err := graph.ParsePathQuery(context.Background(), p, func(_ context.Context, _, ref string) (graph.Entity, error) {
			return graph.Entity{ID: strings.ToLower(ref), Name: ref}, nil
		})
		if err != nil {
			var pe *graph.Error
			if !errors.As(err, &pe) || pe.Param == "" || (pe.Message == "" && pe.Err == nil) {
				t.Fatalf("ParsePathQuery(%+v) = %v, want an *Error naming the parameter", p, err)
			}
			return
		}
		if err := q.Normalize(); err != nil {
			t.Fatalf("ParsePathQuery(%+v) gave a query Normalize refuses: %v", p, err)
		}
		if d := q.Describe(); !strings.Contains(d, " to ") || !strings.Contains(d, "ranked by") {
			t.Fatalf("Describe() = %q", d)
		}
	})
}

// TestNeighborsFamilies checks that a family filter reaches the
// neighbourhood query in Neo4j: the fixture's links are all operational.
func TestNeighborsFamilies(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for _, tt := range []struct {
		fams      string
		wantNodes int
		wantRels  int
	}{
		{"operational", 5, 4},
		{"political", 1, 0},
		{"political,mention", 1, 0},
	} {
		q, err := graph.ParseNeighborQuery(ctx, graph.NeighborParams{Entity: "a", FilterParams: graph.FilterParams{Families: tt.fams}}, graph.Resolver(st.Resolve))
		if err != nil {
			t.Fatal(err)
		}
		g, err := st.Neighbors(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Nodes) != tt.wantNodes || len(g.Relationships) != tt.wantRels {
			t.Errorf("Neighbors(a, families %s) = %d nodes, %d relationships; want %d, %d", tt.fams, len(g.Nodes), len(g.Relationships), tt.wantNodes, tt.wantRels)
		}
	}
}
