package graph_test

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
)

var updateFuzz = flag.Bool("update-fuzz", false, "rewrite testdata/fuzz/FuzzCheckQuery from testdata/attacks.txt")

// attack is one line of testdata/attacks.txt.
type attack struct {
	class      string
	query      string
	staticOnly bool
}

// loadAttacks reads the attack list, with {{ADDR}} replaced by addr.
func loadAttacks(t testing.TB, addr string) []attack {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "attacks.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []attack
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, lit, ok := strings.Cut(line, "\t")
		q, err := strconv.Unquote(lit)
		if !ok || err != nil {
			t.Fatalf("testdata/attacks.txt:%d: want class<TAB>\"query\": %v", n, err)
		}
		a := attack{class: class, query: strings.ReplaceAll(q, "{{ADDR}}", addr)}
		a.class, a.staticOnly = strings.CutSuffix(class, "/static-only")
		out = append(out, a)
	}
	if len(out) < 50 {
		t.Fatalf("testdata/attacks.txt holds %d attacks; the list was cut", len(out))
	}
	return out
}

// listener is a loopback TCP server that counts the connections it gets:
// an outbound request from Neo4j would show up here.
func listener(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() { ln.Close() })
	return ln.Addr().String(), &n
}

// victim opens a transaction in another session that stays open during the
// attacks, with a marker in its query text and metadata. No attack may see
// the marker, and the transaction must still commit afterwards.
func victim(t *testing.T) (marker string, done func()) {
	t.Helper()
	drv, cfg := testdb.Connect(t)
	ctx := context.Background()
	marker = fmt.Sprintf("victim-marker-%d", time.Now().UnixNano())
	sess := drv.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	tx, err := sess.BeginTransaction(ctx, neo4j.WithTxMetadata(map[string]any{"secret": marker}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, "RETURN '"+marker+"' AS m", map[string]any{"secret": marker}); err != nil {
		t.Fatal(err)
	}
	return marker, func() {
		defer sess.Close(ctx)
		res, err := tx.Run(ctx, "RETURN 1 AS one", nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err == nil {
			err = tx.Commit(ctx)
		}
		if err != nil {
			t.Errorf("the victim transaction was disturbed by the attacks: %v", err)
		}
	}
}

// leaked reports whether an answer or error shows something an attack must
// never see: file content, settings, another transaction.
func leaked(text, marker string) string {
	for _, s := range []string{"root:x:0:0", "/bin/bash", "PATH=", "NEO4J_", "EXPLORER_", marker, "server.directories"} {
		if strings.Contains(text, s) {
			return s
		}
	}
	return ""
}

// runAttacks sends every attack through run and checks that each is
// refused, that nothing leaks, that the listener stays silent, that the
// victim transaction survives and that the database is unchanged.
func runAttacks(t *testing.T, include func(attack) bool, run func(q string) (string, error)) {
	t.Helper()
	addr, hits := listener(t)
	before := fingerprint(t)
	marker, done := victim(t)
	n := 0
	for _, a := range loadAttacks(t, addr) {
		if !include(a) {
			continue
		}
		n++
		out, err := run(a.query)
		if err == nil {
			t.Errorf("[%s] %q ran; want a refusal. Answer: %.300s", a.class, a.query, out)
		}
		if s := leaked(out+" "+fmt.Sprint(err), marker); s != "" {
			t.Errorf("[%s] %q leaked %q: %.300s %v", a.class, a.query, s, out, err)
		}
	}
	if n == 0 {
		t.Fatal("no attack selected")
	}
	done()
	if c := hits.Load(); c != 0 {
		t.Errorf("the loopback listener got %d connections; Neo4j made outbound requests", c)
	}
	if after := fingerprint(t); after != before {
		t.Error("the database changed under the attacks")
	}
}

func refused(err error) bool {
	return errors.Is(err, graph.ErrForbidden) || errors.Is(err, graph.ErrInvalid)
}

// TestAttacksAllLayers runs the attack list through Query as the CLI and
// the web service call it.
func TestAttacksAllLayers(t *testing.T) {
	st := fixture(t)
	runAttacks(t, func(attack) bool { return true }, func(q string) (string, error) {
		res, err := st.Query(context.Background(), q, nil, graph.DefaultQueryLimits)
		if err != nil && !refused(err) {
			t.Errorf("Query(%q) error %v is neither ErrForbidden nor ErrInvalid", q, err)
		}
		return fmt.Sprint(res), err
	})
}

// TestAttacksStaticLayerAlone shows that the static check refuses every
// attack without help: with the plan check removed, the list is still held.
func TestAttacksStaticLayerAlone(t *testing.T) {
	for _, a := range loadAttacks(t, "127.0.0.1:9") {
		if err := graph.CheckQuery(a.query); !refused(err) {
			t.Errorf("[%s] CheckQuery(%q) = %v, want a refusal", a.class, a.query, err)
		}
	}
	// And through the store with only that layer on.
	st := fixture(t)
	runAttacks(t, func(attack) bool { return true }, func(q string) (string, error) {
		res, err := st.QueryLayers(context.Background(), q, nil, graph.DefaultQueryLimits, true, false, false)
		return fmt.Sprint(res), err
	})
}

// TestAttacksPlanLayerAlone shows that the plan check refuses every attack
// without the static check and without the statement-type check: what
// Neo4j would run decides, however the text is spelt.
func TestAttacksPlanLayerAlone(t *testing.T) {
	st := fixture(t)
	runAttacks(t, func(a attack) bool { return !a.staticOnly }, func(q string) (string, error) {
		res, err := st.QueryLayers(context.Background(), q, nil, graph.DefaultQueryLimits, false, true, false)
		return fmt.Sprint(res), err
	})
}

// TestStatementTypeAloneIsNotEnough documents why the plan check exists:
// Neo4j calls LOAD CSV and the transaction commands read-only.
func TestStatementTypeAloneIsNotEnough(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for _, q := range []string{`SHOW SETTINGS YIELD name RETURN count(name) AS n`, `SHOW TRANSACTIONS`} {
		if _, err := st.QueryLayers(ctx, q, nil, graph.DefaultQueryLimits, false, false, true); err != nil {
			t.Errorf("statement type alone refused %q (%v); if Neo4j now calls it a non-read, this test and the plan check's reason should be revisited", q, err)
		}
	}
}

// TestAttacksNeo4jLayerAlone sends the file and network attacks straight to
// Neo4j, with no guard of the explorer at all: its configuration alone must
// refuse to read files or reach the listener.
func TestAttacksNeo4jLayerAlone(t *testing.T) {
	drv, cfg := testdb.Connect(t)
	fixture(t)
	runAttacks(t, func(a attack) bool { return a.class == "file" || a.class == "network" }, func(q string) (string, error) {
		res, err := neo4j.ExecuteQuery(context.Background(), drv, q, nil, neo4j.EagerResultTransformer,
			neo4j.ExecuteQueryWithDatabase(cfg.Database), neo4j.ExecuteQueryWithReadersRouting())
		if res != nil {
			return fmt.Sprint(res.Records), err
		}
		return "", err
	})
}

// TestHugeValuesAreBounded checks that values too large to hand out fail
// inside Neo4j (its transaction memory limit) or are cut by the byte cap,
// quickly and with a clear error.
func TestHugeValuesAreBounded(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	lim := graph.QueryLimits{Rows: 1000, Bytes: 4 << 20, Timeout: 20 * time.Second}
	for _, q := range []string{
		`UNWIND range(1, 20000000) AS x RETURN collect(x) AS c`,
		`UNWIND range(1, 20000000) AS x WITH x ORDER BY x DESC RETURN collect(x)[0] AS c`,
	} {
		start := time.Now()
		res, err := st.Query(ctx, q, nil, lim)
		if err == nil && !res.Truncated {
			t.Errorf("Query(%q) returned %d rows, not truncated; want a memory error or a cut", q, len(res.Rows))
		}
		if err != nil && !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Query(%q) error %v; want ErrInvalid (memory limit)", q, err)
		}
		if err != nil && !strings.Contains(err.Error(), "memory") {
			t.Errorf("Query(%q) error %q does not say it ran out of memory", q, err)
		}
		// A retried transaction would go on failing until the driver's
		// retry budget (30 s) ran out; one attempt takes a few seconds even
		// on a loaded machine (15 s seen at load 25).
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("Query(%q) took %s; a refused query must not be retried", q, d)
		}
	}
}

// TestHugeValuesAreCutOnTheWire checks the relay of ad-hoc queries: a value
// that the driver would have to read whole (one record is one Bolt message)
// fails with "the answer is too large" once Neo4j has sent more than the
// wire budget, instead of being materialised in this process and then
// dropped by the byte cap; an answer within the budget is untouched, and the
// relay's socket is removed.
func TestHugeValuesAreCutOnTheWire(t *testing.T) {
	st := fixture(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx := context.Background()
	// The default caps with a long time limit: Neo4j builds a whole record
	// before it sends any of it, which takes seconds on a busy machine.
	lim := graph.DefaultQueryLimits
	lim.Timeout = 2 * time.Minute
	for _, q := range []string{
		// 2 million integers: a 10 MB message, over the 9 MB budget.
		`RETURN range(1, 2000000) AS r`,
		// A 16 MB string.
		`WITH reduce(s = 'x', i IN range(1, 24) | s + s) AS s RETURN s`,
	} {
		res, err := st.Query(ctx, q, nil, lim)
		if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "answer is too large") {
			var rows int
			if res != nil {
				rows = len(res.Rows)
			}
			t.Errorf("Query(%q) = %d rows, error %v; want ErrInvalid saying the answer is too large", q, rows, err)
		}
	}
	// A 2 MB string is within the 4 MB byte cap: it arrives whole.
	res, err := st.Query(ctx, `WITH reduce(s = 'x', i IN range(1, 21) | s + s) AS s RETURN s`, nil, lim)
	if err != nil {
		t.Fatalf("2 MB string: %v", err)
	}
	if s, _ := res.Rows[0]["s"].(string); len(s) != 1<<21 || res.Truncated {
		t.Errorf("2 MB string: got %d bytes, truncated %v; want %d, false", len(s), res.Truncated, 1<<21)
	}
	// Rows of 1 MB stop at the byte cap as before: the driver reads a
	// record at a time, so the rows it has not asked for stay in Neo4j.
	res, err = st.Query(ctx, `UNWIND range(1, 100) AS i RETURN reduce(s = 'x', j IN range(1, 20) | s + s) AS s`, nil, lim)
	if err != nil || len(res.Rows) != 3 || !res.Truncated {
		t.Errorf("rows of 1 MB: error %v, %d rows, truncated %v; want 3 rows (4 MB cap), truncated", err, len(res.Rows), res.Truncated)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the relay left %d entries in TMPDIR (first %q)", len(left), left[0].Name())
	}
}

// TestHeapExhaustionIsTheQuerysFault checks that a query that exhausts
// Neo4j's heap (a list comprehension is built whole and is not counted by
// the transaction memory limit) fails as the query's fault, with a reason,
// not as an outage. A list of 2^31-1 elements is more than any Java array
// may hold, so it fails at once whatever the heap size.
func TestHeapExhaustionIsTheQuerysFault(t *testing.T) {
	st := fixture(t)
	_, err := st.Query(context.Background(), `RETURN size([x IN range(1, 2147483647) | 0]) AS n`, nil, graph.DefaultQueryLimits)
	if !errors.Is(err, graph.ErrInvalid) || !strings.Contains(err.Error(), "ran out of memory") {
		t.Errorf("Query(list of 2^31-1 elements) error %v; want ErrInvalid saying Neo4j ran out of memory", err)
	}
}

// TestQueryRelayReachesNeo4j runs an ad-hoc query through the relay
// for a routing URI (the relay reaches the member it names) and for a
// server that does not answer (the error names the address).
func TestQueryRelayReachesNeo4j(t *testing.T) {
	fixture(t)
	_, cfg := testdb.Connect(t)
	addr := strings.TrimPrefix(strings.TrimPrefix(cfg.URI, "bolt://"), "neo4j://")
	ctx := context.Background()
	st, err := graph.Open(graph.Config{URI: "neo4j://" + addr, User: cfg.User, Password: cfg.Password, Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	res, err := st.Query(ctx, `MATCH (e:Entity {id: 'a'}) RETURN e.name AS name`, nil, graph.DefaultQueryLimits)
	if err != nil || len(res.Rows) != 1 || res.Rows[0]["name"] != "Entity A" {
		t.Errorf("neo4j:// Query = %v, %v; want one row, Entity A", res, err)
	}
	if _, err := st.Query(ctx, `RETURN range(1, 2000000) AS r`, nil, graph.DefaultQueryLimits); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("neo4j:// huge value: error %v, want ErrInvalid (too large)", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	down := ln.Addr().String()
	ln.Close()
	st2, err := graph.Open(graph.Config{URI: "bolt://" + down, User: cfg.User, Password: "secret-pw", Database: cfg.Database})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close(ctx)
	_, err = st2.Query(ctx, `RETURN 1 AS x`, nil, graph.DefaultQueryLimits)
	if !errors.Is(err, graph.ErrUnavailable) || !strings.Contains(err.Error(), down) || strings.Contains(err.Error(), "secret-pw") {
		t.Errorf("Query on a server that is down: error %v; want ErrUnavailable naming %s, without the password", err, down)
	}
}

// TestAttackCorpusIsFuzzCorpus keeps testdata/fuzz/FuzzCheckQuery in step
// with the attack list (go test ./graph -run TestAttackCorpusIsFuzzCorpus
// -update-fuzz rewrites it).
func TestAttackCorpusIsFuzzCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzCheckQuery")
	for i, a := range loadAttacks(t, "127.0.0.1:9") {
		name := filepath.Join(dir, fmt.Sprintf("attack-%03d", i+1))
		want := "go test fuzz v1\nstring(" + strconv.Quote(a.query) + ")\n"
		if *updateFuzz {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != want {
			t.Errorf("%s is missing or stale (%v); run with -update-fuzz", name, err)
		}
	}
}
