package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"explorer/internal/localneo4j"
)

func neo4jCmd(e *env) *cobra.Command {
	action := func(use, short, example string, fn func(c *cobra.Command, srv *localneo4j.Server) error) *cobra.Command {
		return &cobra.Command{
			Use: use, Short: short, Example: example, Args: noArgs,
			RunE: func(c *cobra.Command, _ []string) error {
				srv, err := localneo4j.New(e.getenv, e.stderr)
				if err != nil {
					return err
				}
				return fn(c, srv)
			},
		}
	}
	fetch := action("fetch", "Fetch the Neo4j jars into the cache", "  explorer neo4j fetch",
		func(c *cobra.Command, srv *localneo4j.Server) error { return srv.Fetch(c.Context()) })
	fetch.Hidden = true
	return group(&cobra.Command{
		Use:   "neo4j start|stop|status",
		Short: "Run a local Neo4j for machines without Docker",
		Long: `neo4j runs Neo4j Community from its Maven Central jars on 127.0.0.1, with a generated
password that every other command uses when NEO4J_PASSWORD is unset.`,
		Example: `  explorer neo4j start
  explorer neo4j status
  explorer neo4j stop`,
	},
		action("start", "Start the local Neo4j and wait until Bolt answers", "  explorer neo4j start",
			func(c *cobra.Command, srv *localneo4j.Server) error { return srv.Start(c.Context(), 180*time.Second) }),
		action("stop", "Stop the local Neo4j", "  explorer neo4j stop",
			func(_ *cobra.Command, srv *localneo4j.Server) error { return srv.Stop(60 * time.Second) }),
		action("status", "Exit 0 only when the local Neo4j answers on Bolt", "  explorer neo4j status",
			func(c *cobra.Command, srv *localneo4j.Server) error {
				msg, err := srv.Status(c.Context())
				fmt.Fprintln(e.stdout, msg)
				if errors.Is(err, localneo4j.ErrNotReady) {
					return errors.New("neo4j is not ready")
				}
				return err
			}),
		fetch,
	)
}
