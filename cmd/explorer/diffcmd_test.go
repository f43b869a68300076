package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// The fixture (cliSeed): SHIG has cooperated with KOMID since 2016-01 (a
// state); KOMID tried to supply the Houthis in 2018-08 (an event); North
// Korea is not linked.

func TestCLIAsOf(t *testing.T) {
	seedFixture(t)
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		// In August 2018 the cooperation holds and the supply happens.
		{[]string{"path", "shig", "houthis", "--as-of", "2018-08"}, 0, "explorer: as of 2018-08: states holding then and events of that date; undated claims included"},
		// In 2019 the supply is past.
		{[]string{"path", "shig", "houthis", "--as-of", "2019"}, 3, "no path found between Shahid Hemmat Industrial Group and Houthis (shortest, at most 4 hops; either direction; operational and political links, not mentions; any date; undated links included; any confidence; any status; as of 2019 (states holding then and events of that date)"},
		{[]string{"path", "shig", "houthis", "--as-of", "2019", "--include-past-events"}, 0, "events up to then"},
		// Before 2016 the cooperation had not begun.
		{[]string{"path", "shig", "houthis", "--as-of", "2015", "--include-past-events"}, 3, "no path found"},
	}
	for _, tt := range tests {
		_, errOut, code := cli(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.stderr) {
			t.Errorf("explorer %s: exit %d, stderr %q; want exit %d with %q", strings.Join(tt.args, " "), code, errOut, tt.code, tt.stderr)
		}
	}
	out, errOut, code := cli(t, "neighbors", "KOMID", "--as-of", "2017", "--format", "json")
	if code != 0 {
		t.Fatalf("neighbors --as-of 2017: exit %d: %s", code, errOut)
	}
	var g struct {
		graph.Subgraph
		Note string `json:"note"`
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	if diff := cmp.Diff([]string{"komid", "shig"}, ids); diff != "" || !strings.HasPrefix(g.Note, "as of 2017") {
		t.Errorf("neighbors KOMID as of 2017: nodes (-want +got):\n%s note %q", diff, g.Note)
	}
}

func TestCLIDiff(t *testing.T) {
	seedFixture(t)
	out, errOut, code := cli(t, "diff", "KOMID", "--from", "2010", "--to", "2017", "--format", "json")
	if code != 0 {
		t.Fatalf("diff: exit %d: %s", code, errOut)
	}
	var d struct {
		Started, Ended, Persisted, Between []graph.Relationship
		Entered, Left                      []graph.Entity
		Note                               string
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Started) != 1 || d.Started[0].ID != "shig-komid" || len(d.Ended)+len(d.Persisted)+len(d.Between) != 0 ||
		len(d.Entered) != 1 || d.Entered[0].ID != "shig" || len(d.Left) != 0 || !strings.Contains(d.Note, "undated claims listed apart") {
		t.Errorf("diff KOMID 2010-2017 = %s", out)
	}
	out, errOut, code = cli(t, "diff", "KOMID", "--from", "2017", "--to", "2019")
	if code != 0 {
		t.Fatalf("diff text: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"What changed around Korea Mining Development Trading Corporation (Organization) between 2017 and 2019, within 1 hop(s)",
		"persisted (1): holds on both dates\n  = Shahid Hemmat Industrial Group -[COOPERATED_WITH",
		"between (1): ",
		"  ~ Korea Mining Development Trading Corporation -[SUPPLIED",
		"entered the neighbourhood (0):",
		"left the neighbourhood (0):",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("diff text lacks %q:\n%s", want, out)
		}
	}
	out, errOut, code = cli(t, "diff", "KOMID", "--from", "2010", "--to", "2019", "--format", "svg")
	if code != 0 || !strings.Contains(out, "<svg") || !strings.Contains(out, "+ started") || !strings.Contains(out, "~ between") {
		t.Errorf("diff svg: exit %d, stderr %q, output holds a legend of started and between: %v", code, errOut, strings.Contains(out, "+ started"))
	}
	if _, errOut, code := cli(t, "diff", "nobody-at-all", "--from", "2010", "--to", "2019"); code != 1 || !strings.Contains(errOut, "no entity is called") {
		t.Errorf("diff of an unknown entity: exit %d, %q", code, errOut)
	}
}
