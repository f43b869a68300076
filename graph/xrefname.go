package graph

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// The name normaliser. Cross-referencing, Resolve and search compare names
// the way investigators type them: case, accents and punctuation do not
// count, company-form words are one word (Co., Company, Corp., Corporation),
// and transliteration variants of the same name (Rezai and Rezaee, Hizballah
// and Hezbollah, Hemat and Hemmat) share one spelling skeleton. This follows
// followthemoney's fingerprints (legal forms reduced to one abbreviation)
// and a consonant skeleton in the spirit of phonetic keys.

// companyForms maps the words of legal forms to one abbreviation each.
var companyForms = map[string]string{
	"co": "co", "company": "co", "companies": "co", "corp": "co", "corporation": "co", "cie": "co",
	"ltd": "ltd", "limited": "ltd",
	"inc": "inc", "incorporated": "inc",
	"llc": "llc", "plc": "plc", "jsc": "jsc", "pjsc": "jsc", "gmbh": "gmbh", "ag": "ag", "sa": "sa",
	"industries": "industr", "industrial": "industr", "industry": "industr",
	"org": "org", "organisation": "org", "organization": "org",
	"intl": "intl", "international": "intl",
}

// legalForm reports whether a normalised token is a legal form, which says
// little about which actor a name means.
func legalForm(tok string) bool {
	switch tok {
	case "co", "ltd", "inc", "llc", "plc", "jsc", "gmbh", "ag", "sa":
		return true
	}
	return false
}

// stopWords carry almost no identity.
var stopWords = map[string]bool{"the": true, "of": true, "and": true, "for": true, "al": true, "el": true, "de": true, "in": true}

// NameTokens returns the normalised words of a name: lower case, accents
// removed, punctuation and apostrophes dropped, legal forms abbreviated.
func NameTokens(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent
		case r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʿ' || r == 'ʾ' || r == '.':
			// "Kata'ib" is "kataib", "Co." is "co"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	toks := strings.Fields(b.String())
	for i, t := range toks {
		if f, ok := companyForms[t]; ok {
			toks[i] = f
		}
	}
	return toks
}

// NormalizeName is a name's normalised form: its NameTokens joined by
// spaces. "Korea Mining Development Trading Co." and "KOREA MINING
// DEVELOPMENT TRADING CORPORATION" normalise alike.
func NormalizeName(s string) string { return strings.Join(NameTokens(s), " ") }

// Skeleton is a spelling key that transliteration variants share: the
// normalised name without spaces, its first letter kept, then only its
// consonants (with c and q read as k), doubled letters once. "Hizballah" and
// "Hezbollah" are both "hzblh", "Rezai" and "Rezaee" "rz", "Ansar Allah" and
// "Ansarallah" "ansrlh".
func Skeleton(s string) string {
	return skeletonOf(strings.Join(NameTokens(s), ""))
}

func skeletonOf(word string) string {
	var b strings.Builder
	var last rune
	for i, r := range word {
		if r == 'c' || r == 'q' {
			r = 'k'
		}
		vowel := strings.ContainsRune("aeiouy", r)
		if i > 0 && vowel {
			continue
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// tokenWeight is how much a word counts towards name similarity.
func tokenWeight(t string) float64 {
	if legalForm(t) || stopWords[t] {
		return 0.2
	}
	return 1
}

// sameTokenSkel reports whether two normalised words are the same word,
// maybe spelled another way: equal, the same skeleton (sa and sb, for
// words of four letters or more) or its plural, or one edit apart (for
// words of six letters or more).
func sameTokenSkel(a, b, sa, sb string) bool {
	if a == b {
		return true
	}
	if len(a) >= 4 && len(b) >= 4 && (sa == sb || a+"s" == b || b+"s" == a) {
		return true
	}
	return len(a) >= 6 && len(b) >= 6 && levenshtein(a, b) <= 1
}

// NameMatch is how alike two names are, and why.
type NameMatch struct {
	Score float64
	// Left and Right are the names (or aliases) compared.
	Left, Right string
	// How says what made them alike: "equal", "equal apart from legal
	// form", "same spelling skeleton" or "words in common".
	How string
}

// Reason is the match as a sentence for an investigator.
func (m NameMatch) Reason() string {
	if m.How == "words in common" {
		return fmt.Sprintf("names %q and %q share words (%.2f)", m.Left, m.Right, m.Score)
	}
	return fmt.Sprintf("names %q and %q are %s", m.Left, m.Right, m.How)
}

// CompareNames scores two names from 0 (unrelated) to 1 (the same once
// normalised).
func CompareNames(a, b string) NameMatch { return compareForms(newNameForm(a), newNameForm(b)) }

// nameForm is a name with what comparing it needs worked out once: xref
// compares each name with dozens of others.
type nameForm struct {
	raw  string
	toks []string
	// joined is toks joined by spaces; skel the skeleton of toks run
	// together; nums the digits (see numbers); core the words without
	// legal forms, joined, and ncore how many there are.
	joined, skel, nums, core string
	ncore                    int
	// tokSkel are the words' own skeletons, for sameToken.
	tokSkel []string
}

func newNameForm(s string) nameForm {
	toks := NameTokens(s)
	f := nameForm{raw: s, toks: toks, joined: strings.Join(toks, " "), skel: skeletonOf(strings.Join(toks, "")), nums: numbers(toks)}
	core := withoutForms(toks)
	f.core, f.ncore = strings.Join(core, " "), len(core)
	f.tokSkel = make([]string, len(toks))
	for i, t := range toks {
		f.tokSkel[i] = skeletonOf(t)
	}
	return f
}

// formsOf are the forms of an entity's name and aliases.
func formsOf(e Entity) []nameForm {
	ls := labels(e)
	out := make([]nameForm, len(ls))
	for i, l := range ls {
		out[i] = newNameForm(l)
	}
	return out
}

// compareForms is CompareNames on names worked out beforehand.
func compareForms(a, b nameForm) NameMatch {
	m := NameMatch{Left: a.raw, Right: b.raw}
	ta, tb := a.toks, b.toks
	if len(ta) == 0 || len(tb) == 0 {
		return m
	}
	if a.joined == b.joined {
		m.Score, m.How = 1, "equal"
		if short(ta) {
			// An acronym or a one-word name of a few letters names many
			// things: SBIG is Shahid Bakeri Industrial Group and Silver
			// Baltic Industrial Group.
			m.Score, m.How = 0.85, "the same short name or acronym"
		}
		return m
	}
	// Names that carry different numbers name different things: a test in
	// 2006 and one in 2009, Hwasong-6 and Hwasong-7.
	if a.nums != "" && b.nums != "" && a.nums != b.nums {
		m.Score, m.How = 0, "different numbers"
		return m
	}
	if a.ncore > 0 && a.core == b.core {
		m.Score, m.How = 0.97, "equal apart from legal form"
		return m
	}
	if len(a.skel) >= 3 && a.skel == b.skel {
		m.Score, m.How = 0.93, "the same spelling skeleton ("+a.skel+")"
		return m
	}
	// Dice coefficient over weighted words, each word of the shorter name
	// matched to at most one word of the other.
	var wa, wb, matched float64
	used := make([]bool, len(tb))
	for _, t := range tb {
		wb += tokenWeight(t)
	}
	for i, t := range ta {
		w := tokenWeight(t)
		wa += w
		for j, u := range tb {
			if !used[j] && sameTokenSkel(t, u, a.tokSkel[i], b.tokSkel[j]) {
				used[j] = true
				matched += w
				break
			}
		}
	}
	if wa+wb == 0 {
		return m
	}
	m.Score, m.How = 0.9*2*matched/(wa+wb), "words in common"
	return m
}

// short reports whether a name is one word of at most five letters.
func short(toks []string) bool { return len(toks) == 1 && len(toks[0]) <= 5 }

// numbers are the digits of a name's words, in order.
func numbers(toks []string) string {
	var b strings.Builder
	for _, t := range toks {
		for _, r := range t {
			if r >= '0' && r <= '9' {
				b.WriteRune(r)
			}
		}
		b.WriteByte(' ')
	}
	return strings.TrimSpace(b.String())
}

func withoutForms(toks []string) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if !legalForm(t) {
			out = append(out, t)
		}
	}
	return out
}

// labels are an entity's name and aliases.
func labels(e Entity) []string { return append([]string{e.Name}, e.Aliases...) }

// BestNameMatch compares every name and alias of a with every one of b and
// returns the closest pair.
func BestNameMatch(a, b Entity) NameMatch { return bestFormMatch(formsOf(a), formsOf(b)) }

// bestFormMatch is BestNameMatch on names worked out beforehand.
func bestFormMatch(fa, fb []nameForm) NameMatch {
	var best NameMatch
	for _, x := range fa {
		for _, y := range fb {
			if m := compareForms(x, y); m.Score > best.Score {
				best = m
			}
		}
	}
	return best
}
