package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// env bundles what run receives from the process, so commands stay testable.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// commands is the command table: every command of the binary with its
// help heading.
func commands(e *env) []*cobra.Command {
	table := []struct {
		group string
		cmd   *cobra.Command
	}{
		{"ask", searchCmd(e)}, {"ask", pathCmd(e)}, {"ask", neighborsCmd(e)}, {"ask", diffCmd(e)}, {"ask", queryCmd(e)}, {"ask", typesCmd(e)},
		{"ask", sourcesCmd(e)},
		{"data", seedCmd(e)}, {"data", sourceCmd(e)}, {"data", importCmd(e)}, {"data", exportCmd(e)}, {"data", generateCmd(e)},
		{"run", serveCmd(e)}, {"run", neo4jCmd(e)}, {"run", benchCmd(e)}, {"run", versionCmd(e)},
	}
	out := make([]*cobra.Command, len(table))
	for i, row := range table {
		row.cmd.GroupID = row.group
		out[i] = row.cmd
	}
	return out
}

// run is the whole program: main only passes the process's arguments,
// environment and streams in.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	root := newRoot(e)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	cmd, err := root.ExecuteContextC(ctx)
	var ue usageError
	if errors.As(err, &ue) && ue.usage == "" && cmd != nil {
		ue.usage, ue.path = cmd.UseLine(), cmd.CommandPath()
		return ue
	}
	return err
}

func newRoot(e *env) *cobra.Command {
	root := &cobra.Command{
		Use:   "explorer",
		Short: "Trace typed, dated, sourced links between organizations, people and states",
		Long: `explorer traces typed, dated, sourced links between organizations, people and states,
stored in Neo4j: paths with their evidence, neighbourhoods, search, read-only Cypher and
diagrams, on the command line and in a web UI.

Connection flags (every command that talks to Neo4j):
  --neo4j-uri       default $NEO4J_URI or bolt://127.0.0.1:7687
  --neo4j-user      default $NEO4J_USERNAME or neo4j
  --neo4j-password  default $NEO4J_PASSWORD, else the local server's generated password
  --neo4j-database  default $NEO4J_DATABASE or neo4j

Exit status: 0 found, 1 error, 2 bad usage, 3 no path found.`,
		Example: `  explorer neo4j start && explorer seed
  explorer path KOMID Houthis
  explorer completion bash > /etc/bash_completion.d/explorer`,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				cmd.SetOut(e.stderr)
				cmd.Usage()
				return usagef("no command given")
			}
			return unknownCommand(cmd, args[0])
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("explorer {{.Version}}\n")
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{msg: err.Error()} })
	root.SetHelpCommand(helpCmd())
	root.AddGroup(
		&cobra.Group{ID: "ask", Title: "Ask the graph:"},
		&cobra.Group{ID: "data", Title: "Load and export data:"},
		&cobra.Group{ID: "run", Title: "Run and measure:"},
	)
	root.AddCommand(commands(e)...)
	// cobra's completion command, with this command line's usage errors.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Example = "  explorer completion bash > /etc/bash_completion.d/explorer\n  explorer completion zsh > \"${fpath[1]}/_explorer\"\n  explorer completion fish > ~/.config/fish/completions/explorer.fish"
			groupRun(c)
			for _, sh := range c.Commands() {
				sh.Args = noArgs
				sh.Example = "  explorer completion " + sh.Name()
			}
		}
	}
	return root
}

// helpCmd is "explorer help [COMMAND]"; an unknown topic is bad usage.
func helpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [COMMAND]",
		Short: "Help about any command",
		Example: `  explorer help path
  explorer help neo4j start`,
		ValidArgsFunction: func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []cobra.Completion
			for _, sub := range c.Root().Commands() {
				if sub.IsAvailableCommand() && strings.HasPrefix(sub.Name(), toComplete) {
					names = append(names, cobra.CompletionWithDesc(sub.Name(), sub.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := c.Root().Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return unknownCommand(c.Root(), strings.Join(args, " "))
			}
			target.InitDefaultHelpFlag()
			target.InitDefaultVersionFlag()
			return target.Help()
		},
	}
}

func unknownCommand(c *cobra.Command, name string) error {
	msg := fmt.Sprintf("unknown command %q", name)
	if s := c.SuggestionsFor(name); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
	}
	return usageError{msg: msg, usage: "explorer COMMAND [flags]", path: "explorer"}
}

// group makes a command whose subcommands are actions ("neo4j start"):
// without one, or with an unknown one, it is bad usage.
func group(c *cobra.Command, subs ...*cobra.Command) *cobra.Command {
	groupRun(c)
	c.AddCommand(subs...)
	return c
}

func groupRun(c *cobra.Command) {
	c.Args = cobra.ArbitraryArgs
	c.RunE = func(cmd *cobra.Command, args []string) error {
		var names []string
		for _, s := range cmd.Commands() {
			if !s.Hidden {
				names = append(names, s.Name())
			}
		}
		if len(args) == 0 {
			return usagef("%s: want %s", cmd.Name(), strings.Join(names, ", "))
		}
		return usagef("%s: unknown action %q (want %s)", cmd.Name(), args[0], strings.Join(names, ", "))
	}
}

// Positional-argument checks that fail with a usage error.

func exactArgs(n int, msg string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s: %s", c.Name(), msg)
		}
		return nil
	}
}

func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s: unexpected argument %q", c.Name(), args[0])
	}
	return nil
}

func minArgs(n int, msg string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s: %s", c.Name(), msg)
		}
		return nil
	}
}

func versionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Example: "  explorer version\n  explorer --version",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintf(e.stdout, "explorer %s\n", version)
			return nil
		},
	}
}
