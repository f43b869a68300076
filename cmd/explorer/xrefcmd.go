package main

import (
	"fmt"
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
source is S, or whose id starts with S) with the rest of the graph.

--store cross-references the whole graph and keeps the best --keep candidates in the database
(in place of those stored before, stamped with the graph's version), where the review page and
GET /api/v1/xref read them at once; it prints the best --limit of them that are left to judge.`,
		Example: `  explorer xref --source ftm- --min-score 0.7 --format json
  explorer xref --store
  explorer judge komid ftm-komid same`,
		Args: noArgs,
	}
	fs := c.Flags()
	conn := addConnFlags(fs, e.getenv)
	source := fs.String("source", "", "compare only this source's entities with the rest")
	minScore := fs.Float64("min-score", graph.DefaultMinScore, "lowest score proposed (0 to 1)")
	limit := fs.Int("limit", 100, "most candidates shown, best first (0: all)")
	format := fs.String("format", "text", "output format: text or json")
	store := fs.Bool("store", false, "cross-reference the whole graph and store the candidates for the review page")
	keep := fs.Int("keep", graph.DefaultKeep, "with --store: most candidates stored, best first")
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
		if *store && *source != "" {
			return usagef("xref: --store covers the whole graph; it takes no --source")
		}
		if err := inRange("keep", *keep, 1, 1_000_000); err != nil {
			return err
		}
		if !*store && c.Flags().Changed("keep") {
			return usagef("xref: --keep goes with --store")
		}
		ctx := c.Context()
		st, closeFn, err := conn.open(ctx)
		if err != nil {
			return err
		}
		defer closeFn()
		var cands []graph.Candidate
		var summary string
		if *store {
			run, err := st.StoreXref(ctx, graph.XrefOptions{MinScore: *minScore, Limit: *keep})
			if err != nil {
				return err
			}
			show := *limit
			if show == 0 {
				show = *keep
			}
			stored, err := st.StoredXref(ctx, graph.StoredQuery{MinScore: *minScore, Limit: show})
			if err != nil {
				return err
			}
			cands = stored.Candidates
			summary = fmt.Sprintf("stored %d candidates from %d entities in %s (graph version %d); %d left to judge",
				run.Candidates, run.Entities, run.Finished.Sub(run.Started).Round(time.Millisecond), run.Version, stored.Pending)
			if *format == "json" {
				return writeJSON(e.stdout, map[string]any{"candidates": cands, "run": run, "pending": stored.Pending})
			}
		} else if cands, err = st.Xref(ctx, graph.XrefOptions{Source: *source, MinScore: *minScore, Limit: *limit}); err != nil {
			return err
		}
		if *format == "json" {
			if cands == nil {
				cands = []graph.Candidate{}
			}
			return writeJSON(e.stdout, map[string]any{"candidates": cands})
		}
		if summary != "" {
			fmt.Fprintln(e.stdout, summary)
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
