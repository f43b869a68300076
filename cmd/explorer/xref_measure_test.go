package main

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"explorer/graph"
)

// variantTruth reads the seed entity a test-set entity spells: "ftm-v-komid-2"
// is a spelling of komid; "ftm-nm-…" entities are near misses, different
// actors with similar names, and spell nothing.
var variantTruth = regexp.MustCompile(`^ftm-v-(.+)-\d+$`)

// TestXrefPrecisionRecall measures xref on the test set of name variants
// and near misses (testdata/xref-variants.ftm.json) against the seed, at
// several thresholds; BENCHMARKS.md keeps the figures.
func TestXrefPrecisionRecall(t *testing.T) {
	st := loadSeed(t)
	if _, errOut, code := cli(t, "import", "--match", "off", filepath.Join("testdata", "xref-variants.ftm.json")); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	ctx := context.Background()
	cands, err := st.Xref(ctx, graph.XrefOptions{Source: "ftm-", MinScore: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var variants int
	page, err := st.EntitiesPage(ctx, "ftm-", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var ents []graph.Entity
	for _, e := range page {
		if strings.HasPrefix(e.ID, "ftm-") {
			ents = append(ents, e)
		}
	}
	for _, e := range ents {
		if variantTruth.MatchString(e.ID) {
			variants++
		}
	}
	if variants < 25 {
		t.Fatalf("test set has %d variants, want at least 25", variants)
	}
	type score struct{ tp, fp int }
	thresholds := []float64{0.6, 0.7, 0.75, 0.8, 0.85, 0.9}
	scores := make([]score, len(thresholds))
	var misses, wrong []string
	found := map[string]bool{}
	for _, c := range cands {
		// Pairs between two test-set entities are not measured.
		if strings.HasPrefix(c.Left.ID, "ftm-") {
			continue
		}
		m := variantTruth.FindStringSubmatch(c.Right.ID)
		ok := m != nil && m[1] == c.Left.ID
		for i, th := range thresholds {
			if c.Score < th {
				continue
			}
			if ok {
				scores[i].tp++
			} else {
				scores[i].fp++
			}
		}
		if c.Score >= graph.DefaultMinScore {
			if ok {
				found[c.Right.ID] = true
			} else {
				wrong = append(wrong, fmt.Sprintf("%s = %s (%.2f)", c.Left.Name, c.Right.Name, c.Score))
			}
		}
	}
	for _, e := range ents {
		if variantTruth.MatchString(e.ID) && !found[e.ID] {
			misses = append(misses, e.Name)
		}
	}
	t.Logf("test set: %d variants, %d entities in all", variants, len(ents))
	t.Logf("threshold  precision  recall  (tp, fp)")
	var atDefault score
	for i, th := range thresholds {
		s := scores[i]
		p := 1.0
		if s.tp+s.fp > 0 {
			p = float64(s.tp) / float64(s.tp+s.fp)
		}
		t.Logf("%.2f       %.3f      %.3f   (%d, %d)", th, p, float64(s.tp)/float64(variants), s.tp, s.fp)
		if th == graph.DefaultMinScore {
			atDefault = s
		}
	}
	t.Logf("missed at %.2f: %s", graph.DefaultMinScore, strings.Join(misses, "; "))
	t.Logf("wrong at %.2f: %s", graph.DefaultMinScore, strings.Join(wrong, "; "))
	// The figures in BENCHMARKS.md; a change to the scorer that makes them
	// worse fails here.
	if atDefault.fp > 0 {
		t.Errorf("xref proposed %d pairs of different actors at the default threshold: %s", atDefault.fp, strings.Join(wrong, "; "))
	}
	if recall := float64(atDefault.tp) / float64(variants); recall < 0.75 {
		t.Errorf("recall at the default threshold = %.3f, want at least 0.75", recall)
	}
}
