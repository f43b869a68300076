package graph

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Verdict is an investigator's judgement on whether two entities are the
// same actor (nomenklatura's positive, negative and unsure).
type Verdict string

// The verdicts.
const (
	Same      Verdict = "same"
	Different Verdict = "different"
	Unsure    Verdict = "unsure"
)

// ParseVerdict checks a verdict given as text.
func ParseVerdict(s string) (Verdict, error) {
	switch v := Verdict(s); v {
	case Same, Different, Unsure:
		return v, nil
	}
	return "", Errorf(ErrInvalid, "verdict %q: want same, different or unsure", s)
}

// Judgement is a stored verdict on a pair of entities. Judgements are
// :Judgement nodes (never entities), keyed by the ordered pair of ids, so
// they survive re-imports and a judged pair is never proposed again.
type Judgement struct {
	Left    string    `json:"left"`
	Right   string    `json:"right"`
	Verdict Verdict   `json:"verdict"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
}

// judgedPairs returns every pair that has a judgement.
func (s *Store) judgedPairs(ctx context.Context) (map[[2]string]bool, error) {
	res, err := s.read(ctx, `MATCH (j:Judgement) RETURN j.left AS a, j.right AS b`, nil)
	if err != nil {
		return nil, err
	}
	out := make(map[[2]string]bool, len(res.Records))
	for _, rec := range res.Records {
		a, _, _ := neo4j.GetRecordValue[string](rec, "a")
		b, _, _ := neo4j.GetRecordValue[string](rec, "b")
		out[pairKey(a, b)] = true
	}
	return out, nil
}

// Judgements lists the stored judgements, newest first.
func (s *Store) Judgements(ctx context.Context) ([]Judgement, error) {
	res, err := s.read(ctx, `MATCH (j:Judgement) RETURN j ORDER BY j.at DESC, j.key`, nil)
	if err != nil {
		return nil, err
	}
	out := make([]Judgement, 0, len(res.Records))
	for _, rec := range res.Records {
		n, _, err := neo4j.GetRecordValue[neo4j.Node](rec, "j")
		if err != nil {
			return nil, err
		}
		j := Judgement{}
		j.Left, _ = neo4j.GetProperty[string](n, "left")
		j.Right, _ = neo4j.GetProperty[string](n, "right")
		v, _ := neo4j.GetProperty[string](n, "verdict")
		j.Verdict = Verdict(v)
		j.By, _ = neo4j.GetProperty[string](n, "by")
		j.At, _ = neo4j.GetProperty[time.Time](n, "at")
		out = append(out, j)
	}
	return out, nil
}

// JudgeResult says what a judgement did.
type JudgeResult struct {
	Judgement Judgement `json:"judgement"`
	// Merged is set when a "same" judgement merged the pair: the entity
	// that remains, and the id that now redirects to it.
	Merged *MergeResult `json:"merged,omitempty"`
}

// Judge records a verdict on the entities a and b (ids, names or aliases);
// "same" merges them into a (see Merge). A pair judged before is judged
// again only by a new verdict.
func (s *Store) Judge(ctx context.Context, a, b string, v Verdict, by string, now time.Time) (JudgeResult, error) {
	if _, err := ParseVerdict(string(v)); err != nil {
		return JudgeResult{}, err
	}
	if by == "" {
		return JudgeResult{}, Errorf(ErrInvalid, "a judgement needs who made it")
	}
	ea, err := s.Resolve(ctx, a)
	if err != nil {
		return JudgeResult{}, err
	}
	eb, err := s.Resolve(ctx, b)
	if err != nil {
		return JudgeResult{}, err
	}
	if ea.ID == eb.ID {
		return JudgeResult{}, Errorf(ErrConflict, "%q and %q are one entity already (%s)", a, b, ea.ID)
	}
	j := Judgement{Left: ea.ID, Right: eb.ID, Verdict: v, By: by, At: now.UTC()}
	if v == Same {
		m, err := s.merge(ctx, ea.ID, eb.ID, j)
		if err != nil {
			return JudgeResult{}, err
		}
		return JudgeResult{Judgement: j, Merged: &m}, nil
	}
	err = s.writeTx(ctx, func(tx neo4j.ManagedTransaction) error {
		if err := putJudgement(ctx, tx, j); err != nil {
			return err
		}
		return bumpVersionTx(ctx, tx)
	})
	return JudgeResult{Judgement: j}, err
}

const putJudgementQuery = `MERGE (j:Judgement {key: $key})
SET j.left = $left, j.right = $right, j.verdict = $verdict, j.by = $by, j.at = $at`

func putJudgement(ctx context.Context, tx neo4j.ManagedTransaction, j Judgement) error {
	k := pairKey(j.Left, j.Right)
	_, err := tx.Run(ctx, putJudgementQuery, map[string]any{"key": k[0] + "|" + k[1], "left": j.Left, "right": j.Right,
		"verdict": string(j.Verdict), "by": j.By, "at": j.At})
	return err
}
