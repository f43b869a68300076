package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// TestReadmeProcedureAllowList: the README's list of procedures that ad-hoc
// Cypher may call is the one the code enforces.
func TestReadmeProcedureAllowList(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "## Ad-hoc Cypher")
	if start < 0 {
		t.Fatal("README has no Ad-hoc Cypher section")
	}
	section := text[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var got []string
	for _, m := range regexp.MustCompile("`(db\\.[A-Za-z.]+)`").FindAllStringSubmatch(section, -1) {
		got = append(got, strings.ToLower(m[1]))
	}
	want := slices.Clone(graph.AllowedProcedures)
	slices.Sort(got)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README's procedure allow-list differs from graph.AllowedProcedures (-code +README):\n%s", diff)
	}
}
