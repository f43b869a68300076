package web

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"golang.org/x/net/html/atom"

	"explorer/graph"
)

// fakeResolver adds cross-referencing to the fake graph.
type fakeResolver struct {
	*fakeGraph
	mu     sync.Mutex
	opts   []graph.XrefOptions
	judged []graph.Judgement
	// stored is what StoredXref answers (its candidates are the fixed
	// pair); queries records what it was asked.
	stored  graph.StoredXref
	queries []graph.StoredQuery
	// recompute, when set, holds StoreXref until it is closed; recomputed
	// counts the StoreXref calls.
	recompute  chan struct{}
	recomputed int
}

func (f *fakeResolver) candidates() []graph.Candidate {
	return []graph.Candidate{{
		Left: f.entity("komid"), Right: f.entity("xss"), Score: 0.91,
		Reasons: []string{`names "KOMID" and "<script>" are equal`, "both are Organization"},
	}}
}

func (f *fakeResolver) Xref(ctx context.Context, o graph.XrefOptions) ([]graph.Candidate, error) {
	f.mu.Lock()
	f.opts = append(f.opts, o)
	f.mu.Unlock()
	return f.candidates(), nil
}

func (f *fakeResolver) StoredXref(ctx context.Context, q graph.StoredQuery) (graph.StoredXref, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.queries = append(f.queries, q)
	out := f.stored
	if out.Run != nil {
		out.Candidates, out.Pending = f.candidates(), 1
	}
	return out, nil
}

func (f *fakeResolver) StoreXref(ctx context.Context, o graph.XrefOptions) (graph.XrefRun, error) {
	f.mu.Lock()
	f.recomputed++
	wait := f.recompute
	f.mu.Unlock()
	if o.Progress != nil {
		o.Progress(500)
	}
	if wait != nil {
		select {
		case <-wait:
		case <-ctx.Done():
			return graph.XrefRun{}, ctx.Err()
		}
	}
	run := graph.XrefRun{ID: "r2", Version: 5, Entities: 500, Candidates: 1, MinScore: o.MinScore}
	f.mu.Lock()
	f.stored = graph.StoredXref{Run: &run, Graph: graph.GraphVersion{Version: 5}}
	f.mu.Unlock()
	return run, nil
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
	at := time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	fr := &fakeResolver{fakeGraph: fixture(), stored: graph.StoredXref{
		Run:   &graph.XrefRun{ID: "r1", Version: 3, Started: at.Add(-time.Minute), Finished: at, MinScore: 0.8, Entities: 98, Candidates: 7},
		Graph: graph.GraphVersion{Version: 4, Changed: at.Add(time.Hour)}, Stale: true,
	}}
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
	if diff := cmp.Diff([]graph.XrefOptions{{Source: "ftm-", MinScore: 0.7, Limit: 5}}, fr.opts, cmpopts.IgnoreUnexported(graph.XrefOptions{})); diff != "" {
		t.Errorf("xref options (-want +got):\n%s", diff)
	}
	// Without a source: the stored candidates, and where they stand.
	w = ts.do("GET", "/api/v1/xref?min_score=0.9&limit=3&offset=2", "")
	if w.Code != 200 {
		t.Fatalf("GET /api/v1/xref (stored) = %d: %s", w.Code, w.Body)
	}
	stored := decode[xrefResponse](t, w.Body.Bytes())
	if len(stored.Candidates) != 1 || stored.Stored == nil || stored.Stored.Run == nil || stored.Stored.Run.Version != 3 ||
		!stored.Stored.Stale || stored.Stored.Graph.Version != 4 || stored.Stored.Pending != 1 || stored.Job != nil {
		t.Errorf("GET /api/v1/xref (stored) = %s", w.Body)
	}
	if diff := cmp.Diff([]graph.StoredQuery{{MinScore: 0.9, Offset: 2, Limit: 3}}, fr.queries); diff != "" {
		t.Errorf("stored queries (-want +got):\n%s", diff)
	}
	if len(fr.opts) != 1 {
		t.Errorf("GET /api/v1/xref without a source computed a cross-reference: %+v", fr.opts)
	}
	for _, q := range []string{"min_score=2", "min_score=x", "limit=0", "limit=501", "offset=-1"} {
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
		// Past the token (any case of the scheme), on to the verdict check.
		{"scheme in lower case", `{"left": "a", "right": "b", "verdict": "maybe", "by": "ana"}`, []string{"Authorization", "bearer s3cret-token"}, 400},
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
	// Without a source the page reads the stored candidates and says how
	// old they are.
	if s := text(one(t, doc, "stale notice", byID("xref-stale"))); !strings.Contains(s, "now version 4") {
		t.Errorf("stale notice = %q", s)
	}
	if s := text(one(t, doc, "status", byID("xref-status"))); !strings.Contains(s, "2026-12-01 09:30 UTC") || !strings.Contains(s, "98 entities") {
		t.Errorf("status = %q", s)
	}
	one(t, doc, "recompute form", byID("recompute"))
	if len(fr.opts) != 0 {
		t.Errorf("the page without a source computed a cross-reference: %+v", fr.opts)
	}
	// With a source it computes that source's candidates now.
	doc = getPage(t, ts, "/xref?source=ftm-", 200)
	one(t, doc, "candidate", byID("candidate-1"))
	if len(fr.opts) != 1 || fr.opts[0].Source != "ftm-" {
		t.Errorf("xref options = %+v, want one for ftm-", fr.opts)
	}
	if n := find(doc, byID("xref-status")); len(n) != 0 {
		t.Errorf("the page for a source shows the stored status")
	}
	doc = getPage(t, ts, "/xref?judged="+url.QueryEscape("komid and xss: different"), 200)
	if s := text(one(t, doc, "notice", byID("judged"))); !strings.Contains(s, "komid and xss: different") {
		t.Errorf("notice = %q", s)
	}
}

// TestXrefRecompute: recomputing needs the token, runs in the background
// one at a time, and shows on GET /api/v1/xref and the page.
func TestXrefRecompute(t *testing.T) {
	ts, fr := newXrefServer(t)
	release := make(chan struct{})
	fr.recompute = release
	auth := []string{"Authorization", "Bearer s3cret-token"}
	if w := ts.do("POST", "/api/v1/xref/recompute", ""); w.Code != 401 {
		t.Errorf("POST /api/v1/xref/recompute without a token = %d, want 401", w.Code)
	}
	w := ts.do("POST", "/api/v1/xref/recompute", "", auth...)
	if w.Code != 202 {
		t.Fatalf("POST /api/v1/xref/recompute = %d, want 202: %s", w.Code, w.Body)
	}
	started := decode[struct{ Job XrefJob }](t, w.Body.Bytes())
	if started.Job.Status != "running" {
		t.Errorf("job = %+v, want running", started.Job)
	}
	// One at a time, from the API and from the page.
	if w := ts.do("POST", "/api/v1/xref/recompute", "", auth...); w.Code != 409 {
		t.Errorf("a second recompute while one runs = %d, want 409: %s", w.Code, w.Body)
	}
	form := url.Values{"token": {"s3cret-token"}}
	if w := ts.do("POST", "/xref/recompute", form.Encode(), "Content-Type", "application/x-www-form-urlencoded"); w.Code != 409 {
		t.Errorf("POST /xref/recompute while one runs = %d, want 409", w.Code)
	}
	// The page lists the stored candidates meanwhile and shows the job.
	waitFor(t, "the job's progress", func() bool {
		got := decode[xrefResponse](t, ts.do("GET", "/api/v1/xref", "").Body.Bytes())
		return got.Job != nil && got.Job.Entities == 500
	})
	doc := getPage(t, ts, "/xref", 200)
	if s := text(one(t, doc, "job", byID("xref-job"))); !strings.Contains(s, "Recomputing since") || !strings.Contains(s, "500 entities") {
		t.Errorf("job notice = %q", s)
	}
	one(t, doc, "candidate", byID("candidate-1"))
	close(release)
	var got xrefResponse
	waitFor(t, "the job to finish", func() bool {
		got = decode[xrefResponse](t, ts.do("GET", "/api/v1/xref", "").Body.Bytes())
		return got.Job != nil && got.Job.Status == "done"
	})
	if got.Job.Run == nil || got.Job.Run.Version != 5 || got.Stored.Stale || got.Stored.Run.ID != "r2" {
		t.Errorf("after the job: %+v, stored %+v", got.Job, got.Stored)
	}
	// The page's button starts the next one.
	if w := ts.do("POST", "/xref/recompute", url.Values{"token": {"wrong"}}.Encode(), "Content-Type", "application/x-www-form-urlencoded"); w.Code != 401 {
		t.Errorf("POST /xref/recompute with a wrong token = %d, want 401", w.Code)
	}
	w = ts.do("POST", "/xref/recompute", form.Encode(), "Content-Type", "application/x-www-form-urlencoded")
	if w.Code != 303 || w.Header().Get("Location") != "/xref" {
		t.Errorf("POST /xref/recompute = %d, Location %q; want 303 to /xref", w.Code, w.Header().Get("Location"))
	}
	waitFor(t, "the second recomputation", func() bool {
		fr.mu.Lock()
		defer fr.mu.Unlock()
		return fr.recomputed == 2
	})
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5 s for %s", what)
		}
	}
}
