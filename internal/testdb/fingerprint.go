package testdb

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Fingerprint is the whole content of a database in a comparable form:
// one line per node (labels and properties) and per relationship (type,
// endpoints' ids and properties), sorted, with their SHA-256. The import
// runs' own history (:ImportRun, :ImportLock) is left out; their journal
// (:ImportUndo) is not, so a leftover journal shows. The graph's change
// counter (:GraphVersion) and the stored cross-reference (:XrefState,
// :XrefCandidate) say when the data changed and what was derived from it,
// not what it is: they are left out too.
type Fingerprint struct {
	Lines []string
	Sum   string
}

// Take reads the fingerprint of the database behind driver.
func Take(t testing.TB, d neo4j.DriverWithContext, database string) Fingerprint {
	t.Helper()
	ctx := context.Background()
	var lines []string
	for _, q := range []string{
		`MATCH (n) WHERE NOT n:ImportRun AND NOT n:ImportLock AND NOT n:GraphVersion AND NOT n:XrefState AND NOT n:XrefCandidate
RETURN [l IN labels(n) | l] AS a, properties(n) AS p, null AS b, null AS c`,
		`MATCH (x)-[r]->(y) RETURN type(r) AS a, properties(r) AS p,
  coalesce(x.id, elementId(x)) AS b, coalesce(y.id, elementId(y)) AS c`,
	} {
		res, err := neo4j.ExecuteQuery(ctx, d, q, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(database))
		if err != nil {
			t.Fatalf("fingerprint: %v", err)
		}
		for _, rec := range res.Records {
			a, _ := rec.Get("a")
			if labels, ok := a.([]any); ok {
				slices.SortFunc(labels, func(x, y any) int {
					xs, _ := x.(string)
					ys, _ := y.(string)
					if xs < ys {
						return -1
					}
					if xs > ys {
						return 1
					}
					return 0
				})
			}
			p, _ := rec.Get("p")
			b, _ := rec.Get("b")
			c, _ := rec.Get("c")
			line, err := json.Marshal([]any{a, p, b, c}) // maps marshal with sorted keys
			if err != nil {
				t.Fatalf("fingerprint: %v", err)
			}
			lines = append(lines, string(line))
		}
	}
	slices.Sort(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l + "\n"))
	}
	return Fingerprint{Lines: lines, Sum: hex.EncodeToString(h.Sum(nil))}
}

// Diff describes how got differs from want in at most a few lines, or is
// empty when they are equal.
func (want Fingerprint) Diff(got Fingerprint) string {
	if want.Sum == got.Sum {
		return ""
	}
	var out []string
	for _, l := range want.Lines {
		if _, ok := slices.BinarySearch(got.Lines, l); !ok && len(out) < 5 {
			out = append(out, "- "+l)
		}
	}
	for _, l := range got.Lines {
		if _, ok := slices.BinarySearch(want.Lines, l); !ok && len(out) < 10 {
			out = append(out, "+ "+l)
		}
	}
	s, _ := json.MarshalIndent(map[string]any{"want_lines": len(want.Lines), "got_lines": len(got.Lines), "first_differences": out}, "", "  ")
	return string(s)
}
