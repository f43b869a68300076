package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"explorer/internal/localneo4j"
)

// bulkInput is hand-written to reach every property and the characters a
// CSV writer can get wrong: quotes, commas, line breaks, list delimiters,
// an entity without aliases, lists, booleans and numbers.
const bulkInput = `{"kind":"entity","id":"shig","name":"Shahid \"Hemmat\", Industrial Group","type":"Organization","aliases":["SHIG","S;H|G"],"description":"line one\nline two","country":"IR"}
{"kind":"entity","id":"komid","name":"KOMID","type":"Organization","aliases":[]}
{"kind":"entity","id":"houthis","name":"Ansar Allah","type":"Organization","description":"Yemen’s Houthis"}
{"kind":"entity","id":"scud","name":"Scud-B","type":"Weapon"}
{"kind":"relationship","id":"r1","type":"SUPPLIED","from":"komid","to":"houthis","start":"2018-08","status":"attempted","item":"missile parts, \"drones\"","itemIds":["scud"],"evidence":"KOMID was trying to supply \"arms\",\nsaid the panel","source":"38 North","paragraph":3,"citedSource":"UN Panel of Experts","confidence":"alleged"}
{"kind":"relationship","id":"r2","type":"COOPERATED_WITH","from":"shig","to":"komid","start":"2016-01","ongoing":true,"evidence":"","source":"38 North","sourceUrl":"https://www.38north.org/x","confidence":"reported"}
{"kind":"relationship","id":"r3","type":"COOPERATED_WITH","from":"komid","to":"shig","attested":"1990","evidence":"attested","source":"s","confidence":"confirmed"}
{"kind":"relationship","id":"r4","type":"SUPPLIED","from":"shig","to":"houthis","start":"2015","end":"2016-03-02","ongoing":false,"evidence":"e","source":"s","confidence":"disputed"}
{"kind":"relationship","id":"r5","type":"OWNS","from":"shig","to":"komid","start":"2009","percentage":51.5,"sharesCount":1200,"evidence":"owns","source":"s","confidence":"reported"}
`

// TestBulkImportMatchesTransactional loads the same input with the
// transactional import and with import --bulk --replace into a private
// Neo4j, and compares every label and property of the two stores and their
// JSON lines exports.
func TestBulkImportMatchesTransactional(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and restarts a Neo4j server")
	}
	home, _ := os.UserHomeDir()
	cache := os.Getenv("EXPLORER_CACHE")
	if cache == "" {
		cache = filepath.Join(home, ".cache", "explorer")
	}
	if _, err := os.Stat(filepath.Join(cache, "neo4j-"+localneo4j.Version, "lib", "neo4j-"+localneo4j.Version+".jar")); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("EXPLORER_REQUIRE_NEO4J") != "" {
			t.Fatalf("the Neo4j jars are not in %s: %v", cache, err)
		}
		t.Skip("Neo4j jars not fetched; run 'explorer neo4j start' once")
	}
	env := map[string]string{"EXPLORER_NEO4J_HOME": t.TempDir(), "EXPLORER_CACHE": cache,
		"EXPLORER_NEO4J_BOLT": "127.0.0.1:7696", "EXPLORER_NEO4J_HEAP": "384m", "EXPLORER_NEO4J_PAGECACHE": "32m"}
	getenv := func(k string) string { return env[k] }
	var log bytes.Buffer
	srv, err := localneo4j.New(getenv, &log)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Cleanup(func() { srv.Stop(60 * time.Second) })
	if err := srv.Start(ctx, 180*time.Second); err != nil {
		t.Fatalf("start: %v\n%s", err, log.String())
	}
	run := func(args ...string) (string, string, int) {
		t.Helper()
		var out, errb bytes.Buffer
		err := run(ctx, args, getenv, strings.NewReader(""), &out, &errb)
		code := exitStatus(err, &errb)
		return out.String(), errb.String(), code
	}
	dir := t.TempDir()
	input := filepath.Join(dir, "in.jsonl")
	gen := filepath.Join(dir, "gen.jsonl")
	if err := os.WriteFile(input, []byte(bulkInput), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run("generate", "--nodes", "120", "--rels", "300", "--seed", "7", "-o", gen); code != 0 {
		t.Fatalf("generate: %s", errOut)
	}
	// snapshot is every entity and relationship between entities with all
	// its labels (the order of labels(e) is that of their token ids, which
	// differs between the stores) and properties, and the JSON lines export.
	// The transactional import's run records (:ImportRun) are not part of
	// the graph.
	snapshot := func(name string) (string, string) {
		t.Helper()
		nodes, errOut, code := run("query", "--format", "json",
			"MATCH (e:Entity) RETURN e.id AS id, [l IN labels(e) WHERE l <> 'Entity'] AS type, properties(e) AS props ORDER BY id")
		if code != 0 {
			t.Fatalf("%s: query nodes: %s", name, errOut)
		}
		rels, errOut, code := run("query", "--format", "json",
			"MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props ORDER BY r.id")
		if code != 0 {
			t.Fatalf("%s: query relationships: %s", name, errOut)
		}
		file := filepath.Join(dir, name+".jsonl")
		if _, errOut, code := run("export", "--format", "jsonl", "-o", file); code != 0 {
			t.Fatalf("%s: export: %s", name, errOut)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return nodes + rels, string(b)
	}

	if out, errOut, code := run("import", input, gen); code != 0 {
		t.Fatalf("transactional import: exit %d\n%s%s", code, out, errOut)
	}
	wantStore, wantExport := snapshot("transactional")
	if strings.Contains(wantStore, `"aliases": []`) || !strings.Contains(wantStore, `line two`) || !strings.Contains(wantStore, `S;H|G`) || !strings.Contains(wantStore, `"percentage": 51.5`) {
		t.Fatalf("the transactional store lacks the cases under test:\n%.2000s", wantStore)
	}

	_, errOut, code := run("import", "--bulk", input, gen)
	if code != exitError || !strings.Contains(errOut, "--replace") || !strings.Contains(errOut, "without --bulk") {
		t.Errorf("bulk import into a non-empty database: exit %d, stderr %q; want a refusal naming --replace and the transactional import", code, errOut)
	}
	out, errOut, code := run("import", "--bulk", "--replace", input, gen)
	if code != 0 || !strings.Contains(out, "124 entities, 305 relationships") {
		t.Fatalf("bulk import: exit %d\n%s%s", code, out, errOut)
	}
	for _, p := range []string{"read", "check", "csv", "neo4j-admin", "schema", "verify"} {
		if !strings.Contains(errOut, "import --bulk: "+p) {
			t.Errorf("bulk import shows no progress for phase %q:\n%s", p, errOut)
		}
	}
	gotStore, gotExport := snapshot("bulk")
	if d := cmp.Diff(wantStore, gotStore); d != "" {
		t.Errorf("bulk store differs from the transactional one (-transactional +bulk):\n%s", d)
	}
	if d := cmp.Diff(wantExport, gotExport); d != "" {
		t.Errorf("bulk export differs from the transactional one (-transactional +bulk):\n%s", d)
	}
	// The schema is in place: a second transactional import of the same
	// input changes nothing.
	if out, errOut, code := run("import", input, gen); code != 0 || !strings.Contains(out, "relationships: 0 created, 0 updated, 305 unchanged") {
		t.Errorf("transactional re-import after the bulk load: exit %d\n%s%s", code, out, errOut)
	}

	// A failing importer leaves the database as it was, running.
	if err := srv.ImportFull(ctx, "neo4j", []string{"--nodes=Entity=" + filepath.Join(dir, "missing.csv")}, nil, time.Minute); err == nil ||
		!strings.Contains(err.Error(), "database is unchanged") {
		t.Errorf("ImportFull with a missing file = %v; want a failure that leaves the database unchanged", err)
	}
	if after, _ := snapshot("after-failure"); after != gotStore {
		t.Errorf("a failed bulk import changed the database")
	}
}

func TestBulkImportRefusesRemote(t *testing.T) {
	file := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(file, []byte(bulkInput), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"NEO4J_URI": "bolt://db.example.org:7687", "NEO4J_PASSWORD": "x", "EXPLORER_NEO4J_HOME": t.TempDir()}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"import", "--bulk", file}, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	if code := exitStatus(err, &errb); code != exitError || !strings.Contains(errb.String(), "not the local Neo4j") ||
		!strings.Contains(errb.String(), "neo4j-admin database import full") {
		t.Errorf("bulk import to a remote Neo4j: exit %d, stderr %q; want a refusal that says what to run there", code, errb.String())
	}
	for _, args := range [][]string{{"import", "--replace", file}, {"import", "--bulk", "--dry-run", file}, {"import", "--bulk", "--workers", "4", file}} {
		errb.Reset()
		err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
		if code := exitStatus(err, &errb); code != exitUsage {
			t.Errorf("%q: exit %d, want %d (%s)", args, code, exitUsage, errb.String())
		}
	}
}
