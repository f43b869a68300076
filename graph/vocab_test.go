package graph

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestVocabularyDoc(t *testing.T) {
	const path = "../docs/vocabulary.md"
	want := VocabularyMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date with vocab.go; run go test ./graph -run TestVocabularyDoc -update", path)
	}
}

func TestVocabulary(t *testing.T) {
	seen := map[RelType]bool{}
	for _, s := range Vocabulary {
		if seen[s.Type] {
			t.Errorf("relationship type %s listed twice", s.Type)
		}
		seen[s.Type] = true
		if strings.ToUpper(string(s.Type)) != string(s.Type) || s.Meaning == "" || s.FtM == "" || s.FtMFrom == "" || s.FtMTo == "" {
			t.Errorf("incomplete vocabulary entry %+v", s)
		}
		if got, err := ParseRelType(strings.ToLower(string(s.Type))); err != nil || got != s.Type {
			t.Errorf("ParseRelType(%q) = %v, %v", strings.ToLower(string(s.Type)), got, err)
		}
	}
	for _, bad := range []string{"", "DROP", "SUPPLIED]->() DETACH DELETE n //", "supplied|ASSISTED"} {
		if _, err := ParseRelType(bad); err == nil {
			t.Errorf("ParseRelType(%q) accepted", bad)
		}
	}
	if ts, err := ParseRelTypes(" supplied, ASSISTED,,supplied "); err != nil || len(ts) != 2 {
		t.Errorf("ParseRelTypes = %v, %v; want [SUPPLIED ASSISTED]", ts, err)
	}
	for _, et := range EntityTypes {
		if got, err := ParseEntityType(strings.ToLower(string(et.Type))); err != nil || got != et.Type {
			t.Errorf("ParseEntityType(%q) = %v, %v", et.Type, got, err)
		}
	}
}
