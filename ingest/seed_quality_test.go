package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
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
	sourceIDRe = regexp.MustCompile(`^MERGE \(s:Source \{id: '([^']+)'\}\)`)
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
		for _, re := range []*regexp.Regexp{sourceIDRe, entityIDRe, relIDRe} {
			if m := re.FindStringSubmatch(st.Text); m != nil {
				if line, dup := scriptIDs[m[1]]; dup {
					t.Errorf("id %s is defined on line %d and again on line %d", m[1], line, st.Line)
				}
				scriptIDs[m[1]] = st.Line
			}
		}
	}

	store := testdb.Open(t)
	drv, cfg := testdb.Connect(t)
	ctx := context.Background()
	sd := &ingest.Seeder{Store: store}
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
		RETURN r.id AS id, a.id AS from, b.id AS to, coalesce(r.evidence, '') AS evidence
		ORDER BY r.id`)

	// (e) counts and unique relationship ids in the loaded graph.
	if len(entities) < 80 || len(rels) < 160 {
		t.Errorf("the seed holds %d entities and %d relationships; want at least 80 and 160", len(entities), len(rels))
	}
	relIDs := map[string]bool{}
	usedExceptions := map[string]bool{}
	for _, rec := range rels {
		id, from, to, ev := str(rec, "id"), str(rec, "from"), str(rec, "to"), str(rec, "evidence")
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

		// (d) dates come from the text: see checkClaims.
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

	// (f) the claim schema: provenance, items, status, cited reports, time.
	sources := map[string]source{}
	for _, rec := range query(`MATCH (s:Source) RETURN s.id AS id, coalesce(s.title, '') AS title, coalesce(s.published, '') AS published`) {
		sources[str(rec, "id")] = source{Title: str(rec, "title"), Published: str(rec, "published")}
	}
	labels := map[string][]string{}
	for id, e := range entities {
		labels[id] = e.labels
	}
	var claims []claim
	for _, rec := range query(`MATCH (a:Entity)-[r]->(b:Entity)
		RETURN r.id AS id, type(r) AS type, a.id AS from, b.id AS to, coalesce(r.evidence, '') AS evidence,
		       [l IN labels(a) WHERE l <> 'Entity'][0] AS fromType, [l IN labels(b) WHERE l <> 'Entity'][0] AS toType,
		       coalesce(r.start, '') AS start, coalesce(r.end, '') AS end, coalesce(r.attested, '') AS attested,
		       r.ongoing AS ongoing, coalesce(r.status, '') AS status, coalesce(r.item, '') AS item,
		       coalesce(r.itemIds, []) AS itemIds, coalesce(r.sourceId, '') AS sourceId,
		       coalesce(r.paragraph, 0) AS paragraph, coalesce(r.citedSource, '') AS cited,
		       coalesce(r.citedSourceId, '') AS citedId, coalesce(r.confidence, '') AS confidence
		ORDER BY r.id`) {
		c := claim{ID: str(rec, "id"), Type: str(rec, "type"), From: str(rec, "from"), To: str(rec, "to"),
			FromType: str(rec, "fromType"), ToType: str(rec, "toType"),
			Evidence: str(rec, "evidence"), Start: str(rec, "start"), End: str(rec, "end"), Attested: str(rec, "attested"),
			Status: str(rec, "status"), Item: str(rec, "item"), SourceID: str(rec, "sourceId"),
			CitedSource: str(rec, "cited"), CitedID: str(rec, "citedId"), Confidence: str(rec, "confidence")}
		if v, isNil, err := neo4j.GetRecordValue[bool](rec, "ongoing"); err == nil && !isNil {
			c.Ongoing = &v
		}
		p, _, _ := neo4j.GetRecordValue[int64](rec, "paragraph")
		c.Paragraph = int(p)
		ids, _, _ := neo4j.GetRecordValue[[]any](rec, "itemIds")
		for _, v := range ids {
			if s, ok := v.(string); ok {
				c.ItemIDs = append(c.ItemIDs, s)
			}
		}
		claims = append(claims, c)
	}
	if len(claims) != len(rels) {
		t.Errorf("the claim checks read %d relationships, the graph holds %d", len(claims), len(rels))
	}
	for _, p := range checkClaims(paragraphs(article), sources, labels, claims, seedClaimExceptions) {
		t.Error(p)
	}

	// The loaded graph holds what the script defines, no more and no less.
	for id := range scriptIDs {
		_, isEntity := entities[id]
		_, isSource := sources[id]
		if !isEntity && !isSource && !relIDs[id] {
			t.Errorf("id %s is in the script but not in the loaded graph", id)
		}
	}
	if n := len(sources) + len(entities) + len(relIDs); n != len(scriptIDs) {
		t.Errorf("the graph holds %d ids, the script defines %d", n, len(scriptIDs))
	}
}

// paragraphs splits an article into its paragraphs as the claim schema counts
// them: the non-empty lines, in order (the title is paragraph 1).
func paragraphs(article string) []string {
	var out []string
	for _, l := range strings.Split(article, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// claim is one seed relationship as the claim checks see it.
type claim struct {
	ID, Type, From, To   string
	FromType, ToType     string // entity types of the endpoints ("" when unknown)
	Evidence             string
	Start, End, Attested string
	Ongoing              *bool
	Status, Item         string
	ItemIDs              []string
	SourceID             string
	Paragraph            int
	CitedSource, CitedID string
	Confidence           string
}

// source is a Source node as the claim checks see it.
type source struct {
	Title, Published string
}

// stateTypes are the relationship types whose time is a state (they hold
// from their start until their end) and mentionTypes those that say
// something about an entity rather than link it; both come from the
// vocabulary. A status word in a mention's sentence qualifies the claim it
// reports, not the report.
var stateTypes, mentionTypes = func() (states, mentions map[string]bool) {
	states, mentions = map[string]bool{}, map[string]bool{}
	for _, s := range graph.Vocabulary {
		states[string(s.Type)] = s.Time == graph.TimeState
		mentions[string(s.Type)] = s.Family == graph.Mention
	}
	return states, mentions
}()

// itemTypes are the types that move or teach something: they say what.
var itemTypes = map[string]bool{"SUPPLIED": true, "ACQUIRED": true, "TRANSPORTED_FOR": true, "SEIZED": true, "TRAINED": true,
	"TRANSFERRED_BETWEEN": true, "HELD_ASSETS_OF": true}

// endpointTypes are the entity types a relationship type may join, where the
// vocabulary names them: a person is a national of a state, an entity is
// listed on a list (a Document), what is displayed is a weapon or system.
var endpointTypes = map[string]struct{ from, to []string }{
	"NATIONAL_OF": {[]string{"Person"}, []string{"State"}},
	"LISTED_ON":   {nil, []string{"Document"}},
	"DISPLAYED":   {nil, []string{"Weapon"}},
}

var (
	// between finds "between A and B", the wording of a transfer whose
	// direction the sentence does not give.
	between = regexp.MustCompile(`\bbetween ((?:\S+ ){0,4}?\S+) and ((?:\S+ ){0,4}?\S+)`)
	// reportedClause finds a sentence's reporting frame ("revealed that",
	// "A report revealed regular flights", "According to"): what follows it
	// is a third party's account, not the source's own.
	reportedClause = regexp.MustCompile(`(?i)^according to\b|\b(?:asserted|alleged|claimed|revealed|warned|insisted|reported|said)(?: that)?\b`)
	// unveilWords date a showing; developWords a making.
	unveilWords  = regexp.MustCompile(`(?i)\bunveil\w*`)
	developWords = regexp.MustCompile(`(?i)\b(develop\w*|buil[dt]\w*|construct\w*|produc\w*|design\w*)`)
	// removal words say that a listing ended.
	removalWords = regexp.MustCompile(`(?i)\b(removal|removed|delisted|delisting)\b`)
)

var (
	// statusWords in a sentence say that what it reports did not (or not yet)
	// happen as a completed act.
	statusWords = regexp.MustCompile(`(?i)\b(trying to|tried to|attempt\w*|plann\w*|pledge\w*|authori[sz]\w*|intercept\w*|intend\w*)\b`)
	officeTypes = map[string]bool{"LEADS": true, "OFFICIAL_OF": true}
	partialDate = regexp.MustCompile(`^(\d{3})(\d|X)(-\d{2}(-\d{2})?)?$`)
)

// claimExceptions lists, per check, the relationships that may break it, each
// with the reason. An entry that no longer matches a failing claim is itself a
// problem, so the list cannot go stale.
type claimExceptions map[string]map[string]string

// The names of the claim checks, used as keys of claimExceptions.
const (
	checkItem        = "item"         // a moving type says what moved
	checkCited       = "cited"        // a reported claim names its report
	checkStatus      = "status"       // a status word implies a non-completed status
	checkStateSpan   = "state-span"   // a state is not stored as a one-date event
	checkOfficeStart = "office-start" // an office at a date is attested, not begun
	checkReportDate  = "report-date"  // a claim is not dated with its report's date
	checkDateText    = "date-text"    // a date is in the evidence or the cited source
	checkFormer      = "former"       // a "former" office has ended
	checkDirection   = "direction"    // "between A and B" is not a directed supply
	checkClause      = "clause"       // a claim inside a reported clause is not the source's own
	checkEndpoints   = "endpoints"    // the endpoints are of the types the relationship type joins
	checkListing     = "listing"      // a listing the sentence says was removed has ended
	checkUnveil      = "unveil"       // a dated unveiling is DISPLAYED, not DEVELOPED
)

// seedClaimExceptions are the seed's justified exceptions to the claim checks.
var seedClaimExceptions = claimExceptions{
	checkCited: {
		"dprk-assisted-shahid-haj-ali-movahed-slv-2020": "the article quotes “support and assistance” without naming whose words they are",
		"shahid-haj-ali-movahed-developed-slv-2020":     "same sentence and hedge as dprk-assisted-shahid-haj-ali-movahed-slv-2020; the quoted source is not named",
		"dprk-hezbollah-contact-1980s":                  "the next sentence calls this “these reports” without naming them (the CRS only “lent credibility” to them)",
		"dprk-trained-hezbollah-bunkers-2000":           "the next sentence calls this “these reports” without naming them (the CRS only “lent credibility” to them)",
	},
	checkStatus: {
		"o-jin-u-met-rezai-1990-11":       "the meeting took place; only the sale in the same sentence was merely “authorized”",
		"o-jin-u-visited-tehran-1990-11":  "the meeting in Tehran took place; only the sale was merely “authorized”",
		"ri-yong-ho-visited-iran-2018-08": "Ri Yong Ho’s visit took place; only Zarif’s visit in the same sentence was a “pledge”",
	},
	checkDateText: {
		"dprk-iran-tanks-1980":         "end 198X: the sentence dates only the start (after September 1980); paragraph 10 puts this “initial tranche of arms sales to Iran during the 1980s”",
		"iran-acquired-t-54-t-55-1980": "end 198X: as dprk-iran-tanks-1980",
	},
	checkStateSpan: {
		"israel-fought-hezbollah-2006":          "“the 2006 Israel-Hezbollah war” began and ended within 2006",
		"dprk-sought-relations-with-iraq-1980s": "the efforts were “during the 1980s” (start and end in the decade), not “since”",
	},
}

// checkClaims runs the mechanical checks of the claim schema on claims drawn
// from the paragraphs of one article and returns the problems, one line each,
// naming the relationship.
func checkClaims(paras []string, sources map[string]source, entities map[string][]string, claims []claim, ex claimExceptions) []string {
	var probs []string
	used := map[string]bool{}
	fail := func(check, id, format string, args ...any) {
		if _, ok := ex[check][id]; ok {
			used[check+" "+id] = true
			return
		}
		probs = append(probs, "relationship "+id+": "+fmt.Sprintf(format, args...))
	}
	bad := func(id, format string, args ...any) { fail("", id, format, args...) }
	for _, c := range claims {
		// Provenance: the source, the paragraph and the quote in it.
		if c.SourceID == "" {
			bad(c.ID, "no sourceId")
		} else if _, ok := sources[c.SourceID]; !ok {
			bad(c.ID, "sourceId %q names no Source node", c.SourceID)
		}
		if c.Paragraph < 1 || c.Paragraph > len(paras) {
			bad(c.ID, "paragraph %d is not a paragraph of the article (1..%d)", c.Paragraph, len(paras))
		} else if !strings.Contains(paras[c.Paragraph-1], c.Evidence) {
			bad(c.ID, "evidence is not verbatim in paragraph %d: %q", c.Paragraph, c.Evidence)
		}
		if c.CitedID != "" {
			if _, ok := sources[c.CitedID]; !ok {
				bad(c.ID, "citedSourceId %q names no Source node", c.CitedID)
			}
		}
		if _, err := graph.ParseConfidence(c.Confidence); err != nil {
			bad(c.ID, "confidence %q is not one of the five levels", c.Confidence)
		}
		if _, err := graph.ParseStatus(c.Status); err != nil {
			bad(c.ID, "status %q is not a claim status", c.Status)
		}
		if c.Confidence == "reported" && c.CitedID == "" {
			fail(checkCited, c.ID, "reported, but no citedSourceId names the report")
		}

		// Items.
		if itemTypes[c.Type] && c.Item == "" {
			fail(checkItem, c.ID, "%s says nothing about what (no item)", c.Type)
		}
		if len(c.ItemIDs) > 0 && c.Item == "" {
			bad(c.ID, "itemIds without item")
		}
		for _, it := range c.ItemIDs {
			if _, ok := entities[it]; !ok {
				bad(c.ID, "itemIds names %q, which is no entity", it)
			}
		}

		// Status: "trying to", "authorized", "pledged" are not done deeds. The
		// check is on events: states in such a sentence (an office, a body's
		// parent) are not what the word qualifies, and a pledge is itself a
		// COMMUNICATED_WITH.
		if w := statusWords.FindString(c.Evidence); w != "" && !stateTypes[c.Type] && !mentionTypes[c.Type] && c.Type != "COMMUNICATED_WITH" &&
			(c.Status == "" || c.Status == "completed") {
			fail(checkStatus, c.ID, "the evidence says %q but the claim is completed", w)
		}

		// Direction: a supply "between A and B" gives no direction; the
		// symmetric TRANSFERRED_BETWEEN says what the sentence says.
		if c.Type == "SUPPLIED" || c.Type == "ACQUIRED" {
			for _, m := range between.FindAllStringSubmatch(c.Evidence, -1) {
				a, b := mentions(m[1], entities[c.From]), mentions(m[2], entities[c.To])
				a2, b2 := mentions(m[1], entities[c.To]), mentions(m[2], entities[c.From])
				if (a && b) || (a2 && b2) {
					fail(checkDirection, c.ID, "%s, but the evidence says %q, which gives no direction: use TRANSFERRED_BETWEEN", c.Type, m[0])
				}
			}
		}
		if c.Type == "TRANSFERRED_BETWEEN" && c.Status == "intercepted" {
			bad(c.ID, "an intercepted transfer has a known direction: use SUPPLIED with status intercepted")
		}

		// Confidence: a claim whose two endpoints are both inside a reported
		// clause ("A report revealed that ...", "According to ...") is a third
		// party's account, never confirmed. Mentions (the report reporting)
		// are the source's own statement.
		if loc := reportedClause.FindStringIndex(c.Evidence); loc != nil && !mentionTypes[c.Type] && c.Confidence == "confirmed" {
			clause := c.Evidence[loc[1]:]
			if loc[0] == 0 {
				clause = c.Evidence
			}
			if mentions(clause, entities[c.From]) && mentions(clause, entities[c.To]) {
				fail(checkClause, c.ID, "confirmed, but both endpoints are in the reported clause %q", clause)
			}
		}

		// Endpoint types and listings.
		if want, ok := endpointTypes[c.Type]; ok {
			if want.from != nil && c.FromType != "" && !slices.Contains(want.from, c.FromType) {
				fail(checkEndpoints, c.ID, "%s from a %s, want %s", c.Type, c.FromType, strings.Join(want.from, " or "))
			}
			if want.to != nil && c.ToType != "" && !slices.Contains(want.to, c.ToType) {
				fail(checkEndpoints, c.ID, "%s to a %s, want %s", c.Type, c.ToType, strings.Join(want.to, " or "))
			}
		}
		if c.Type == "LISTED_ON" && removalWords.MatchString(c.Evidence) && c.End == "" && (c.Ongoing == nil || *c.Ongoing) {
			fail(checkListing, c.ID, "the evidence speaks of %q but the listing has no end and no ongoing: false", removalWords.FindString(c.Evidence))
		}

		// A sentence that dates an unveiling and speaks of no making dates a
		// showing: DEVELOPED at that date would put the development there.
		if c.Type == "DEVELOPED" && c.Start != "" && unveilWords.MatchString(c.Evidence) && !developWords.MatchString(c.Evidence) {
			fail(checkUnveil, c.ID, "DEVELOPED at %s, but the sentence dates an unveiling (%q): use DISPLAYED", c.Start, unveilWords.FindString(c.Evidence))
		}

		// Time.
		dates := map[string]string{"start": c.Start, "end": c.End, "attested": c.Attested}
		for _, name := range []string{"start", "end", "attested"} {
			d := dates[name]
			if d == "" {
				continue
			}
			m := partialDate.FindStringSubmatch(d)
			if m == nil {
				bad(c.ID, "%s %q is not a partial date", name, d)
				continue
			}
			cited := sources[c.CitedID]
			if m[2] == "X" {
				if decade := m[1] + "0s"; !strings.Contains(c.Evidence, decade) {
					fail(checkDateText, c.ID, "%s %s: the evidence does not speak of the %s", name, d, decade)
				}
				continue
			}
			year := m[1] + m[2]
			if !strings.Contains(c.Evidence, year) && !strings.Contains(cited.Title, year) && !strings.HasPrefix(cited.Published, year) {
				fail(checkDateText, c.ID, "%s %s: the year is neither in the evidence nor in the cited source", name, d)
			}
			if name == "start" && m[2] == "0" && strings.Contains(c.Evidence, year+"s") && !regexp.MustCompile(`\b`+year+`\b`).MatchString(c.Evidence) {
				bad(c.ID, "start %s: the evidence says the %ss, not %s; use %sX", d, year, year, m[1])
			}
			if name != "attested" && c.CitedID != "" && cited.Published != "" && d == cited.Published {
				fail(checkReportDate, c.ID, "%s %s is the date of the cited report, not of the event", name, d)
			}
		}
		if c.Attested != "" && (c.Start != "" || c.End != "") {
			bad(c.ID, "attested %s with a start or end: a claim is either attested at a date or spans dates", c.Attested)
		}
		if c.Attested != "" && !stateTypes[c.Type] {
			bad(c.ID, "attested on the event type %s", c.Type)
		}
		if c.Ongoing != nil {
			switch {
			case *c.Ongoing && stateTypes[c.Type]:
				bad(c.ID, "ongoing: true on the state type %s, which holds onward anyway", c.Type)
			case !*c.Ongoing && !stateTypes[c.Type]:
				bad(c.ID, "ongoing: false on the event type %s", c.Type)
			case !*c.Ongoing && c.End != "":
				bad(c.ID, "ongoing: false with an end: the end already says it ended")
			}
		}
		if stateTypes[c.Type] && c.Start != "" && c.Start == c.End {
			fail(checkStateSpan, c.ID, "the state %s starts and ends on %s, which reads as a one-date event", c.Type, c.Start)
		}
		if stateTypes[c.Type] && c.End != "" && strings.Contains(strings.ToLower(c.Evidence), "since") && c.Start != "" &&
			strings.Contains(c.Evidence, "ince "+c.Start) {
			fail(checkStateSpan, c.ID, "the sentence says “since %s” but the state has an end", c.Start)
		}
		if officeTypes[c.Type] && c.Start != "" {
			fail(checkOfficeStart, c.ID, "an office seen at a date is attested then, not begun then: use attested, not start %s", c.Start)
		}
		if officeTypes[c.Type] && c.End == "" && (c.Ongoing == nil || *c.Ongoing) &&
			formerOf(c.Evidence, entities[c.From]) {
			fail(checkFormer, c.ID, "the evidence calls %s “former”, but the office has no end and no ongoing: false", c.From)
		}
	}
	for check, ids := range ex {
		for id, reason := range ids {
			if !used[check+" "+id] {
				probs = append(probs, fmt.Sprintf("exception %s / %s (%s) is not needed; remove it", check, id, reason))
			}
		}
	}
	slices.Sort(probs)
	return probs
}

// formerOf reports whether text calls an entity known by labels "former":
// the word comes at most a few words before one of its labels.
func formerOf(text string, labels []string) bool {
	lower := strings.ToLower(text)
	for i := 0; ; {
		j := strings.Index(lower[i:], "former ")
		if j < 0 {
			return false
		}
		i += j + len("former ")
		window := text[i:min(len(text), i+40)]
		for _, l := range labels {
			if l != "" && strings.Contains(window, l) {
				return true
			}
		}
	}
}

// TestCheckClaims shows that each claim check fails on the error it exists
// for, and passes the same claim once it is stated as the sentence says.
func TestCheckClaims(t *testing.T) {
	paras := []string{
		"Title",
		"KOMID was trying to supply missiles to the Houthis in 2018.",
		"North Korea had informally established contact with Hezbollah in the 1980s.",
		"Moderate figures, such as former President Hassan Rouhani, disagreed.",
		"In November 1990, IRGC head Mohsen Rezai met O Jin U.",
		"Relations since 1973 were close.",
		"A May 2011 UN report revealed regular flights between North Korea and Iran, which transferred missile-related equipment.",
		"The US announced North Korea’s removal from the state sponsors of terrorism list in June 2008.",
		"Syrian arms dealer Hussein al-Ali served as an interlocutor.",
		"An August 2018 UN report revealed that KOMID was trying to supply missiles to the Houthis.",
		"According to US intelligence reports, North Korean engineers helped manage missile plants in Syria.",
		"In October 2010, North Korea unveiled a new Nodong missile warhead.",
	}
	sources := map[string]source{
		"art":        {Title: "Title"},
		"un-2018-08": {Title: "An August 2018 UN report", Published: "2018-08"},
	}
	entities := map[string][]string{
		"komid": {"KOMID"}, "houthis": {"Houthis"}, "missiles": {"missiles"}, "north-korea": {"North Korea"},
		"hezbollah": {"Hezbollah"}, "rouhani": {"Hassan Rouhani"}, "iran": {"Iran"}, "rezai": {"Mohsen Rezai"}, "irgc": {"IRGC"},
		"equipment": {"missile-related equipment"}, "sst": {"state sponsors of terrorism list"}, "al-ali": {"Hussein al-Ali"},
		"syria": {"Syria"}, "scud-c": {"Scud-C"}, "un": {"UN"}, "warhead": {"Nodong missile warhead"},
	}
	f := false
	tr := true
	supply := claim{ID: "c", Type: "SUPPLIED", From: "komid", To: "houthis", Evidence: paras[1], SourceID: "art", Paragraph: 2,
		Status: "attempted", Item: "missiles", ItemIDs: []string{"missiles"}, CitedID: "un-2018-08", Confidence: "reported"}
	contact := claim{ID: "c", Type: "COMMUNICATED_WITH", From: "north-korea", To: "hezbollah", Evidence: paras[2], SourceID: "art",
		Paragraph: 3, Start: "198X", Confidence: "confirmed"}
	office := claim{ID: "c", Type: "LEADS", From: "rouhani", To: "iran", Evidence: paras[3], SourceID: "art", Paragraph: 4,
		Ongoing: &f, Confidence: "confirmed"}
	head := claim{ID: "c", Type: "LEADS", From: "rezai", To: "irgc", Evidence: paras[4], SourceID: "art", Paragraph: 5,
		Attested: "1990-11", Confidence: "confirmed"}
	since := claim{ID: "c", Type: "DIPLOMATIC_RELATIONS", From: "iran", To: "north-korea", Evidence: paras[5], SourceID: "art",
		Paragraph: 6, Start: "1973", Confidence: "confirmed"}
	flights := claim{ID: "c", Type: "TRANSFERRED_BETWEEN", From: "north-korea", To: "iran", Evidence: paras[6], SourceID: "art",
		Paragraph: 7, Item: "missile-related equipment", CitedID: "un-2018-08", Confidence: "reported"}
	listed := claim{ID: "c", Type: "LISTED_ON", From: "north-korea", To: "sst", ToType: "Document", Evidence: paras[7], SourceID: "art",
		Paragraph: 8, Ongoing: &f, Confidence: "confirmed"}
	national := claim{ID: "c", Type: "NATIONAL_OF", From: "al-ali", FromType: "Person", To: "syria", ToType: "State", Evidence: paras[8],
		SourceID: "art", Paragraph: 9, Confidence: "confirmed"}
	attempt := claim{ID: "c", Type: "SUPPLIED", From: "komid", To: "houthis", Evidence: paras[9], SourceID: "art", Paragraph: 10,
		Status: "attempted", Item: "missiles", CitedID: "un-2018-08", Confidence: "reported"}
	reportOn := claim{ID: "c", Type: "REPORTED_ON", From: "un", To: "komid", Evidence: paras[9], SourceID: "art", Paragraph: 10,
		Confidence: "confirmed"}
	engineers := claim{ID: "c", Type: "ASSISTED", From: "north-korea", To: "syria", Evidence: paras[10], SourceID: "art", Paragraph: 11,
		CitedID: "un-2018-08", Confidence: "reported"}
	unveiled := claim{ID: "c", Type: "DISPLAYED", From: "north-korea", To: "warhead", ToType: "Weapon", Evidence: paras[11], SourceID: "art",
		Paragraph: 12, Start: "2010-10", Confidence: "confirmed"}
	with := func(c claim, edit func(*claim)) claim { edit(&c); return c }
	for _, tt := range []struct {
		name  string
		claim claim
		ex    claimExceptions
		want  string // in the only problem; "" for none
	}{
		{"attempted supply as the sentence says", supply, nil, ""},
		{"decade contact", contact, nil, ""},
		{"former president ended", office, nil, ""},
		{"office attested", head, nil, ""},
		{"state since a year", since, nil, ""},
		{"no sourceId", with(supply, func(c *claim) { c.SourceID = "" }), nil, "no sourceId"},
		{"unknown source", with(supply, func(c *claim) { c.SourceID = "x" }), nil, `sourceId "x" names no Source`},
		{"wrong paragraph", with(supply, func(c *claim) { c.Paragraph = 3 }), nil, "not verbatim in paragraph 3"},
		{"paragraph out of range", with(supply, func(c *claim) { c.Paragraph = 0 }), nil, "paragraph 0 is not a paragraph"},
		{"unknown cited source", with(supply, func(c *claim) { c.CitedID = "y" }), nil, `citedSourceId "y" names no Source`},
		{"reported without its report", with(supply, func(c *claim) { c.CitedID = "" }), nil, "no citedSourceId"},
		{"reported without its report, excepted", with(supply, func(c *claim) { c.CitedID = "" }),
			claimExceptions{checkCited: {"c": "why"}}, ""},
		{"stale exception", supply, claimExceptions{checkCited: {"c": "why"}}, "is not needed"},
		{"unknown confidence", with(supply, func(c *claim) { c.Confidence = "likely" }), nil, `confidence "likely"`},
		{"unknown status", with(supply, func(c *claim) { c.Status = "done" }), nil, `status "done"`},
		{"supply without item", with(supply, func(c *claim) { c.Item, c.ItemIDs = "", nil }), nil, "no item"},
		{"itemIds name no entity", with(supply, func(c *claim) { c.ItemIDs = []string{"scud"} }), nil, `"scud", which is no entity`},
		{"trying to stored as done", with(supply, func(c *claim) { c.Status = "" }), nil, `says "trying to"`},
		{"dated with its report", with(supply, func(c *claim) { c.Start = "2018-08" }), nil, "date of the cited report"},
		{"year from nowhere", with(supply, func(c *claim) { c.Start = "2017" }), nil, "neither in the evidence nor in the cited source"},
		{"1980s as 1980", with(contact, func(c *claim) { c.Start = "1980" }), nil, "use 198X"},
		{"decade not in the sentence", with(contact, func(c *claim) { c.Start = "199X" }), nil, "does not speak of the 1990s"},
		{"not a date", with(contact, func(c *claim) { c.Start = "the 1980s" }), nil, "not a partial date"},
		{"former president still in office", with(office, func(c *claim) { c.Ongoing = nil }), nil, "calls rouhani “former”"},
		{"ongoing false on an event", with(contact, func(c *claim) { c.Ongoing = &f }), nil, "ongoing: false on the event type"},
		{"ongoing true on a state", with(since, func(c *claim) { c.Ongoing = &tr }), nil, "ongoing: true on the state type"},
		{"office begun at a sighting", with(head, func(c *claim) { c.Attested, c.Start = "", "1990-11" }), nil, "use attested, not start"},
		{"attested with a start", with(since, func(c *claim) { c.Attested = "1973" }), nil, "either attested at a date or spans dates"},
		{"attested event", with(contact, func(c *claim) { c.Start, c.Attested = "", "198X" }), nil, "attested on the event type"},
		{"since stored as one date", with(since, func(c *claim) { c.End = "1973" }), nil, "reads as a one-date event"},
		{"transfer with no direction", flights, nil, ""},
		{"transfer with no direction says what", with(flights, func(c *claim) { c.Item = "" }), nil, "TRANSFERRED_BETWEEN says nothing about what"},
		{"between stored as a supply", with(flights, func(c *claim) { c.Type = "SUPPLIED" }), nil, "gives no direction: use TRANSFERRED_BETWEEN"},
		{"between stored as a supply the other way", with(flights, func(c *claim) { c.Type, c.From, c.To = "SUPPLIED", "iran", "north-korea" }), nil,
			"gives no direction"},
		{"intercepted transfer without direction", with(flights, func(c *claim) { c.Status = "intercepted" }), nil, "use SUPPLIED with status intercepted"},
		{"listing removed", listed, nil, ""},
		{"listing removed but not ended", with(listed, func(c *claim) { c.Ongoing = nil }), nil, "speaks of \"removal\""},
		{"listed on a state", with(listed, func(c *claim) { c.ToType = "State" }), nil, "LISTED_ON to a State, want Document"},
		{"national", national, nil, ""},
		{"national of a group", with(national, func(c *claim) { c.ToType = "Organization" }), nil, "NATIONAL_OF to a Organization, want State"},
		{"a state as a national", with(national, func(c *claim) { c.FromType = "State" }), nil, "NATIONAL_OF from a State, want Person"},
		{"displayed a state", with(national, func(c *claim) { c.Type = "DISPLAYED" }), nil, "DISPLAYED to a State, want Weapon"},
		{"holding says what", with(national, func(c *claim) { c.Type = "HELD_ASSETS_OF" }), nil, "HELD_ASSETS_OF says nothing about what"},
		{"revealed that, reported", attempt, nil, ""},
		{"revealed that, confirmed", with(attempt, func(c *claim) { c.Confidence, c.CitedID = "confirmed", "" }), nil, "in the reported clause"},
		{"the report itself is the source's own", reportOn, nil, ""},
		{"revealed without that, confirmed", with(flights, func(c *claim) { c.Confidence, c.CitedID = "confirmed", "" }), nil, "in the reported clause"},
		{"according to, reported", engineers, nil, ""},
		{"unveiled", unveiled, nil, ""},
		{"unveiling stored as development", with(unveiled, func(c *claim) { c.Type = "DEVELOPED" }), nil, "dates an unveiling"},
		{"undated development in an unveiling's sentence", with(unveiled, func(c *claim) { c.Type, c.Start = "DEVELOPED", "" }), nil, ""},
		{"according to, confirmed", with(engineers, func(c *claim) { c.Confidence = "confirmed" }), nil, "in the reported clause"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := checkClaims(paras, sources, entities, []claim{tt.claim}, tt.ex)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("checkClaims = %q, want no problem", got)
				}
				return
			}
			if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("checkClaims = %q, want a problem containing %q", got, tt.want)
			}
		})
	}
}
