package ingest_test

import (
	"context"
	"errors"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/ingest"
	"explorer/internal/testdb"
)

// seedArticle is the one source of seed.cypher, kept in the repository.
const seedArticle = "../sources/38north-dprk-iran.txt"

// endpointExceptions lists the relationships whose evidence cannot name an
// endpoint, with the reason. Keep it short: the fix for a failing check is
// nearly always better evidence or a missing alias, not a new entry. An entry
// that is no longer needed fails the test.
var endpointExceptions = map[string]map[string]string{
	"dprk-iran-arms-transfers-peak-1981-1983": {
		"north-korea": "the only sentence dating the peak says 'These arms transfers', referring back to North Korea's transfers to Iran in the sentence before",
		"iran":        "the only sentence dating the peak says 'These arms transfers', referring back to North Korea's transfers to Iran in the sentence before",
	},
	"iran-supports-hezbollah": {
		"hezbollah": "the sentence speaks of 'Shia proxy militias'; the next sentence names them as Hezbollah and the Houthis",
	},
	"iran-supports-houthis": {
		"houthis": "the sentence speaks of 'Shia proxy militias'; the next sentence names them as Hezbollah and the Houthis",
	},
	"dprk-conducted-nuclear-test-2006": {
		"dprk-nuclear-test-2006": "the article names the two tests only together, as 'its 2006 and 2009 nuclear tests'",
	},
	"dprk-conducted-nuclear-test-2009": {
		"dprk-nuclear-test-2009": "the article names the two tests only together, as 'its 2006 and 2009 nuclear tests'",
	},
}

// irregularForms are derived forms that the suffix rules of mentions do not
// produce.
var irregularForms = map[string][]string{
	"soviet union": {"Soviet"},
	"china":        {"Chinese"},
	"lebanon":      {"Lebanese"},
}

// derivedSuffixes may follow a name or alias: plurals and adjectives such as
// "North Korean", "Iranian", "Israeli", "Unha rocket launches".
var derivedSuffixes = []string{"", "s", "es", "n", "an", "ian", "i", "ese"}

var parenthetical = regexp.MustCompile(`\s*\([^)]*\)\s*$`)

// mentions reports whether text names an entity called by one of labels, as a
// whole word or with a derived suffix. A trailing qualifier in parentheses is
// ignored ("Unha rocket launch (2009)"). Labels without lower-case letters are
// acronyms and match case-sensitively, so "US" does not match "us" nor "IS"
// match "is"; the others match case-insensitively.
func mentions(text string, labels []string) bool {
	var forms []string
	for _, l := range labels {
		l = strings.TrimSpace(parenthetical.ReplaceAllString(l, ""))
		if l == "" {
			continue
		}
		forms = append(forms, l)
		if strings.HasSuffix(l, "s") && len(l) > 3 {
			forms = append(forms, strings.TrimSuffix(l, "s")) // Houthis -> Houthi
		}
		forms = append(forms, irregularForms[strings.ToLower(l)]...)
	}
	lower := strings.ToLower(text)
	for _, f := range forms {
		hay, needle := lower, strings.ToLower(f)
		if !strings.ContainsFunc(f, unicode.IsLower) {
			hay, needle = text, f
		}
		for i := 0; ; {
			j := strings.Index(hay[i:], needle)
			if j < 0 {
				break
			}
			at := i + j
			i = at + 1
			if r, _ := utf8.DecodeLastRuneInString(hay[:at]); at > 0 && isWordRune(r) {
				continue
			}
			rest := hay[at+len(needle):]
			for _, s := range derivedSuffixes {
				if !strings.HasPrefix(rest, s) {
					continue
				}
				if r, _ := utf8.DecodeRuneInString(rest[len(s):]); len(rest) == len(s) || !isWordRune(r) {
					return true
				}
			}
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func TestMentions(t *testing.T) {
	for _, tt := range []struct {
		text   string
		labels []string
		want   bool
	}{
		{"North Korean engineers", []string{"North Korea"}, true},
		{"Iran’s hawkish policies", []string{"Iran"}, true},
		{"Iranian technicians", []string{"Iran"}, true},
		{"Israeli airstrikes", []string{"Israel"}, true},
		{"Houthi missiles", []string{"Houthis"}, true},
		{"Soviet T-54/T-55 tanks", []string{"Soviet Union"}, true},
		{"2009 and 2012 Unha rocket launches", []string{"Unha rocket launch (2009)"}, true},
		{"the Iran-Iraq War", []string{"Iraq"}, true},
		{"Tehran-Pyongyang cooperation", []string{"Pyongyang"}, true},
		{"this is it", []string{"IS"}, false},
		{"blame the US for", []string{"US"}, true},
		{"trust us", []string{"US"}, false},
		{"Iranians", []string{"Ira"}, false},
		{"Syrian bases", []string{"Syria"}, true},
		{"Saudi Arabia", []string{"Arab"}, false},
	} {
		if got := mentions(tt.text, tt.labels); got != tt.want {
			t.Errorf("mentions(%q, %q) = %v, want %v", tt.text, tt.labels, got, tt.want)
		}
	}
}

var (
	entityIDRe = regexp.MustCompile(`^MERGE \(e:Entity \{id: '([^']+)'\}\)`)
	relIDRe    = regexp.MustCompile(`MERGE \(a\)-\[r:\w+ \{id: '([^']+)'\}\]->\(b\)`)
)

// TestSeedQuality is the data quality gate for seed.cypher: it loads the seed
// into Neo4j and checks every claim against the article it comes from.
func TestSeedQuality(t *testing.T) {
	articleBytes, err := os.ReadFile(seedArticle)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the seed's source article %s is missing: the quality gate reads it from the repository", seedArticle)
	}
	if err != nil {
		t.Fatal(err)
	}
	article := string(articleBytes)
	script, err := os.ReadFile("../seed.cypher")
	if err != nil {
		t.Fatal(err)
	}

	// (e) ids are unique in the script itself: MERGE would silently fold a
	// repeated id into one node or relationship.
	stmts, err := ingest.SplitStatements(string(script))
	if err != nil {
		t.Fatal(err)
	}
	scriptIDs := map[string]int{}
	for _, st := range stmts {
		for _, re := range []*regexp.Regexp{entityIDRe, relIDRe} {
			if m := re.FindStringSubmatch(st.Text); m != nil {
				if line, dup := scriptIDs[m[1]]; dup {
					t.Errorf("id %s is defined on line %d and again on line %d", m[1], line, st.Line)
				}
				scriptIDs[m[1]] = st.Line
			}
		}
	}

	testdb.Open(t)
	drv, cfg := testdb.Connect(t)
	ctx := context.Background()
	sd := &ingest.Seeder{Driver: drv, Database: cfg.Database}
	if _, err := sd.LoadFile(ctx, "../seed.cypher"); err != nil {
		t.Fatal(err)
	}
	query := func(cypher string) []*neo4j.Record {
		res, err := neo4j.ExecuteQuery(ctx, drv, cypher, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
		if err != nil {
			t.Fatal(err)
		}
		return res.Records
	}
	str := func(rec *neo4j.Record, key string) string {
		v, _, _ := neo4j.GetRecordValue[string](rec, key)
		return v
	}

	type entity struct {
		labels []string // name and aliases
		degree int64
	}
	entities := map[string]entity{}
	for _, rec := range query(`MATCH (e:Entity) RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases, COUNT { (e)--() } AS degree`) {
		id := str(rec, "id")
		if _, dup := entities[id]; dup {
			t.Errorf("entity id %s is used by two nodes", id)
		}
		e := entity{labels: []string{str(rec, "name")}}
		aliases, _, _ := neo4j.GetRecordValue[[]any](rec, "aliases")
		for _, a := range aliases {
			if s, ok := a.(string); ok {
				e.labels = append(e.labels, s)
			}
		}
		e.degree, _, _ = neo4j.GetRecordValue[int64](rec, "degree")
		entities[id] = e
	}

	rels := query(`MATCH (a:Entity)-[r]->(b:Entity)
		RETURN r.id AS id, a.id AS from, b.id AS to, coalesce(r.evidence, '') AS evidence,
		       coalesce(r.start, '') AS start, coalesce(r.citedSource, '') AS cited
		ORDER BY r.id`)

	// (e) counts and unique relationship ids in the loaded graph.
	if len(entities) < 80 || len(rels) < 160 {
		t.Errorf("the seed holds %d entities and %d relationships; want at least 80 and 160", len(entities), len(rels))
	}
	relIDs := map[string]bool{}
	usedExceptions := map[string]bool{}
	for _, rec := range rels {
		id, from, to, ev, start, cited := str(rec, "id"), str(rec, "from"), str(rec, "to"), str(rec, "evidence"), str(rec, "start"), str(rec, "cited")
		if id == "" {
			t.Errorf("relationship %s -> %s has no id", from, to)
			continue
		}
		if relIDs[id] {
			t.Errorf("relationship id %s is used twice", id)
		}
		relIDs[id] = true

		// (a) the evidence is the article's own text.
		if strings.TrimSpace(ev) == "" {
			t.Errorf("relationship %s has no evidence", id)
			continue
		}
		if !strings.Contains(article, ev) {
			t.Errorf("relationship %s: evidence is not verbatim in the article: %q", id, ev)
		}

		// (b) the evidence names both endpoints.
		for _, end := range []string{from, to} {
			reason, excepted := endpointExceptions[id][end]
			if excepted {
				usedExceptions[id+" "+end] = true
			}
			switch named := mentions(ev, entities[end].labels); {
			case named && excepted:
				t.Errorf("relationship %s: the exception for %s (%s) is stale: the evidence names it; remove the entry", id, end, reason)
			case !named && !excepted:
				t.Errorf("relationship %s: evidence does not name endpoint %s by its name or an alias %q: %q", id, end, entities[end].labels, ev)
			}
		}

		// (d) a date comes from the text: its year is in the evidence
		// sentence, or in the citedSource that names the dated report the
		// article credits with revealing the claim.
		if year := start[:min(4, len(start))]; year != "" && !strings.Contains(ev, year) && !strings.Contains(cited, year) {
			t.Errorf("relationship %s: start %s: the year is neither in its evidence nor in its citedSource %q: %q", id, start, cited, ev)
		}
	}
	for id, ends := range endpointExceptions {
		for end := range ends {
			if !usedExceptions[id+" "+end] {
				t.Errorf("endpoint exception %s / %s matches no relationship endpoint; remove it", id, end)
			}
		}
	}

	// (c) every entity takes part in at least one relationship.
	var isolated []string
	for id, e := range entities {
		if e.degree == 0 {
			isolated = append(isolated, id)
		}
	}
	slices.Sort(isolated)
	for _, id := range isolated {
		t.Errorf("entity %s has no relationship", id)
	}

	// The loaded graph holds what the script defines, no more and no less.
	for id := range scriptIDs {
		if _, ok := entities[id]; !ok && !relIDs[id] {
			t.Errorf("id %s is in the script but not in the loaded graph", id)
		}
	}
	if n := len(entities) + len(relIDs); n != len(scriptIDs) {
		t.Errorf("the graph holds %d ids, the script defines %d", n, len(scriptIDs))
	}
}
