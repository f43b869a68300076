package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"explorer/internal/testdb"
)

func TestCLIImportExport(t *testing.T) {
	testdb.Open(t)
	data := filepath.Join("..", "..", "ingest", "testdata")
	out, errOut, code := cli(t, "import", filepath.Join(data, "entities.csv"), filepath.Join(data, "relationships.csv"), filepath.Join(data, "graph.jsonl"))
	if code != 0 || !strings.Contains(out, "entities: 7 created") || !strings.Contains(out, "relationships: 5 created") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = cli(t, "import", filepath.Join(data, "graph.jsonl"))
	if code != 0 || !strings.Contains(out, "0 created, 0 updated, 3 unchanged") {
		t.Errorf("re-import: exit %d, %s", code, out)
	}
	_, errOut, code = cli(t, "import", filepath.Join(data, "broken-endpoint.jsonl"))
	if code != exitError || !strings.Contains(errOut, "broken-endpoint.jsonl:2: to: entity \"no-such-entity\"") || !strings.Contains(errOut, "nothing written") {
		t.Errorf("broken import: exit %d, stderr %q", code, errOut)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "graph.jsonl")
	_, errOut, code = cli(t, "export", "--format", "jsonl", "-o", file)
	if code != 0 || !strings.Contains(errOut, "exported 7 entities and 5 relationships") {
		t.Fatalf("export: exit %d, %s", code, errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil || strings.Count(string(b), "\n") != 12 {
		t.Errorf("exported file: %v, %d lines", err, strings.Count(string(b), "\n"))
	}
	out, _, code = cli(t, "export", "--format", "dot")
	if code != 0 || !strings.HasPrefix(out, "digraph explorer {") {
		t.Errorf("export dot to stdout: exit %d, %.60q", code, out)
	}
	for _, args := range [][]string{{"export"}, {"export", "--format", "xml"}, {"import"}, {"import", "graph.xml"}, {"generate", "--nodes", "1"}} {
		if _, _, code := cli(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestCLIGenerate(t *testing.T) {
	testdb.Open(t)
	file := filepath.Join(t.TempDir(), "synth.jsonl")
	if _, errOut, code := cli(t, "generate", "--nodes", "50", "--rels", "120", "--seed", "3", "-o", file); code != 0 {
		t.Fatalf("generate: exit %d, %s", code, errOut)
	}
	out, errOut, code := cli(t, "import", "--dry-run", file)
	if code != 0 || !strings.Contains(out, "no problem found") {
		t.Fatalf("import --dry-run of a generated file: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code = cli(t, "generate", "--nodes", "50", "--rels", "120", "--seed", "3", "--load")
	if code != 0 || !strings.Contains(out, "entities: 50 created") || !strings.Contains(out, "relationships: 120 created") {
		t.Fatalf("generate --load: exit %d\n%s%s", code, out, errOut)
	}
	out, _, code = cli(t, "import", file)
	if code != 0 || !strings.Contains(out, "50 unchanged") || !strings.Contains(out, "120 unchanged") {
		t.Errorf("importing the same seed's file after --load: exit %d, %s", code, out)
	}
}
