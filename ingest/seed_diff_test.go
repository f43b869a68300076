package ingest_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"explorer/graph"
)

// TestSeedDiffNorthKorea checks what changed around North Korea between 1985
// and 2018 against the article, read by hand (paragraph numbers as in
// SCHEMA: non-empty lines of sources/38north-dprk-iran.txt). It asserts on
// (change, type, other endpoint), not on relationship ids, so that a re-audit
// of seed.cypher that keeps the article's facts keeps it passing.
func TestSeedDiffNorthKorea(t *testing.T) {
	sd, st := seeder(t)
	ctx := context.Background()
	if _, err := sd.LoadFile(ctx, "../seed.cypher"); err != nil {
		t.Fatal(err)
	}
	from, to := graph.MustDate("1985"), graph.MustDate("2018")
	d, err := st.Diff(ctx, graph.DiffQuery{ID: "north-korea", From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	rels, change := d.Relationships()
	got := map[string]bool{}
	var lines []string
	for _, r := range rels {
		other := r.To
		if other == "north-korea" {
			other = r.From
		}
		if r.From != "north-korea" && r.To != "north-korea" {
			continue
		}
		k := fmt.Sprintf("%s %s %s", change[r.ID], r.Type, other)
		got[k] = true
		lines = append(lines, fmt.Sprintf("%s (%s %s..%s attested %s)", k, r.ID, r.Start, r.End, r.Attested))
	}
	slices.Sort(lines)
	want := []struct{ key, why string }{
		// ¶6 "Iran established diplomatic relations with North Korea in 1973": a state, no end.
		{"persisted DIPLOMATIC_RELATIONS iran", "relations since 1973 hold in 1985 and 2018"},
		// ¶10 "Since its initial tranche of arms sales to Iran during the 1980s, North Korea has cooperated closely with Iran on ballistic missile development".
		{"persisted COOPERATED_WITH iran", "missile cooperation since the 1980s holds in 1985 and 2018"},
		// ¶7 "Solidarity between both countries against US sanctions, which was highlighted by North Korean
		// Foreign Minister Ri Yong Ho's August 2018 visit to Iran".
		{"started SUPPORTS iran", "solidarity holds in August 2018, and nothing says it did in 1985"},
		// ¶6 "after Akbar Hashemi Rafsanjani's 1985 visit to Pyongyang": an event of 1985.
		{"ended VISITED akbar-hashemi-rafsanjani", "the 1985 visit is part of 1985 and over by 2018"},
		// ¶16 "North Korea had informally established contact with Hezbollah in the 1980s".
		{"ended COMMUNICATED_WITH hezbollah", "contact in the 1980s may fall in 1985 and is over by 2018"},
		// ¶10 "In 1995, North Korea shipped Scud transporter-erector-launchers to Iran".
		{"between SUPPLIED iran", "the 1995 shipment came and went between the dates"},
		// ¶10 "its 2006 and 2009 nuclear tests".
		{"between CONDUCTED dprk-nuclear-test-2006", "the 2006 test lies between the dates"},
		// ¶16 "it embarked on an ambitious military training program in 2000".
		{"between TRAINED hezbollah", "the training of 2000 lies between the dates"},
	}
	for _, w := range want {
		if !got[w.key] {
			t.Errorf("Diff(north-korea, 1985, 2018) lacks %q (%s); it holds:\n%s", w.key, w.why, strings.Join(lines, "\n"))
		}
	}
	// Nothing that was over before 1985 or began after 2018 is listed (¶6:
	// the 1981-1983 peak of arms transfers; ¶3: Kim Jong Un's June 2021
	// congratulations).
	for _, r := range rels {
		sp := r.Span()
		if sp.Known() && (sp.From.After(to.Last()) || !sp.Open() && sp.To.Before(from.First())) {
			t.Errorf("Diff lists %s (%s..%s), which lies outside 1985-2018", r.ID, r.Start, r.End)
		}
	}
	ids := func(es []graph.Entity) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	// Ri Yong Ho is linked to North Korea only as its foreign minister in
	// August 2018 (¶7); Rafsanjani only by his 1985 visit (¶6).
	if !slices.Contains(ids(d.Entered), "ri-yong-ho") {
		t.Errorf("Diff entered = %v, want Ri Yong Ho among them", ids(d.Entered))
	}
	if !slices.Contains(ids(d.Left), "akbar-hashemi-rafsanjani") {
		t.Errorf("Diff left = %v, want Akbar Hashemi Rafsanjani among them", ids(d.Left))
	}
	if slices.Contains(ids(d.Entered), "iran") || slices.Contains(ids(d.Left), "iran") {
		t.Errorf("Iran entered or left the neighbourhood; relations since 1973 keep it in")
	}
}
