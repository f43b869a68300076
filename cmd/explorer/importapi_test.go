package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"explorer/graph"
	"explorer/web"
)

// postImport posts body to POST /api/v1/import?query and follows the job.
func postImport(t *testing.T, base, token, query, body string) web.ImportJob {
	t.Helper()
	r := httpDo(t, "POST", base+"/api/v1/import?"+query, "application/x-ndjson", body, "Authorization", "Bearer "+token)
	if r.status != http.StatusAccepted {
		t.Fatalf("import ?%s = %d %s, want 202", query, r.status, r.body)
	}
	var j web.ImportJob
	if err := json.Unmarshal(r.body, &j); err != nil {
		t.Fatal(err)
	}
	return followJob(t, base, token, j.URL, 120*time.Second)
}

// TestServeImportMatch posts the sanctions list to the API with each match
// mode: the same modes, validation and behaviour as import --match.
func TestServeImportMatch(t *testing.T) {
	const token = "0123456789abcdef-test"
	sanctions, err := os.ReadFile(filepath.Join("testdata", "sanctions.ftm.json"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	t.Run("unknown mode", func(t *testing.T) {
		base, _ := startServe(t, serveEnv(t, "EXPLORER_IMPORT_TOKEN", token))
		r := httpDo(t, "POST", base+"/api/v1/import?format=ftm&match=merge", "application/x-ndjson", string(sanctions), "Authorization", "Bearer "+token)
		var e struct{ Error string }
		if r.status != http.StatusBadRequest || json.Unmarshal(r.body, &e) != nil || !strings.Contains(e.Error, "match") || !strings.Contains(e.Error, "auto, review, off") {
			t.Errorf("match=merge: %d %s, want 400 naming the parameter and the modes", r.status, r.body)
		}
	})
	t.Run("review by default", func(t *testing.T) {
		st := loadSeed(t)
		base, _ := startServe(t, serveEnv(t, "EXPLORER_IMPORT_TOKEN", token))
		j := postImport(t, base, token, "format=ftm", string(sanctions))
		if j.Result.Outcome != web.OutcomeCommitted || j.Match != "review" || j.Result.Match == nil {
			t.Fatalf("import job = %+v", j)
		}
		if m := j.Result.Match; m.Mode != "review" || len(m.Merged) != 0 || m.Review == 0 {
			t.Errorf("match = %+v, want candidates for review and no merge", m)
		}
		if e, err := st.GetEntity(ctx, "ftm-ofac-hizballah"); err != nil || e.ID != "ftm-ofac-hizballah" {
			t.Errorf("GetEntity(ftm-ofac-hizballah) = %s, %v: merged in review mode", e.ID, err)
		}
	})
	t.Run("off", func(t *testing.T) {
		loadSeed(t)
		base, _ := startServe(t, serveEnv(t, "EXPLORER_IMPORT_TOKEN", token))
		j := postImport(t, base, token, "format=ftm&match=off", string(sanctions))
		if j.Result.Outcome != web.OutcomeCommitted || j.Result.Match == nil || !cmp.Equal(*j.Result.Match, graph.ImportMatch{Mode: "off"}) {
			t.Errorf("import job = %+v, want committed with match off and nothing matched", j)
		}
	})
	t.Run("auto", func(t *testing.T) {
		st := loadSeed(t)
		base, _ := startServe(t, serveEnv(t, "EXPLORER_IMPORT_TOKEN", token))
		j := postImport(t, base, token, "format=ftm&match=AUTO", string(sanctions))
		if j.Result.Outcome != web.OutcomeCommitted || j.Result.Match == nil {
			t.Fatalf("import job = %+v", j)
		}
		merged := map[string]string{}
		for _, m := range j.Result.Match.Merged {
			merged[m.Merged] = m.Canonical
		}
		// As TestImportMatchAuto: exact matches merged, look-alikes left for review.
		if diff := cmp.Diff(map[string]string{"ftm-ofac-hizballah": "hezbollah", "ftm-ofac-aio": "aio"}, merged); diff != "" {
			t.Errorf("merged (-want +got):\n%s", diff)
		}
		if j.Result.Match.Review == 0 {
			t.Errorf("match = %+v, want candidates left for review", j.Result.Match)
		}
		for id, want := range map[string]string{"ftm-ofac-hizballah": "hezbollah", "ftm-ofac-komid": "ftm-ofac-komid"} {
			if e, err := st.GetEntity(ctx, id); err != nil || e.ID != want {
				t.Errorf("GetEntity(%s) = %s, %v; want %s", id, e.ID, err, want)
			}
		}
		js, err := st.Judgements(ctx)
		if err != nil || len(js) != 2 || js[0].By != "POST /api/v1/import match=auto" {
			t.Errorf("judgements = %+v, %v; want the 2 automatic ones, by the API import", js, err)
		}
		// A re-import lands on the merged entities: nothing new to merge.
		again := postImport(t, base, token, "format=ftm&match=auto", string(sanctions))
		if again.Result.Outcome != web.OutcomeCommitted || again.Result.Match == nil || len(again.Result.Match.Merged) != 0 {
			t.Errorf("re-import = %+v, want committed with no new merge", again)
		}
		// A claim naming the seed's article by title and publisher, with a
		// URL, reuses its source record and fills in the URL.
		claim := `{"kind":"relationship","id":"api-src","type":"COOPERATED_WITH","from":"komid","to":"shig","source":"38 North","sourceTitle":"The North Korea-Iran Relationship: An Anti-American Alliance or Transactional Partnership?","sourcePublisher":"38 North","sourceUrl":"https://www.38north.org/2021/07/x/","confidence":"reported"}` + "\n"
		sj := postImport(t, base, token, "format=jsonl&match=off", claim)
		if sj.Result.Outcome != web.OutcomeCommitted || sj.Result.Sources != (graph.BulkResult{Updated: 1}) {
			t.Errorf("claim import = %+v, want the seed's source updated", sj)
		}
		sc, err := st.GetSource(ctx, "38north-dprk-iran")
		if err != nil || sc.Source.URL != "https://www.38north.org/2021/07/x/" {
			t.Errorf("seed source = %+v, %v; want its URL filled in", sc.Source, err)
		}
	})
}
