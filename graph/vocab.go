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
	return "", fmt.Errorf("%w: unknown entity type %q (want one of %s)", ErrInvalid, s, strings.Join(names, ", "))
}

// RelType is a relationship type from the fixed vocabulary.
type RelType string

// RelSpec documents one relationship type: what it means, how it is directed,
// and the closest FollowTheMoney interval schema with the properties that take
// the source and the target node.
type RelSpec struct {
	Type      RelType
	Meaning   string
	Symmetric bool
	FtM       string
	FtMFrom   string
	FtMTo     string
}

// Vocabulary is the closed set of relationship types. A relationship always
// points from the actor to what it acts on; for symmetric types the direction
// carries no meaning and queries ignore it.
var Vocabulary = []RelSpec{
	{"SUPPLIED", "source delivered or sold arms, materiel, parts or technology to target", false, "UnknownLink", "subject", "object"},
	{"ASSISTED", "source gave technical, military or other help to target", false, "UnknownLink", "subject", "object"},
	{"TRAINED", "source trained target's personnel", false, "UnknownLink", "subject", "object"},
	{"TRANSPORTED_FOR", "source carried goods or people on behalf of target", false, "Representation", "agent", "client"},
	{"BROKERED_FOR", "source acted as intermediary or dealer for target", false, "Representation", "agent", "client"},
	{"COOPERATED_WITH", "source and target worked together", true, "UnknownLink", "subject", "object"},
	{"DIPLOMATIC_RELATIONS", "source and target hold diplomatic relations", true, "UnknownLink", "subject", "object"},
	{"MET_WITH", "source met target in person", true, "UnknownLink", "subject", "object"},
	{"VISITED", "source travelled to target (a state, place or facility)", false, "UnknownLink", "subject", "object"},
	{"COMMUNICATED_WITH", "source sent a message, congratulation or pledge to target", false, "UnknownLink", "subject", "object"},
	{"SUPPORTS", "source backs target politically, financially or militarily", false, "UnknownLink", "subject", "object"},
	{"ACQUIRED", "source bought or obtained target (a weapon or technology)", false, "UnknownLink", "subject", "object"},
	{"DEVELOPED", "source developed, built or unveiled target (a weapon, facility or technology)", false, "UnknownLink", "subject", "object"},
	{"DERIVED_FROM", "source (a design) was derived from or inspired by target", false, "UnknownLink", "subject", "object"},
	{"RESEMBLES", "source looks like target, as stated by an observer", true, "UnknownLink", "subject", "object"},
	{"SUBSIDIARY_OF", "source is a subsidiary or component of target", false, "Ownership", "asset", "owner"},
	{"PART_OF", "source is an agency, unit or branch of target", false, "Membership", "member", "organization"},
	{"LOCATED_IN", "source (a facility, site, place or body) lies or is based in target", false, "UnknownLink", "subject", "object"},
	{"STATIONED_AT", "source's personnel or forces were present at target (a site or place)", false, "UnknownLink", "subject", "object"},
	{"TRANSITED", "source passed through target's territory or airspace", false, "UnknownLink", "subject", "object"},
	{"LEADS", "source heads target", false, "Directorship", "director", "organization"},
	{"OFFICIAL_OF", "source holds an office in target", false, "Employment", "employee", "employer"},
	{"MEMBER_OF", "source is a member of target", false, "Membership", "member", "organization"},
	{"SIGNED", "source is a party to target (an agreement)", false, "UnknownLink", "subject", "object"},
	{"WITHDREW_FROM", "source left target (an agreement or organization)", false, "UnknownLink", "subject", "object"},
	{"SANCTIONED", "source imposed sanctions on, or froze the assets of, target", false, "Sanction", "authority", "entity"},
	{"DELISTED", "source removed target from a sanctions or terrorism list", false, "UnknownLink", "subject", "object"},
	{"ACCUSED", "source publicly accused target", false, "UnknownLink", "subject", "object"},
	{"PUBLISHED", "source issued target (a report, list or statement)", false, "UnknownLink", "subject", "object"},
	{"REPORTED_ON", "source (a report, outlet or body) revealed or reported facts about target", false, "UnknownLink", "subject", "object"},
	{"EXPOSED", "source revealed the existence of target", false, "UnknownLink", "subject", "object"},
	{"AMPLIFIED", "source republished or echoed target's content", false, "UnknownLink", "subject", "object"},
	{"CONDUCTED", "source carried out target (a test, launch or operation)", false, "UnknownLink", "subject", "object"},
	{"PARTICIPATED_IN", "source took part in or was present at target (an event)", false, "UnknownLink", "subject", "object"},
	{"ATTACKED", "source struck or destroyed target", false, "UnknownLink", "subject", "object"},
	{"FOUGHT", "source and target were at war", true, "UnknownLink", "subject", "object"},
	{"DISPUTED_WITH", "source and target clashed diplomatically", true, "UnknownLink", "subject", "object"},
	{"SEIZED", "source detained or seized target", false, "UnknownLink", "subject", "object"},
	{"USED", "source employed target (a weapon or system)", false, "UnknownLink", "subject", "object"},
	{"CRITICIZED", "source blamed or criticised target", false, "UnknownLink", "subject", "object"},
	{"OPPOSES", "source is hostile to or acts against target", false, "UnknownLink", "subject", "object"},
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
		return "", fmt.Errorf("%w: unknown relationship type %q (see `explorer types` or docs/vocabulary.md)", ErrInvalid, s)
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
	Confirmed Confidence = "confirmed"
	Reported  Confidence = "reported"
	Alleged   Confidence = "alleged"
	Disputed  Confidence = "disputed"
)

// ParseConfidence returns the confidence level named s.
func ParseConfidence(s string) (Confidence, error) {
	switch c := Confidence(strings.ToLower(strings.TrimSpace(s))); c {
	case Confirmed, Reported, Alleged, Disputed:
		return c, nil
	}
	return "", fmt.Errorf("%w: unknown confidence %q (want confirmed, reported, alleged or disputed)", ErrInvalid, s)
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
	b.WriteString("| type | meaning | direction | FollowTheMoney |\n|---|---|---|---|\n")
	for _, s := range Vocabulary {
		dir := "directed"
		if s.Symmetric {
			dir = "symmetric"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s (%s → %s) |\n", s.Type, s.Meaning, dir, s.FtM, s.FtMFrom, s.FtMTo)
	}
	b.WriteString("\n## Confidence\n\n| level | use it when the source |\n|---|---|\n")
	b.WriteString("| `confirmed` | states the fact plainly |\n| `reported` | attributes it to a report or investigation (\"revealed\", \"according to\") |\n")
	b.WriteString("| `alleged` | presents it as a claim (\"alleged\", \"accused\", \"asserted\") |\n| `disputed` | also gives a contrary account |\n")
	return b.String()
}
