package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
)

// fingerprint is the whole database as sorted lines: every node with its
// labels and properties (import bookkeeping left out), every relationship
// with its type, endpoints and
// properties.
func fingerprint(t *testing.T) []string {
	t.Helper()
	d, cfg := testdb.Connect(t)
	ctx := context.Background()
	var out []string
	res, err := neo4j.ExecuteQuery(ctx, d, `MATCH (n) RETURN labels(n) AS l, properties(n) AS p`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range res.Records {
		l, _, _ := neo4j.GetRecordValue[[]any](rec, "l")
		p, _, _ := neo4j.GetRecordValue[map[string]any](rec, "p")
		ls := make([]string, len(l))
		for i, x := range l {
			ls[i] = fmt.Sprint(x)
		}
		slices.Sort(ls)
		// Import bookkeeping (runs, their undo records, the lock), the
		// graph's change counter and the stored cross-reference say how
		// the data got there and what was derived from it, not what it is.
		if slices.ContainsFunc(ls, func(l string) bool {
			return strings.HasPrefix(l, "Import") || strings.HasPrefix(l, "Xref") || l == "GraphVersion"
		}) {
			continue
		}
		b, _ := json.Marshal(p)
		out = append(out, fmt.Sprintf("node %s %s", strings.Join(ls, ":"), b))
	}
	res, err = neo4j.ExecuteQuery(ctx, d, `MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p`, nil,
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range res.Records {
		a, _, _ := neo4j.GetRecordValue[string](rec, "a")
		ty, _, _ := neo4j.GetRecordValue[string](rec, "t")
		b, _, _ := neo4j.GetRecordValue[string](rec, "b")
		p, _, _ := neo4j.GetRecordValue[map[string]any](rec, "p")
		j, _ := json.Marshal(p)
		out = append(out, fmt.Sprintf("rel %s -[%s]-> %s %s", a, ty, b, j))
	}
	slices.Sort(out)
	return out
}

type xrefOut struct {
	Candidates []graph.Candidate `json:"candidates"`
}

func xrefJSON(t *testing.T, args ...string) xrefOut {
	t.Helper()
	out, errOut, code := cli(t, append([]string{"xref", "--format", "json"}, args...)...)
	if code != 0 {
		t.Fatalf("xref: exit %d: %s", code, errOut)
	}
	var x xrefOut
	if err := json.Unmarshal([]byte(out), &x); err != nil {
		t.Fatalf("xref output: %v\n%s", err, out)
	}
	return x
}

// TestXrefMergeUnmerge is issue 16's "done": a sanctions list in
// FollowTheMoney names KOMID, SHIG, the IRGC and Hezbollah its own way; xref
// proposes each pair with the seed's entity first and none of the different
// organizations with similar names; judging them the same connects the
// list's relationships to the article's graph; a re-import lands on the
// merged entities; unmerging restores the graph exactly.
func TestXrefMergeUnmerge(t *testing.T) {
	loadSeed(t)
	file := filepath.Join("testdata", "sanctions.ftm.json")
	if _, errOut, code := cli(t, "import", "--match", "off", file); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	before := fingerprint(t)

	same := [][2]string{{"komid", "ftm-ofac-komid"}, {"shig", "ftm-ofac-shig"}, {"irgc", "ftm-ofac-irgc"}, {"hezbollah", "ftm-ofac-hizballah"}}
	different := [][2]string{{"shig", "ftm-ofac-sbig"}, {"komid", "ftm-ofac-tangun"}, {"irgc", "ftm-ofac-irgc-qf"},
		{"hezbollah", "ftm-ofac-kataib-hizballah"}, {"ftm-ofac-shig", "ftm-ofac-sbig"}}
	x := xrefJSON(t)
	proposed := map[[2]string]graph.Candidate{}
	for _, c := range x.Candidates {
		proposed[[2]string{c.Left.ID, c.Right.ID}] = c
		if len(c.Reasons) == 0 {
			t.Errorf("candidate %s = %s has no reasons", c.Left.ID, c.Right.ID)
		}
	}
	for _, p := range same {
		c, ok := proposed[p]
		if !ok {
			t.Errorf("xref did not propose %s = %s (seed first); proposed %v", p[0], p[1], keys(proposed))
			continue
		}
		if c.Score < graph.DefaultMinScore || !strings.Contains(strings.Join(c.Reasons, "; "), "names") {
			t.Errorf("candidate %v: score %.2f, reasons %q", p, c.Score, c.Reasons)
		}
	}
	for _, p := range different {
		if _, ok := proposed[p]; ok {
			t.Errorf("xref proposed %s = %s, different organizations", p[0], p[1])
		}
		if _, ok := proposed[[2]string{p[1], p[0]}]; ok {
			t.Errorf("xref proposed %s = %s, different organizations", p[1], p[0])
		}
	}

	// No path from the list's Tanchon Commercial Bank to the article's
	// Houthis until KOMID is one node.
	if _, _, code := cli(t, "path", "Tanchon Commercial Bank", "Houthis"); code != 3 {
		t.Fatalf("path before merging: exit %d, want 3 (no path)", code)
	}
	for _, p := range same {
		if out, errOut, code := cli(t, "judge", p[0], p[1], "same", "--by", "test"); code != 0 || !strings.Contains(out, "merged "+p[1]+" into "+p[0]) {
			t.Fatalf("judge %v same: exit %d\n%s%s", p, code, out, errOut)
		}
	}
	if out, errOut, code := cli(t, "judge", "shig", "ftm-ofac-sbig", "different", "--by", "test"); code != 0 {
		t.Fatalf("judge different: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code := cli(t, "path", "Tanchon Commercial Bank", "Houthis", "--format", "json")
	if code != 0 {
		t.Fatalf("path after merging: exit %d: %s", code, errOut)
	}
	var paths struct {
		Paths []struct {
			Relationships []struct {
				Source string `json:"source"`
			} `json:"relationships"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(out), &paths); err != nil || len(paths.Paths) != 1 {
		t.Fatalf("path output %q: %v", out, err)
	}
	var sources []string
	for _, r := range paths.Paths[0].Relationships {
		sources = append(sources, r.Source)
	}
	if s := strings.Join(sources, " | "); !strings.Contains(s, "US OFAC") || !strings.Contains(s, "38 North") {
		t.Errorf("path sources = %q, want the sanctions list and the article", s)
	}
	// The merged ids keep resolving, and the names of both sources find
	// the one entity.
	for _, ref := range []string{"ftm-ofac-komid", "KOREA MINING DEVELOPMENT CORPORATION", "KOMID"} {
		if out, errOut, code := cli(t, "neighbors", ref, "--format", "json"); code != 0 || !strings.Contains(out, `"id": "komid"`) {
			t.Errorf("neighbors %q: exit %d, %s%s", ref, code, out, errOut)
		}
	}
	// Judged pairs are never proposed again.
	for _, c := range xrefJSON(t).Candidates {
		for _, p := range append(same, [2]string{"shig", "ftm-ofac-sbig"}) {
			if (c.Left.ID == p[0] && c.Right.ID == p[1]) || (c.Left.ID == p[1] && c.Right.ID == p[0]) {
				t.Errorf("judged pair %v proposed again", p)
			}
		}
	}

	// A re-import of the same list lands on the merged entities.
	merged := fingerprint(t)
	out, errOut, code = cli(t, "import", file)
	if code != 0 || !strings.Contains(out, "4 entities were merged before") {
		t.Fatalf("re-import: exit %d\n%s%s", code, out, errOut)
	}
	if diff := cmp.Diff(merged, fingerprint(t)); diff != "" {
		t.Errorf("re-import changed the merged graph (-before +after):\n%s", diff)
	}

	// Unmerge by the merged id or the canonical one: the graph is as it was.
	for i, p := range same {
		ref := p[1]
		if i%2 == 1 {
			ref = p[0]
		}
		if out, errOut, code := cli(t, "unmerge", ref); code != 0 || !strings.Contains(out, "unmerged "+p[1]+" from "+p[0]) {
			t.Fatalf("unmerge %s: exit %d\n%s%s", ref, code, out, errOut)
		}
	}
	if _, errOut, code := cli(t, "unmerge", "komid"); code != 1 || !strings.Contains(errOut, "no entity was merged into") {
		t.Errorf("unmerge of an entity never merged: exit %d, %q", code, errOut)
	}
	if _, errOut, code := cli(t, "judge", "shig", "ftm-ofac-sbig", "unsure", "--by", "test"); code != 0 {
		t.Fatalf("judge unsure: %s", errOut)
	}
	// The "different" judgement stays (judgements survive), so take it out of
	// the comparison: everything else must be exactly as before.
	after := slices.DeleteFunc(fingerprint(t), func(l string) bool { return strings.HasPrefix(l, "node Judgement ") })
	if diff := cmp.Diff(before, after); diff != "" {
		t.Errorf("unmerge did not restore the graph (-before +after):\n%s", diff)
	}
}

func keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestJudgeUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"judge", "a", "b"}, "want two entities and a verdict"},
		{[]string{"judge", "a", "b", "maybe"}, `verdict "maybe"`},
		{[]string{"xref", "--min-score", "2"}, "--min-score 2"},
		{[]string{"xref", "--format", "dot"}, "format"},
		{[]string{"import", "--match", "sometimes", "x.csv"}, "match"},
		{[]string{"unmerge"}, "want the id"},
	} {
		var out, errb strings.Builder
		err := run(context.Background(), tc.args, func(string) string { return "" }, strings.NewReader(""), &out, &errb)
		code := exitStatus(err, &errb)
		if code != 2 || !strings.Contains(errb.String(), tc.want) {
			t.Errorf("explorer %v: exit %d, stderr %q; want exit 2 mentioning %q", tc.args, code, errb.String(), tc.want)
		}
	}
}

// TestImportMatchAuto imports the sanctions list with --match auto: entries
// whose name equals a seed entity's once normalised land on it; different
// organizations with similar names are never merged, and neither are the
// spellings that only look alike (left for review).
func TestImportMatchAuto(t *testing.T) {
	st := loadSeed(t)
	out, errOut, code := cli(t, "import", "--match", "auto", filepath.Join("testdata", "sanctions.ftm.json"))
	if code != 0 {
		t.Fatalf("import --match auto: exit %d\n%s%s", code, out, errOut)
	}
	ctx := context.Background()
	// Each of these must still be its own entity.
	for _, id := range []string{"ftm-ofac-sbig", "ftm-ofac-tangun", "ftm-ofac-irgc-qf", "ftm-ofac-kataib-hizballah", "ftm-ofac-tanchon",
		"ftm-ofac-komid", "ftm-ofac-shig", "ftm-ofac-irgc"} {
		e, err := st.GetEntity(ctx, id)
		if err != nil || e.ID != id {
			t.Errorf("GetEntity(%s) = %s, %v: merged automatically", id, e.ID, err)
		}
	}
	// Exact matches (an equal name or alias, same type and country) merged;
	// an equal acronym (IRGC) is not enough.
	for id, want := range map[string]string{"ftm-ofac-hizballah": "hezbollah", "ftm-ofac-aio": "aio"} {
		if e, err := st.GetEntity(ctx, id); err != nil || e.ID != want {
			t.Errorf("GetEntity(%s) = %s, %v; want merged into %s", id, e.ID, err, want)
		}
		if !strings.Contains(out, "("+id+") to ") {
			t.Errorf("import output does not report the match of %s:\n%s", id, out)
		}
	}
	js, err := st.Judgements(ctx)
	if err != nil || len(js) != 2 || js[0].By != "import --match auto" {
		t.Errorf("judgements = %+v, %v; want the 2 automatic ones, by import --match auto", js, err)
	}
	if !strings.Contains(out, "candidate pairs to review") {
		t.Errorf("import output does not point to the review:\n%s", out)
	}
}

// TestXrefStore: xref --store computes the whole graph's candidates, keeps
// them for the review page and prints those left to judge; a judged pair
// leaves the stored list at once; storing changes nothing the fingerprint
// sees.
func TestXrefStore(t *testing.T) {
	st := loadSeed(t)
	if _, errOut, code := cli(t, "import", "--match", "off", filepath.Join("testdata", "sanctions.ftm.json")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	before := fingerprint(t)
	computed := xrefJSON(t, "--limit", "0")
	stored := xrefJSON(t, "--store", "--limit", "0")
	if diff := cmp.Diff(computed.Candidates, stored.Candidates, cmp.AllowUnexported(graph.Candidate{})); diff != "" {
		t.Errorf("xref --store (-computed +stored):\n%s", diff)
	}
	if len(stored.Candidates) < 4 {
		t.Fatalf("xref --store stored %d candidates, want the sanctions list's pairs", len(stored.Candidates))
	}
	if diff := cmp.Diff(before, fingerprint(t)); diff != "" {
		t.Errorf("xref --store changed the fingerprint (-before +after):\n%s", diff)
	}
	top := stored.Candidates[0]
	if _, errOut, code := cli(t, "judge", top.Left.ID, top.Right.ID, "different", "--by", "test"); code != 0 {
		t.Fatalf("judge: exit %d: %s", code, errOut)
	}
	left, err := st.StoredXref(context.Background(), graph.StoredQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if !left.Stale || len(left.Candidates) != len(stored.Candidates)-1 {
		t.Errorf("after judging the top pair: stale %v, %d candidates; want stale and %d", left.Stale, len(left.Candidates), len(stored.Candidates)-1)
	}
	out, errOut, code := cli(t, "xref", "--store", "--limit", "2")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("stored %d candidates from ", len(stored.Candidates)-1)) || !strings.Contains(out, "left to judge") {
		t.Errorf("xref --store: exit %d\n%s%s", code, out, errOut)
	}
	for _, args := range [][]string{{"--store", "--source", "ftm-"}, {"--keep", "5"}, {"--store", "--keep", "0"}} {
		if _, _, code := cli(t, append([]string{"xref"}, args...)...); code != 2 {
			t.Errorf("xref %v: exit %d, want 2", args, code)
		}
	}
}
