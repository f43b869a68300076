package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"explorer/internal/localneo4j"
)

func cmdNeo4j(ctx context.Context, e env, args []string) error {
	if len(args) != 1 {
		return usagef("neo4j: want start, stop or status")
	}
	srv, err := localneo4j.New(e.getenv, e.stderr)
	if err != nil {
		return err
	}
	switch args[0] {
	case "start":
		return srv.Start(ctx, 180*time.Second)
	case "stop":
		return srv.Stop(60 * time.Second)
	case "status":
		msg, err := srv.Status(ctx)
		fmt.Fprintln(e.stdout, msg)
		if errors.Is(err, localneo4j.ErrNotReady) {
			return errors.New("neo4j is not ready")
		}
		return err
	case "fetch":
		return srv.Fetch(ctx)
	}
	return usagef("neo4j: unknown action %q (want start, stop or status)", args[0])
}
