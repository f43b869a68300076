package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// readersPython returns the Python that has networkx and followthemoney
// (scripts/deps.sh test installs them); without one the test skips locally
// and fails under CI.
func readersPython(t *testing.T) string {
	t.Helper()
	py := os.Getenv("EXPLORER_PYTHON")
	if py == "" {
		cache := os.Getenv("EXPLORER_CACHE")
		if cache == "" {
			home, _ := os.UserHomeDir()
			cache = filepath.Join(home, ".cache", "explorer")
		}
		py = filepath.Join(cache, "pyenv", "bin", "python")
	}
	if err := exec.Command(py, "-c", "import networkx, followthemoney").Run(); err != nil {
		if testdb.Required() {
			t.Fatalf("%s cannot import networkx and followthemoney (%v): run scripts/deps.sh test", py, err)
		}
		t.Skipf("no Python with networkx and followthemoney at %s (%v); run scripts/deps.sh test", py, err)
	}
	return py
}

// TestExportsOpenInRealReaders exports the seed and reads it back with the
// libraries analysts open such files with: networkx for GraphML and GEXF,
// the followthemoney model for FtM.
func TestExportsOpenInRealReaders(t *testing.T) {
	py := readersPython(t)
	st := testdb.Open(t)
	ctx := context.Background()
	sd := &ingest.Seeder{Store: st}
	if _, err := sd.LoadFile(ctx, "../seed.cypher"); err != nil {
		t.Fatal(err)
	}
	counts, err := st.Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	symmetric := 0
	for _, spec := range graph.Vocabulary {
		if !spec.Symmetric {
			continue
		}
		page, err := st.RelationshipsPage(ctx, spec.Type, "", 100000)
		if err != nil {
			t.Fatal(err)
		}
		symmetric += len(page)
	}
	dir := t.TempDir()
	read := func(kind string, f ingest.ExportFormat, out any) {
		t.Helper()
		path := filepath.Join(dir, "export."+kind)
		var buf bytes.Buffer
		if _, err := ingest.Export(ctx, st, &buf, f); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(py, "../scripts/check_exports.py", kind, path)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("reading the %s export: %v\n%s", kind, err, stderr.String())
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s reader output %q: %v", kind, b, err)
		}
	}
	for _, kind := range []string{"graphml", "gexf"} {
		var got struct {
			Nodes, Edges, Symmetric int
			Directed, Multigraph    bool
		}
		read(kind, ingest.ExportFormat(kind), &got)
		if int64(got.Nodes) != counts.Nodes || !got.Directed || got.Symmetric != symmetric {
			t.Errorf("networkx read the %s export as %+v; want %d nodes, directed, %d symmetric edges", kind, got, counts.Nodes, symmetric)
		}
		// A simple digraph folds parallel edges; a multigraph keeps them all.
		if got.Multigraph && int64(got.Edges) != counts.Relationships || !got.Multigraph && got.Edges == 0 {
			t.Errorf("networkx read %d edges from the %s export (multigraph %v); the graph has %d relationships", got.Edges, kind, got.Multigraph, counts.Relationships)
		}
	}
	var ftm struct {
		Proxies  int
		Schemata map[string]int
		Dangling []string
	}
	read("ftm", ingest.ExportFtM, &ftm)
	if ftm.Proxies < int(counts.Nodes) || len(ftm.Dangling) > 0 {
		t.Errorf("followthemoney read %d proxies (want at least the %d entities), dangling references %v", ftm.Proxies, counts.Nodes, ftm.Dangling)
	}
	t.Logf("graph %d entities, %d relationships; FtM %d proxies %v", counts.Nodes, counts.Relationships, ftm.Proxies, ftm.Schemata)
}
