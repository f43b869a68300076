package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Cross-referencing finds pairs of entities that may be the same actor,
// named differently by different sources (nomenklatura's xref). Candidates
// come from the full-text index of names and aliases (blocking: each entity
// is looked up by its own names, with fuzzy terms, and by its identifiers,
// so the work grows with the number of entities, never with the number of
// pairs), are scored from names, type, identifiers, country and shared
// neighbours, and leave out every pair that
// has a judgement already.

// DefaultMinScore is the score from which xref proposes a pair. It was
// chosen on the test set in BENCHMARKS.md.
const DefaultMinScore = 0.8

// Candidate is a pair of entities that may be the same actor. Left is the
// established entity (not from the source being cross-referenced, else the
// better connected one): merging keeps its id.
type Candidate struct {
	Left    Entity   `json:"left"`
	Right   Entity   `json:"right"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
	// Shared lists the neighbours both entities link to.
	Shared []string `json:"shared,omitempty"`
	// exact says a name matched once normalised; auto-matching needs it.
	exact    bool
	conflict bool
	// neighboured says the shared neighbours were counted.
	neighboured bool
}

// XrefOptions select what xref compares.
type XrefOptions struct {
	// Source, when set, compares only the entities of that source with
	// the rest of the graph: the entities whose id starts with Source (an
	// import's prefix, such as "ftm-"), or when there are none, the
	// entities with a relationship whose sourceId or source is Source.
	Source string
	// IDs, when set, compares only these entities with the rest.
	IDs []string
	// MinScore is the lowest score returned (DefaultMinScore when zero).
	MinScore float64
	// Limit caps the candidates returned, best first (0: no cap). Pairs
	// over the threshold are cut by their scores before shared neighbours
	// are counted (that takes a query per pair), so with more than Limit
	// pairs a neighbour bonus can reorder, not rescue, the ones shown.
	Limit int
	// PerEntity is how many index hits each entity is compared with (20
	// when zero).
	PerEntity int
	// Progress, when set, is called after each batch of entities with the
	// number looked up so far.
	Progress func(entities int)
	// batch is how many entities a lookup transaction carries (xrefBatch
	// when zero); tests make it small to have many batches.
	batch int
}

// xrefBatch is how many entities one index lookup transaction carries.
const xrefBatch = 500

// xrefWorkers is how many batches are looked up at once, each in its own
// read transaction on the driver's pool: Neo4j runs a transaction on one
// core, and the scoring of one batch overlaps the lookups of the next.
const xrefWorkers = 4

// Xref returns the candidate pairs, best first.
func (s *Store) Xref(ctx context.Context, o XrefOptions) ([]Candidate, error) {
	if o.MinScore == 0 {
		o.MinScore = DefaultMinScore
	}
	if o.MinScore < 0 || o.MinScore > 1 {
		return nil, Errorf(ErrInvalid, "min score %v: want a number between 0 and 1", o.MinScore)
	}
	if o.PerEntity <= 0 {
		o.PerEntity = 20
	}
	// The entities to look up: those of the source or the ids, else every
	// entity, a page at a time.
	var queries []Entity
	scoped := o.Source != "" || len(o.IDs) > 0
	inSource := map[string]bool{}
	if scoped {
		var err error
		if queries, err = s.xrefQueries(ctx, o); err != nil {
			return nil, err
		}
		for _, e := range queries {
			inSource[e.ID] = true
		}
	}
	judged, err := s.judgedPairs(ctx)
	if err != nil {
		return nil, err
	}
	// Batches are looked up and scored concurrently (blockBatches) and
	// merged here in their order, so the result is that of one batch
	// after the other: the same pairs, found from the same side.
	var out []Candidate
	kept := map[[2]string]bool{} // the pairs in out
	done := 0
	err = s.blockBatches(ctx, o, scoped, queries, judged, func(b blocked) {
		for _, c := range b.above {
			if k := pairKey(c.Left.ID, c.Right.ID); !kept[k] {
				out = append(out, c)
				kept[k] = true
			}
		}
		// Shared neighbours decided the pairs just under the threshold;
		// the pairs above it get theirs at the end.
		for _, c := range b.borderline {
			if k := pairKey(c.Left.ID, c.Right.ID); !kept[k] && c.Score >= o.MinScore {
				c.neighboured = true
				out = append(out, c)
				kept[k] = true
			}
		}
		// With a limit, keep memory bounded: only the best pairs so far.
		if o.Limit > 0 && len(out) > 4*o.Limit {
			sortCandidates(out)
			out = out[:o.Limit]
			clear(kept)
			for _, c := range out {
				kept[pairKey(c.Left.ID, c.Right.ID)] = true
			}
		}
		done += b.entities
		if o.Progress != nil {
			o.Progress(done)
		}
	})
	if err != nil {
		return nil, err
	}
	if o.Limit > 0 && len(out) > o.Limit {
		sortCandidates(out)
		out = out[:o.Limit]
	}
	var rest []Candidate
	for _, c := range out {
		if !c.neighboured {
			rest = append(rest, c)
		}
	}
	if err := s.addNeighbours(ctx, rest); err != nil {
		return nil, err
	}
	for i, j := 0, 0; i < len(out); i++ {
		if !out[i].neighboured {
			out[i] = rest[j]
			j++
		}
	}
	degree, err := s.degrees(ctx, out)
	if err != nil {
		return nil, err
	}
	for i := range out {
		c := &out[i]
		// The established entity goes left: not from the source, else the
		// better connected, else the smaller id.
		swap := false
		switch l, r := inSource[c.Left.ID], inSource[c.Right.ID]; {
		case l != r:
			swap = l
		case degree[c.Left.ID] != degree[c.Right.ID]:
			swap = degree[c.Left.ID] < degree[c.Right.ID]
		default:
			swap = c.Left.ID > c.Right.ID
		}
		if swap {
			c.Left, c.Right = c.Right, c.Left
		}
	}
	sortCandidates(out)
	if o.Limit > 0 && len(out) > o.Limit {
		out = out[:o.Limit]
	}
	return out, nil
}

// blocked is one batch looked up and scored: the pairs over the
// threshold, and those under it with their shared neighbours counted.
type blocked struct {
	entities          int
	above, borderline []Candidate
	err               error
}

// blockBatches looks up the entities (queries when scoped, else every
// entity a page at a time) in batches of xrefBatch, xrefWorkers batches at
// once, and hands each batch's pairs to merge in batch order.
func (s *Store) blockBatches(ctx context.Context, o XrefOptions, scoped bool, queries []Entity, judged map[[2]string]bool, merge func(blocked)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		batch []Entity
		res   chan blocked
	}
	jobs := make(chan job)
	order := make(chan chan blocked, xrefWorkers)
	var wg sync.WaitGroup
	for range xrefWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				b := blocked{entities: len(j.batch)}
				cands, err := s.blockAndScore(ctx, j.batch, o, judged)
				for _, c := range cands {
					if c.Score >= o.MinScore {
						b.above = append(b.above, c)
					} else {
						b.borderline = append(b.borderline, c)
					}
				}
				if err == nil {
					err = s.addNeighbours(ctx, b.borderline)
				}
				b.err = err
				j.res <- b
			}
		}()
	}
	// The producer pages through the entities and queues each batch's
	// result channel in order.
	pageErr := make(chan error, 1)
	go func() {
		defer close(order)
		defer close(jobs)
		after := ""
		size := cmp.Or(o.batch, xrefBatch)
		for start := 0; ; start += size {
			var batch []Entity
			if scoped {
				if start >= len(queries) {
					break
				}
				batch = queries[start:min(start+size, len(queries))]
			} else {
				var err error
				if batch, err = s.EntitiesPage(ctx, after, size); err != nil {
					pageErr <- err
					return
				}
				if len(batch) == 0 {
					break
				}
				after = batch[len(batch)-1].ID
			}
			res := make(chan blocked, 1)
			select {
			case order <- res:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{batch: batch, res: res}:
			case <-ctx.Done():
				return
			}
		}
	}()
	var err error
	for res := range order {
		var b blocked
		select {
		case b = <-res:
		case <-ctx.Done():
		}
		if err == nil {
			err = cmp.Or(b.err, ctx.Err())
			if err != nil {
				cancel()
			} else {
				merge(b)
			}
		}
	}
	wg.Wait()
	select {
	case e := <-pageErr:
		err = cmp.Or(err, e)
	default:
	}
	return err
}

// sortCandidates orders candidates best first, then by ids.
func sortCandidates(cs []Candidate) {
	slices.SortStableFunc(cs, func(a, b Candidate) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Or(strings.Compare(a.Left.ID, b.Left.ID), strings.Compare(a.Right.ID, b.Right.ID))
	})
}

// blockAndScore looks each entity of batch up in the full-text index by its
// own names and scores the pairs found, leaving out judged pairs; it
// returns those that may reach o.MinScore with shared neighbours.
func (s *Store) blockAndScore(ctx context.Context, batch []Entity, o XrefOptions, judged map[[2]string]bool) ([]Candidate, error) {
	// Each entity's lookups: by its names, then (entities that share an
	// identifier are candidates whatever their names: the name index
	// would not find them) by its identifiers.
	type lookup struct {
		e           Entity
		index, text string
	}
	var lookups, byIdent []lookup
	for _, e := range batch {
		if q := blockingQuery(e); q != "" {
			lookups = append(lookups, lookup{e, "entity_names", q})
		}
		if len(e.Identifiers) > 0 {
			byIdent = append(byIdent, lookup{e, "entity_identifiers", identifierQuery(e.Identifiers)})
		}
	}
	lookups = append(lookups, byIdent...)
	// Homonyms make the same query (their ids sort together, so they share
	// batches): each distinct query is run once, and each entity takes its
	// hits less itself.
	hits := map[[2]string][]Entity{}
	for _, index := range []string{"entity_names", "entity_identifiers"} {
		var rows []string
		for _, l := range lookups {
			k := [2]string{index, l.text}
			if _, ok := hits[k]; !ok && l.index == index {
				hits[k] = nil
				rows = append(rows, l.text)
			}
		}
		if len(rows) == 0 {
			continue
		}
		res, err := s.read(ctx, blockingCypher(index), map[string]any{"rows": rows, "k": o.PerEntity})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			q, _, _ := neo4j.GetRecordValue[string](rec, "q")
			nodes, _, _ := neo4j.GetRecordValue[[]any](rec, "hits")
			found := make([]Entity, 0, len(nodes))
			for _, h := range nodes {
				if n, ok := h.(neo4j.Node); ok {
					found = append(found, entityFromNode(n))
				}
			}
			hits[[2]string{index, q}] = found
		}
	}
	seen := map[[2]string]bool{}
	// An entity's names are worked out once a batch: the same homonyms
	// come up for many entities.
	forms := map[string][]nameForm{}
	formsFor := func(e Entity) []nameForm {
		f, ok := forms[e.ID]
		if !ok {
			f = formsOf(e)
			forms[e.ID] = f
		}
		return f
	}
	var cands []Candidate
	for _, l := range lookups {
		q := l.e
		for _, other := range hits[[2]string{l.index, l.text}] {
			if other.ID == q.ID {
				continue
			}
			key := pairKey(q.ID, other.ID)
			if seen[key] || judged[key] {
				continue
			}
			seen[key] = true
			if q.Type != other.Type {
				continue
			}
			if c, ok := scoreForms(q, other, formsFor(q), formsFor(other)); ok && c.Score >= o.MinScore-neighbourBonusMax {
				cands = append(cands, c)
			}
		}
	}
	return cands, nil
}

// blockingCypher looks each query of $rows up in the full-text index (one
// of the two constants entity_names and entity_identifiers), the best $k
// hits of each.
func blockingCypher(index string) string {
	return `UNWIND $rows AS q
CALL (q) {
  CALL db.index.fulltext.queryNodes('` + index + `', q, {limit: $k}) YIELD node
  RETURN collect(node) AS hits
}
RETURN q, hits`
}

// xrefQueries returns the entities to look up: those of o.Source or o.IDs.
func (s *Store) xrefQueries(ctx context.Context, o XrefOptions) ([]Entity, error) {
	var res *neo4j.EagerResult
	var err error
	switch {
	case len(o.IDs) > 0:
		res, err = s.read(ctx, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN e ORDER BY e.id`, map[string]any{"ids": o.IDs})
	default:
		// The id prefix uses the id index; only when it names nothing are
		// the relationships scanned for the source.
		res, err = s.read(ctx, `MATCH (e:Entity) WHERE e.id STARTS WITH $s RETURN e`, map[string]any{"s": o.Source})
		if err == nil && len(res.Records) == 0 {
			res, err = s.read(ctx, `MATCH (e:Entity)-[r]-(:Entity) WHERE r.sourceId = $s OR r.source = $s RETURN DISTINCT e`, map[string]any{"s": o.Source})
		}
	}
	if err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(res.Records))
	for _, rec := range res.Records {
		e, err := recordNode(rec, "e")
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entity) int { return strings.Compare(a.ID, b.ID) })
	if o.Source != "" && len(out) == 0 {
		return nil, Errorf(ErrNotFound, "source %q: no entity has an id that starts with it or a relationship from it", o.Source)
	}
	return out, nil
}

// blockingQuery is the full-text query that finds an entity's likely
// doubles: every word of its names and aliases as itself, and within one
// edit (words of five letters or more); a one-word name within two edits
// (words of six or more), since nothing else can find "Hizballah" for
// "Hezbollah". Fuzzy terms are what the index spends its time on, so they
// are kept to these.
func blockingQuery(e Entity) string {
	seen := map[string]bool{}
	var parts []string
	for _, l := range labels(e) {
		words := luceneWords(strings.Join(NameTokens(l), " "))
		for _, w := range words {
			if seen[w] || stopWords[w] || legalForm(w) {
				continue
			}
			seen[w] = true
			t, plain := luceneTerm(w)
			if !plain {
				continue
			}
			parts = append(parts, t)
			switch n := utf8.RuneCountInString(w); {
			case len(words) == 1 && n >= 6:
				parts = append(parts, t+"~2")
			case n >= 5:
				parts = append(parts, t+"~1")
			}
		}
	}
	if len(parts) > 100 {
		parts = parts[:100]
	}
	return strings.Join(parts, " ")
}

// pairKey orders two ids, so a pair has one key whichever way it is named.
func pairKey(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

// neighbourBonus is what each shared neighbour adds, up to neighbourBonusMax.
// Being sanctioned by the same authority is no evidence of identity, and
// neither is a link to a hub (more than hubDegree relationships).
const (
	neighbourBonus    = 0.05
	neighbourBonusMax = 0.1
	hubDegree         = 100
)

// Identifier weights: an identifier both have lifts the pair to at least
// identifierFloor+identifierBonus whatever the names (a ship renamed keeps
// its IMO number); the same scheme with no value in common is strong
// evidence of two actors.
const (
	identifierFloor   = 0.6
	identifierBonus   = 0.3
	identifierPenalty = 0.4
)

// scorePair scores two entities from their names, types, identifiers and
// countries. Two entities of different types are never the same actor.
func scorePair(a, b Entity) (Candidate, bool) {
	if a.Type != b.Type {
		return Candidate{}, false
	}
	return scoreForms(a, b, formsOf(a), formsOf(b))
}

// scoreForms is scorePair for two entities of one type whose names are
// worked out beforehand (fa and fb).
func scoreForms(a, b Entity, fa, fb []nameForm) (Candidate, bool) {
	m := bestFormMatch(fa, fb)
	agree, conflict := compareIdentifiers(a.Identifiers, b.Identifiers)
	if m.Score == 0 && len(agree) == 0 {
		return Candidate{}, false
	}
	c := Candidate{Left: a, Right: b, Score: m.Score, exact: m.How == "equal" || m.How == "equal apart from legal form"}
	if m.Score > 0 {
		c.Reasons = append(c.Reasons, m.Reason())
	} else {
		c.Reasons = append(c.Reasons, fmt.Sprintf("names %q and %q differ", a.Name, b.Name))
	}
	c.Reasons = append(c.Reasons, fmt.Sprintf("both are %s", a.Type))
	if len(agree) > 0 {
		c.Score = max(c.Score, identifierFloor) + identifierBonus
		c.Reasons = append(c.Reasons, "identifier agrees: "+strings.Join(agree, "; "))
	}
	if len(conflict) > 0 {
		c.Score -= identifierPenalty
		c.conflict = true
		c.Reasons = append(c.Reasons, "identifier conflicts: "+strings.Join(conflict, "; "))
	}
	switch {
	case a.Country != "" && b.Country != "" && strings.EqualFold(a.Country, b.Country):
		c.Score += 0.05
		c.Reasons = append(c.Reasons, "country agrees: "+strings.ToUpper(a.Country))
	case a.Country != "" && b.Country != "":
		c.Score -= 0.25
		c.conflict = true
		c.Reasons = append(c.Reasons, fmt.Sprintf("country conflicts: %s and %s", a.Country, b.Country))
	}
	c.Score = clamp01(c.Score)
	return c, true
}

func clamp01(x float64) float64 { return max(0, min(1, x)) }

// addNeighbours raises each candidate's score by the neighbours its two
// entities share.
func (s *Store) addNeighbours(ctx context.Context, cands []Candidate) error {
	for start := 0; start < len(cands); start += xrefBatch {
		batch := cands[start:min(start+xrefBatch, len(cands))]
		rows := make([]map[string]any, len(batch))
		for i, c := range batch {
			rows[i] = map[string]any{"i": i, "a": c.Left.ID, "b": c.Right.ID}
		}
		res, err := s.read(ctx, `UNWIND $rows AS row
MATCH (a:Entity {id: row.a}), (b:Entity {id: row.b})
CALL (a, b) {
  MATCH (a)-[r1]-(n:Entity)-[r2]-(b)
  WHERE n <> a AND n <> b AND NOT r1:SANCTIONED AND NOT r2:SANCTIONED AND COUNT { (n)--() } <= $hub
  WITH DISTINCT n ORDER BY n.name LIMIT 10
  RETURN collect(n.name) AS shared
}
RETURN row.i AS i, shared`, map[string]any{"rows": rows, "hub": hubDegree})
		if err != nil {
			return err
		}
		for _, rec := range res.Records {
			i, _, _ := neo4j.GetRecordValue[int64](rec, "i")
			shared, _, _ := neo4j.GetRecordValue[[]any](rec, "shared")
			c := &batch[i]
			for _, n := range shared {
				if s, ok := n.(string); ok {
					c.Shared = append(c.Shared, s)
				}
			}
			if len(c.Shared) > 0 {
				c.Score = clamp01(c.Score + min(neighbourBonusMax, neighbourBonus*float64(len(c.Shared))))
				c.Reasons = append(c.Reasons, fmt.Sprintf("%d shared neighbours: %s", len(c.Shared), strings.Join(c.Shared, ", ")))
			}
		}
	}
	return nil
}

// degrees counts the relationships of the candidates' entities.
func (s *Store) degrees(ctx context.Context, cands []Candidate) (map[string]int, error) {
	ids := map[string]bool{}
	for _, c := range cands {
		ids[c.Left.ID], ids[c.Right.ID] = true, true
	}
	out := map[string]int{}
	list := make([]string, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	for start := 0; start < len(list); start += lookupChunk {
		res, err := s.read(ctx, `UNWIND $ids AS id MATCH (e:Entity {id: id}) RETURN id, COUNT { (e)--() } AS n`,
			map[string]any{"ids": list[start:min(start+lookupChunk, len(list))]})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			n, _, _ := neo4j.GetRecordValue[int64](rec, "n")
			out[id] = int(n)
		}
	}
	return out, nil
}

// AutoScore is the least score at which an import with --match auto lands
// an incoming entity on an existing one by itself.
const AutoScore = 0.95

// Strong reports whether a candidate is safe to merge without a person: a
// name equal once normalised (or apart from its legal form) that is not an
// acronym or a short one-word name, no conflicting property, and a score of
// at least AutoScore. Similar names never are.
func (c Candidate) Strong() bool { return c.exact && !c.conflict && c.Score >= AutoScore }
