package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
)

// The fake keeps investigations in memory, in the order saved.
func (f *fakeGraph) Investigations(ctx context.Context) ([]graph.Investigation, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]graph.Investigation{}, f.invs...), nil
}

func (f *fakeGraph) Investigation(ctx context.Context, id string) (graph.Investigation, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, inv := range f.invs {
		if inv.ID == id {
			return inv, nil
		}
	}
	return graph.Investigation{}, graph.Errorf(graph.ErrNotFound, "no investigation %q", id)
}

func (f *fakeGraph) SaveInvestigation(ctx context.Context, inv graph.Investigation, now time.Time) (graph.Investigation, error) {
	if err := inv.Validate(); err != nil {
		return graph.Investigation{}, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	inv.Updated = now
	if inv.DataDate.IsZero() {
		inv.DataDate = now
	}
	if inv.ID == "" {
		inv.ID, inv.Created = fmt.Sprintf("inv-%d", len(f.invs)+1), now
		f.invs = append(f.invs, inv)
		return inv, nil
	}
	for i := range f.invs {
		if f.invs[i].ID == inv.ID {
			inv.Created = f.invs[i].Created
			f.invs[i] = inv
			return inv, nil
		}
	}
	return graph.Investigation{}, graph.Errorf(graph.ErrNotFound, "no investigation %q", inv.ID)
}

func (f *fakeGraph) DeleteInvestigation(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, inv := range f.invs {
		if inv.ID == id {
			f.invs = append(f.invs[:i], f.invs[i+1:]...)
			return nil
		}
	}
	return graph.Errorf(graph.ErrNotFound, "no investigation %q", id)
}

var invClock = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

func withClock(c *Config) { c.Now = func() time.Time { return invClock } }

func TestInvestigationsAPI(t *testing.T) {
	ts := newTestServer(t, withClock)
	auth := []string{"Authorization", "Bearer s3cret-token", "Content-Type", "application/json"}
	body := `{"name":"KOMID to the Houthis","entities":["komid","houthis"],"queries":["/explore?ids=komid,houthis"],"notes":{"":"start","r2":"check"}}`

	steps := []struct {
		name       string
		method     string
		target     string
		body       string
		header     []string
		wantStatus int
		want       string // in the body
	}{
		{"create without token", http.MethodPost, "/api/v1/investigations", body, []string{"Content-Type", "application/json"}, http.StatusUnauthorized, "import token"},
		{"create with a wrong token", http.MethodPost, "/api/v1/investigations", body, []string{"Authorization", "Bearer nope"}, http.StatusUnauthorized, "import token"},
		{"create", http.MethodPost, "/api/v1/investigations", body, auth, http.StatusCreated, `"id":"inv-1"`},
		{"unknown field", http.MethodPost, "/api/v1/investigations", `{"name":"x","colour":"red"}`, auth, http.StatusBadRequest, "colour"},
		{"no name", http.MethodPost, "/api/v1/investigations", `{"name":" "}`, auth, http.StatusBadRequest, "name"},
		{"bad entity", http.MethodPost, "/api/v1/investigations", `{"name":"x","entities":["Bad Id"]}`, auth, http.StatusBadRequest, "entities"},
		{"list", http.MethodGet, "/api/v1/investigations", "", nil, http.StatusOK, `"name":"KOMID to the Houthis"`},
		{"get", http.MethodGet, "/api/v1/investigations/inv-1", "", nil, http.StatusOK, `"notes":{"":"start","r2":"check"}`},
		{"get missing", http.MethodGet, "/api/v1/investigations/inv-9", "", nil, http.StatusNotFound, "inv-9"},
		{"replace without token", http.MethodPut, "/api/v1/investigations/inv-1", `{"name":"Renamed"}`, nil, http.StatusUnauthorized, "import token"},
		{"replace", http.MethodPut, "/api/v1/investigations/inv-1", `{"name":"Renamed","entities":["komid"]}`, auth, http.StatusOK, `"name":"Renamed","entities":["komid"]`},
		{"replace missing", http.MethodPut, "/api/v1/investigations/inv-9", `{"name":"x"}`, auth, http.StatusNotFound, "inv-9"},
		{"delete without token", http.MethodDelete, "/api/v1/investigations/inv-1", "", nil, http.StatusUnauthorized, "import token"},
		{"delete", http.MethodDelete, "/api/v1/investigations/inv-1", "", auth, http.StatusNoContent, ""},
		{"delete again", http.MethodDelete, "/api/v1/investigations/inv-1", "", auth, http.StatusNotFound, "inv-1"},
		{"list empty", http.MethodGet, "/api/v1/investigations", "", nil, http.StatusOK, `{"investigations":[]}`},
	}
	for _, st := range steps {
		w := ts.do(st.method, st.target, st.body, st.header...)
		if w.Code != st.wantStatus {
			t.Fatalf("%s: status %d, want %d: %s", st.name, w.Code, st.wantStatus, w.Body)
		}
		if !strings.Contains(w.Body.String(), st.want) {
			t.Errorf("%s: body lacks %s:\n%s", st.name, st.want, w.Body)
		}
		if st.name == "create" {
			if loc := w.Header().Get("Location"); loc != "/api/v1/investigations/inv-1" {
				t.Errorf("Location = %q", loc)
			}
			var got graph.Investigation
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			want := graph.Investigation{ID: "inv-1", Name: "KOMID to the Houthis", Entities: []string{"komid", "houthis"},
				Queries: []string{"/explore?ids=komid,houthis"}, Notes: map[string]string{"": "start", "r2": "check"},
				DataDate: invClock, Created: invClock, Updated: invClock}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("created (-want +got):\n%s", diff)
			}
		}
	}
}

func TestInvestigationsOpenWithoutToken(t *testing.T) {
	ts := newTestServer(t, func(c *Config) { c.ImportToken = "" })
	w := ts.do(http.MethodPost, "/api/v1/investigations", `{"name":"local"}`, "Content-Type", "application/json")
	if w.Code != http.StatusCreated {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
}

func TestSaveInvestigationPage(t *testing.T) {
	ts := newTestServer(t, withClock)
	form := func(v url.Values) string { return v.Encode() }
	ct := []string{"Content-Type", "application/x-www-form-urlencoded"}
	canvas := "/explore?expand=shig&ids=shig&hide=komid"
	w := ts.do(http.MethodPost, "/investigations", form(url.Values{"name": {"SHIG"}, "canvas": {canvas}}), ct...)
	if w.Code != http.StatusUnauthorized {
		t.Fatalf("save without token: status %d, want 401", w.Code)
	}
	w = ts.do(http.MethodPost, "/investigations", form(url.Values{"name": {"SHIG"}, "canvas": {"https://evil.example/explore?ids=shig"}, "token": {"s3cret-token"}}), ct...)
	if w.Code != http.StatusBadRequest {
		t.Fatalf("save of a foreign URL: status %d, want 400", w.Code)
	}
	w = ts.do(http.MethodPost, "/investigations", form(url.Values{"name": {"SHIG"}, "notes": {"first look"}, "canvas": {canvas}, "token": {"s3cret-token"}}), ct...)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/investigations" {
		t.Fatalf("save: status %d, Location %q: %s", w.Code, w.Header().Get("Location"), w.Body)
	}
	got, err := ts.g.Investigation(context.Background(), "inv-1")
	if err != nil {
		t.Fatal(err)
	}
	// Expanding SHIG adds KOMID, which is hidden: only SHIG is on the canvas.
	want := graph.Investigation{ID: "inv-1", Name: "SHIG", Entities: []string{"shig"}, Queries: []string{"/explore?expand=shig&hide=komid&ids=shig"},
		Notes: map[string]string{"": "first look"}, DataDate: invClock, Created: invClock, Updated: invClock}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("saved (-want +got):\n%s", diff)
	}
	w = ts.do(http.MethodGet, "/investigations", "")
	if w.Code != http.StatusOK {
		t.Fatalf("list page: status %d", w.Code)
	}
	for _, s := range []string{`<a href="/explore?expand=shig&amp;hide=komid&amp;ids=shig">SHIG</a>`, "first look", "2026-12-01 12:00 UTC"} {
		if !strings.Contains(w.Body.String(), s) {
			t.Errorf("list page lacks %s", s)
		}
	}
}

func TestRenameAndExportInvestigation(t *testing.T) {
	ts := newTestServer(t, withClock)
	ct := []string{"Content-Type", "application/x-www-form-urlencoded"}
	created := ts.do(http.MethodPost, "/api/v1/investigations", `{"name":"KOMID: first look","entities":["komid"],"queries":["/explore?ids=komid"],"notes":{"":"start"}}`,
		"Authorization", "Bearer s3cret-token", "Content-Type", "application/json")
	if created.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", created.Code, created.Body)
	}
	steps := []struct {
		name       string
		target     string
		form       url.Values
		wantStatus int
		want       string // Location, or text in the page
	}{
		{"without token", "/investigations/inv-1/rename", url.Values{"name": {"x"}}, http.StatusUnauthorized, "import token"},
		{"empty name", "/investigations/inv-1/rename", url.Values{"name": {"  "}, "token": {"s3cret-token"}}, http.StatusBadRequest, "name"},
		{"missing", "/investigations/inv-9/rename", url.Values{"name": {"x"}, "token": {"s3cret-token"}}, http.StatusNotFound, "inv-9"},
		{"rename", "/investigations/inv-1/rename", url.Values{"name": {" KOMID, renamed "}, "token": {"s3cret-token"}}, http.StatusSeeOther, "/investigations"},
	}
	for _, st := range steps {
		w := ts.do(http.MethodPost, st.target, st.form.Encode(), ct...)
		if w.Code != st.wantStatus {
			t.Fatalf("%s: status %d, want %d: %s", st.name, w.Code, st.wantStatus, w.Body)
		}
		if got := w.Header().Get("Location"); st.wantStatus == http.StatusSeeOther && got != st.want {
			t.Errorf("%s: Location = %q, want %q", st.name, got, st.want)
		} else if st.wantStatus != http.StatusSeeOther && !strings.Contains(w.Body.String(), st.want) {
			t.Errorf("%s: page lacks %q", st.name, st.want)
		}
	}
	got, err := ts.g.Investigation(context.Background(), "inv-1")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Investigation{ID: "inv-1", Name: "KOMID, renamed", Entities: []string{"komid"}, Queries: []string{"/explore?ids=komid"},
		Notes: map[string]string{"": "start"}, DataDate: invClock, Created: invClock, Updated: invClock}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("renamed (-want +got):\n%s", diff)
	}

	w := ts.do(http.MethodGet, "/investigations/inv-1/export", "")
	if w.Code != http.StatusOK {
		t.Fatalf("export: %d %s", w.Code, w.Body)
	}
	if cd := w.Header().Get("Content-Disposition"); cd != `attachment; filename="komid-renamed.json"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	// Another explorer takes the export back as it is.
	again := ts.do(http.MethodPost, "/api/v1/investigations", w.Body.String(), "Authorization", "Bearer s3cret-token", "Content-Type", "application/json")
	if again.Code != http.StatusCreated {
		t.Fatalf("import of the export: %d %s", again.Code, again.Body)
	}
	copied, err := ts.g.Investigation(context.Background(), "inv-2")
	if err != nil {
		t.Fatal(err)
	}
	copied.ID = want.ID
	if diff := cmp.Diff(want, copied); diff != "" {
		t.Errorf("imported export (-original +copy):\n%s", diff)
	}
	if w := ts.do(http.MethodGet, "/investigations/inv-9/export", ""); w.Code != http.StatusNotFound {
		t.Errorf("export of a missing investigation: status %d, want 404", w.Code)
	}

	page := ts.do(http.MethodGet, "/investigations", "").Body.String()
	for _, s := range []string{`href="/api/v1/investigations/inv-1/export?format=json" download`, `href="/api/v1/investigations/inv-1/export?format=graphml" download`,
		`href="/api/v1/investigations/inv-1/export?format=ftm" download`, `action="/investigations/inv-1/rename"`,
		`<label for="rename-inv-1">New name</label>`, `<label for="token-inv-1">Import token</label>`} {
		if !strings.Contains(page, s) {
			t.Errorf("list page lacks %s", s)
		}
	}
}

func TestExportFileName(t *testing.T) {
	tests := []struct{ name, id, want string }{
		{"KOMID to the Houthis", "a1", "komid-to-the-houthis.json"},
		{"  «Ansar Allah» / 2018 ", "a1", "ansar-allah-2018.json"},
		{"أنصار الله", "a1", "investigation-a1.json"},
		{strings.Repeat("ab ", 40), "a1", strings.TrimSuffix(strings.Repeat("ab-", 20), "-") + ".json"},
	}
	for _, tt := range tests {
		if got := exportFileName(graph.Investigation{ID: tt.id, Name: tt.name}) + ".json"; got != tt.want {
			t.Errorf("exportFileName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}
