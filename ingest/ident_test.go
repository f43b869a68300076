package ingest_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/ingest"
	"explorer/internal/testdb"
)

// TestImportIdentifiers: FollowTheMoney identifiers are kept normalised;
// two vessels of different names with one IMO number are proposed by xref,
// two companies of one name with different registration numbers are not
// merged by an import with --match auto, while one with the same number is.
func TestImportIdentifiers(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	if _, err := importFiles(t, st, ingest.Options{}, "identifiers.ftm.json"); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][]string{
		"ftm-ship-1": {"imo:9187654"},
		"ftm-ship-2": {"imo:9187654", "registration:PDS1"},
		"ftm-mine-1": {"lei:5493001KJTIIGC8Y1R12", "registration:KP111"},
	} {
		e, err := st.GetEntity(ctx, id)
		if diff := cmp.Diff(want, e.Identifiers); err != nil || diff != "" {
			t.Errorf("GetEntity(%s) identifiers: %v (-want +got):\n%s", id, err, diff)
		}
	}
	cands, err := st.Xref(ctx, graph.XrefOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var pairs []string
	for _, c := range cands {
		pairs = append(pairs, c.Left.ID+"="+c.Right.ID)
		if c.Strong() {
			t.Errorf("candidate %s=%s is strong (%q); a differing name or a conflicting number must go to review", c.Left.ID, c.Right.ID, c.Reasons)
		}
	}
	if diff := cmp.Diff([]string{"ftm-ship-1=ftm-ship-2"}, pairs); diff != "" {
		t.Errorf("Xref pairs (-want +got):\n%s", diff)
	}

	// A re-import by --match auto: the same name and registration lands on
	// mine-1; the same name with another registration stays apart.
	match := func(name, body string) graph.ImportMatch {
		t.Helper()
		m, err := ingest.NewMatcher(st, "auto", func() time.Time { return time.Unix(0, 0) })
		if err != nil {
			t.Fatal(err)
		}
		var opts ingest.Options
		m.Apply(&opts)
		if _, err := ingest.Import(ctx, st, strings.NewReader(body), name, ingest.FtM, opts); err != nil {
			t.Fatal(err)
		}
		res, err := m.After(ctx, "test")
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := match("other.ftm.json", `{"id":"mine-9","schema":"Company","properties":{"name":["Tanchon Mining Company"],"registrationNumber":["KP-333"]}}`+"\n")
	if len(res.Merged) != 0 {
		t.Errorf("a company with another registration number was merged: %+v", res.Merged)
	}
	res = match("same.ftm.json", `{"id":"mine-8","schema":"Company","properties":{"name":["Tanchon Mining Company"],"registrationNumber":["kp111"]}}`+"\n")
	if len(res.Merged) != 1 || res.Merged[0].Canonical != "ftm-mine-1" || res.Merged[0].Merged != "ftm-mine-8" {
		t.Errorf("the same company re-imported: merged %+v, want ftm-mine-8 into ftm-mine-1", res.Merged)
	}
}

func TestImportRejectsBadIdentifiers(t *testing.T) {
	st := testdb.Open(t)
	for _, tt := range []struct {
		file string
		want []string
	}{
		{"broken-identifiers.csv", []string{
			`broken-identifiers.csv:2: identifiers: identifier scheme "isbn"`,
			`broken-identifiers.csv:3: identifiers: identifier registration: empty value`,
		}},
		{"broken-identifiers.jsonl", []string{
			`broken-identifiers.jsonl:1: identifiers[1]: identifier "imo": want scheme:value`,
			`broken-identifiers.jsonl:2: identifiers: want a list of "scheme:value" strings`,
		}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			_, err := importFiles(t, st, ingest.Options{}, tt.file)
			var rej *ingest.RejectedError
			if !errors.As(err, &rej) {
				t.Fatalf("import = %v, want a RejectedError", err)
			}
			var got []string
			for _, p := range rej.Problems {
				got = append(got, p.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.want[i]) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got[i], tt.want[i])
				}
			}
		})
	}
}
