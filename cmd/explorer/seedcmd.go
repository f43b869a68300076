package main

import (
	"context"
	"flag"
	"fmt"

	"explorer/ingest"
)

func cmdSeed(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	conn := addConnFlags(fs, e.getenv)
	file := fs.String("file", "seed.cypher", "Cypher seed script")
	reset := fs.Bool("reset", false, "delete the whole graph first")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("seed: unexpected argument %q (use --file)", pos[0])
	}
	st, closeFn, err := conn.open(ctx)
	if err != nil {
		return err
	}
	defer closeFn()
	if err := st.EnsureSchema(ctx); err != nil {
		return err
	}
	if *reset {
		if err := st.Reset(ctx); err != nil {
			return err
		}
		fmt.Fprintln(e.stderr, "graph deleted")
	}
	sd := &ingest.Seeder{Driver: st.Driver(), Database: conn.database}
	rep, err := sd.LoadFile(ctx, *file)
	if err != nil {
		return fmt.Errorf("seed: %w (nothing was written)", err)
	}
	fmt.Fprintf(e.stdout, "seeded %s: %d statements; created %d entities and %d relationships, set %d properties; graph now holds %d entities and %d relationships\n",
		*file, rep.Statements, rep.NodesCreated, rep.RelationshipsCreated, rep.PropertiesSet, rep.Counts.Nodes, rep.Counts.Relationships)
	return nil
}
