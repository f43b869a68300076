package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
)

func ent(id, name string, typ graph.EntityType, aliases ...string) graph.Entity {
	return graph.Entity{ID: id, Name: name, Type: typ, Aliases: aliases}
}

func rel(id string, typ graph.RelType, from, to, start, end string, conf graph.Confidence) graph.Relationship {
	r := graph.Relationship{ID: id, Type: typ, From: from, To: to, Evidence: "evidence of " + id, Source: "test", Confidence: conf}
	if start != "" {
		r.Start = graph.MustDate(start)
	}
	if end != "" {
		r.End = graph.MustDate(end)
	}
	return r
}

func load(t *testing.T, st *graph.Store, es []graph.Entity, rs []graph.Relationship) {
	t.Helper()
	ctx := context.Background()
	if _, err := st.UpsertEntities(ctx, es); err != nil {
		t.Fatalf("UpsertEntities: %v", err)
	}
	if _, err := st.UpsertRelationships(ctx, rs); err != nil {
		t.Fatalf("UpsertRelationships: %v", err)
	}
}

func TestSchemaConstraints(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	// EnsureSchema is idempotent.
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatalf("second EnsureSchema: %v", err)
	}
	drv, cfg := testdb.Connect(t)
	res, err := neo4j.ExecuteQuery(ctx, drv, "SHOW CONSTRAINTS YIELD name RETURN name", nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range res.Records {
		n, _, _ := neo4j.GetRecordValue[string](r, "name")
		names = append(names, n)
	}
	if !slices.Contains(names, "entity_id") || !slices.Contains(names, "rel_id_supplied") {
		t.Errorf("constraints = %v, want entity_id and rel_id_supplied", names)
	}
	// The unique constraint holds even for writes that bypass MERGE.
	sess := drv.NewSession(ctx, neo4jWrite(cfg.Database))
	defer sess.Close(ctx)
	if _, err := st.UpsertEntities(ctx, []graph.Entity{ent("komid", "KOMID", graph.Organization)}); err != nil {
		t.Fatal(err)
	}
	_, err = sess.Run(ctx, "CREATE (:Entity {id: 'komid', name: 'duplicate'})", nil)
	if err == nil {
		t.Fatal("CREATE of a duplicate id succeeded; want a constraint violation")
	}
	if !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate id error = %v, want a constraint violation", err)
	}
}

func TestUpsertIdempotent(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	es := []graph.Entity{
		ent("shig", "Shahid Hemmat Industrial Group", graph.Organization, "SHIG"),
		ent("komid", "Korea Mining Development Trading Corporation", graph.Organization, "KOMID"),
		ent("aio", "Aerospace Industries Organization", graph.Organization, "AIO"),
	}
	rs := []graph.Relationship{
		rel("shig-komid", "COOPERATED_WITH", "shig", "komid", "2016-01", "", graph.Reported),
		rel("shig-aio", "SUBSIDIARY_OF", "shig", "aio", "", "", graph.Confirmed),
	}
	for i := range 3 {
		load(t, st, es, rs)
		c, err := st.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c != (graph.Counts{Nodes: 3, Relationships: 2}) {
			t.Fatalf("after load %d: counts = %+v, want 3 nodes, 2 relationships", i+1, c)
		}
	}
	// Re-typing an entity leaves exactly one type label.
	es[2].Type = graph.State
	load(t, st, es, nil)
	got, err := st.GetEntity(ctx, "aio")
	if err != nil {
		t.Fatal(err)
	}
	if got.Type != graph.State {
		t.Errorf("retyped entity type = %s, want State", got.Type)
	}
	res, err := st.Query(ctx, "MATCH (e:Entity {id: 'aio'}) RETURN labels(e) AS l", nil, graph.DefaultQueryLimits)
	if err != nil {
		t.Fatal(err)
	}
	if l := res.Rows[0]["l"].([]any); len(l) != 2 {
		t.Errorf("labels after retype = %v, want [Entity State]", l)
	}
}

func TestUpsertMissingEndpointWritesNothing(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{ent("a", "A", graph.Organization), ent("b", "B", graph.Organization)}, nil)
	_, err := st.UpsertRelationships(ctx, []graph.Relationship{
		rel("a-b", "SUPPLIED", "a", "b", "1990", "", graph.Reported),
		rel("a-ghost", "SUPPLIED", "a", "ghost", "1990", "", graph.Reported),
	})
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "a-ghost") {
		t.Fatalf("err = %v, want ErrInvalid naming a-ghost", err)
	}
	c, _ := st.Count(ctx)
	if c.Relationships != 0 {
		t.Errorf("relationships after rejected batch = %d, want 0", c.Relationships)
	}
}

func TestRoundTripThroughNeo4j(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	es := []graph.Entity{
		{ID: "kim-jong-un", Name: "Kim Jong Un", Type: graph.Person, Aliases: []string{"김정은"}, Description: "Supreme Leader", Country: "KP"},
		{ID: "ebrahim-raisi", Name: "Ebrahim Raisi", Type: graph.Person, Aliases: []string{"ابراهیم رئیسی"}, Country: "IR"},
	}
	want := []graph.Relationship{
		{ID: "congrat", Type: "COMMUNICATED_WITH", From: "kim-jong-un", To: "ebrahim-raisi", Start: graph.MustDate("2021-06-20"),
			Evidence: "Kim Jong Un congratulated Ebrahim Raisi", Source: "38 North", SourceURL: "https://example.org/a", CitedSource: "KCNA", Confidence: graph.Confirmed},
		{ID: "span", Type: "COOPERATED_WITH", From: "kim-jong-un", To: "ebrahim-raisi", Start: graph.MustDate("1981"), End: graph.MustDate("1983-06"),
			Evidence: `quote with "quotes" and 'apostrophes'`, Source: "38 North", Confidence: graph.Alleged},
	}
	load(t, st, es, want)
	g, err := st.Neighbors(ctx, graph.NeighborQuery{ID: "kim-jong-un"})
	if err != nil {
		t.Fatal(err)
	}
	got := g.Relationships
	slices.SortFunc(got, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(want, func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) })
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relationships round trip (-want +got):\n%s", diff)
	}
	e, err := st.GetEntity(ctx, "kim-jong-un")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(es[0], e); diff != "" {
		t.Errorf("entity round trip (-want +got):\n%s", diff)
	}
}

func TestResolveAndSearch(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	load(t, st, []graph.Entity{
		ent("komid", "Korea Mining Development Trading Corporation", graph.Organization, "KOMID", "Korea Mining Development Trading Company"),
		ent("houthis", "Ansar Allah", graph.Organization, "Houthis", "the Houthis"),
		ent("iran", "Iran", graph.State, "Islamic Republic of Iran", "Tehran"),
		ent("iran-air", "Iran Air", graph.Organization),
		ent("kim-a", "Kim", graph.Person),
		ent("kim-b", "Kim", graph.Person),
	}, nil)
	tests := []struct {
		ref, want string
	}{
		{"komid", "komid"},
		{"KOMID", "komid"},
		{"korea mining development trading company", "komid"},
		{"houthis", "houthis"},
		{"The Houthis", "houthis"},
		{"TEHRAN", "iran"},
		{"Iran", "iran"},
		{"iran air", "iran-air"},
	}
	for _, tt := range tests {
		e, err := st.Resolve(ctx, tt.ref)
		if err != nil || e.ID != tt.want {
			t.Errorf("Resolve(%q) = %q, %v; want %q", tt.ref, e.ID, err, tt.want)
		}
	}
	_, err := st.Resolve(ctx, "kim")
	var amb *graph.AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("Resolve(kim) = %v, want AmbiguousError with 2 candidates", err)
	}
	_, err = st.Resolve(ctx, "Korea Mining")
	if !errors.Is(err, graph.ErrNotFound) || !strings.Contains(err.Error(), "komid") {
		t.Errorf("Resolve(Korea Mining) = %v, want ErrNotFound suggesting komid", err)
	}
	hits, err := st.Search(ctx, "hout", 10)
	if err != nil || len(hits) == 0 || hits[0].ID != "houthis" {
		t.Errorf("Search(hout) = %v, %v; want houthis first", hits, err)
	}
	hits, err = st.Search(ctx, `iran" OR *:*`, 10)
	if err != nil {
		t.Errorf("Search with Lucene syntax characters: %v", err)
	}
	if len(hits) == 0 || hits[0].ID != "iran" {
		t.Errorf("Search(iran...) first hit = %v, want iran", hits)
	}
}

// TestTimeoutAndCancel checks that an expensive query is ErrTimeout and a
// caller that gives up is context.Canceled: neither is an outage.
func TestTimeoutAndCancel(t *testing.T) {
	st := testdb.Open(t)
	const endless = `UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)`
	_, err := st.Query(context.Background(), endless, nil, graph.QueryLimits{Rows: 10, Bytes: 1000, Timeout: time.Second})
	if !errors.Is(err, graph.ErrTimeout) || errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("endless query: err = %v, want ErrTimeout and not ErrUnavailable", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(300*time.Millisecond, cancel)
	_, err = st.Query(ctx, endless, nil, graph.QueryLimits{Rows: 10, Bytes: 1000, Timeout: 30 * time.Second})
	if !errors.Is(err, context.Canceled) || errors.Is(err, graph.ErrUnavailable) {
		t.Errorf("cancelled query: err = %v, want context.Canceled and not ErrUnavailable", err)
	}
}

// TestSources checks the source records: add, update that keeps other
// fields, listing with claim counts, a claim's source and paragraph, and the
// errors for a duplicate or unknown id.
func TestSources(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	src := graph.Source{ID: "art", Title: "An article", Publisher: "38 North", Paragraphs: []string{"Title", "KOMID supplied SHIG."}}
	if err := st.AddSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	if err := st.AddSource(ctx, src); !errors.Is(err, graph.ErrConflict) {
		t.Errorf("AddSource twice: err = %v, want ErrConflict", err)
	}
	if err := st.AddSource(ctx, graph.Source{ID: "report", Title: "UN Panel of Experts report", Published: graph.MustDate("2011-05")}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateSource(ctx, graph.Source{ID: "art", Author: "A. Writer"}); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateSource(ctx, graph.Source{ID: "ghost", Author: "x"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("UpdateSource(ghost): err = %v, want ErrNotFound", err)
	}
	load(t, st, []graph.Entity{ent("komid", "KOMID", graph.Organization), ent("shig", "SHIG", graph.Organization)}, nil)
	r := rel("komid-shig", "SUPPLIED", "komid", "shig", "2016", "", graph.Reported)
	r.SourceID, r.Paragraph, r.Evidence, r.CitedSourceID, r.Item = "art", 2, "KOMID supplied SHIG.", "report", "missile parts"
	if _, err := st.UpsertRelationships(ctx, []graph.Relationship{r}); err != nil {
		t.Fatal(err)
	}
	list, err := st.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "art" || list[0].Claims != 1 || list[0].Author != "A. Writer" || list[0].Publisher != "38 North" ||
		list[1].ID != "report" || list[1].Cited != 1 || list[0].Paragraphs != nil {
		t.Errorf("Sources() = %+v", list)
	}
	got, err := st.GetSource(ctx, "art")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Source.Paragraphs) != 2 || len(got.Relationships) != 1 || got.Relationships[0].Paragraph != 2 ||
		got.Relationships[0].Item != "missile parts" || got.Relationships[0].CitedSourceID != "report" || len(got.Entities) != 2 {
		t.Errorf("GetSource(art) = %+v", got)
	}
	if _, err := st.GetSource(ctx, "ghost"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("GetSource(ghost): err = %v, want ErrNotFound", err)
	}
}

// TestSourceQueriesSeekIndexes checks that finding and counting a source's
// claims go through the source reference index EnsureSchema creates and
// never scan every relationship: at a million relationships the scan is
// what made a source page slow.
func TestSourceQueriesSeekIndexes(t *testing.T) {
	st := testdb.Open(t)
	plans, err := st.SourcePlanOperators(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"claims", "counts"} {
		for _, op := range plans[name] {
			if strings.Contains(op, "AllRelationshipsScan") || strings.Contains(op, "RelationshipTypeScan") || strings.HasPrefix(op, "AllNodesScan") {
				t.Errorf("%s plan has %s, want an index query only: %v", name, op, plans[name])
			}
		}
	}
	if !slices.ContainsFunc(plans["counts"], func(op string) bool { return strings.HasPrefix(op, "ProcedureCall") }) {
		t.Errorf("counts plan = %v, want the full-text index query (ProcedureCall)", plans["counts"])
	}
	// The index covers every type of the vocabulary and both properties.
	d, cfg := testdb.Connect(t)
	res, err := neo4j.ExecuteQuery(context.Background(), d, `SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, state
WHERE name STARTS WITH 'source_refs_' RETURN name, labelsOrTypes, properties, state`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != 1 {
		t.Fatalf("%d source reference indexes, want 1", len(res.Records))
	}
	rec := res.Records[0]
	types, _, _ := neo4j.GetRecordValue[[]any](rec, "labelsOrTypes")
	props, _, _ := neo4j.GetRecordValue[[]any](rec, "properties")
	state, _, _ := neo4j.GetRecordValue[string](rec, "state")
	var want []any
	for _, spec := range graph.Vocabulary {
		want = append(want, string(spec.Type))
	}
	sortAny := func(a, b any) int { return strings.Compare(a.(string), b.(string)) }
	slices.SortFunc(types, sortAny)
	slices.SortFunc(want, sortAny)
	if diff := cmp.Diff(want, types); diff != "" || state != "ONLINE" || len(props) != 2 {
		t.Errorf("source reference index: state %s, properties %v, types (-want +got):\n%s", state, props, diff)
	}
}

// TestSourcePage checks the paged source list: title order across pages,
// claim counts per page, the last page without a cursor, and the errors for
// a bad limit or cursor.
func TestSourcePage(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	var srcs []graph.Source
	for _, s := range []struct{ id, title string }{{"e", "Echo"}, {"a2", "Alpha"}, {"a1", "Alpha"}, {"c", "Charlie"}, {"b", "Bravo"}} {
		srcs = append(srcs, graph.Source{ID: s.id, Title: s.title})
	}
	if err := st.AddSources(ctx, srcs); err != nil {
		t.Fatal(err)
	}
	load(t, st, []graph.Entity{ent("x", "X", graph.Organization), ent("y", "Y", graph.Person)}, nil)
	r1 := rel("r1", "SUPPLIED", "x", "y", "", "", graph.Confirmed)
	r1.SourceID, r1.CitedSourceID = "c", "a1"
	r2 := rel("r2", "MET_WITH", "x", "y", "", "", graph.Confirmed)
	r2.SourceID = "c"
	r3 := rel("r3", "SUPPORTS", "x", "y", "", "", graph.Confirmed)
	r3.SourceID, r3.CitedSourceID = "a1", "a1"
	if _, err := st.UpsertRelationships(ctx, []graph.Relationship{r1, r2, r3}); err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID            string
		Claims, Cited int
	}
	var got [][]row
	cursor := ""
	for range 5 {
		page, err := st.SourcePage(ctx, cursor, 2)
		if err != nil {
			t.Fatalf("SourcePage(%q, 2): %v", cursor, err)
		}
		var rows []row
		for _, s := range page.Sources {
			rows = append(rows, row{s.ID, s.Claims, s.Cited})
		}
		got = append(got, rows)
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	want := [][]row{{{"a1", 1, 2}, {"a2", 0, 0}}, {{"b", 0, 0}, {"c", 2, 0}}, {{"e", 0, 0}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SourcePage pages (-want +got):\n%s", diff)
	}
	for _, tc := range []struct {
		cursor string
		limit  int
	}{{"", 0}, {"", graph.MaxSourcePage + 1}, {"not a cursor!", 2}, {"QUxwaGE", 2}} {
		if _, err := st.SourcePage(ctx, tc.cursor, tc.limit); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("SourcePage(%q, %d): err = %v, want ErrInvalid", tc.cursor, tc.limit, err)
		}
	}
}
