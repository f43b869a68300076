package main

import (
	"encoding/json"
	"strings"
	"testing"

	"explorer/graph"
)

// TestNeighborsFamiliesFlag: --families reaches the neighbourhood query and
// its first line; a bad family is bad usage that names the flag.
func TestNeighborsFamiliesFlag(t *testing.T) {
	loadServeFixture(t)
	tests := []struct {
		args      []string
		wantNodes []string
		wantQuery string
	}{
		{[]string{"--families", "political"}, []string{"irgc", "hezbollah"}, "political links"},
		{[]string{"--families", "operational"}, []string{"irgc", "north-korea"}, "operational links"},
		{[]string{"--families", "operational,political", "--types", "SUPPORTS,TRAINED", "--until", "1985"}, []string{"irgc", "hezbollah"},
			"types SUPPORTS, TRAINED in the operational and political families; holding until 1985"},
	}
	for _, tt := range tests {
		out, errOut, code := cli(t, append([]string{"neighbors", "IRGC", "--format", "json"}, tt.args...)...)
		if code != 0 {
			t.Fatalf("neighbors %v: exit %d: %s", tt.args, code, errOut)
		}
		var got struct {
			Query string
			graph.Subgraph
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, n := range got.Nodes {
			ids = append(ids, n.ID)
		}
		if strings.Join(ids, ",") != strings.Join(tt.wantNodes, ",") || !strings.Contains(got.Query, tt.wantQuery) {
			t.Errorf("neighbors %v = %v, query %q; want %v and %q", tt.args, ids, got.Query, tt.wantNodes, tt.wantQuery)
		}
	}
	_, errOut, code := cli(t, "neighbors", "IRGC", "--families", "gossip")
	if code != 2 || !strings.Contains(errOut, `--families: want a list of operational, political, mention, got "gossip"`) {
		t.Errorf("--families gossip: exit %d, %q; want 2 naming --families", code, errOut)
	}
}
