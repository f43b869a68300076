package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// readersPython is the Python with networkx and followthemoney that
// ingest's TestExportsOpenInRealReaders uses; without one the test skips
// locally and fails when a database is required (CI).
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

// graphmlEdges lists the edges networkx reads from a GraphML file with
// their claim fields, one JSON object per edge.
const graphmlEdges = `
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
json.dump({"nodes": sorted(g.nodes()), "edges": sorted([[a, b, d.get("type", ""), d.get("evidence", ""), d.get("source", ""), d.get("confidence", ""), d.get("start", "")] for a, b, d in g.edges(data=True)])}, sys.stdout)
`

// TestInvestigationExportsOpenInRealReaders saves an investigation of part
// of the seed through the real service, downloads its subgraph as GraphML,
// GEXF, FtM and JSON lines, and reads each back with the libraries
// analysts use: exactly the investigation's entities and every relationship
// among them, with their claim fields.
func TestInvestigationExportsOpenInRealReaders(t *testing.T) {
	py := readersPython(t)
	st := loadSeed(t)
	ctx := context.Background()
	base, _ := startServe(t, serveEnv(t))
	ids := []string{"komid", "houthis", "shig", "north-korea", "iran", "irgc", "hezbollah", "united-nations"}
	body, _ := json.Marshal(map[string]any{"name": "KOMID, Iran and friends", "entities": ids})
	created := httpDo(t, "POST", base+"/api/v1/investigations", "application/json", string(body))
	if created.status != 201 {
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	var inv graph.Investigation
	if err := json.Unmarshal(created.body, &inv); err != nil {
		t.Fatal(err)
	}

	// What the export must hold, read from the store page by page as a
	// whole-graph export reads it.
	in := map[string]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var want []graph.Relationship
	for _, spec := range graph.Vocabulary {
		page, err := st.RelationshipsPage(ctx, spec.Type, "", 100000)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page {
			if in[r.From] && in[r.To] {
				want = append(want, r)
			}
		}
	}
	if len(want) < 10 {
		t.Fatalf("only %d relationships among %v in the seed; the test needs a richer subgraph", len(want), ids)
	}
	symmetric := 0
	var wantEdges [][]string
	for _, r := range want {
		if spec, _ := r.Type.Spec(); spec.Symmetric {
			symmetric++
		}
		wantEdges = append(wantEdges, []string{r.From, r.To, string(r.Type), r.Evidence, r.Source, string(r.Confidence), r.Start.String()})
	}
	slices.SortFunc(wantEdges, func(a, b []string) int { return slices.Compare(a, b) })

	dir := t.TempDir()
	download := func(format string) string {
		t.Helper()
		res := httpDo(t, "GET", base+"/api/v1/investigations/"+inv.ID+"/export?format="+format, "", "")
		if res.status != 200 {
			t.Fatalf("export %s: %d %s", format, res.status, res.body)
		}
		if m := res.header.Get("X-Explorer-Missing-Entities"); m != "" {
			t.Errorf("export %s: missing entities %q", format, m)
		}
		path := filepath.Join(dir, "investigation."+format)
		if err := os.WriteFile(path, res.body, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	python := func(out any, args ...string) {
		t.Helper()
		cmd := exec.Command(py, args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("python %v: %v\n%s", args, err, stderr.String())
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("python %v printed %q: %v", args, b, err)
		}
	}
	checker := filepath.Join("..", "..", "scripts", "check_exports.py")

	// GraphML and GEXF: networkx sees the entities and every relationship.
	for _, kind := range []string{"graphml", "gexf"} {
		var got struct {
			Nodes, Edges, Symmetric int
			Directed, Multigraph    bool
		}
		python(&got, checker, kind, download(kind))
		if got.Nodes != len(ids) || got.Edges != len(want) || !got.Directed || !got.Multigraph || got.Symmetric != symmetric {
			t.Errorf("networkx read the %s export as %+v; want %d nodes, %d edges, directed multigraph, %d symmetric", kind, got, len(ids), len(want), symmetric)
		}
	}
	var gm struct {
		Nodes []string
		Edges [][]string
	}
	python(&gm, "-c", graphmlEdges, download("graphml"))
	if diff := cmp.Diff(slices.Sorted(slices.Values(ids)), gm.Nodes); diff != "" {
		t.Errorf("GraphML nodes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantEdges, gm.Edges); diff != "" {
		t.Errorf("GraphML edges and their claim fields (-want +got):\n%s", diff)
	}

	// FtM: the followthemoney model takes every proxy, one per entity and
	// per relationship, and no reference dangles.
	var ftm struct {
		Proxies  int
		Schemata map[string]int
		Dangling []string
	}
	python(&ftm, checker, "ftm", download("ftm"))
	if ftm.Proxies != len(ids)+len(want) || len(ftm.Dangling) > 0 {
		t.Errorf("followthemoney read %d proxies %v, want %d (%d entities, %d relationships); dangling %v", ftm.Proxies, ftm.Schemata, len(ids)+len(want), len(ids), len(want), ftm.Dangling)
	}

	// JSON lines: every claim field as the store holds it.
	f, err := os.Open(download("jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var gotRels []graph.Relationship
	var gotEnts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var kind struct{ Kind string }
		if err := json.Unmarshal(sc.Bytes(), &kind); err != nil {
			t.Fatalf("jsonl line %q: %v", sc.Text(), err)
		}
		switch kind.Kind {
		case "entity":
			var e graph.Entity
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatal(err)
			}
			gotEnts = append(gotEnts, e.ID)
		case "relationship":
			var r graph.Relationship
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			gotRels = append(gotRels, r)
		default:
			t.Errorf("jsonl line of kind %q", kind.Kind)
		}
	}
	if diff := cmp.Diff(slices.Sorted(slices.Values(ids)), gotEnts); diff != "" {
		t.Errorf("JSON lines entities (-want +got):\n%s", diff)
	}
	byID := func(a, b graph.Relationship) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(want, byID)
	slices.SortFunc(gotRels, byID)
	if diff := cmp.Diff(want, gotRels); diff != "" {
		t.Errorf("JSON lines relationships (-store +export):\n%s", diff)
	}
	t.Logf("investigation of %d entities: %d relationships (%d symmetric); FtM %d proxies %v", len(ids), len(want), symmetric, ftm.Proxies, ftm.Schemata)
}
