// Command explorer is the entity relationship explorer: it runs a local
// Neo4j, loads and imports data, answers path, neighbourhood and search
// queries, runs read-only Cypher, renders diagrams and serves the web UI.
//
// The command line is built with spf13/cobra from one table (commands in
// root.go); each command's file holds its flags, checks and run function.
// Errors end in exitStatus (main.go), the one map from errors to exit
// statuses; queryError (flags.go) names the flag or argument of a
// graph.Error's Param.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"explorer/graph"
)

func main() {
	maybeRunRenderWorker()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitStatus(err, os.Stderr))
}

// Exit statuses of the command-line contract.
const (
	exitOK     = 0
	exitError  = 1
	exitUsage  = 2
	exitNoPath = 3
)

// usageError marks a bad command line (exit status 2). usage is the
// command's usage line and path its name, filled in by run.
type usageError struct {
	msg         string
	usage, path string
}

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{msg: fmt.Sprintf(format, args...)} }

// exitStatus prints err (escaped for a terminal: messages quote data) and
// returns the exit status it stands for.
func exitStatus(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "explorer: %s\n", termSafeLines(ue.msg))
		if ue.usage != "" {
			fmt.Fprintf(stderr, "Usage: %s\nRun '%s --help' for more.\n", ue.usage, ue.path)
		} else {
			fmt.Fprintln(stderr, "Run 'explorer help' for usage.")
		}
		return exitUsage
	case errors.Is(err, graph.ErrNoPath):
		// A query that ran fine and found nothing; the message states it.
		fmt.Fprintf(stderr, "explorer: %s\n", termSafeLines(err.Error()))
		return exitNoPath
	}
	fmt.Fprintf(stderr, "explorer: %s\n", termSafeLines(err.Error()))
	return exitError
}
