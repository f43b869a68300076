package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"explorer/graph"
	"explorer/internal/testdb"
)

// These tests run the real command line against the repository's seed, as
// a new user does after "make demo".

// loadSeed resets the test database and loads seed.cypher with "explorer
// seed".
func loadSeed(t *testing.T) *graph.Store {
	t.Helper()
	st := testdb.Open(t)
	if out, errOut, code := cli(t, "seed", "--file", filepath.Join("..", "..", "seed.cypher")); code != 0 || !strings.Contains(out, "graph now holds") {
		t.Fatalf("explorer seed: exit %d\n%s%s", code, out, errOut)
	}
	return st
}

// shellWords splits a command line the way sh does for the README's simple
// commands: words, '...' and "..." quoting.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range line {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		t.Fatalf("unbalanced quote in %q", line)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// readmeCommands returns every explorer command of the README: each line of
// its sh code blocks that runs bin/explorer, and each inline `bin/explorer
// ...` example of a query command.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var cmds []string
	inSh := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	inline := regexp.MustCompile("`(bin/explorer (?:path|neighbors|search|query) [^`]+)`")
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
		case strings.HasPrefix(line, "```"):
			inSh = false
		case inSh && strings.HasPrefix(line, "bin/explorer "):
			cmds = append(cmds, line)
		case !inSh:
			for _, m := range inline.FindAllStringSubmatch(line, -1) {
				cmds = append(cmds, m[1])
			}
		}
	}
	return cmds
}

// runExample runs one documented command line against the seed, with -o
// files redirected to a temporary directory, and checks that it succeeds
// with output that makes sense for its format.
func runExample(t *testing.T, words []string) {
	t.Helper()
	dir := t.TempDir()
	args := slices.Clone(words)
	var outFile, format string
	for i := 0; i+1 < len(args); i++ {
		switch args[i] {
		case "-o", "--output":
			outFile = filepath.Join(dir, filepath.Base(args[i+1]))
			args[i+1] = outFile
		case "--format":
			format = args[i+1]
		}
	}
	if (format == "png" || format == "pdf") && !requireDot(t) {
		return
	}
	out, errOut, code := cli(t, args...)
	if code != 0 {
		t.Fatalf("explorer %s: exit %d\n%s", strings.Join(words, " "), code, errOut)
	}
	got := []byte(out)
	if outFile != "" {
		var err error
		if got, err = os.ReadFile(outFile); err != nil {
			t.Fatalf("explorer %s: %v", strings.Join(words, " "), err)
		}
	}
	if len(bytes.TrimSpace(got)) == 0 {
		t.Fatalf("explorer %s: no output", strings.Join(words, " "))
	}
	ok := true
	switch format {
	case "json":
		ok = json.Valid(got)
	case "svg":
		ok = bytes.Contains(got, []byte("<svg")) && bytes.Contains(got, []byte("</svg>"))
	case "png":
		ok = bytes.HasPrefix(got, []byte("\x89PNG"))
	case "pdf":
		ok = bytes.HasPrefix(got, []byte("%PDF"))
	case "dot":
		ok = bytes.HasPrefix(got, []byte("digraph"))
	case "", "text":
		if words[0] == "path" {
			ok = bytes.Contains(got, []byte("]->")) || bytes.Contains(got, []byte("<-["))
		}
	}
	if !ok {
		t.Errorf("explorer %s: output is not what --format %q promises: %.200q", strings.Join(words, " "), format, got)
	}
}

// TestReadmeExamples runs every explorer command the README shows.
func TestReadmeExamples(t *testing.T) {
	loadSeed(t)
	cmds := readmeCommands(t)
	if len(cmds) < 10 {
		t.Fatalf("found %d README commands, want the quick start's and the command line section's: %q", len(cmds), cmds)
	}
	for _, line := range cmds {
		t.Run(line, func(t *testing.T) {
			runExample(t, shellWords(t, strings.TrimPrefix(line, "bin/explorer ")))
		})
	}
}

// TestHelpExamplesRun runs the examples that --help shows for the query
// and export commands, so that they stay real.
func TestHelpExamplesRun(t *testing.T) {
	loadSeed(t)
	n := 0
	for _, c := range allCommands() {
		switch c.Name() {
		case "search", "path", "neighbors", "query", "types", "export", "version":
		default:
			continue
		}
		for _, line := range strings.Split(c.Example, "\n") {
			line = strings.TrimSpace(line)
			if !strings.HasPrefix(line, "explorer ") || strings.ContainsAny(line, "|>$&") {
				continue
			}
			n++
			t.Run(line, func(t *testing.T) { runExample(t, shellWords(t, strings.TrimPrefix(line, "explorer "))) })
		}
	}
	if n < 15 {
		t.Errorf("ran %d help examples, want every example of the query commands", n)
	}
}

// TestSuggestionsFromSeed: misspelled names fail with exit 1 and list the
// closest entities of the seed; none is picked.
func TestSuggestionsFromSeed(t *testing.T) {
	loadSeed(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"path", "KOMIT", "Houthis"}, `FROM: no entity is called "KOMIT"; closest: Korea Mining Development Trading Corporation (as KOMID; Organization, id komid)`},
		{[]string{"path", "KOMID", "Houthiz"}, `TO: no entity is called "Houthiz"; closest: Houthis (`},
		{[]string{"neighbors", "Hezbolah"}, `no entity is called "Hezbolah"; closest: Hezbollah (`},
		{[]string{"path", "Mohsen Rezaee", "KOMID"}, `no entity is called "Mohsen Rezaee"; closest: Mohsen Rezai (`},
		{[]string{"path", "KOMID", "Houthis", "--exclude", "SHIGG"}, `--exclude: no entity is called "SHIGG"; closest: Shahid Hemmat Industrial Group (as SHIG;`},
	}
	for _, tt := range tests {
		out, errOut, code := cli(t, tt.args...)
		if code != exitError || !strings.Contains(errOut, tt.want) || out != "" {
			t.Errorf("explorer %q: exit %d, stdout %q, stderr %q; want exit 1 with %q", tt.args, code, out, errOut, tt.want)
		}
	}
	out, _, code := cli(t, "search", "Hezbolah")
	if code != 0 || !strings.HasPrefix(out, "no match as written; spelled like it:\nhezbollah ") {
		t.Errorf("search Hezbolah: exit %d, %q; want Hezbollah as a similar spelling", code, out)
	}
}

// TestCompletionFromSeed completes entity names, --exclude lists and
// --types from the seed, as "explorer path KO<TAB>" does in a shell.
func TestCompletionFromSeed(t *testing.T) {
	loadSeed(t)
	_, cfg := testdb.Connect(t)
	env := map[string]string{"NEO4J_URI": cfg.URI, "NEO4J_USERNAME": cfg.User, "NEO4J_PASSWORD": cfg.Password, "NEO4J_DATABASE": cfg.Database}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"path", "KO"}, "KOMID"},
		{[]string{"path", "ko"}, "komid"},
		{[]string{"path", "KOMID", "Hout"}, "Houthis"},
		{[]string{"neighbors", "Hezb"}, "Hezbollah"},
		{[]string{"path", "KOMID", "Houthis", "--exclude", "SHIG,IR"}, "SHIG,IRGC"},
		{[]string{"neighbors", "KOMID", "--types", "SUPPL"}, "SUPPLIED"},
	}
	for _, tt := range tests {
		vals, _ := complete(t, env, tt.args...)
		if !slices.Contains(vals, tt.want) {
			t.Errorf("complete %q = %q, want %q among them", tt.args, vals, tt.want)
		}
		for _, v := range vals {
			last := tt.args[len(tt.args)-1]
			if !strings.HasPrefix(strings.ToLower(v), strings.ToLower(last)) {
				t.Errorf("complete %q offers %q, which does not start with %q", tt.args, v, last)
			}
		}
	}
	if vals, _ := complete(t, env, "path", "KOMID", "Houthis", "X"); len(vals) != 0 {
		t.Errorf("a third argument completes to %q, want nothing", vals)
	}
}

// TestTerminalSafety: escape sequences and bidirectional controls in names,
// quotes and query results reach the terminal as visible escapes.
func TestTerminalSafety(t *testing.T) {
	st := testdb.Open(t)
	ctx := context.Background()
	const evilName = "Evil\x1b]0;pwned\a\x1b[31mCorp\u202e"
	es := []graph.Entity{
		{ID: "evil", Name: evilName, Type: graph.Organization, Description: "clears\x1b[2J the screen\u009b"},
		{ID: "komid", Name: "KOMID", Type: graph.Organization},
	}
	rs := []graph.Relationship{{ID: "evil-komid", Type: "SUPPLIED", From: "evil", To: "komid", Start: graph.MustDate("2019"),
		Evidence: "quote\x1b[1A\roverwrites", Source: "test", Confidence: graph.Alleged}}
	if _, err := st.UpsertEntities(ctx, es); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpsertRelationships(ctx, rs); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"path", "evil", "komid"},
		{"neighbors", "komid"},
		{"search", "evil"},
		{"search", "screen"},
		{"query", "MATCH (e:Entity {id: 'evil'}) RETURN e.name AS name, e.description AS d"},
		{"query", "MATCH (e:Entity {id: 'evil'}) RETURN e.name AS name", "--format", "json"},
		{"path", "evil", "komid", "--format", "json"},
		{"path", "evil", "nobody"},
	} {
		out, errOut, code := cli(t, args...)
		if code != 0 && code != exitError {
			t.Fatalf("explorer %q: exit %d: %s", args, code, errOut)
		}
		for name, s := range map[string]string{"stdout": out, "stderr": errOut} {
			if i := strings.IndexFunc(strings.ReplaceAll(s, "\n", ""), unsafeRune); i >= 0 {
				t.Errorf("explorer %q: %s has a raw control character: %q", args, name, s)
			}
		}
		if code == 0 && !strings.Contains(out, `\x1b`) && !strings.Contains(out, `\u001b`) {
			t.Errorf("explorer %q: the escape sequence is not shown: %q", args, out)
		}
	}
}

// TestPathTrustOnSeed runs what issue 15 promises through the command line
// on the 38 North seed, asserting properties of the answers (not seed ids).
func TestPathTrustOnSeed(t *testing.T) {
	loadSeed(t)
	type answer struct {
		Query string       `json:"query"`
		Paths []graph.Path `json:"paths"`
	}
	pathJSON := func(args ...string) answer {
		t.Helper()
		out, errOut, code := cli(t, append([]string{"path", "SHIG", "Houthis", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("path %v: exit %d: %s", args, code, errOut)
		}
		var a answer
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatalf("path %v: %v", args, err)
		}
		return a
	}
	// By default no mention link, and the answer says mentions are not walked.
	a := pathJSON("--mode", "k-shortest", "--k", "4")
	if !strings.Contains(a.Query, "not mentions") {
		t.Errorf("query %q does not say mentions are not walked", a.Query)
	}
	for _, p := range a.Paths {
		for _, r := range p.Relationships {
			if spec, _ := r.Type.Spec(); spec.Family == graph.Mention {
				t.Errorf("default path walks the mention %s %s", r.Type, r.ID)
			}
		}
	}
	// --min-confidence confirmed: every hop confirmed.
	a = pathJSON("--mode", "k-shortest", "--k", "4", "--min-confidence", "confirmed")
	if !strings.Contains(a.Query, "confirmed only") || len(a.Paths) == 0 {
		t.Errorf("confirmed-only answer: query %q, %d paths", a.Query, len(a.Paths))
	}
	for _, p := range a.Paths {
		for _, r := range p.Relationships {
			if r.Confidence != graph.Confirmed {
				t.Errorf("--min-confidence confirmed walks %s %s (%s)", r.Type, r.ID, r.Confidence)
			}
		}
	}
	// --rank evidence: strongest first, each with a score and a reason.
	a = pathJSON("--mode", "k-shortest", "--k", "4", "--rank", "evidence")
	for i, p := range a.Paths {
		if p.Strength == nil || p.Strength.Reason == "" {
			t.Fatalf("path %d has no strength: %+v", i+1, p.Strength)
		}
		if i > 0 && p.Strength.Score > a.Paths[i-1].Strength.Score {
			t.Errorf("path %d (%v) is stronger than path %d (%v)", i+1, p.Strength.Score, i, a.Paths[i-1].Strength.Score)
		}
	}
	// The text answer opens with the query and gives each path's reason.
	out, _, code := cli(t, "path", "SHIG", "Houthis", "--rank", "evidence", "--mode", "k-shortest", "--k", "2")
	if lines := strings.Split(out, "\n"); code != 0 || !strings.HasPrefix(lines[0], "Shahid Hemmat Industrial Group to Houthis; k-shortest (k 2)") ||
		!strings.Contains(out, "path 1 (score ") || !strings.Contains(out, "ranked by evidence") {
		t.Errorf("path text: exit %d\n%s", code, out)
	}
	// No path: exit 3 and a message that states the filters.
	_, errOut, code := cli(t, "path", "SHIG", "Houthis", "--max-hops", "1", "--exclude-types", "COOPERATED_WITH", "--status", "completed")
	if code != 3 || !strings.Contains(errOut, "at most 1 hop;") || !strings.Contains(errOut, "not types COOPERATED_WITH") || !strings.Contains(errOut, "status completed") {
		t.Errorf("no path: exit %d, stderr %q; want exit 3 naming the filters", code, errOut)
	}
	// CSV: one row per hop, every evidence field.
	out, errOut, code = cli(t, "path", "SHIG", "Houthis", "--mode", "k-shortest", "--k", "3", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil {
		t.Fatalf("path csv: exit %d, %v: %s", code, err, errOut)
	}
	hops := 0
	for _, p := range pathJSON("--mode", "k-shortest", "--k", "3").Paths {
		hops += p.Len()
	}
	if len(rows) != hops+1 || rows[0][0] != "path" || !slices.Contains(rows[0], "citedSource") || !slices.Contains(rows[0], "paragraph") {
		t.Errorf("path csv has %d rows (want %d hops and a header), header %q", len(rows), hops, rows[0])
	}
	out, _, code = cli(t, "neighbors", "KOMID", "--format", "csv")
	if rows, err := csv.NewReader(strings.NewReader(out)).ReadAll(); code != 0 || err != nil || len(rows) < 2 || rows[0][0] != "fromId" {
		t.Errorf("neighbors csv: exit %d, %v, %d rows", code, err, len(rows))
	}
}

// TestSourcesCommands checks sources and source add|set against the seed:
// the article is a record with its claims counted, a new record can be
// added and edited, and mistakes are the right kind of error.
func TestSourcesCommands(t *testing.T) {
	loadSeed(t)
	out, errOut, code := cli(t, "sources", "--format", "json")
	if code != 0 {
		t.Fatalf("sources: exit %d: %s", code, errOut)
	}
	var list struct {
		Sources []graph.SourceInfo `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list.Sources, func(s graph.SourceInfo) bool { return s.ID == "38north-dprk-iran" })
	if i < 0 || list.Sources[i].Claims < 150 || list.Sources[i].Publisher != "38 North" {
		t.Fatalf("sources: the article is missing or has too few claims: %+v", list.Sources)
	}
	if _, errOut, code := cli(t, "source", "add", "test-report", "--title", "A test report", "--published", "2019-03"); code != 0 {
		t.Fatalf("source add: exit %d: %s", code, errOut)
	}
	if _, errOut, code := cli(t, "source", "set", "test-report", "--publisher", "Someone"); code != 0 {
		t.Fatalf("source set: exit %d: %s", code, errOut)
	}
	out, _, _ = cli(t, "sources")
	if !strings.Contains(out, "test-report") || !strings.Contains(out, "Someone") || !strings.Contains(out, "2019-03") {
		t.Errorf("sources after add and set:\n%s", out)
	}
	for _, tt := range []struct {
		args []string
		code int
	}{
		{[]string{"source", "add", "test-report", "--title", "again"}, 1}, // the id is taken
		{[]string{"source", "set", "no-such-source", "--title", "x"}, 1},  // unknown id
		{[]string{"source", "set", "test-report"}, 2},                     // nothing to set
		{[]string{"source", "add", "Bad Id", "--title", "x"}, 2},          // not a slug
		{[]string{"source", "add", "other"}, 2},                           // no title
		{[]string{"source", "add", "other", "--title", "x", "--published", "March 2019"}, 2},
		{[]string{"sources", "--format", "xml"}, 2},
	} {
		if _, errOut, code := cli(t, tt.args...); code != tt.code {
			t.Errorf("explorer %s: exit %d, want %d (%s)", strings.Join(tt.args, " "), code, tt.code, errOut)
		}
	}
}

// TestCiteReport checks issue 14's report on the seed: `path SHIG Houthis
// --mode k-shortest --k 3 --format md` gives one sentence per hop with a
// numbered note to the article's paragraph, and every note's quote is in
// that paragraph of the article kept in the repository.
func TestCiteReport(t *testing.T) {
	loadSeed(t)
	out, errOut, code := cli(t, "path", "SHIG", "Houthis", "--mode", "k-shortest", "--k", "3", "--format", "md")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	article, err := os.ReadFile(filepath.Join("..", "..", "sources", "38north-dprk-iran.txt"))
	if err != nil {
		t.Fatal(err)
	}
	paras := graph.Paragraphs(string(article))
	note := regexp.MustCompile(`(?m)^\[(\d+)\] .*?, paragraph (\d+): “(.*?)”`)
	notes := note.FindAllStringSubmatch(out, -1)
	if !strings.Contains(out, "## Path 3") || len(notes) < 3 {
		t.Fatalf("want 3 paths and their notes:\n%s", out)
	}
	for _, n := range notes {
		var p int
		fmt.Sscan(n[2], &p)
		if p < 1 || p > len(paras) || !strings.Contains(paras[p-1], n[3]) {
			t.Errorf("note [%s] quotes paragraph %d, which does not hold %q", n[1], p, n[3])
		}
		if !strings.Contains(out, "["+n[1]+"]\n") {
			t.Errorf("no hop points to note [%s]", n[1])
		}
	}
	if _, errOut, code := cli(t, "path", "SHIG", "Houthis", "--format", "html", "-o", filepath.Join(t.TempDir(), "r.html")); code != 0 {
		t.Errorf("--format html: exit %d: %s", code, errOut)
	}
}
