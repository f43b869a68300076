package graph

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Strength says how well the evidence holds a path up. Each hop has a
// strength in (0, 1], the product of three factors:
//   - confidence: confirmed 1, reported 0.85, assessed 0.7, alleged 0.55,
//     disputed 0.4;
//   - independent sources stating the same link (relationships of the same
//     type between the same two entities, counted by the report they rest
//     on: the cited source, else the source): one 0.85, two 0.93, three or
//     more 1;
//   - date precision: day 1, month 0.97, year 0.93, decade 0.85, undated 0.8;
//   - kind: a mention (a report saying something about an entity) 0.5, as
//     it is evidence of a link rather than a link; any other link 1.
//
// Each intermediate entity with HubDegree or more relationships is a hub
// and weighs sqrt(HubDegree/degree): a link through North Korea, linked to
// almost everything, says less than a link through a small front company.
// Score is the geometric mean of the weakest factor and the product of all
// factors, rounded to three decimals, so a path is as strong as its
// weakest hop and every further hop weakens it.
type Strength struct {
	Score float64 `json:"score"`
	// Weakest is the smallest factor: the weakest hop or hub.
	Weakest float64 `json:"weakest"`
	// Reason says in one line what the score rests on.
	Reason string `json:"reason"`
	// Mentions is true when the path walks a mention link (a report saying
	// something about an entity: evidence of a link, not a link).
	Mentions bool          `json:"mentions"`
	Hops     []HopStrength `json:"hops"`
	Hubs     []HubOnPath   `json:"hubs,omitempty"`
}

// HopStrength is what the strength of one hop rests on.
type HopStrength struct {
	Confidence Confidence `json:"confidence"`
	// Sources is the number of independent sources stating the link.
	Sources int `json:"sources"`
	// Precision is "day", "month", "year", "decade" or "undated".
	Precision string  `json:"precision"`
	Strength  float64 `json:"strength"`
}

// HubOnPath is an intermediate entity of a path with HubDegree or more
// relationships.
type HubOnPath struct {
	ID     string  `json:"id"`
	Name   string  `json:"name"`
	Degree int     `json:"degree"`
	Weight float64 `json:"weight"`
}

// HubDegree is the number of relationships from which an entity counts as a
// hub.
const HubDegree = 20

// PathFacts are what a path's strength needs beyond the path itself.
type PathFacts struct {
	// Degree is the number of relationships of an entity.
	Degree func(id string) int
	// Sources is the number of independent sources stating r's link.
	Sources func(r Relationship) int
}

var confidenceWeight = map[Confidence]float64{Confirmed: 1, Reported: 0.85, Assessed: 0.7, Alleged: 0.55, Disputed: 0.4}

// mentionWeight weighs a mention hop: evidence of a link, not a link.
const mentionWeight = 0.5

var precisionWeight = map[string]float64{"day": 1, "month": 0.97, "year": 0.93, "decade": 0.85, "undated": 0.8}

// precisionOf names how precisely r is dated.
func precisionOf(r Relationship) string {
	d := r.Start
	if d.IsZero() {
		d = r.Attested
	}
	switch d.Prec {
	case PrecisionDay:
		return "day"
	case PrecisionMonth:
		return "month"
	case PrecisionYear:
		return "year"
	case PrecisionDecade:
		return "decade"
	}
	return "undated"
}

func sourcesWeight(n int) float64 {
	switch {
	case n >= 3:
		return 1
	case n == 2:
		return 0.93
	}
	return 0.85
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Assess computes the strength of p from its hops and facts.
func Assess(p Path, facts PathFacts) Strength {
	st := Strength{Hops: make([]HopStrength, len(p.Relationships))}
	weakest, product := 1.0, 1.0
	for i, r := range p.Relationships {
		h := HopStrength{Confidence: r.Confidence, Sources: max(1, facts.Sources(r)), Precision: precisionOf(r)}
		cw, ok := confidenceWeight[r.Confidence]
		if !ok {
			cw = confidenceWeight[Disputed]
		}
		kind := 1.0
		if spec, _ := r.Type.Spec(); spec.Family == Mention {
			st.Mentions, kind = true, mentionWeight
		}
		h.Strength = round3(cw * sourcesWeight(h.Sources) * precisionWeight[h.Precision] * kind)
		st.Hops[i] = h
		weakest, product = min(weakest, h.Strength), product*h.Strength
	}
	for _, n := range p.Nodes[1 : len(p.Nodes)-1] {
		if d := facts.Degree(n.ID); d >= HubDegree {
			w := round3(math.Sqrt(float64(HubDegree) / float64(d)))
			st.Hubs = append(st.Hubs, HubOnPath{ID: n.ID, Name: n.Name, Degree: d, Weight: w})
			weakest, product = min(weakest, w), product*w
		}
	}
	st.Weakest = weakest
	st.Score = round3(math.Sqrt(weakest * product))
	st.Reason = reason(p, st)
	return st
}

// reason words a strength in one line: "2 hops, all confirmed, 1 source
// each, dated to the year; passes through a hub of degree 41 (Iran)".
func reason(p Path, st Strength) string {
	n := len(st.Hops)
	parts := []string{plural(n, "hop", "hops")}
	counts := map[Confidence]int{}
	for _, h := range st.Hops {
		counts[h.Confidence]++
	}
	if len(counts) == 1 {
		c := st.Hops[0].Confidence
		if n == 1 {
			parts = append(parts, string(c))
		} else {
			parts = append(parts, "all "+string(c))
		}
	} else {
		var cs []string
		weakest := Confidence("")
		for _, l := range Confidences {
			if k := counts[l.Level]; k > 0 {
				cs = append(cs, fmt.Sprintf("%d %s", k, l.Level))
				weakest = l.Level
			}
		}
		parts = append(parts, fmt.Sprintf("weakest %s (%s)", weakest, strings.Join(cs, ", ")))
	}
	lo, hi := st.Hops[0].Sources, st.Hops[0].Sources
	for _, h := range st.Hops {
		lo, hi = min(lo, h.Sources), max(hi, h.Sources)
	}
	switch {
	case lo != hi:
		parts = append(parts, fmt.Sprintf("%d to %d sources per hop", lo, hi))
	case n == 1:
		parts = append(parts, plural(lo, "source", "sources"))
	default:
		parts = append(parts, plural(lo, "source", "sources")+" each")
	}
	precs := []string{"day", "month", "year", "decade"}
	undated, coarsest := 0, -1
	for _, h := range st.Hops {
		if h.Precision == "undated" {
			undated++
			continue
		}
		coarsest = max(coarsest, slices.Index(precs, h.Precision))
	}
	switch {
	case undated == n:
		parts = append(parts, "undated")
	case undated > 0:
		parts = append(parts, fmt.Sprintf("%d undated", undated))
	default:
		parts = append(parts, "dated to the "+precs[coarsest])
	}
	out := strings.Join(parts, ", ")
	if len(st.Hubs) == 1 {
		out += fmt.Sprintf("; passes through a hub of degree %d (%s)", st.Hubs[0].Degree, st.Hubs[0].Name)
	} else if len(st.Hubs) > 1 {
		hs := make([]string, len(st.Hubs))
		for i, h := range st.Hubs {
			hs[i] = fmt.Sprintf("%s, degree %d", h.Name, h.Degree)
		}
		out += "; passes through hubs (" + strings.Join(hs, "; ") + ")"
	}
	if st.Mentions {
		var ms []string
		for _, r := range p.Relationships {
			if spec, _ := r.Type.Spec(); spec.Family == Mention && !slices.Contains(ms, string(r.Type)) {
				ms = append(ms, string(r.Type))
			}
		}
		out += "; walks a mention link (" + strings.Join(ms, ", ") + "): evidence of a link, not a link"
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// SortByStrength orders paths strongest first; equal scores keep the
// canonical order of SortPaths (shorter first, then by ids), so the order
// is deterministic. Paths without a Strength sort last.
func SortByStrength(ps []Path) {
	SortPaths(ps)
	slices.SortStableFunc(ps, func(a, b Path) int {
		return cmp.Compare(score(b), score(a))
	})
}

func score(p Path) float64 {
	if p.Strength == nil {
		return -1
	}
	return p.Strength.Score
}

// evidenceCandidates returns the paths RankEvidence ranks: for the shortest
// modes every shortest path, for k-shortest every allowed simple path of at
// most MaxHops hops, for chronological every chronological one (at most
// maxPathsFetched, shortest first).
func (s *Store) evidenceCandidates(ctx context.Context, q PathQuery) ([]Path, error) {
	if q.Mode == Shortest {
		q.Mode = AllShortest
	}
	return s.findPaths(ctx, q, q.MaxHops)
}

// returnWithFacts ends a path query (one that leaves p in scope) by
// returning with each path what Assess needs, so that the answer takes no
// second round trip: the degree of every entity on it and, for every hop,
// the independent sources stating its link (see Strength).
const returnWithFacts = `
CALL {
  WITH p
  UNWIND range(0, length(p) - 1) AS i
  WITH i, relationships(p)[i] AS r
  WITH i, r, startNode(r) AS x, endNode(r) AS y
  OPTIONAL MATCH (x)-[s]-(y)
  WHERE type(s) = type(r) AND (type(r) IN $symmetric OR startNode(s) = x)
  WITH i, count(DISTINCT coalesce(s.citedSourceId, s.citedSource, s.sourceId, s.source)) AS n
  ORDER BY i
  RETURN collect(n) AS sources
}
RETURN p, sources, [n IN nodes(p) | COUNT { (n)--() }] AS degrees`

// symmetricTypes lists the symmetric relationship types, whose direction
// does not tell two claims apart.
func symmetricTypes() []string {
	var out []string
	for _, s := range Vocabulary {
		if s.Symmetric {
			out = append(out, string(s.Type))
		}
	}
	return out
}

// recordFacts decodes the facts returnWithFacts returns with path p.
func recordFacts(rec *neo4j.Record, p Path) (PathFacts, error) {
	sources, _, err := neo4j.GetRecordValue[[]any](rec, "sources")
	if err != nil {
		return PathFacts{}, fmt.Errorf("decode sources: %w", err)
	}
	degrees, _, err := neo4j.GetRecordValue[[]any](rec, "degrees")
	if err != nil {
		return PathFacts{}, fmt.Errorf("decode degrees: %w", err)
	}
	if len(sources) != len(p.Relationships) || len(degrees) != len(p.Nodes) {
		return PathFacts{}, fmt.Errorf("decode path facts: %d sources and %d degrees for %d hops", len(sources), len(degrees), p.Len())
	}
	deg := make(map[string]int, len(degrees))
	for i, d := range degrees {
		n, _ := d.(int64)
		deg[p.Nodes[i].ID] = int(n)
	}
	src := make(map[string]int, len(sources))
	for i, x := range sources {
		n, _ := x.(int64)
		src[relKey(p.Relationships[i])] = int(n)
	}
	return PathFacts{
		Degree:  func(id string) int { return deg[id] },
		Sources: func(r Relationship) int { return src[relKey(r)] },
	}, nil
}

// assessCypher fetches what Assess needs: the degree of every entity on the
// paths and, for every hop, the independent sources stating its link.
const assessCypher = `CALL {
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN collect([id, COUNT { (n)--() }]) AS degrees
}
CALL {
  UNWIND $hops AS h
  MATCH (a:Entity {id: h.from})-[r]-(b:Entity {id: h.to})
  WHERE type(r) = h.type AND (h.symmetric OR startNode(r) = a)
  WITH h, count(DISTINCT coalesce(r.citedSourceId, r.citedSource, r.sourceId, r.source)) AS n
  RETURN collect([h.key, n]) AS sources
}
RETURN degrees, sources`

// assess sets the Strength of every path with one query.
func (s *Store) assess(ctx context.Context, paths []Path) error {
	var ids []string
	var hops []map[string]any
	seen := map[string]bool{}
	for _, p := range paths {
		for _, n := range p.Nodes[1 : len(p.Nodes)-1] {
			if !slices.Contains(ids, n.ID) {
				ids = append(ids, n.ID)
			}
		}
		for _, r := range p.Relationships {
			k := sourcesKey(r)
			if seen[k] {
				continue
			}
			seen[k] = true
			spec, _ := r.Type.Spec()
			hops = append(hops, map[string]any{"key": k, "from": r.From, "to": r.To, "type": string(r.Type), "symmetric": spec.Symmetric})
		}
	}
	res, err := s.read(ctx, assessCypher, map[string]any{"ids": nonNil(ids), "hops": hops})
	if err != nil {
		return err
	}
	degree, sources := map[string]int{}, map[string]int{}
	if len(res.Records) == 1 {
		rec := res.Records[0]
		ds, _, _ := neo4j.GetRecordValue[[]any](rec, "degrees")
		for _, d := range ds {
			if pair, ok := d.([]any); ok && len(pair) == 2 {
				id, _ := pair[0].(string)
				n, _ := pair[1].(int64)
				degree[id] = int(n)
			}
		}
		ss, _, _ := neo4j.GetRecordValue[[]any](rec, "sources")
		for _, d := range ss {
			if pair, ok := d.([]any); ok && len(pair) == 2 {
				k, _ := pair[0].(string)
				n, _ := pair[1].(int64)
				sources[k] = int(n)
			}
		}
	}
	facts := PathFacts{
		Degree:  func(id string) int { return degree[id] },
		Sources: func(r Relationship) int { return sources[sourcesKey(r)] },
	}
	for i := range paths {
		st := Assess(paths[i], facts)
		paths[i].Strength = &st
	}
	return nil
}

// sourcesKey identifies a link for counting its sources: its type and its
// endpoints (in order, unless the type is symmetric).
func sourcesKey(r Relationship) string {
	a, b := r.From, r.To
	if spec, _ := r.Type.Spec(); spec.Symmetric && b < a {
		a, b = b, a
	}
	return string(r.Type) + "\x00" + a + "\x00" + b
}

// LinkGroup is every relationship between one pair of entities, whatever
// its type or direction: a pair linked by many relationships (North Korea
// and Iran have dozens) is drawn and listed once, with the count and the
// types.
type LinkGroup struct {
	// A and B are the pair's ids, in the direction of its first
	// relationship.
	A, B          string
	Relationships []Relationship
	// Types lists each type once, in order of first appearance; Counts
	// holds how many relationships have each.
	Types  []RelType
	Counts []int
}

// Label says what links the pair: "12 relationships: SUPPLIED ×5,
// ASSISTED ×3, ...".
func (g LinkGroup) Label() string {
	parts := make([]string, len(g.Types))
	for i, t := range g.Types {
		parts[i] = string(t)
		if g.Counts[i] > 1 {
			parts[i] += fmt.Sprintf(" ×%d", g.Counts[i])
		}
	}
	return plural(len(g.Relationships), "relationship", "relationships") + ": " + strings.Join(parts, ", ")
}

// GroupLinks groups relationships by the pair of entities they link, each
// relationship once (by type and id), pairs in order of first appearance.
func GroupLinks(rels []Relationship) []LinkGroup {
	var out []LinkGroup
	index := map[[2]string]int{}
	seen := map[string]bool{}
	for _, r := range rels {
		if seen[relKey(r)] {
			continue
		}
		seen[relKey(r)] = true
		pair := [2]string{min(r.From, r.To), max(r.From, r.To)}
		i, ok := index[pair]
		if !ok {
			i = len(out)
			index[pair] = i
			out = append(out, LinkGroup{A: r.From, B: r.To})
		}
		g := &out[i]
		g.Relationships = append(g.Relationships, r)
		if j := slices.Index(g.Types, r.Type); j >= 0 {
			g.Counts[j]++
		} else {
			g.Types = append(g.Types, r.Type)
			g.Counts = append(g.Counts, 1)
		}
	}
	return out
}
