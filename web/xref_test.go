package web

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html/atom"

	"explorer/graph"
)

// fakeResolver adds cross-referencing to the fake graph.
type fakeResolver struct {
	*fakeGraph
	mu     sync.Mutex
	opts   []graph.XrefOptions
	judged []graph.Judgement
}

func (f *fakeResolver) Xref(ctx context.Context, o graph.XrefOptions) ([]graph.Candidate, error) {
	f.mu.Lock()
	f.opts = append(f.opts, o)
	f.mu.Unlock()
	return []graph.Candidate{{
		Left: f.entity("komid"), Right: f.entity("xss"), Score: 0.91,
		Reasons: []string{`names "KOMID" and "<script>" are equal`, "both are Organization"},
	}}, nil
}

func (f *fakeResolver) Judge(ctx context.Context, a, b string, v graph.Verdict, by string, now time.Time) (graph.JudgeResult, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j := graph.Judgement{Left: a, Right: b, Verdict: v, By: by, At: now}
	f.judged = append(f.judged, j)
	res := graph.JudgeResult{Judgement: j}
	if v == graph.Same {
		res.Merged = &graph.MergeResult{Canonical: a, Merged: b, Moved: 1}
	}
	return res, nil
}

func newXrefServer(t testing.TB) (*testServer, *fakeResolver) {
	t.Helper()
	fr := &fakeResolver{fakeGraph: fixture()}
	ts := newTestServer(t, func(c *Config) { c.Graph = fr })
	return ts, fr
}

func TestAPIXref(t *testing.T) {
	ts, fr := newXrefServer(t)
	w := ts.do("GET", "/api/v1/xref?source=ftm-&min_score=0.7&limit=5", "")
	if w.Code != 200 {
		t.Fatalf("GET /api/v1/xref = %d: %s", w.Code, w.Body)
	}
	got := decode[struct {
		Candidates []graph.Candidate `json:"candidates"`
	}](t, w.Body.Bytes())
	if len(got.Candidates) != 1 || got.Candidates[0].Left.ID != "komid" || got.Candidates[0].Right.ID != "xss" || len(got.Candidates[0].Reasons) != 2 {
		t.Errorf("candidates = %+v", got.Candidates)
	}
	if diff := cmp.Diff([]graph.XrefOptions{{Source: "ftm-", MinScore: 0.7, Limit: 5}}, fr.opts); diff != "" {
		t.Errorf("xref options (-want +got):\n%s", diff)
	}
	for _, q := range []string{"min_score=2", "min_score=x", "limit=0", "limit=501"} {
		if w := ts.do("GET", "/api/v1/xref?"+q, ""); w.Code != 400 {
			t.Errorf("GET /api/v1/xref?%s = %d, want 400", q, w.Code)
		}
	}
	// A store without cross-referencing says so.
	plain := newTestServer(t)
	if w := plain.do("GET", "/api/v1/xref", ""); w.Code != 501 {
		t.Errorf("GET /api/v1/xref without a resolver = %d, want 501", w.Code)
	}
}

func TestAPIJudge(t *testing.T) {
	ts, fr := newXrefServer(t)
	body := `{"left": "komid", "right": "xss", "verdict": "same", "by": "ana"}`
	for _, tc := range []struct {
		name, body string
		header     []string
		want       int
	}{
		{"no token", body, nil, 401},
		{"wrong token", body, []string{"Authorization", "Bearer nope"}, 401},
		{"bad verdict", `{"left": "a", "right": "b", "verdict": "maybe", "by": "ana"}`, []string{"Authorization", "Bearer s3cret-token"}, 400},
		{"no author", `{"left": "a", "right": "b", "verdict": "same", "by": ""}`, []string{"Authorization", "Bearer s3cret-token"}, 400},
		{"unknown field", `{"left": "a", "right": "b", "verdict": "same", "by": "x", "auto": true}`, []string{"Authorization", "Bearer s3cret-token"}, 400},
		{"ok", body, []string{"Authorization", "Bearer s3cret-token"}, 200},
	} {
		w := ts.do("POST", "/api/v1/judgements", tc.body, tc.header...)
		if w.Code != tc.want {
			t.Errorf("%s: POST /api/v1/judgements = %d, want %d: %s", tc.name, w.Code, tc.want, w.Body)
		}
	}
	if len(fr.judged) != 1 || fr.judged[0].By != "web: ana" || fr.judged[0].Verdict != graph.Same {
		t.Errorf("judgements = %+v, want one by \"web: ana\"", fr.judged)
	}
	off := newTestServer(t, func(c *Config) { c.Graph = &fakeResolver{fakeGraph: fixture()}; c.ImportToken = "" })
	if w := off.do("POST", "/api/v1/judgements", body, "Authorization", "Bearer s3cret-token"); w.Code != 403 {
		t.Errorf("judging without a server token = %d, want 403", w.Code)
	}
}

func TestXrefPage(t *testing.T) {
	ts, fr := newXrefServer(t)
	doc := getPage(t, ts, "/xref", 200)
	sec := one(t, doc, "candidate", byID("candidate-1"))
	var hrefs []string
	for _, a := range find(sec, byTag(atom.A)) {
		hrefs = append(hrefs, attr(a, "href"))
	}
	for _, want := range []string{"/entities/komid", "/entities/xss"} {
		if !strings.Contains(strings.Join(hrefs, " "), want) {
			t.Errorf("candidate links = %v, want %s", hrefs, want)
		}
	}
	if !strings.Contains(text(sec), `names "KOMID" and "<script>" are equal`) {
		t.Errorf("candidate text does not give the reasons: %q", text(sec))
	}
	// Both sides show their relationships with the evidence.
	if s := text(sec); !strings.Contains(s, "KOMID allegedly supplied the Houthis") {
		t.Errorf("candidate does not show KOMID's evidence: %q", s)
	}
	var verdicts []string
	for _, b := range find(sec, byTag(atom.Button)) {
		verdicts = append(verdicts, attr(b, "value"))
	}
	if diff := cmp.Diff([]string{"same", "different", "unsure"}, verdicts); diff != "" {
		t.Errorf("judgement buttons (-want +got):\n%s", diff)
	}

	form := url.Values{"left": {"komid"}, "right": {"xss"}, "verdict": {"different"}, "by": {"ana"}, "token": {"s3cret-token"}}
	w := ts.do("POST", "/xref/judge", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/xref?judged=") {
		t.Fatalf("POST /xref/judge = %d, Location %q; want 303 back to /xref", w.Code, w.Header().Get("Location"))
	}
	if len(fr.judged) != 1 || fr.judged[0].Verdict != graph.Different {
		t.Errorf("judgements = %+v", fr.judged)
	}
	form.Set("token", "wrong")
	if w := ts.do("POST", "/xref/judge", form.Encode(), "Content-Type", "application/x-www-form-urlencoded"); w.Code != 401 {
		t.Errorf("POST /xref/judge with a wrong token = %d, want 401", w.Code)
	}
	doc = getPage(t, ts, "/xref?judged="+url.QueryEscape("komid and xss: different"), 200)
	if s := text(one(t, doc, "notice", byID("judged"))); !strings.Contains(s, "komid and xss: different") {
		t.Errorf("notice = %q", s)
	}
}
