package main

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// These tests need no database: every command line here is refused, or
// answered, before a connection is opened. The environment points at a port
// where nothing listens, so a command that did reach for Neo4j would fail
// with exit status 1, not the status the test wants.

var noDatabase = map[string]string{"NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "unused-password", "EXPLORER_NEO4J_HOME": "/nonexistent"}

// runArgs runs the real run() and returns stdout, stderr and the exit status.
func runArgs(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(""), &out, &errb)
	code := exitStatus(err, &errb)
	return out.String(), errb.String(), code
}

// allCommands walks the command table, subcommands included.
func allCommands() []*cobra.Command {
	var out []*cobra.Command
	var walk func(cs []*cobra.Command)
	walk = func(cs []*cobra.Command) {
		for _, c := range cs {
			if c.Hidden {
				continue
			}
			out = append(out, c)
			walk(c.Commands())
		}
	}
	walk(newRoot(&env{getenv: func(string) string { return "" }}).Commands())
	return out
}

// TestHelpEveryCommand: "explorer CMD --help", "-h" and "explorer help CMD"
// print the command's usage, flags and examples to standard output and exit
// 0, for every command of the table.
func TestHelpEveryCommand(t *testing.T) {
	for _, c := range allCommands() {
		path := strings.Fields(strings.TrimPrefix(c.CommandPath(), "explorer "))
		examples := strings.Count(c.Example, "  explorer ")
		if len(path) > 1 { // an action of a group ("neo4j stop") may have one
			if examples < 1 || examples > 3 {
				t.Errorf("%s has %d examples, want 1 to 3", c.CommandPath(), examples)
			}
		} else if examples < 2 || examples > 3 {
			t.Errorf("%s has %d examples, want 2 or 3", c.CommandPath(), examples)
		}
		about := c.Short
		if c.Long != "" {
			about = strings.SplitN(c.Long, "\n", 2)[0]
		}
		for _, args := range [][]string{append(path, "--help"), append(path, "-h"), append([]string{"help"}, path...)} {
			out, errOut, code := runArgs(t, noDatabase, args...)
			if code != exitOK || errOut != "" {
				t.Errorf("explorer %s: exit %d, stderr %q; want 0 and nothing on stderr", strings.Join(args, " "), code, errOut)
				continue
			}
			for _, want := range []string{"Usage:\n  explorer " + strings.Join(path, " "), "Examples:\n  explorer ", about} {
				if !strings.Contains(out, want) {
					t.Errorf("explorer %s: output lacks %q:\n%s", strings.Join(args, " "), want, out)
				}
			}
			if c.HasAvailableFlags() && !strings.Contains(out, "Flags:\n") {
				t.Errorf("explorer %s: output lists no flags:\n%s", strings.Join(args, " "), out)
			}
		}
	}
}

// TestExitStatus checks the contract's statuses that need no database: 0
// for help and version, 2 for bad usage (with the usage line), 1 for an
// error (Neo4j unreachable). Statuses 1 and 3 from real queries are in
// TestCLIExitCodes.
func TestExitStatus(t *testing.T) {
	tests := []struct {
		args []string
		code int
		msg  string // on stderr, or on stdout for status 0
	}{
		{[]string{"version"}, 0, "explorer dev"},
		{[]string{"--version"}, 0, "explorer dev"},
		{[]string{"help"}, 0, "Ask the graph:\n  diff "},
		{[]string{"--help"}, 0, "Exit status: 0 found, 1 error, 2 bad usage, 3 no path found."},
		{[]string{}, 2, "no command given"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"serach", "x"}, 2, "did you mean search?"},
		{[]string{"help", "nosuch"}, 2, `unknown command "nosuch"`},
		{[]string{"--frob"}, 2, "unknown flag: --frob"},
		{[]string{"version", "x"}, 2, `unexpected argument "x"`},
		{[]string{"types", "x"}, 2, `unexpected argument "x"`},
		{[]string{"path"}, 2, "want FROM and TO"},
		{[]string{"path", "a", "b", "c"}, 2, "want FROM and TO"},
		{[]string{"path", "a", "b", "--k", "5"}, 2, "--k applies only to --mode k-shortest and chronological"},
		{[]string{"path", "a", "b", "--mode", "all-shortest", "--k", "2"}, 2, "--k applies only"},
		{[]string{"path", "a", "b", "--depth", "2"}, 2, "unknown flag: --depth"},
		{[]string{"path", "a", "b", "--layout", "neato"}, 2, "--layout applies only to diagram formats"},
		{[]string{"path", "a", "b", "--format", "json", "--rankdir", "TB"}, 2, "--rankdir applies only to diagram formats"},
		{[]string{"path", "a", "b", "--format", "svg", "--layout", "neato", "--rankdir", "TB"}, 2, "--rankdir applies only with --layout dot"},
		{[]string{"path", "a", "b", "--format", "svg", "--layout", "spring"}, 2, "--layout \"spring\""},
		{[]string{"path", "a", "b", "--max-hops", "x"}, 2, `invalid argument "x" for "--max-hops"`},
		{[]string{"path", "a", "b", "--max-hops", "99"}, 2, `--max-hops: want an integer from 1 to 8, got "99"`},
		{[]string{"path", "a", "b", "--mode", "k-shortest", "--k", "0"}, 2, `--k: want an integer from 1 to 50, got "0"`},
		{[]string{"path", "a", "b", "--types", "HUGGED"}, 2, "unknown relationship type"},
		{[]string{"path", "a", "b", "--since", "2016-13"}, 2, "--since"},
		{[]string{"path", "a", "b", "--since", "2019", "--until", "2018"}, 2, "before since"},
		{[]string{"path", "a", "b", "--mode", "fastest"}, 2, "unknown path mode"},
		{[]string{"path", "a", "b", "--format", "gif"}, 2, `--format "gif"`},
		{[]string{"path", "a", "b", "--directed=maybe"}, 2, "invalid argument"},
		{[]string{"path", "a", "b", "--min-confidence", "sure"}, 2, `--min-confidence: want confirmed, reported, assessed, alleged, disputed, got "sure"`},
		{[]string{"path", "a", "b", "--status", "done"}, 2, `--status: want any or a list of completed, attempted, authorised, planned, intercepted, got "done"`},
		{[]string{"path", "a", "b", "--undated", "skip"}, 2, `--undated: want include or exclude, got "skip"`},
		{[]string{"path", "a", "b", "--rank", "best"}, 2, `--rank: want length or evidence, got "best"`},
		{[]string{"path", "a", "b", "--exclude-types", "HUGGED"}, 2, `--exclude-types: unknown relationship type "HUGGED"`},
		{[]string{"path", "a", "b", "--types", "SUPPLIED", "--exclude-types", "SUPPLIED"}, 2, "--exclude-types: no relationship type is left to walk"},
		{[]string{"path", "a", "a"}, 2, "TO: is the same entity as from (a)"},
		{[]string{"path", "a", "b", "--exclude", "b"}, 2, "--exclude: cannot exclude a path endpoint"},
		{[]string{"neighbors", "komid", "--undated", "include", "--dated-only"}, 2, "--undated: include contradicts dated_only"},
		{[]string{"neighbors"}, 2, "want one ENTITY"},
		{[]string{"neighbors", "komid", "--depth", "9"}, 2, `--depth: want an integer from 1 to 4, got "9"`},
		{[]string{"neighbors", "komid", "--depth", "0"}, 2, `--depth: want an integer from 1 to 4, got "0"`},
		{[]string{"neighbors", "komid", "--limit", "0"}, 2, `--limit: want an integer from 1 to 2000, got "0"`},
		{[]string{"neighbors", "komid", "--k", "3"}, 2, "unknown flag: --k"},
		{[]string{"neighbors", "komid", "--mode", "shortest"}, 2, "unknown flag: --mode"},
		{[]string{"path", "a", "b", "--as-of", "2016-13"}, 2, "--as-of"},
		{[]string{"path", "a", "b", "--include-past-events"}, 2, "--include-past-events: needs an as-of date"},
		{[]string{"neighbors", "komid", "--as-of", "19"}, 2, "--as-of"},
		{[]string{"diff"}, 2, "want one ENTITY"},
		{[]string{"diff", "komid", "--to", "2018"}, 2, "--from is required"},
		{[]string{"diff", "komid", "--from", "2018"}, 2, "--to is required"},
		{[]string{"diff", "komid", "--from", "2018", "--to", "2009"}, 2, "--to 2009 must come after --from 2018"},
		{[]string{"diff", "komid", "--from", "2009", "--to", "2009-05"}, 2, "must come after"},
		{[]string{"diff", "komid", "--from", "20x9", "--to", "2018"}, 2, "--from"},
		{[]string{"diff", "komid", "--from", "2009", "--to", "2018", "--depth", "5"}, 2, "--depth 5: want 1 to 4"},
		{[]string{"diff", "komid", "--from", "2009", "--to", "2018", "--format", "gif"}, 2, `--format "gif"`},
		{[]string{"search"}, 2, "want TEXT"},
		{[]string{"search", "x", "--format", "xml"}, 2, `--format "xml"`},
		{[]string{"search", "x", "--limit", "1000"}, 2, "--limit 1000"},
		{[]string{"query"}, 2, "want exactly one CYPHER"},
		{[]string{"query", "RETURN 1", "--param", "novalue"}, 2, "want name=value"},
		{[]string{"query", "RETURN 1", "--layout", "neato"}, 2, "--layout applies only"},
		{[]string{"import"}, 2, "want one or more files"},
		{[]string{"import", "graph.xml"}, 2, "graph.xml"},
		{[]string{"import", "-"}, 2, "needs --format"},
		{[]string{"import", "x.jsonl", "--dry-run", "--workers", "3"}, 2, "--workers applies only when writing"},
		{[]string{"import", "x.jsonl", "--batch-size", "0"}, 2, "--batch-size 0"},
		{[]string{"export"}, 2, "--format is required"},
		{[]string{"export", "--format", "xml"}, 2, "unknown export format"},
		{[]string{"export", "--format", "jsonl", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"generate", "--nodes", "1"}, 2, "--nodes >= 2"},
		{[]string{"generate", "--batch-size", "10"}, 2, "--batch-size applies only with --load"},
		{[]string{"generate", "--load", "-o", "x.jsonl"}, 2, "--output applies only without --load"},
		{[]string{"seed", "extra.cypher"}, 2, `unexpected argument "extra.cypher"`},
		{[]string{"serve", "--addr", "0.0.0.0:8080"}, 2, "not a loopback address"},
		{[]string{"serve", "--diagrams", "gpu"}, 2, `--diagrams "gpu"`},
		{[]string{"neo4j"}, 2, "neo4j: want start, status, stop"},
		{[]string{"neo4j", "restart"}, 2, `unknown action "restart"`},
		{[]string{"neo4j", "start", "now"}, 2, `unexpected argument "now"`},
		{[]string{"bench"}, 2, "bench: want"},
		{[]string{"bench", "import"}, 2, "pass --wipe"},
		{[]string{"bench", "paths", "--mode", "fastest"}, 2, "unknown path mode"},
		{[]string{"completion", "bash", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"completion", "tcsh"}, 2, `unknown action "tcsh"`},
		{[]string{"path", "a", "b"}, 1, "cannot reach Neo4j at bolt://127.0.0.1:1"},
		{[]string{"search", "kom"}, 1, "is it running? try 'explorer neo4j start'"},
	}
	for _, tt := range tests {
		out, errOut, code := runArgs(t, noDatabase, tt.args...)
		where := errOut
		if tt.code == 0 {
			where = out
		}
		if code != tt.code || !strings.Contains(where, tt.msg) {
			t.Errorf("explorer %s: exit %d, stdout %.200q, stderr %q; want exit %d with %q", strings.Join(tt.args, " "), code, out, errOut, tt.code, tt.msg)
			continue
		}
		if code == exitUsage && !strings.Contains(errOut, "\nUsage: explorer") {
			t.Errorf("explorer %s: stderr %q lacks the usage line", strings.Join(tt.args, " "), errOut)
		}
		if strings.Contains(errOut, "unused-password") {
			t.Errorf("explorer %s: the password appears in %q", strings.Join(tt.args, " "), errOut)
		}
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{"bash": "__start_explorer", "zsh": "#compdef explorer", "fish": "complete -c explorer"} {
		out, errOut, code := runArgs(t, noDatabase, "completion", shell)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("explorer completion %s: exit %d, stderr %q; want a script containing %q", shell, code, errOut, want)
		}
	}
}

// complete runs cobra's hidden completion command as a shell does and
// returns the offered values (descriptions cut off) and the directive line.
func complete(t *testing.T, env map[string]string, args ...string) ([]string, string) {
	t.Helper()
	out, errOut, code := runArgs(t, env, append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %q: exit %d: %s", args, code, errOut)
	}
	var vals []string
	directive := ""
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(line, ":") {
			directive = line
			continue
		}
		if line != "" {
			vals = append(vals, strings.SplitN(line, "\t", 2)[0])
		}
	}
	return vals, directive
}

// TestCompletionWithoutDatabase: static choices complete without Neo4j,
// and entity completion against a Neo4j that does not answer returns
// nothing, quickly, instead of hanging the shell.
func TestCompletionWithoutDatabase(t *testing.T) {
	vals, _ := complete(t, noDatabase, "path", "a", "b", "--mode", "")
	if strings.Join(vals, ",") != "shortest,all-shortest,k-shortest,chronological" {
		t.Errorf("--mode completions = %q", vals)
	}
	vals, dir := complete(t, noDatabase, "path", "--types", "SUPPLIED,SUP")
	if !slices.Contains(vals, "SUPPLIED,SUPPORTS") || slices.ContainsFunc(vals, func(v string) bool { return !strings.HasPrefix(v, "SUPPLIED,SUP") }) {
		t.Errorf("--types completions = %q, want SUPPLIED,SUPPORTS and only SUPPLIED,SUP... items", vals)
	}
	if dir != ":6" { // NoSpace | NoFileComp: the list may go on
		t.Errorf("--types directive = %q, want :6", dir)
	}
	start := time.Now()
	vals, _ = complete(t, noDatabase, "path", "KO")
	if d := time.Since(start); len(vals) != 0 || d > 3*time.Second {
		t.Errorf("entity completion with Neo4j down: %q after %v, want nothing within 3s", vals, d)
	}
}

func TestTermSafe(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Korea Mining", "Korea Mining"},
		{"Al-Qud\u0161 قدس", "Al-Qud\u0161 قدس"},
		{"red\x1b[31mtext", `red\x1b[31mtext`},
		{"bell\a tab\t nl\n cr\r del\x7f", `bell\x07 tab\t nl\n cr\r del\x7f`},
		{"csi\u009b2J", `csi\u009b2J`},
		{"evil\u202egnp.exe", `evil\u202egnp.exe`},
		{"isolate\u2066x\u2069", `isolate\u2066x\u2069`},
		{"line\u2028sep", `line\u2028sep`},
	}
	for _, tt := range tests {
		if got := termSafe(tt.in); got != tt.want {
			t.Errorf("termSafe(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := termSafeLines("a\x1b]0;title\a\nb"); got != "a\\x1b]0;title\\x07\nb" {
		t.Errorf("termSafeLines = %q", got)
	}
}

func TestWriteJSONEscapesTerminalControls(t *testing.T) {
	v := map[string]string{"name": "a\x1b[2J\u009b\u202eb\x7f"}
	var buf bytes.Buffer
	if err := writeJSON(&buf, v); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsFunc(strings.ReplaceAll(buf.String(), "\n", ""), unsafeRune) {
		t.Errorf("writeJSON wrote a raw control character: %q", buf.String())
	}
	var back map[string]string
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || back["name"] != v["name"] {
		t.Errorf("writeJSON output %q decodes to %q, %v; want the same value", buf.String(), back["name"], err)
	}
}
