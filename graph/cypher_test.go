package graph_test

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/testdb"
)

// fingerprint summarises the whole database: counts, a checksum of every
// label, type and property, and the schema.
func fingerprint(t *testing.T) string {
	t.Helper()
	drv, cfg := testdb.Connect(t)
	ctx := context.Background()
	h := sha256.New()
	for _, q := range []string{
		`MATCH (n) WITH n ORDER BY elementId(n) RETURN count(n) AS c, collect([labels(n), properties(n)]) AS x`,
		`MATCH ()-[r]->() WITH r ORDER BY elementId(r) RETURN count(r) AS c, collect([type(r), properties(r)]) AS x`,
		`SHOW CONSTRAINTS YIELD name RETURN count(*) AS c, collect(name) AS x`,
		`SHOW INDEXES YIELD name RETURN count(*) AS c, collect(name) AS x`,
	} {
		res, err := neo4j.ExecuteQuery(ctx, drv, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatalf("fingerprint %q: %v", q, err)
		}
		b, _ := json.Marshal(res.Records[0].Values)
		h.Write(b)
	}
	res, err := neo4j.ExecuteQuery(ctx, drv, `SHOW USERS YIELD user RETURN collect(user) AS x`, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase("system"))
	if err != nil {
		t.Fatalf("fingerprint users: %v", err)
	}
	b, _ := json.Marshal(res.Records[0].Values)
	h.Write(b)
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestQueryRejectsWrites(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	before := fingerprint(t)
	attacks := []string{
		`CREATE (n:Entity {id: 'evil'}) RETURN n`,
		`MERGE (n:Entity {id: 'evil'}) RETURN n`,
		`MATCH (n:Entity) SET n.name = 'pwned' RETURN n`,
		`MATCH (n:Entity {id: 'a'}) SET n:Person RETURN n`,
		`MATCH (n) DELETE n`,
		`MATCH (n) DETACH DELETE n`,
		`MATCH ()-[r]->() DELETE r`,
		`MATCH (n:Entity) REMOVE n.name RETURN n`,
		`MATCH (n:Entity) FOREACH (x IN [1] | SET n.hacked = true)`,
		`MATCH (n:Entity) CALL (n) { SET n.hacked = true } RETURN n`,
		`MATCH (n:Entity) CALL { WITH n SET n.hacked = true RETURN 1 AS one } RETURN n`,
		`CALL () { CREATE (:Evil) }`,
		`MATCH (n) RETURN n; CREATE (:Evil)`,
		`MATCH (n) RETURN n LIMIT 1 // comment
; MATCH (m) DETACH DELETE m`,
		`/* harmless? */ CREATE (:Evil)`,
		"\u00a0CrEaTe\u2003(:Evil)",
		"MATCH (n)\u200b DETACH DELETE n",
		`cReAtE (:Evil)`,
		`LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row`,
		"load /* x */ csv FROM 'file:///etc/passwd' AS row RETURN row",
		"LOAD\tCSV WITH HEADERS FROM 'https://example.org/x.csv' AS row RETURN row",
		`CALL dbms.listConfig()`,
		`CALL dbms.components() YIELD name RETURN name`,
		`CALL dbms.security.listUsers()`,
		`CALL dbms.security.createUser('eve', 'secret123', false)`,
		`CALL dbms.killQueries(['x'])`,
		`CALL db.createLabel('Evil')`,
		"CALL `db`.`createLabel`('Evil')",
		`CALL db.clearQueryCaches()`,
		`CALL db.index.fulltext.drop('entity_names')`,
		`CALL apoc.create.node(['Evil'], {})`,
		`CALL apoc.cypher.runWrite('CREATE (:Evil)', {})`,
		`RETURN apoc.version()`,
		`CREATE INDEX evil FOR (n:Entity) ON (n.evil)`,
		`CREATE CONSTRAINT evil FOR (n:Evil) REQUIRE n.id IS UNIQUE`,
		`DROP CONSTRAINT entity_id`,
		`DROP INDEX entity_names`,
		`USE system SHOW USERS`,
		`USE system CREATE USER eve SET PASSWORD 'secret123'`,
		`CREATE USER eve SET PASSWORD 'secret123'`,
		`GRANT ROLE admin TO neo4j`,
		`ALTER CURRENT USER SET PASSWORD FROM 'x' TO 'y'`,
		`STOP DATABASE neo4j`,
		`CREATE DATABASE evil`,
		`MATCH (n) CALL { WITH n RETURN n AS m } IN TRANSACTIONS OF 10 ROWS RETURN m`,
		`MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS`,
		``,
		`   `,
	}
	for _, q := range attacks {
		res, err := st.Query(ctx, q, nil, graph.DefaultQueryLimits)
		if err == nil {
			t.Errorf("Query(%q) ran (%d rows); want a rejection", q, len(res.Rows))
			continue
		}
		if !errors.Is(err, graph.ErrForbidden) && !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("Query(%q) error %v is neither ErrForbidden nor ErrInvalid", q, err)
		}
	}
	if after := fingerprint(t); after != before {
		t.Fatalf("the database changed under ad-hoc queries")
	}
}

func TestQueryAllowsReads(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	for _, q := range []string{
		`MATCH (n:Entity) RETURN n.id AS id ORDER BY id`,
		`MATCH p = (:Entity {id: 'a'})-[*1..2]-(:Entity {id: 'c'}) RETURN p`,
		`CALL db.labels() YIELD label RETURN label`,
		`CALL db.relationshipTypes()`,
		`CALL db.index.fulltext.queryNodes('entity_names', 'entity') YIELD node RETURN node.id`,
		"MATCH (n:Entity) WHERE n.name = 'create (:Evil); load csv' RETURN n",
		`MATCH (n:Entity) // comment with CREATE and ; inside
RETURN count(n) AS n`,
		`MATCH (n:Entity) WHERE n.id = $id RETURN n`,
	} {
		if _, err := st.Query(ctx, q, map[string]any{"id": "a"}, graph.DefaultQueryLimits); err != nil {
			t.Errorf("Query(%q): %v", q, err)
		}
	}
	res, err := st.Query(ctx, `MATCH p = (a:Entity {id: 'a'})-[r]->(b) RETURN a, r, b, p`, nil, graph.DefaultQueryLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Graph.Nodes) != 5 || len(res.Graph.Relationships) != 4 {
		t.Errorf("query graph = %d nodes, %d relationships; want 5 and 4", len(res.Graph.Nodes), len(res.Graph.Relationships))
	}
}

func TestQueryLimits(t *testing.T) {
	st := fixture(t)
	ctx := context.Background()
	res, err := st.Query(ctx, `UNWIND range(1, 5000000) AS x RETURN x`, nil, graph.QueryLimits{Rows: 1000, Bytes: 1 << 20, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1000 || !res.Truncated {
		t.Errorf("millions of rows: got %d rows, truncated %v; want 1000, true", len(res.Rows), res.Truncated)
	}
	res, err = st.Query(ctx, `UNWIND range(1, 100000) AS x RETURN x, 'padding padding padding padding padding' AS pad`, nil, graph.QueryLimits{Rows: 100000, Bytes: 10000, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || len(res.Rows) > 200 {
		t.Errorf("byte cap: %d rows, truncated %v", len(res.Rows), res.Truncated)
	}
	start := time.Now()
	_, err = st.Query(ctx, `UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)`, nil, graph.QueryLimits{Rows: 10, Bytes: 1000, Timeout: 2 * time.Second})
	if err == nil || !strings.Contains(err.Error(), "time limit") {
		t.Errorf("endless query: err = %v, want a time-limit error", err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("endless query took %s to stop", d)
	}
}

func TestCheckQueryStatic(t *testing.T) {
	for _, q := range []string{
		`LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r`,
		`CALL dbms.listConfig()`,
		`USE system MATCH (n) RETURN n`,
		`MATCH (n) RETURN n; MATCH (m) RETURN m`,
		`CALL { MATCH (n) RETURN n } IN 5 CONCURRENT TRANSACTIONS RETURN 1`,
		`RETURN gds.version()`,
		`RETURN myplugin.fn(1)`,
		"RETURN `apoc`.`version`()",
		`SHOW TRANSACTIONS`,
		`MATCH (n) SET n.x = 1`,
		`SHOW:`,
		`RETURN 1 AS LOAD CSV FROM 'file:///etc/passwd' AS r`,
		`WITH 1 AS x SHOW USERS`, `MATCH (n) WITH n AS set SET n.x = 1`,
		`MATCH (n) SET: n.x = 1`,
	} {
		if err := graph.CheckQuery(q); !errors.Is(err, graph.ErrForbidden) {
			t.Errorf("CheckQuery(%q) = %v, want ErrForbidden", q, err)
		}
	}
	for _, q := range []string{
		"RETURN 'open", "RETURN \"open", "RETURN `open", "MATCH (n) /* open", "RETURN 'a\\u12'",
		"RETURN \\u0041", "RETURN 1\u200b", "RETURN '\xff'", "   ", "// only a comment",
	} {
		if err := graph.CheckQuery(q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("CheckQuery(%q) = %v, want ErrInvalid", q, err)
		}
	}
	for _, q := range []string{
		`MATCH (n {name: 'LOAD CSV; USE system'}) RETURN n`,
		`MATCH (n) RETURN n;`,
		`MATCH (n) RETURN n // USE system`,
		`MATCH (n) /* CREATE ; LOAD CSV */ RETURN n`,
		"MATCH (n) WHERE n.name = 'it\\'s /* not a comment' RETURN n",
		"MATCH (n) WHERE n.name = \"say \\\"hi\\\" // not a comment\" RETURN n",
		"MATCH (`odd``name /*`) RETURN `odd``name /*`",
		`CALL db.labels()`,
		"CALL `db`.`labels`() YIELD label RETURN label",
		`CALL db.index.fulltext.queryNodes('entity_names', 'x') YIELD node RETURN node`,
		`MATCH (n) CALL (n) { RETURN n.id AS i } RETURN i`,
		`MATCH (user) RETURN user.used`,
		`MATCH (n) RETURN n.set, n.create, {delete: 1} AS m`,
		`MATCH (start)-[r]->(stop) RETURN start, stop`,
		`MATCH (n:Set) RETURN n`,
		`MATCH (show:Entity)-[set:REL]->(m) RETURN show, set, {use: 1, show: 2} AS k`,
		`MATCH (n) WITH n.name AS show MATCH (m) WHERE show = m.name RETURN count(show), m.set, 1 AS use`,
		"RETURN 'SHOWӅ' AS x, 1 AS SHOWӅ",
		`RETURN date.truncate('month', date('2020-05-17')) AS d, point.distance(point({x: 0, y: 0}), point({x: 3, y: 4})) AS p`,
		`MATCH p = (a)-[*1..3]->(b) RETURN p, 1.5e3 AS f, 0x1F AS h`,
		"MATCH (n) WHERE n.name = '\\u0027' RETURN n",
	} {
		if err := graph.CheckQuery(q); err != nil {
			t.Errorf("CheckQuery(%q) = %v, want nil", q, err)
		}
	}
}

// keywordOutside finds a forbidden clause that is not a property or label;
// keywordAt returns the first match that is a keyword as Cypher reads it
// (regexp's \b is ASCII only, and "SHOWӅ" is one name, not SHOW).
var keywordOutside = regexp.MustCompile(`(?i)(?:^|[\s(){}\[\],;])(?:LOAD\s+CSV|SHOW|TERMINATE|CALL\s+dbms\.)`)

func keywordAt(q string) string {
	for _, m := range keywordOutside.FindAllStringIndex(q, -1) {
		word := q[m[0]:m[1]]
		if strings.HasSuffix(word, ".") {
			return word
		}
		next, _ := utf8.DecodeRuneInString(q[m[1]:])
		if m[1] < len(q) && (next == '_' || unicode.IsLetter(next) || unicode.IsDigit(next)) {
			continue // part of a longer name
		}
		if rest := strings.TrimLeftFunc(q[m[1]:], unicode.IsSpace); !strings.HasSuffix(strings.ToUpper(word), "CSV") && !strings.HasSuffix(word, ".") &&
			(rest == "" || strings.ContainsRune(")],};.=<>", rune(rest[0]))) && strings.TrimSpace(q[:m[1]]) != strings.TrimSpace(word) {
			continue // a name in use: RETURN show, count(show), show.name
		}
		if before, after := strings.Fields(q[:m[0]+1]), strings.Fields(q[m[1]:]); len(before) > 0 && strings.EqualFold(before[len(before)-1], "AS") &&
			len(after) > 0 && regexp.MustCompile(`(?i)^(MATCH|WITH|RETURN)\b`).MatchString(after[0]) {
			continue // an alias: WITH 1 AS show MATCH
		}
		if next == ':' && m[0] < len(q) && strings.ContainsRune("{,([", rune(q[m[0]])) {
			continue // a map key or a variable with a label: {show: 1}, (show:X)
		}
		return word
	}
	return ""
}

// FuzzCheckQuery checks the static guard and its tokenizer on arbitrary
// text (its corpus is the attack list, testdata/attacks.txt): it never
// panics; a query it accepts cannot hide text that follows or precedes it
// (a forbidden clause after it is still refused, so no string, name or
// comment is left open); without quotes or comments an accepted query holds
// no forbidden keyword; and the tokens of an accepted query survive being
// written out again and re-read.
func FuzzCheckQuery(f *testing.F) {
	for _, s := range []string{"MATCH (n) RETURN n", "CALL db.labels()", "RETURN 'a;b'", "RETURN '\\u0027' AS x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if graph.CheckQuery(q) != nil {
			return
		}
		for _, tail := range []string{"\nLOAD CSV FROM 'file:///x' AS r RETURN r", "\n; MATCH (n) RETURN n", "\nCALL dbms.listConfig()"} {
			if graph.CheckQuery(q+tail) == nil {
				t.Fatalf("CheckQuery accepted %q followed by %q", q, tail)
			}
		}
		if graph.CheckQuery("CALL dbms.listConfig() YIELD name WITH name "+q) == nil {
			t.Fatalf("CheckQuery accepted a forbidden call before %q", q)
		}
		if !strings.ContainsAny(q, "'\"/`") {
			if m := keywordAt(q); m != "" {
				t.Fatalf("CheckQuery accepted %q, which holds %q outside any string or comment", q, m)
			}
		}
		toks, err := graph.Tokens(q)
		if err != nil {
			t.Fatalf("CheckQuery accepted %q, which does not tokenize: %v", q, err)
		}
		var b strings.Builder
		for _, tk := range toks {
			b.WriteString("`" + strings.ReplaceAll(tk, "`", "``") + "` ")
		}
		again, err := graph.Tokens(b.String())
		if err != nil || len(again) != len(toks) {
			t.Fatalf("tokens of %q do not survive quoting: %v, %d vs %d", q, err, len(again), len(toks))
		}
	})
}
