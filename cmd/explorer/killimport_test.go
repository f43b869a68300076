package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/localneo4j"
	"explorer/internal/testdb"
	"explorer/web"
)

// throwawayNeo4j starts a Neo4j of its own (its own home, a free loopback
// port) that the test may kill, and stops it at the end.
type throwawayNeo4j struct {
	srv *localneo4j.Server
	env map[string]string
	drv neo4j.DriverWithContext
}

func startThrowaway(t *testing.T) *throwawayNeo4j {
	t.Helper()
	testdb.Connect(t) // the same rule: skip, or fail in CI, without Neo4j
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	home := t.TempDir()
	getenv := func(k string) string {
		switch k {
		case "EXPLORER_NEO4J_HOME":
			return home
		case "EXPLORER_NEO4J_BOLT":
			return addr
		case "EXPLORER_NEO4J_HEAP":
			return "512m"
		case "EXPLORER_NEO4J_PAGECACHE":
			return "64m"
		}
		return os.Getenv(k)
	}
	srv, err := localneo4j.New(getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	tn := &throwawayNeo4j{srv: srv}
	tn.start(t)
	t.Cleanup(func() { srv.Stop(30 * time.Second) })
	pw, err := srv.Password()
	if err != nil {
		t.Fatal(err)
	}
	tn.env = map[string]string{"NEO4J_URI": srv.URI(), "NEO4J_USERNAME": localneo4j.User, "NEO4J_PASSWORD": pw, "NEO4J_DATABASE": "neo4j"}
	tn.drv, err = neo4j.NewDriverWithContext(srv.URI(), neo4j.BasicAuth(localneo4j.User, pw, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tn.drv.Close(context.Background()) })
	return tn
}

func (tn *throwawayNeo4j) start(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := tn.srv.Start(ctx, 2*time.Minute); err != nil {
		t.Fatalf("starting the throw-away neo4j: %v", err)
	}
}

// kill stops the server the hard way, as a crash would.
func (tn *throwawayNeo4j) kill(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(tn.srv.Home, "run", "neo4j.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", tn.srv.BoltAddr, 200*time.Millisecond); err != nil {
			return
		} else {
			c.Close()
		}
	}
	t.Fatalf("neo4j still answers after kill -9")
}

func (tn *throwawayNeo4j) fingerprint(t *testing.T) testdb.Fingerprint {
	t.Helper()
	return testdb.Take(t, tn.drv, "neo4j")
}

func (tn *throwawayNeo4j) getenv(k string) string { return tn.env[k] }

// count runs a counting query on the throw-away server.
func (tn *throwawayNeo4j) count(t *testing.T, q string) int64 {
	t.Helper()
	res, err := neo4j.ExecuteQuery(context.Background(), tn.drv, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("neo4j"))
	if err != nil {
		return -1
	}
	n, _, _ := neo4j.GetRecordValue[int64](res.Records[0], "n")
	return n
}

// writeBigImport writes a JSON lines file of n new entities linked in a
// chain, which also changes an entity and a relationship of serveFixture
// (so that a rollback has something to restore).
func writeBigImport(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, `{"kind":"entity","id":"shig","name":"SHIG (renamed)","type":"Organization","aliases":["SHIG","Shahid Hemmat"]}`)
	fmt.Fprintln(w, `{"kind":"relationship","id":"komid-houthis","type":"SUPPLIED","from":"komid","to":"houthis","start":"2018-08","evidence":"changed","source":"other","confidence":"confirmed"}`)
	for i := range n {
		fmt.Fprintf(w, `{"kind":"entity","id":"big-%d","name":"Big %d","type":"Organization","country":"XX"}`+"\n", i, i)
	}
	for i := range n {
		to := fmt.Sprintf("big-%d", i+1)
		if i == n-1 {
			to = "shig"
		}
		fmt.Fprintf(w, `{"kind":"relationship","id":"big-r%d","type":"COOPERATED_WITH","from":"big-%d","to":"%s","start":"2001","evidence":"e","source":"s","confidence":"reported"}`+"\n", i, i, to)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

var runInMessage = regexp.MustCompile(`--resume (\S+) `)

// TestImportAllOrNothingWhenNeo4jDies kills Neo4j (kill -9) in the middle
// of imports and checks the graph afterwards: an API import job rolls its
// run back once Neo4j is back, to exactly the graph before (fingerprint of
// every node and relationship); a command-line import kept unfinished is
// resumed to exactly the graph that the whole file makes.
func TestImportAllOrNothingWhenNeo4jDies(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills its own Neo4j")
	}
	tn := startThrowaway(t)
	ctx := context.Background()
	st := graph.NewStore(tn.drv, "neo4j")
	loadBase := func() testdb.Fingerprint {
		t.Helper()
		if err := st.Reset(ctx); err != nil {
			t.Fatal(err)
		}
		if err := st.EnsureSchema(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := st.UpsertEntities(ctx, serveFixture.entities); err != nil {
			t.Fatal(err)
		}
		if _, err := st.UpsertRelationships(ctx, serveFixture.rels); err != nil {
			t.Fatal(err)
		}
		return tn.fingerprint(t)
	}
	const n = 30000
	file := writeBigImport(t, n)

	// The graph the whole file makes over the base graph.
	loadBase()
	if err := run(ctx, []string{"import", file}, tn.getenv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatalf("full import: %v", err)
	}
	full := tn.fingerprint(t)
	t.Logf("full import done: %d lines", len(full.Lines))
	if got := len(full.Lines); got < 2*n {
		t.Fatalf("full import fingerprint has %d lines, want over %d", got, 2*n)
	}
	before := loadBase()

	t.Run("API job rolled back", func(t *testing.T) {
		const token = "0123456789abcdef-kill"
		base, serveLog := startServe(t, mergeEnv(tn.env, "EXPLORER_IMPORT_TOKEN", token))
		defer func() {
			if t.Failed() {
				t.Logf("serve log:\n%s", serveLog)
			}
		}()
		body, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		r := httpDo(t, "POST", base+"/api/v1/import", "application/x-ndjson", string(body), "Authorization", "Bearer "+token)
		var j web.ImportJob
		if r.status != 202 || json.Unmarshal(r.body, &j) != nil {
			t.Fatalf("import = %d %s", r.status, r.body)
		}
		// Kill Neo4j once some relationships are written.
		for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
			j = getJob(t, base, token, j.URL)
			if j.Progress.Phase == "relationships" && j.Progress.Done > 0 {
				break
			}
			if j.Status == "done" || time.Now().After(deadline) {
				t.Fatalf("the import ended (or never wrote) before the kill: %+v", j)
			}
		}
		tn.kill(t)
		t.Logf("killed neo4j at %+v", j.Progress)
		for deadline := time.Now().Add(time.Minute); j.Progress.Phase != "rollback"; time.Sleep(100 * time.Millisecond) {
			j = getJob(t, base, token, j.URL)
			if time.Now().After(deadline) {
				t.Fatalf("the job does not try to roll back: %+v", j)
			}
		}
		t.Logf("job is rolling back: %+v", j.Progress)
		tn.start(t)
		t.Log("neo4j restarted")
		j = followJob(t, base, token, j.URL, 4*time.Minute)
		if j.Result.Outcome != web.OutcomeRolledBack || j.Result.Run == "" || !strings.Contains(j.Error, "rolled back") {
			t.Fatalf("job after the kill = %+v, want rolled back", j)
		}
		if diff := before.Diff(tn.fingerprint(t)); diff != "" {
			t.Fatalf("the graph after the rollback is not the graph before:\n%s", diff)
		}
	})

	t.Run("command resumed", func(t *testing.T) {
		errc := make(chan error, 1)
		go func() {
			errc <- run(ctx, []string{"import", "--keep-failed", file}, tn.getenv, strings.NewReader(""), io.Discard, io.Discard)
		}()
		for deadline := time.Now().Add(2 * time.Minute); tn.count(t, `MATCH (u:ImportUndo {_kind: 'created-relationships'}) RETURN count(u) AS n`) < 1; time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the import wrote no relationship batch in 2 minutes")
			}
		}
		tn.kill(t)
		t.Log("killed neo4j under the command")
		err := <-errc
		m := runInMessage.FindStringSubmatch(fmt.Sprint(err))
		if m == nil {
			t.Fatalf("import after the kill = %v, want an unfinished run to resume", err)
		}
		tn.start(t)
		// Another import is refused while the run is unfinished.
		if err := run(ctx, []string{"import", file}, tn.getenv, strings.NewReader(""), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), m[1]) {
			t.Errorf("import during an unfinished run = %v, want a refusal naming %s", err, m[1])
		}
		// The dead writer's lease runs out, then the run can be resumed.
		time.Sleep(graph.RunLease)
		if err := run(ctx, []string{"import", "--resume", m[1], file}, tn.getenv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
			t.Fatalf("import --resume %s: %v", m[1], err)
		}
		if diff := full.Diff(tn.fingerprint(t)); diff != "" {
			t.Fatalf("the graph after the resume is not the graph of the whole file:\n%s", diff)
		}
		err = run(ctx, []string{"import", "--rollback", m[1]}, tn.getenv, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "committed") {
			t.Errorf("rollback of the committed run = %v, want a refusal", err)
		}
	})
}

func mergeEnv(env map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func getJob(t *testing.T, base, token, url string) web.ImportJob {
	t.Helper()
	r := httpDo(t, "GET", base+url, "", "", "Authorization", "Bearer "+token)
	var j web.ImportJob
	if r.status != 200 || json.Unmarshal(r.body, &j) != nil {
		t.Fatalf("GET %s = %d %s", url, r.status, r.body)
	}
	return j
}
