package web

import (
	"net/http"
	"strings"
	"testing"
)

// TestAPIImportMatch checks the match parameter: the modes and default of
// import --match, anything else a 400 naming the parameter.
func TestAPIImportMatch(t *testing.T) {
	for _, tc := range []struct {
		query, want, wantError string
	}{
		{"", "review", ""},
		{"?match=auto", "auto", ""},
		{"?format=jsonl&match=OFF", "off", ""},
		{"?match=review", "review", ""},
		{"?match=merge", "", `parameter "match": want auto, review, off, got "merge"`},
		{"?match=", "review", ""},
	} {
		t.Run(tc.query, func(t *testing.T) {
			ts := newTestServer(t)
			w := ts.do("POST", "/api/v1/import"+tc.query, `{"kind":"entity"}`, "Content-Type", "application/x-ndjson", "Authorization", "Bearer s3cret-token")
			if tc.wantError != "" {
				if got := decode[errorBody](t, w.Body.Bytes()).Error; w.Code != http.StatusBadRequest || !strings.Contains(got, tc.wantError) {
					t.Errorf("POST ?%s = %d %q, want 400 containing %q", tc.query, w.Code, got, tc.wantError)
				}
				return
			}
			if w.Code != http.StatusAccepted {
				t.Fatalf("POST %s = %d %s, want 202", tc.query, w.Code, w.Body)
			}
			accepted := decode[ImportJob](t, w.Body.Bytes())
			if accepted.Match != tc.want {
				t.Errorf("job match = %q, want %q", accepted.Match, tc.want)
			}
			waitJob(t, ts, accepted.URL)
			ts.im.mu.Lock()
			got := ts.im.match
			ts.im.mu.Unlock()
			if got != tc.want {
				t.Errorf("importer got match %q, want %q", got, tc.want)
			}
		})
	}
}
