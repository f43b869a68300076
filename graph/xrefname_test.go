package graph

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNameTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Korea Mining Development Trading Co.", []string{"korea", "mining", "development", "trading", "co"}},
		{"KOREA MINING DEVELOPMENT TRADING CORPORATION", []string{"korea", "mining", "development", "trading", "co"}},
		{"Kata'ib Hizballah", []string{"kataib", "hizballah"}},
		{"Kim Yŏng-nam", []string{"kim", "yong", "nam"}},
		{"S.H.I.G.", []string{"shig"}},
		{"Shahid Hemmat Industries Group", []string{"shahid", "hemmat", "industr", "group"}},
		{"  ", []string{}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, NameTokens(tt.in)); diff != "" {
			t.Errorf("NameTokens(%q) (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestSkeleton(t *testing.T) {
	for _, pair := range [][2]string{
		{"Hizballah", "Hezbollah"}, {"Rezai", "Rezaee"}, {"Ansar Allah", "Ansarallah"},
		{"Shahid Hemat Industrial Group", "Shahid Hemmat Industrial Group"}, {"Muhammad", "Mohammad"},
	} {
		if a, b := Skeleton(pair[0]), Skeleton(pair[1]); a != b {
			t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q, want equal", pair[0], a, pair[1], b)
		}
	}
	for _, pair := range [][2]string{{"Hezbollah", "Hamas"}, {"SHIG", "SBIG"}, {"Kim Jong Un", "Kim Jong Nam"}} {
		if a, b := Skeleton(pair[0]), Skeleton(pair[1]); a == b {
			t.Errorf("Skeleton(%q) = Skeleton(%q) = %q, want different", pair[0], pair[1], a)
		}
	}
}

func TestCompareNames(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
		how      string
	}{
		{"HIZBALLAH", "Hizballah", 1, 1, "equal"},
		{"SBIG", "S.B.I.G.", 0.85, 0.85, "the same short name or acronym"},
		{"Korea Mining Development Trading Co.", "Korea Mining Development Trading Corporation", 1, 1, "equal"},
		{"Korea Mining Development Trading", "Korea Mining Development Trading Corporation", 0.97, 0.97, "equal apart from legal form"},
		{"Hizbollah", "Hezbollah", 0.93, 0.93, ""},
		{"Islamic Revolutionary Guards Corps", "Islamic Revolutionary Guard Corps", 0.9, 0.9, "words in common"},
		{"Korea Mining Development Corporation", "Korea Mining Development Trading Corporation", 0.75, 0.8, "words in common"},
		// Near misses stay low.
		{"Shahid Bakeri Industrial Group", "Shahid Hemmat Industrial Group", 0.6, 0.7, "words in common"},
		{"Kata'ib Hizballah", "Hizballah", 0.55, 0.65, "words in common"},
		{"Islamic Revolutionary Guard Corps Qods Force", "Islamic Revolutionary Guard Corps", 0.7, 0.75, "words in common"},
		{"North Korean nuclear test (2006)", "North Korean nuclear test (2009)", 0, 0, "different numbers"},
		{"Hwasong-6", "Hwasong-7", 0, 0, "different numbers"},
		{"Hezbollah", "Hamas", 0, 0, "words in common"},
	}
	for _, tt := range tests {
		m := CompareNames(tt.a, tt.b)
		if m.Score < tt.min-1e-9 || m.Score > tt.max+1e-9 {
			t.Errorf("CompareNames(%q, %q) = %.3f (%s), want %.2f to %.2f", tt.a, tt.b, m.Score, m.How, tt.min, tt.max)
		}
		if tt.how != "" && m.How != tt.how {
			t.Errorf("CompareNames(%q, %q) says %q, want %q", tt.a, tt.b, m.How, tt.how)
		}
		if r := CompareNames(tt.b, tt.a); r.Score != m.Score {
			t.Errorf("CompareNames is not symmetric on %q, %q: %.3f and %.3f", tt.a, tt.b, m.Score, r.Score)
		}
	}
}

func TestScorePair(t *testing.T) {
	komid := Entity{ID: "komid", Name: "KOMID", Type: Organization, Country: "KP", Aliases: []string{"Korea Mining Development Trading Corporation"}}
	list := Entity{ID: "x", Name: "KOREA MINING DEVELOPMENT TRADING CORP.", Type: Organization, Country: "KP"}
	c, ok := scorePair(komid, list)
	if !ok || c.Score != 1 || !c.Strong() {
		t.Errorf("scorePair(KOMID, its list entry) = %+v, %v; want a strong 1.0", c, ok)
	}
	person := Entity{ID: "p", Name: "KOMID", Type: Person}
	if _, ok := scorePair(komid, person); ok {
		t.Error("scorePair matched an organization with a person")
	}
	elsewhere := list
	elsewhere.Country = "IR"
	c, _ = scorePair(komid, elsewhere)
	if c.Score > 0.8 || c.Strong() {
		t.Errorf("scorePair with conflicting countries = %.2f (strong %v), want at most 0.8 and not strong", c.Score, c.Strong())
	}
}
