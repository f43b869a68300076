package graph_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/internal/testdb"
)

// TestQueryNonFiniteNumbers checks that NaN and the infinities, which JSON
// cannot write, come back as the documented strings, so that the result
// encodes (no 500).
func TestQueryNonFiniteNumbers(t *testing.T) {
	st := testdb.Open(t)
	res, err := st.Query(context.Background(), `RETURN 0.0/0.0 AS nan, 1.0/0.0 AS inf, -1.0/0.0 AS ninf, [1.5, 0.0/0.0] AS list, {x: 1.0/0.0} AS map`, nil, graph.DefaultQueryLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"nan": "NaN", "inf": "Infinity", "ninf": "-Infinity", "list": []any{1.5, "NaN"}, "map": map[string]any{"x": "Infinity"}}
	if diff := cmp.Diff(want, res.Rows[0]); diff != "" {
		t.Errorf("row (-want +got):\n%s", diff)
	}
	if _, err := json.Marshal(res.Rows); err != nil {
		t.Errorf("rows do not encode as JSON: %v", err)
	}
}

// TestQueryPlanKeywords checks that PROFILE and EXPLAIN are refused with a
// reason before they reach the database.
func TestQueryPlanKeywords(t *testing.T) {
	for _, q := range []string{"PROFILE MATCH (n) RETURN n", "explain MATCH (n) RETURN n", "/* c */ Profile\nRETURN 1", "// c\nEXPLAIN RETURN 1"} {
		err := graph.CheckQuery(q)
		if !errors.Is(err, graph.ErrForbidden) || !strings.Contains(err.Error(), "PROFILE") {
			t.Errorf("CheckQuery(%q) = %v, want a refusal that names PROFILE", q, err)
		}
	}
	for _, q := range []string{"MATCH (profile) RETURN profile", "RETURN 'EXPLAIN' AS x"} {
		if err := graph.CheckQuery(q); err != nil {
			t.Errorf("CheckQuery(%q) = %v, want nil", q, err)
		}
	}
}
