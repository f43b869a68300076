package graph

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Merging makes two entities one without losing anything. The merged
// entity's relationships move to the canonical one, its name and aliases
// join the canonical's aliases, properties that disagree are kept in the
// canonical's "variants" with the id they came from, and the merged node
// stays behind as a :MergedEntity tombstone (not an :Entity, so no query,
// index or export sees it) that holds its own properties untouched, the
// id it now redirects to, and a snapshot of what the merge changed. Unmerge
// reads the snapshot and puts everything back exactly.

// MergeResult says what a merge or unmerge did.
type MergeResult struct {
	// Canonical is the entity that remains; Merged the id that redirects
	// to it (after an unmerge: the entity restored).
	Canonical string `json:"canonical"`
	Merged    string `json:"merged"`
	// Moved counts the relationships moved; Between those that linked the
	// two entities, kept in the snapshot only (they would be self-loops).
	Moved   int `json:"moved"`
	Between int `json:"between"`
	// Gone counts, on unmerge, moved relationships deleted since the merge.
	Gone int `json:"gone,omitempty"`
}

// mergeSnapshot is what a merge changed, kept on the tombstone.
type mergeSnapshot struct {
	Labels []string         `json:"labels"`
	Rels   []movedRel       `json:"rels"`
	Before map[string]value `json:"before"` // canonical's touched properties before ("" type: absent)
	After  map[string]value `json:"after"`  // and after
	Added  []string         `json:"added"`  // aliases the merge added
}

type movedRel struct {
	Type  string           `json:"type"`
	Props map[string]value `json:"props"`
	// Out says the merged entity was the start; Other is the far end's id
	// (the merged entity's own id for a self-loop).
	Out   bool   `json:"out"`
	Other string `json:"other"`
}

// value is a property value with its Neo4j type, so that a snapshot
// restores integers as integers.
type value struct {
	T string          `json:"t"` // s, i, f, b, l (list), or "" (absent)
	V json.RawMessage `json:"v,omitempty"`
}

func encodeValue(x any) (value, error) {
	var t string
	switch v := x.(type) {
	case nil:
		return value{}, nil
	case string:
		t = "s"
	case int64:
		t = "i"
	case float64:
		t = "f"
	case bool:
		t = "b"
	case []any:
		items := make([]value, len(v))
		for i, it := range v {
			e, err := encodeValue(it)
			if err != nil {
				return value{}, err
			}
			items[i] = e
		}
		b, err := json.Marshal(items)
		return value{T: "l", V: b}, err
	default:
		return value{}, fmt.Errorf("merge: property value of type %T cannot be kept", x)
	}
	b, err := json.Marshal(x)
	return value{T: t, V: b}, err
}

func (v value) decode() (any, error) {
	var err error
	switch v.T {
	case "":
		return nil, nil
	case "s":
		var s string
		err = json.Unmarshal(v.V, &s)
		return s, err
	case "i":
		var n int64
		err = json.Unmarshal(v.V, &n)
		return n, err
	case "f":
		var f float64
		err = json.Unmarshal(v.V, &f)
		return f, err
	case "b":
		var b bool
		err = json.Unmarshal(v.V, &b)
		return b, err
	case "l":
		var items []value
		if err := json.Unmarshal(v.V, &items); err != nil {
			return nil, err
		}
		out := make([]any, len(items))
		for i, it := range items {
			if out[i], err = it.decode(); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("merge snapshot: unknown value type %q", v.T)
}

func encodeProps(p map[string]any) (map[string]value, error) {
	out := make(map[string]value, len(p))
	for k, x := range p {
		v, err := encodeValue(x)
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func decodeProps(p map[string]value) (map[string]any, error) {
	out := make(map[string]any, len(p))
	for k, v := range p {
		x, err := v.decode()
		if err != nil {
			return nil, fmt.Errorf("property %s: %w", k, err)
		}
		out[k] = x
	}
	return out, nil
}

// schemaName matches the labels and relationship types a merge may put in a
// query string: they come from the database, and are checked all the same.
var schemaName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// touched are the canonical's properties a merge may change.
var touched = []string{"aliases", "identifiers", "country", "description", "variants", "mergedFrom"}

// Merge makes b part of a: see Judge, which records the judgement too.
func (s *Store) Merge(ctx context.Context, a, b, by string, now time.Time) (MergeResult, error) {
	r, err := s.Judge(ctx, a, b, Same, by, now)
	if err != nil {
		return MergeResult{}, err
	}
	return *r.Merged, nil
}

func (s *Store) merge(ctx context.Context, a, b string, j Judgement) (MergeResult, error) {
	out := MergeResult{Canonical: a, Merged: b}
	err := s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		out = MergeResult{Canonical: a, Merged: b}
		la, pa, err := nodeState(ctx, tx, a)
		if err != nil {
			return err
		}
		lb, pb, err := nodeState(ctx, tx, b)
		if err != nil {
			return err
		}
		if !slices.Equal(la, lb) {
			return Errorf(ErrConflict, "%s (%s) and %s (%s) are of different types; only entities of one type can be the same actor", a, strings.Join(la, ":"), b, strings.Join(lb, ":"))
		}
		snap := mergeSnapshot{Labels: lb, Before: map[string]value{}, After: map[string]value{}}
		res, err := tx.Run(ctx, `MATCH (b:Entity {id: $b})-[r]-(o)
RETURN DISTINCT elementId(r) AS rid, type(r) AS t, properties(r) AS p, startNode(r) = b AS out, o.id AS other, o:Entity AS entity`, map[string]any{"b": b})
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			t, _, _ := neo4j.GetRecordValue[string](rec, "t")
			p, _, _ := neo4j.GetRecordValue[map[string]any](rec, "p")
			o, _, _ := neo4j.GetRecordValue[bool](rec, "out")
			other, _, _ := neo4j.GetRecordValue[string](rec, "other")
			if ent, _, _ := neo4j.GetRecordValue[bool](rec, "entity"); !ent || !schemaName.MatchString(t) {
				return Errorf(ErrInvalid, "%s has a %s relationship to a node that is not an entity; merge refused", b, t)
			}
			props, err := encodeProps(p)
			if err != nil {
				return err
			}
			snap.Rels = append(snap.Rels, movedRel{Type: t, Props: props, Out: o, Other: other})
		}
		if _, err := tx.Run(ctx, `MATCH (b:Entity {id: $b})-[r]-() DELETE r`, map[string]any{"b": b}); err != nil {
			return err
		}
		for _, r := range snap.Rels {
			other := r.Other
			switch other {
			case a:
				out.Between++
				continue
			case b:
				other = a
			}
			from, to := a, other
			if !r.Out {
				from, to = other, a
			}
			if err := createRel(ctx, tx, r, from, to); err != nil {
				return err
			}
			out.Moved++
		}
		// Names and properties.
		for _, k := range touched {
			if snap.Before[k], err = encodeValue(pa[k]); err != nil {
				return err
			}
		}
		nameA, _ := pa["name"].(string)
		aliases := anyStrings(pa["aliases"])
		have := map[string]bool{strings.ToLower(nameA): true}
		for _, x := range aliases {
			have[strings.ToLower(x)] = true
		}
		nameB, _ := pb["name"].(string)
		for _, x := range append([]string{nameB}, anyStrings(pb["aliases"])...) {
			if x != "" && !have[strings.ToLower(x)] {
				have[strings.ToLower(x)] = true
				aliases = append(aliases, x)
				snap.Added = append(snap.Added, x)
			}
		}
		after := map[string]any{"aliases": toAny(aliases)}
		// Identifiers are united, sorted; conflicting ones both stay (a
		// person judged them the same actor).
		if ids := slices.Compact(slices.Sorted(slices.Values(append(anyStrings(pa["identifiers"]), anyStrings(pb["identifiers"])...)))); len(ids) > 0 {
			after["identifiers"] = toAny(ids)
		}
		variants := anyStrings(pa["variants"])
		for _, k := range []string{"country", "description"} {
			va, _ := pa[k].(string)
			vb, _ := pb[k].(string)
			switch {
			case vb == "" || vb == va:
			case va == "":
				after[k] = vb
			default:
				variants = append(variants, fmt.Sprintf("%s: %s (from %s)", k, vb, b))
			}
		}
		after["variants"] = toAny(variants)
		after["mergedFrom"] = toAny(append(anyStrings(pa["mergedFrom"]), b))
		for _, k := range touched {
			x, ok := after[k]
			if !ok {
				x = pa[k]
			}
			if snap.After[k], err = encodeValue(x); err != nil {
				return err
			}
		}
		if _, err := tx.Run(ctx, `MATCH (a:Entity {id: $a}) SET a += $after`, map[string]any{"a": a, "after": after}); err != nil {
			return err
		}
		raw, err := json.Marshal(snap)
		if err != nil {
			return err
		}
		q := `MATCH (b:Entity {id: $b}) REMOVE b:` + strings.Join(lb, ":") + `
SET b:MergedEntity, b.mergedInto = $a, b.mergedAt = $at, b.mergedBy = $by, b.mergeSnapshot = $snap`
		if _, err := tx.Run(ctx, q, map[string]any{"a": a, "b": b, "at": j.At, "by": j.By, "snap": string(raw)}); err != nil {
			return err
		}
		if err := putJudgement(ctx, tx, j); err != nil {
			return err
		}
		return bumpVersionTx(ctx, tx)
	})
	return out, err
}

// nodeState returns an entity's labels (sorted, checked) and properties.
func nodeState(ctx context.Context, tx neo4j.ManagedTransaction, id string) ([]string, map[string]any, error) {
	res, err := tx.Run(ctx, `MATCH (e:Entity {id: $id}) RETURN labels(e) AS l, properties(e) AS p`, map[string]any{"id": id})
	if err != nil {
		return nil, nil, err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, nil, Errorf(ErrNotFound, "entity %q", id)
	}
	l, _, _ := neo4j.GetRecordValue[[]any](rec, "l")
	p, _, _ := neo4j.GetRecordValue[map[string]any](rec, "p")
	labels := anyStrings(l)
	slices.Sort(labels)
	for _, x := range labels {
		if !schemaName.MatchString(x) {
			return nil, nil, Errorf(ErrInvalid, "entity %q has the label %q", id, x)
		}
	}
	return labels, p, nil
}

func createRel(ctx context.Context, tx neo4j.ManagedTransaction, r movedRel, from, to string) error {
	props, err := decodeProps(r.Props)
	if err != nil {
		return err
	}
	q := `MATCH (x:Entity {id: $from}), (y:Entity {id: $to}) CREATE (x)-[r:` + r.Type + `]->(y) SET r = $p RETURN count(r) AS n`
	res, err := tx.Run(ctx, q, map[string]any{"from": from, "to": to, "p": props})
	if err != nil {
		return err
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return err
	}
	if n, _, _ := neo4j.GetRecordValue[int64](rec, "n"); n != 1 {
		return Errorf(ErrNotFound, "cannot link %s to %s: an entity is missing", from, to)
	}
	return nil
}

func anyStrings(x any) []string {
	l, _ := x.([]any)
	out := make([]string, 0, len(l))
	for _, v := range l {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// ErrNotMerged says an unmerge named an entity no merge involves.
var ErrNotMerged = errors.New("not merged")

// Unmerge undoes a merge: ref is the merged id (that merge is undone) or the
// canonical entity (its latest merge is undone). The merged entity comes
// back with its labels and properties, its relationships move back with
// theirs, the ones between the two are restored, the canonical's names
// and properties are as before, and the "same" judgement is withdrawn.
func (s *Store) Unmerge(ctx context.Context, ref string) (MergeResult, error) {
	b, err := s.mergedRef(ctx, ref)
	if err != nil {
		return MergeResult{}, err
	}
	var out MergeResult
	err = s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, `MATCH (m:MergedEntity {id: $b}) RETURN m.mergedInto AS a, m.mergeSnapshot AS snap`, map[string]any{"b": b})
		if err != nil {
			return err
		}
		rec, err := res.Single(ctx)
		if err != nil {
			return &Error{Kind: ErrInvalid, Message: fmt.Sprintf("%q was not merged into another entity", b), Err: ErrNotMerged}
		}
		a, _, _ := neo4j.GetRecordValue[string](rec, "a")
		raw, _, _ := neo4j.GetRecordValue[string](rec, "snap")
		out = MergeResult{Canonical: a, Merged: b}
		var snap mergeSnapshot
		if err := json.Unmarshal([]byte(raw), &snap); err != nil {
			return fmt.Errorf("merge snapshot of %s: %w", b, err)
		}
		_, pa, err := nodeState(ctx, tx, a)
		if err != nil {
			return fmt.Errorf("%s was merged into %s, which is no longer an entity (merged again?); unmerge %s first: %w", b, a, a, err)
		}
		if from := anyStrings(pa["mergedFrom"]); len(from) == 0 || !slices.Contains(from, b) {
			return Errorf(ErrConflict, "%s does not list %s as merged into it", a, b)
		}
		for _, l := range snap.Labels {
			if !schemaName.MatchString(l) {
				return Errorf(ErrInvalid, "merge snapshot of %s has the label %q", b, l)
			}
		}
		q := `MATCH (b:MergedEntity {id: $b})
REMOVE b:MergedEntity, b.mergedInto, b.mergedAt, b.mergedBy, b.mergeSnapshot
SET b:` + strings.Join(snap.Labels, ":")
		if _, err := tx.Run(ctx, q, map[string]any{"b": b}); err != nil {
			return err
		}
		for _, r := range snap.Rels {
			if !schemaName.MatchString(r.Type) {
				return Errorf(ErrInvalid, "merge snapshot of %s has the relationship type %q", b, r.Type)
			}
			props, err := decodeProps(r.Props)
			if err != nil {
				return err
			}
			if r.Other != a {
				// Remove the copy the merge made on the canonical.
				other := r.Other
				if other == b {
					other = a
				}
				from, to := a, other
				if !r.Out {
					from, to = other, a
				}
				q := `MATCH (x:Entity {id: $from})-[r:` + r.Type + `]->(y:Entity {id: $to})
WHERE properties(r) = $p OR ($p.id IS NOT NULL AND r.id = $p.id)
WITH r ORDER BY CASE WHEN properties(r) = $p THEN 0 ELSE 1 END LIMIT 1
DELETE r RETURN count(*) AS n`
				res, err := tx.Run(ctx, q, map[string]any{"from": from, "to": to, "p": props})
				if err != nil {
					return err
				}
				rec, err := res.Single(ctx)
				if err != nil {
					return err
				}
				if n, _, _ := neo4j.GetRecordValue[int64](rec, "n"); n == 0 {
					out.Gone++
					continue
				}
				out.Moved++
			} else {
				out.Between++
			}
			from, to := b, r.Other
			if !r.Out {
				from, to = r.Other, b
			}
			if err := createRel(ctx, tx, r, from, to); err != nil {
				return err
			}
		}
		restore, remove, err := restoreCanonical(pa, snap, b)
		if err != nil {
			return err
		}
		if _, err := tx.Run(ctx, `MATCH (a:Entity {id: $a}) SET a += $set`, map[string]any{"a": a, "set": restore}); err != nil {
			return err
		}
		for _, k := range remove {
			if _, err := tx.Run(ctx, `MATCH (a:Entity {id: $a}) REMOVE a.`+k, map[string]any{"a": a}); err != nil {
				return err
			}
		}
		k := pairKey(a, b)
		if _, err = tx.Run(ctx, `MATCH (j:Judgement {key: $key}) DELETE j`, map[string]any{"key": k[0] + "|" + k[1]}); err != nil {
			return err
		}
		return bumpVersionTx(ctx, tx)
	})
	return out, err
}

// restoreCanonical works out the canonical's touched properties after an
// unmerge: exactly as before the merge when nothing changed them since,
// otherwise their current values without what the merge added.
func restoreCanonical(cur map[string]any, snap mergeSnapshot, b string) (set map[string]any, remove []string, err error) {
	set = map[string]any{}
	for _, k := range touched {
		before, err := snap.Before[k].decode()
		if err != nil {
			return nil, nil, err
		}
		after, err := snap.After[k].decode()
		if err != nil {
			return nil, nil, err
		}
		now := cur[k]
		if !sameValue(now, after) {
			// Changed since the merge: take out only what the merge put in.
			switch k {
			case "aliases":
				before = toAny(slices.DeleteFunc(anyStrings(now), func(x string) bool { return slices.Contains(snap.Added, x) }))
			case "identifiers":
				// Those the merge added: in after, not before.
				prev := anyStrings(before)
				added := slices.DeleteFunc(anyStrings(after), func(x string) bool { return slices.Contains(prev, x) })
				before = toAny(slices.DeleteFunc(anyStrings(now), func(x string) bool { return slices.Contains(added, x) }))
				if len(anyStrings(before)) == 0 {
					before = nil
				}
			case "mergedFrom":
				before = toAny(slices.DeleteFunc(anyStrings(now), func(x string) bool { return x == b }))
			case "variants":
				suffix := "(from " + b + ")"
				before = toAny(slices.DeleteFunc(anyStrings(now), func(x string) bool { return strings.HasSuffix(x, suffix) }))
			default:
				before = now
			}
		}
		if before == nil {
			remove = append(remove, k)
			continue
		}
		set[k] = before
	}
	return set, remove, nil
}

func sameValue(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// mergedRef finds the merged id an unmerge reference means.
func (s *Store) mergedRef(ctx context.Context, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	res, err := s.read(ctx, `MATCH (m:MergedEntity {id: $id}) RETURN m.id AS id`, map[string]any{"id": ref})
	if err != nil {
		return "", err
	}
	if len(res.Records) > 0 {
		return ref, nil
	}
	e, err := s.Resolve(ctx, ref)
	if err != nil {
		return "", err
	}
	res, err = s.read(ctx, `MATCH (e:Entity {id: $id}) RETURN e.mergedFrom AS m`, map[string]any{"id": e.ID})
	if err != nil {
		return "", err
	}
	if len(res.Records) > 0 {
		m, _, _ := neo4j.GetRecordValue[[]any](res.Records[0], "m")
		if from := anyStrings(m); len(from) > 0 {
			return from[len(from)-1], nil
		}
	}
	return "", &Error{Kind: ErrInvalid, Message: fmt.Sprintf("no entity was merged into %s (%s)", e.Name, e.ID), Err: ErrNotMerged}
}

// redirect follows merges from an id that is no longer an entity to the
// entity it was merged into; ok is false when id was never merged.
func (s *Store) redirect(ctx context.Context, id string) (string, bool, error) {
	cur := id
	for range 32 {
		res, err := s.read(ctx, `MATCH (m:MergedEntity {id: $id}) RETURN m.mergedInto AS to`, map[string]any{"id": cur})
		if err != nil {
			return "", false, err
		}
		if len(res.Records) == 0 {
			return cur, cur != id, nil
		}
		cur, _, _ = neo4j.GetRecordValue[string](res.Records[0], "to")
	}
	return "", false, errors.New("merge redirects form a loop at " + id)
}

// Redirects maps each of ids that was merged away to the entity it is now
// part of; ids that are entities or unknown are left out.
func (s *Store) Redirects(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	for start := 0; start < len(ids); start += lookupChunk {
		res, err := s.read(ctx, `UNWIND $ids AS id MATCH (m:MergedEntity {id: id}) RETURN id`,
			map[string]any{"ids": ids[start:min(start+lookupChunk, len(ids))]})
		if err != nil {
			return nil, err
		}
		for _, rec := range res.Records {
			id, _, _ := neo4j.GetRecordValue[string](rec, "id")
			to, _, err := s.redirect(ctx, id)
			if err != nil {
				return nil, err
			}
			out[id] = to
		}
	}
	return out, nil
}
