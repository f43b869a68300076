package graph_test

import (
	"regexp"
	"strings"
	"testing"

	"explorer/graph"
)

// TestValidIDMatchesPattern checks the hand-written id check against the
// regular expression it replaces, on every string of up to three bytes over
// an alphabet of valid, invalid and boundary bytes, and on lengths around
// the limit.
func TestValidIDMatchesPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,127}$`)
	alphabet := []string{"a", "z", "0", "9", ".", "_", "-", "A", " ", "\n", "é", "/", ":"}
	var inputs []string
	var grow func(s string, n int)
	grow = func(s string, n int) {
		inputs = append(inputs, s)
		if n == 0 {
			return
		}
		for _, c := range alphabet {
			grow(s+c, n-1)
		}
	}
	grow("", 3)
	for _, n := range []int{127, 128, 129, 200} {
		inputs = append(inputs, strings.Repeat("a", n), "a"+strings.Repeat("-", n-1), strings.Repeat("a", n-1)+"\n")
	}
	for _, s := range inputs {
		if got, want := graph.ValidID(s), pattern.MatchString(s); got != want {
			t.Errorf("ValidID(%q) = %v, the pattern says %v", s, got, want)
		}
	}
	if len(inputs) < 2000 {
		t.Fatalf("only %d inputs", len(inputs))
	}
}
