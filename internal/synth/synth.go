// Package synth generates realistic synthetic graphs for benchmarks and load
// tests: entity types in plausible proportions, power-law degrees from
// preferential attachment (a few hubs touch a large share of the
// relationships, as KOMID or the IRGC do in real data), relationship types
// from graph.Vocabulary chosen by the endpoints' types, partial dates of
// mixed precision, evidence, sources and confidence. The same seed always
// gives the same graph.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"explorer/graph"
)

// Config sizes a synthetic graph.
type Config struct {
	Nodes int
	Rels  int
	Seed  uint64
	// Uniform is the chance that an endpoint is drawn uniformly instead of by
	// degree (0.25 when zero); lower values give bigger hubs.
	Uniform float64
}

// Generate calls entity for every node, then rel for every relationship.
// It stops at the first error a callback returns.
func Generate(cfg Config, entity func(graph.Entity) error, rel func(graph.Relationship) error) error {
	if cfg.Nodes < 2 && cfg.Rels > 0 {
		return graph.Errorf(graph.ErrInvalid, "synth: relationships need at least 2 nodes")
	}
	if cfg.Uniform == 0 {
		cfg.Uniform = 0.25
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	types := make([]graph.EntityType, cfg.Nodes)
	names := make([]string, cfg.Nodes)
	ids := make([]string, cfg.Nodes)
	states := 0
	for i := range cfg.Nodes {
		t := pickType(rng)
		if t == graph.State && states >= len(countries) {
			t = graph.Place
		}
		name := makeName(rng, t, i, &states)
		types[i], names[i] = t, name
		ids[i] = fmt.Sprintf("%s-%d", slugPrefix(name), i)
		e := graph.Entity{ID: ids[i], Name: name, Type: t}
		if rng.IntN(3) == 0 {
			e.Aliases = []string{acronym(name)}
		}
		if rng.IntN(2) == 0 {
			e.Country = countryCodes[rng.IntN(len(countryCodes))]
		}
		if rng.IntN(4) == 0 {
			e.Description = fmt.Sprintf("Synthetic %s number %d.", strings.ToLower(string(t)), i)
		}
		if err := entity(e); err != nil {
			return err
		}
	}
	// ends holds every endpoint drawn so far: drawing from it picks a node in
	// proportion to its degree (preferential attachment).
	ends := make([]int32, 0, 2*cfg.Rels)
	pick := func() int {
		if len(ends) == 0 || rng.Float64() < cfg.Uniform {
			return rng.IntN(cfg.Nodes)
		}
		return int(ends[rng.IntN(len(ends))])
	}
	for i := range cfg.Rels {
		a, b := pick(), pick()
		for b == a {
			b = rng.IntN(cfg.Nodes)
		}
		ends = append(ends, int32(a), int32(b))
		t := pickRelType(rng, types[a], types[b])
		r := graph.Relationship{ID: fmt.Sprintf("r-%d", i), Type: t, From: ids[a], To: ids[b],
			Evidence:   fmt.Sprintf("%s %s %s, according to synthetic record %d.", names[a], verb(t), names[b], i),
			Source:     sources[rng.IntN(len(sources))],
			Confidence: confidences[rng.IntN(len(confidences))]}
		if rng.IntN(100) < 85 {
			r.Start, r.End = pickDates(rng)
		}
		// A document backs many claims, as a report or an article does:
		// about 20 linked claims per URL.
		if rng.IntN(5) == 0 {
			r.SourceURL = fmt.Sprintf("https://example.org/records/%d", i/100)
		}
		if rng.IntN(10) == 0 {
			r.CitedSource = fmt.Sprintf("Panel of Experts report %d", 2009+rng.IntN(15))
		}
		if err := rel(r); err != nil {
			return err
		}
	}
	return nil
}

var typeWeights = []struct {
	t graph.EntityType
	w int
}{
	{graph.Organization, 44}, {graph.Person, 34}, {graph.State, 2}, {graph.Facility, 6}, {graph.Vessel, 4},
	{graph.Weapon, 3}, {graph.Place, 4}, {graph.Event, 1}, {graph.Agreement, 1}, {graph.Document, 1},
}

func pickType(rng *rand.Rand) graph.EntityType {
	n := rng.IntN(100)
	for _, tw := range typeWeights {
		if n < tw.w {
			return tw.t
		}
		n -= tw.w
	}
	return graph.Organization
}

func pickRelType(rng *rand.Rand, from, to graph.EntityType) graph.RelType {
	var c []graph.RelType
	switch {
	case from == graph.Person && to == graph.Organization:
		c = []graph.RelType{"LEADS", "OFFICIAL_OF", "MEMBER_OF", "BROKERED_FOR"}
	case from == graph.Person && to == graph.Person:
		c = []graph.RelType{"MET_WITH", "COOPERATED_WITH", "COMMUNICATED_WITH"}
	case to == graph.Weapon:
		c = []graph.RelType{"DEVELOPED", "ACQUIRED", "USED", "SUPPLIED"}
	case to == graph.Facility || to == graph.Place:
		c = []graph.RelType{"VISITED", "STATIONED_AT", "LOCATED_IN", "ATTACKED"}
	case from == graph.State && to == graph.State:
		c = []graph.RelType{"DIPLOMATIC_RELATIONS", "COOPERATED_WITH", "SUPPLIED", "FOUGHT", "DISPUTED_WITH"}
	case from == graph.State:
		c = []graph.RelType{"SANCTIONED", "SUPPORTS", "SUPPLIED", "DELISTED", "ACCUSED"}
	case to == graph.Vessel:
		c = []graph.RelType{"SEIZED", "ACQUIRED", "USED"}
	case from == graph.Vessel:
		c = []graph.RelType{"TRANSPORTED_FOR", "TRANSITED", "VISITED"}
	case to == graph.Agreement:
		c = []graph.RelType{"SIGNED", "WITHDREW_FROM"}
	case to == graph.Event:
		c = []graph.RelType{"PARTICIPATED_IN", "CONDUCTED"}
	case from == graph.Document:
		c = []graph.RelType{"REPORTED_ON", "EXPOSED", "ACCUSED"}
	default:
		c = []graph.RelType{"SUPPLIED", "SUPPLIED", "COOPERATED_WITH", "SUBSIDIARY_OF", "BROKERED_FOR", "TRANSPORTED_FOR",
			"ASSISTED", "TRAINED", "SUPPORTS", "PART_OF", "MEMBER_OF", "OPPOSES", "CRITICIZED"}
	}
	return c[rng.IntN(len(c))]
}

// pickDates returns a start of mixed precision and, for a third of the
// claims, a later end year.
func pickDates(rng *rand.Rand) (graph.PartialDate, graph.PartialDate) {
	y := 1970 + rng.IntN(55)
	start := graph.PartialDate{Year: y, Prec: graph.PrecisionYear}
	switch p := rng.IntN(100); {
	case p < 35:
		start.Month, start.Prec = 1+rng.IntN(12), graph.PrecisionMonth
	case p < 60:
		start.Month, start.Day, start.Prec = 1+rng.IntN(12), 1+rng.IntN(28), graph.PrecisionDay
	}
	var end graph.PartialDate
	if rng.IntN(3) == 0 {
		end = graph.PartialDate{Year: y + 1 + rng.IntN(10), Prec: graph.PrecisionYear}
	}
	return start, end
}

func verb(t graph.RelType) string { return strings.ReplaceAll(strings.ToLower(string(t)), "_", " ") }

func slugPrefix(name string) string {
	s := graph.Slug(name)
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	if s == "" {
		s = "entity"
	}
	return s
}

func acronym(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if r := []rune(w)[0]; r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
		}
	}
	if b.Len() < 2 {
		return strings.ToUpper(name)
	}
	return b.String()
}

func makeName(rng *rand.Rand, t graph.EntityType, i int, states *int) string {
	w := func(list []string) string { return list[rng.IntN(len(list))] }
	switch t {
	case graph.Person:
		return w(firstNames) + " " + w(lastNames)
	case graph.State:
		*states++
		return countries[*states-1]
	case graph.Facility:
		return w(words) + " " + w([]string{"Research Center", "Missile Base", "Test Site", "Enrichment Plant", "Shipyard", "Airfield"})
	case graph.Weapon:
		return fmt.Sprintf("%s-%d", w(words), 1+rng.IntN(30))
	case graph.Vessel:
		return "MV " + w(words) + " " + w(words)
	case graph.Place:
		return w(words) + w([]string{"ville", " Port", " Province", " City", "abad", "gorod"})
	case graph.Event:
		return fmt.Sprintf("%s %s %d", w(words), w([]string{"Test", "Launch", "Seizure", "Summit", "Exercise"}), 1970+rng.IntN(55))
	case graph.Agreement:
		return w(words) + "-" + w(words) + " " + w([]string{"Agreement", "Accord", "Contract", "Treaty"})
	case graph.Document:
		return fmt.Sprintf("%s Report %d", w([]string{"Panel of Experts", "Commission", "Intelligence", "Inspection"}), 1980+rng.IntN(45))
	}
	return w(words) + " " + w(words) + " " + w(orgSuffixes)
}

var (
	words = []string{"Golden", "Star", "Pacific", "Northern", "Eastern", "Crescent", "Dragon", "Phoenix", "Falcon", "Cedar",
		"Amber", "Silver", "Red", "Blue", "Ocean", "Mountain", "Unity", "Victory", "Harmony", "Liberty", "Orient", "Caspian",
		"Baltic", "Zagros", "Taebaek", "Sinai", "Tigris", "Orchid", "Lotus", "Jade", "Iron", "Granite", "Summit", "Delta"}
	orgSuffixes = []string{"Trading Corporation", "Industrial Group", "Shipping Co.", "Holdings", "Technology Ltd.",
		"General Bureau", "Mining Company", "Logistics", "Foreign Trade Bank", "Engineering Institute", "Brigade", "Front"}
	firstNames = []string{"Kim", "Ali", "Hassan", "Mohammad", "Ri", "Pak", "Reza", "Ahmad", "Jang", "Choe", "Hussein",
		"Mahmoud", "Yusuf", "Song", "Han", "Javad", "Abdul", "Omar", "Nasser", "Kang"}
	lastNames = []string{"Jong", "Hosseini", "Rahimi", "Chol", "Su", "Karimi", "Nasrallah", "Mousavi", "Yong", "Sadeghi",
		"Ho", "Jafari", "Abbasi", "Il", "Hamdan", "Tehrani", "Myong", "Rezaei", "Kazemi", "Haddad"}
	countries = []string{"Republic of Arcadia", "Borduria", "Syldavia", "Freedonia", "Latveria", "Kurland", "Genovia", "Elbonia",
		"Ruritania", "Zubrowka", "Markovia", "Sokovia", "Qumar", "Kasnia", "Carpathia", "Moldavia Nova", "Tazbekistan",
		"Nuevo Rico", "Krakozhia", "San Lorenzo", "Pottsylvania", "Vulgaria", "Grand Fenwick", "Osterlich", "Bozatta"}
	countryCodes = []string{"KP", "IR", "SY", "LB", "YE", "CN", "RU", "AE", "IQ", "PK", "MY", "SG"}
	sources      = []string{"Synthetic Panel of Experts", "Synthetic Wire Service", "Synthetic Court Filing", "Synthetic Think Tank", "Synthetic Registry"}
	confidences  = []graph.Confidence{graph.Confirmed, graph.Reported, graph.Reported, graph.Alleged, graph.Disputed}
)
