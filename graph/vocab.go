package graph

import (
	"fmt"
	"slices"
	"strings"
)

// EntityType is the type label an entity carries besides :Entity.
type EntityType string

// The entity types. The set is closed: anything else is rejected on input.
const (
	Person       EntityType = "Person"
	Organization EntityType = "Organization"
	State        EntityType = "State"
	Facility     EntityType = "Facility"
	Weapon       EntityType = "Weapon"
	Event        EntityType = "Event"
	Agreement    EntityType = "Agreement"
	Document     EntityType = "Document"
	Vessel       EntityType = "Vessel"
	Place        EntityType = "Place"
)

// EntityTypes lists every entity type with its meaning, in display order.
var EntityTypes = []struct {
	Type    EntityType
	Meaning string
}{
	{Person, "a natural person"},
	{Organization, "a company, agency, armed group, party, media outlet or other body"},
	{State, "a sovereign state or its government acting as a whole"},
	{Facility, "a site, plant, reactor, base or other physical installation"},
	{Weapon, "a weapon system, missile, vehicle class or military technology"},
	{Event, "a dated happening: a war, a test, a launch, a seizure"},
	{Agreement, "a treaty, accord or contract"},
	{Document, "a report, list or other publication that acts in the record"},
	{Vessel, "a ship or aircraft"},
	{Place, "a city, region or other location that is not a state"},
}

// ParseEntityType returns the entity type named s (case-insensitive).
func ParseEntityType(s string) (EntityType, error) {
	for _, t := range EntityTypes {
		if strings.EqualFold(string(t.Type), s) {
			return t.Type, nil
		}
	}
	names := make([]string, len(EntityTypes))
	for i, t := range EntityTypes {
		names[i] = string(t.Type)
	}
	return "", Errorf(ErrInvalid, "unknown entity type %q (want one of %s)", s, strings.Join(names, ", "))
}

// RelType is a relationship type from the fixed vocabulary.
type RelType string

// RelSpec documents one relationship type: what it means, how it is directed,
// the closest FollowTheMoney interval schema with the properties that take
// the source and the target node, what kind of time it has and which family
// of links it belongs to.
type RelSpec struct {
	Type      RelType
	Meaning   string
	Symmetric bool
	FtM       string
	FtMFrom   string
	FtMTo     string
	Time      TimeKind
	Family    Family
}

// TimeKind says how a relationship type holds in time.
type TimeKind string

// The time kinds.
const (
	// TimeEvent is a point or a short span: a shipment, a meeting, a test. A
	// dated event holds from the first day of its start to the last day of
	// its end, or of its start when it has no end.
	TimeEvent TimeKind = "event"
	// TimeState lasts until it ends: an ownership, an office, diplomatic
	// relations. A state with a start and no end holds from its start
	// onward ("since"), as FollowTheMoney and registries read a missing end.
	TimeState TimeKind = "state"
)

// Family groups relationship types by what kind of link they are.
type Family string

// The families. Path and neighbourhood searches walk operational and
// political links by default; mentions only when asked.
const (
	// Operational links: supply, assistance, training, transport,
	// brokering, ownership, command, membership, cooperation, meetings,
	// hostilities.
	Operational Family = "operational"
	// Political links: support, opposition, diplomacy, criticism, sanctions.
	Political Family = "political"
	// Mention: a document, body or observer saying something about an
	// entity. Evidence of a link is not a link.
	Mention Family = "mention"
)

// Families lists the families with their meaning, in display order.
var Families = []struct {
	Family  Family
	Meaning string
}{
	{Operational, "acts between actors: supply, assistance, training, transport, brokering, ownership, command, membership, cooperation, meetings, hostilities"},
	{Political, "stances between actors: support, opposition, diplomacy, criticism, sanctions"},
	{Mention, "a document, body or observer saying something about an entity; evidence of a link, not a link (walked only when asked)"},
}

// ParseFamily returns the family named s (case-insensitive).
func ParseFamily(s string) (Family, error) {
	switch f := Family(strings.ToLower(strings.TrimSpace(s))); f {
	case Operational, Political, Mention:
		return f, nil
	}
	return "", Errorf(ErrInvalid, "unknown link family %q (want operational, political or mention)", s)
}

// TypesOf returns the relationship types of the given families, in
// vocabulary order.
func TypesOf(fams ...Family) []RelType {
	var out []RelType
	for _, s := range Vocabulary {
		if slices.Contains(fams, s.Family) {
			out = append(out, s.Type)
		}
	}
	return out
}

// Vocabulary is the closed set of relationship types. A relationship always
// points from the actor to what it acts on; for symmetric types the direction
// carries no meaning and queries ignore it.
var Vocabulary = []RelSpec{
	{"SUPPLIED", "source delivered or sold arms, materiel, parts or technology to target", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"ASSISTED", "source gave technical, military or other help to target", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"TRAINED", "source trained target's personnel", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"TRANSPORTED_FOR", "source carried goods or people on behalf of target", false, "Representation", "agent", "client", TimeEvent, Operational},
	{"TRANSFERRED_BETWEEN", "goods, arms or technology (the item) moved between source and target in a direction the source does not give", true, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"BROKERED_FOR", "source acted as intermediary or dealer for target", false, "Representation", "agent", "client", TimeEvent, Operational},
	{"COOPERATED_WITH", "source and target worked together", true, "UnknownLink", "subject", "object", TimeState, Operational},
	{"DIPLOMATIC_RELATIONS", "source and target hold diplomatic relations", true, "UnknownLink", "subject", "object", TimeState, Political},
	{"MET_WITH", "source met target in person", true, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"VISITED", "source travelled to target (a state, place or facility)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"COMMUNICATED_WITH", "source sent a message, congratulation or pledge to target", false, "UnknownLink", "subject", "object", TimeEvent, Political},
	{"SUPPORTS", "source backs target politically, financially or militarily", false, "UnknownLink", "subject", "object", TimeState, Political},
	{"ACQUIRED", "source bought or obtained target (a weapon or technology)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"DEVELOPED", "source developed or built target (a weapon, facility or technology); showing it in public is DISPLAYED", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"DERIVED_FROM", "source (a design) was derived from or inspired by target", false, "UnknownLink", "subject", "object", TimeState, Operational},
	{"RESEMBLES", "source looks like target, as stated by an observer", true, "UnknownLink", "subject", "object", TimeState, Mention},
	{"SUBSIDIARY_OF", "source is a subsidiary or component of target", false, "Ownership", "asset", "owner", TimeState, Operational},
	{"OWNS", "source owns all or part of target (a company or other asset); percentage and sharesCount give the share where known", false, "Ownership", "owner", "asset", TimeState, Operational},
	{"HELD_ASSETS_OF", "source (a bank or other holder) held funds or other assets (the item) belonging to target", false, "UnknownLink", "subject", "object", TimeState, Operational},
	{"PART_OF", "source is an agency, unit or branch of target", false, "Membership", "member", "organization", TimeState, Operational},
	{"LOCATED_IN", "source (a facility, site, place or body) lies or is based in target", false, "UnknownLink", "subject", "object", TimeState, Operational},
	{"STATIONED_AT", "source's personnel or forces were present at target (a site or place)", false, "UnknownLink", "subject", "object", TimeState, Operational},
	{"TRANSITED", "source passed through target's territory or airspace", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"LEADS", "source heads target", false, "Directorship", "director", "organization", TimeState, Operational},
	{"OFFICIAL_OF", "source holds an office in target", false, "Employment", "employee", "employer", TimeState, Operational},
	{"MEMBER_OF", "source is a member of target", false, "Membership", "member", "organization", TimeState, Operational},
	{"NATIONAL_OF", "source (a person) is a national or citizen of target (a state)", false, "UnknownLink", "subject", "object", TimeState, Operational},
	{"SIGNED", "source is a party to target (an agreement)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"WITHDREW_FROM", "source left target (an agreement or organization)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"SANCTIONED", "source imposed sanctions on, or froze the assets of, target", false, "Sanction", "authority", "entity", TimeState, Political},
	{"LISTED_ON", "source is or was on target (a sanctions, terrorism or other designation list)", false, "UnknownLink", "subject", "object", TimeState, Political},
	{"DELISTED", "source removed target from a sanctions or terrorism list", false, "UnknownLink", "subject", "object", TimeEvent, Political},
	{"ACCUSED", "source publicly accused target", false, "UnknownLink", "subject", "object", TimeEvent, Mention},
	{"PUBLISHED", "source issued target (a report, list or statement)", false, "UnknownLink", "subject", "object", TimeEvent, Mention},
	{"REPORTED_ON", "source (a report, outlet or body) revealed or reported facts about target", false, "UnknownLink", "subject", "object", TimeEvent, Mention},
	{"EXPOSED", "source revealed the existence of target", false, "UnknownLink", "subject", "object", TimeEvent, Mention},
	{"AMPLIFIED", "source republished or echoed target's content", false, "UnknownLink", "subject", "object", TimeEvent, Mention},
	{"CONDUCTED", "source carried out target (a test, launch or operation)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"PARTICIPATED_IN", "source took part in or was present at target (an event)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"ATTACKED", "source struck or destroyed target", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"FOUGHT", "source and target were at war", true, "UnknownLink", "subject", "object", TimeState, Operational},
	{"DISPUTED_WITH", "source and target clashed diplomatically", true, "UnknownLink", "subject", "object", TimeEvent, Political},
	{"SEIZED", "source detained or seized target", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"USED", "source employed target (a weapon or system)", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"DISPLAYED", "source showed target (a weapon or system) in public: a parade, an unveiling, an exhibition", false, "UnknownLink", "subject", "object", TimeEvent, Operational},
	{"CRITICIZED", "source blamed or criticised target", false, "UnknownLink", "subject", "object", TimeEvent, Political},
	{"OPPOSES", "source is hostile to or acts against target", false, "UnknownLink", "subject", "object", TimeState, Political},
}

// Spec returns the vocabulary entry for t.
func (t RelType) Spec() (RelSpec, bool) {
	i := slices.IndexFunc(Vocabulary, func(s RelSpec) bool { return s.Type == t })
	if i < 0 {
		return RelSpec{}, false
	}
	return Vocabulary[i], true
}

// ParseRelType returns the relationship type named s. Input is upper-cased, so
// "supplied" is SUPPLIED; anything outside the vocabulary is an error.
func ParseRelType(s string) (RelType, error) {
	t := RelType(strings.ToUpper(strings.TrimSpace(s)))
	if _, ok := t.Spec(); !ok {
		return "", Errorf(ErrInvalid, "unknown relationship type %q (see `explorer types` or docs/vocabulary.md)", s)
	}
	return t, nil
}

// ParseRelTypes parses a comma-separated list of relationship types; the empty
// string is the empty list (no filter).
func ParseRelTypes(s string) ([]RelType, error) {
	var out []RelType
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		t, err := ParseRelType(part)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

// Confidence says how firmly the source states a relationship.
type Confidence string

// The confidence levels, from firmest to weakest.
const (
	// Confirmed: the source states it as fact in its own voice.
	Confirmed Confidence = "confirmed"
	// Reported: the source attributes it to a third party's report or
	// investigation; the claim names that report as its cited source.
	Reported Confidence = "reported"
	// Assessed: the author's own analytical judgement or inference.
	Assessed Confidence = "assessed"
	// Alleged: someone alleges or accuses.
	Alleged Confidence = "alleged"
	// Disputed: the source also gives a contrary account.
	Disputed Confidence = "disputed"
)

// Confidences lists the levels from firmest to weakest with the rule for
// each; the order is the order of --min-confidence.
var Confidences = []struct {
	Level Confidence
	Rule  string
}{
	{Confirmed, "states it as fact in its own voice"},
	{Reported, "attributes it to a third party's report or investigation (\"revealed\", \"according to\"); the claim names that report as its cited source"},
	{Assessed, "offers it as the author's own judgement or inference (\"appears\", \"likely\", \"suggests\")"},
	{Alleged, "presents it as someone's claim (\"alleged\", \"accused\", \"asserted\")"},
	{Disputed, "also gives a contrary account"},
}

// ParseConfidence returns the confidence level named s.
func ParseConfidence(s string) (Confidence, error) {
	c := Confidence(strings.ToLower(strings.TrimSpace(s)))
	if c.Rank() >= 0 {
		return c, nil
	}
	return "", Errorf(ErrInvalid, "unknown confidence %q (want confirmed, reported, assessed, alleged or disputed)", s)
}

// Rank returns c's place from firmest (0) to weakest, or -1 for an unknown
// level.
func (c Confidence) Rank() int {
	return slices.IndexFunc(Confidences, func(l struct {
		Level Confidence
		Rule  string
	}) bool {
		return l.Level == c
	})
}

// AtLeast returns the levels at least as firm as c, firmest first.
func (c Confidence) AtLeast() []Confidence {
	var out []Confidence
	for i := 0; i <= c.Rank(); i++ {
		out = append(out, Confidences[i].Level)
	}
	return out
}

// Status says how far a claimed act went.
type Status string

// The statuses. A relationship without one is Completed.
const (
	Completed   Status = "completed"
	Attempted   Status = "attempted"
	Authorised  Status = "authorised"
	Planned     Status = "planned"
	Intercepted Status = "intercepted"
)

// Statuses lists the statuses with their meaning, completed first.
var Statuses = []struct {
	Status  Status
	Meaning string
}{
	{Completed, "it happened (or holds) as stated; the default"},
	{Attempted, "someone tried and the source does not say it succeeded"},
	{Authorised, "it was approved or ordered; the source does not say it was carried out"},
	{Planned, "it was planned, pledged, intended or agreed; not known to have happened"},
	{Intercepted, "it was under way and was stopped or seized"},
}

// ParseStatus returns the status named s; "" is Completed.
func ParseStatus(s string) (Status, error) {
	st := Status(strings.ToLower(strings.TrimSpace(s)))
	if st == "" {
		return Completed, nil
	}
	for _, x := range Statuses {
		if x.Status == st {
			return st, nil
		}
	}
	return "", Errorf(ErrInvalid, "unknown status %q (want completed, attempted, authorised, planned or intercepted)", s)
}

// VocabularyMarkdown documents both vocabularies as Markdown tables; it is
// the source of docs/vocabulary.md (kept in sync by a test).
func VocabularyMarkdown() string {
	var b strings.Builder
	b.WriteString("# Vocabulary\n\nGenerated from `graph/vocab.go` by `go test ./graph -run TestVocabularyDoc -update`; do not edit by hand.\n\n")
	b.WriteString("## Entity types\n\nEvery node has the label `:Entity` and exactly one of these labels.\n\n| type | meaning |\n|---|---|\n")
	for _, t := range EntityTypes {
		fmt.Fprintf(&b, "| `%s` | %s |\n", t.Type, t.Meaning)
	}
	b.WriteString("\n## Relationship types\n\nA relationship points from the actor (source) to what it acts on (target). ")
	b.WriteString("Symmetric types are stored in one direction (the article's subject first) and path queries walk every relationship in both directions unless `--directed` is given. ")
	b.WriteString("The FollowTheMoney column names the interval schema used on export and the properties that take the source and the target.\n\n")
	b.WriteString("The time column says how a dated relationship holds: an *event* holds from the first day of its start to the last day of its end (or of its start); a *state* holds from its start until its end, or onward when no end is known. ")
	b.WriteString("A relationship may override its type's kind: `ongoing: true` makes an event a lasting one, `ongoing: false` (or `end: \"unknown\"` on input) says a state ended at a date the source does not give, so it holds only at its start. ")
	b.WriteString("A state merely mentioned at a date (`attested`) holds at that date and says nothing beyond it; an undated relationship has unknown time.\n\n")
	b.WriteString("| type | meaning | direction | time | family | FollowTheMoney |\n|---|---|---|---|---|---|\n")
	for _, s := range Vocabulary {
		dir := "directed"
		if s.Symmetric {
			dir = "symmetric"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s (%s → %s) |\n", s.Type, s.Meaning, dir, s.Time, s.Family, s.FtM, s.FtMFrom, s.FtMTo)
	}
	b.WriteString("\n## Families\n\nPath and neighbourhood searches walk operational and political links unless told otherwise; mentions are walked only when asked for (`--with-mentions`, or by naming their types).\n\n| family | what it holds |\n|---|---|\n")
	for _, f := range Families {
		fmt.Fprintf(&b, "| `%s` | %s |\n", f.Family, f.Meaning)
	}
	b.WriteString("\n## Confidence\n\nFrom firmest to weakest; claims that share a sentence and its hedge share a level.\n\n| level | use it when the source |\n|---|---|\n")
	for _, c := range Confidences {
		fmt.Fprintf(&b, "| `%s` | %s |\n", c.Level, c.Rule)
	}
	b.WriteString("\n## Status\n\nHow far a claimed act went. `SUPPLIED` with no status means delivered.\n\n| status | meaning |\n|---|---|\n")
	for _, x := range Statuses {
		fmt.Fprintf(&b, "| `%s` | %s |\n", x.Status, x.Meaning)
	}
	return b.String()
}
