package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"explorer/graph"
)

func xrefCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "xref",
		Short: "Propose pairs of entities that may be the same actor, with the reasons",
		Long: `xref cross-references the graph: each entity (or each entity of --source) is looked up in
the full-text index of names and aliases by its own names (fuzzy terms, so the work grows with
the entities, not with the pairs), and each pair found is scored from the names once
normalised (case, accents, punctuation, legal forms such as Co./Corporation, transliteration
variants such as Rezai/Rezaee or Hizballah/Hezbollah), the type (different types never
match), the country and the neighbours both share. Pairs that have a judgement are never
proposed again. The established entity comes first: judging a pair "same" keeps its id.

--source S compares the entities of source S (an entity with a relationship whose sourceId or
source is S, or whose id starts with S) with the rest of the graph.`,
		Example: `  explorer xref
  explorer xref --source ftm- --min-score 0.7 --format json
  explorer judge komid ftm-komid same`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	source := fs.String("source", "", "compare only this source's entities with the rest")
	minScore := fs.Float64("min-score", graph.DefaultMinScore, "lowest score proposed (0 to 1)")
	limit := fs.Int("limit", 100, "most candidates shown, best first (0: all)")
	format := fs.String("format", "text", "output format: text or json")
	registerCompletions(c, conn, map[string][]string{"format": {"text", "json"}})
	c.RunE = func(c *cobra.Command, _ []string) error {
		if err := oneOf("format", *format, "text", "json"); err != nil {
			return err
		}
		if *minScore <= 0 || *minScore > 1 {
			return usagef("xref: --min-score %v: want a number above 0 and at most 1", *minScore)
		}
		if err := inRange("limit", *limit, 0, 100_000); err != nil {
			return err
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		cands, err := st.Xref(ctx, graph.XrefOptions{Source: *source, MinScore: *minScore, Limit: *limit})
		if err != nil {
			return err
		}
		if *format == "json" {
			if cands == nil {
				cands = []graph.Candidate{}
			}
			return writeJSON(e.stdout, map[string]any{"candidates": cands})
		}
		if len(cands) == 0 {
			fmt.Fprintln(e.stdout, "no candidates")
			return nil
		}
		for _, cd := range cands {
			fmt.Fprintf(e.stdout, "%.2f  %s (%s)  =  %s (%s)\n", cd.Score, termSafe(cd.Left.Name), termSafe(cd.Left.ID), termSafe(cd.Right.Name), termSafe(cd.Right.ID))
			for _, r := range cd.Reasons {
				fmt.Fprintf(e.stdout, "      %s\n", termSafe(r))
			}
		}
		fmt.Fprintf(e.stdout, "%d candidates; judge them with: explorer judge LEFT RIGHT same|different|unsure\n", len(cands))
		return nil
	}
	return c
}

func judgeCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "judge A B same|different|unsure",
		Short: "Judge whether two entities are the same actor; same merges them",
		Long: `judge records an investigator's verdict on two entities (ids, names or aliases), with who
and when, in the database; a judged pair is never proposed by xref again, and judgements
survive re-imports. "same" merges B into A: B's relationships move to A, its name and aliases
join A's aliases, properties that disagree are kept in A's variants with their source, and B's
id keeps resolving to A. explorer unmerge undoes it exactly.`,
		Example: `  explorer judge komid ftm-komid same
  explorer judge shig ftm-shahid-bakeri different --by analyst`,
		Args: exactArgs(3, "want two entities and a verdict (same, different or unsure)"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	by := fs.String("by", "", "who judges (default $USER)")
	jsonOut := fs.Bool("json", false, "print the result as JSON")
	registerCompletions(c, conn, nil)
	c.RunE = func(c *cobra.Command, args []string) error {
		v, err := graph.ParseVerdict(args[2])
		if err != nil {
			return usagef("judge: %v", err)
		}
		who := *by
		if who == "" {
			who = e.getenv("USER")
		}
		if who == "" {
			who = "cli"
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		res, err := st.Judge(ctx, args[0], args[1], v, who, time.Now())
		if err != nil {
			return err
		}
		if *jsonOut {
			return writeJSON(e.stdout, res)
		}
		j := res.Judgement
		fmt.Fprintf(e.stdout, "judged %s and %s: %s (by %s)\n", termSafe(j.Left), termSafe(j.Right), j.Verdict, termSafe(j.By))
		if m := res.Merged; m != nil {
			fmt.Fprintf(e.stdout, "merged %s into %s: %d relationships moved, %d between them kept aside; %s now resolves to %s (explorer unmerge %s undoes it)\n",
				termSafe(m.Merged), termSafe(m.Canonical), m.Moved, m.Between, termSafe(m.Merged), termSafe(m.Canonical), termSafe(m.Merged))
		}
		return nil
	}
	return c
}

func unmergeCmd(e *env) *cobra.Command {
	c := &cobra.Command{
		Use:   "unmerge ID",
		Short: "Undo a merge: both entities come back exactly as they were",
		Long: `unmerge undoes the merge of ID (the merged id, or the canonical entity, whose latest merge
is undone): the merged entity comes back with its labels and properties, its relationships
move back, the canonical's names and properties are as before, and the "same" judgement is
withdrawn, so xref may propose the pair again.`,
		Example: `  explorer unmerge ftm-komid
  explorer unmerge komid`,
		Args: exactArgs(1, "want the id of a merged or canonical entity"),
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	registerCompletions(c, conn, nil)
	c.RunE = func(c *cobra.Command, args []string) error {
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		m, err := st.Unmerge(ctx, args[0])
		if err != nil {
			return err
		}
		msg := fmt.Sprintf("unmerged %s from %s: %d relationships moved back, %d between them restored",
			termSafe(m.Merged), termSafe(m.Canonical), m.Moved, m.Between)
		if m.Gone > 0 {
			msg += fmt.Sprintf("; %d deleted since the merge stay deleted", m.Gone)
		}
		fmt.Fprintln(e.stdout, strings.TrimSpace(msg))
		return nil
	}
	return c
}

// maxImportMatch is the most entities an import matches against the graph
// as it ends (about 4 ms each on a shared 2-core machine: see BENCHMARKS.md).
const maxImportMatch = 10000

// matchModes are the values of import --match.
var matchModes = []string{"auto", "review", "off"}

// importMatcher holds what import --match needs: the ids the input names
// (captured when the import looks up merged entities) and the mode.
type importMatcher struct {
	st   *graph.Store
	mode string
	ids  []string
}

// redirect is the import's Redirector: merged ids land on their canonical
// entity (modes auto and review).
func (m *importMatcher) redirect(ctx context.Context, ids []string) (map[string]string, error) {
	m.ids = ids
	return m.st.Redirects(ctx, ids)
}

// after cross-references the imported entities with the graph: in auto mode
// strong candidates (see graph.Candidate.Strong) are merged, each one only
// when it is the only strong match on both sides; the rest are listed for
// review.
func (m *importMatcher) after(ctx context.Context, w io.Writer) error {
	if m.mode == "off" || len(m.ids) == 0 {
		return nil
	}
	if len(m.ids) > maxImportMatch {
		// A bulk load: cross-referencing it is a job of its own.
		fmt.Fprintf(w, "%d entities imported: too many to match now; run explorer xref --source PREFIX (or --source SOURCE) to review them\n", len(m.ids))
		return nil
	}
	cands, err := m.st.Xref(ctx, graph.XrefOptions{IDs: m.ids})
	if err != nil {
		return fmt.Errorf("matching the imported entities: %w", err)
	}
	strong := map[string]int{}
	for _, c := range cands {
		if c.Strong() {
			strong[c.Left.ID]++
			strong[c.Right.ID]++
		}
	}
	review := 0
	for _, c := range cands {
		if m.mode == "auto" && c.Strong() && strong[c.Left.ID] == 1 && strong[c.Right.ID] == 1 {
			r, err := m.st.Merge(ctx, c.Left.ID, c.Right.ID, "import --match auto", time.Now())
			if err != nil {
				return fmt.Errorf("merging %s into %s: %w", c.Right.ID, c.Left.ID, err)
			}
			fmt.Fprintf(w, "matched %s (%s) to %s (%s), score %.2f: merged (explorer unmerge %s undoes it)\n",
				termSafe(c.Right.Name), termSafe(r.Merged), termSafe(c.Left.Name), termSafe(r.Canonical), c.Score, termSafe(r.Merged))
			continue
		}
		review++
	}
	if review > 0 {
		fmt.Fprintf(w, "%d candidate pairs to review: explorer xref (or the review page, /xref)\n", review)
	}
	return nil
}
