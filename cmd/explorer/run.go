package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
)

const usage = `explorer: trace typed, dated, sourced links between organizations, people and states.

Usage:
  explorer neo4j start|stop|status          local Neo4j for machines without Docker
  explorer seed [--file seed.cypher] [--reset]
  explorer import [--format csv|jsonl|ftm] [--dry-run] [--workers N] [--json] FILE...
  explorer export --format jsonl|csv|ftm|graphml|gexf|cypher|dot [-o FILE]
  explorer generate --nodes N --rels M [--seed S] [-o FILE | --load]   synthetic graph
  explorer bench paths [--pairs N] [--mode M] | bench import --wipe     benchmarks
  explorer search TEXT [--format text|json]
  explorer path FROM TO [--mode shortest|all-shortest|k-shortest|chronological] [--k N]
                        [--max-hops N] [--types T1,T2] [--since DATE] [--until DATE]
                        [--exclude ID_OR_NAME,...] [--directed] [--dated-only]
                        [--format text|json|dot|svg|png|pdf] [-o FILE] [--layout L] [--rankdir LR|TB]
  explorer neighbors ENTITY [--depth N] [--limit N] [same filters] [--format ...]
  explorer query CYPHER [--param k=v ...] [--format table|json|dot|svg|png|pdf]   read-only
  explorer types                            the entity and relationship vocabulary
  explorer serve [--addr 127.0.0.1:8080]
  explorer version

Connection flags (every command that talks to Neo4j):
  --neo4j-uri       default $NEO4J_URI or bolt://127.0.0.1:7687
  --neo4j-user      default $NEO4J_USERNAME or neo4j
  --neo4j-password  default $NEO4J_PASSWORD, else the local server's generated password
  --neo4j-database  default $NEO4J_DATABASE or neo4j

Exit status: 0 found, 1 error, 2 bad usage, 3 no path found.
`

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// env bundles what run receives from the process, so commands stay testable.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// run is the whole program: main only passes the process's arguments,
// environment and streams in.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usagef("no command given")
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	case "version", "--version":
		fmt.Fprintf(stdout, "explorer %s\n", version)
		return nil
	case "neo4j":
		return cmdNeo4j(ctx, e, rest)
	case "seed":
		return cmdSeed(ctx, e, rest)
	case "query":
		return cmdQuery(ctx, e, rest)
	case "types":
		return cmdTypes(e, rest)
	}
	if c, ok := extraCommands[cmd]; ok {
		return c(ctx, e, rest)
	}
	return usagef("unknown command %q", cmd)
}

// extraCommands lets each command file register itself.
var extraCommands = map[string]func(context.Context, env, []string) error{}

// parseArgs parses flags that may come before, between or after positional
// arguments ("explorer path KOMID Houthis --format svg") and returns the
// positional ones. "--" ends flag parsing.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag collects a repeatable flag (--param k=v --param k2=v2).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }
