package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/pflag"

	"explorer/graph"
	"explorer/internal/localneo4j"
)

// connFlags are the Neo4j connection flags every database command takes.
type connFlags struct {
	uri, user, password, database string
	getenv                        func(string) string
}

func addConnFlags(fs *pflag.FlagSet, getenv func(string) string) *connFlags {
	c := &connFlags{getenv: getenv}
	// Without NEO4J_URI, the local server (EXPLORER_NEO4J_BOLT) is meant.
	fs.StringVar(&c.uri, "neo4j-uri", or(getenv("NEO4J_URI"), "bolt://"+or(getenv("EXPLORER_NEO4J_BOLT"), "127.0.0.1:7687")), "Neo4j Bolt URI (env NEO4J_URI)")
	fs.StringVar(&c.user, "neo4j-user", or(getenv("NEO4J_USERNAME"), localneo4j.User), "Neo4j user (env NEO4J_USERNAME)")
	fs.StringVar(&c.password, "neo4j-password", getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD; default: the local server's)")
	fs.StringVar(&c.database, "neo4j-database", or(getenv("NEO4J_DATABASE"), "neo4j"), "Neo4j database (env NEO4J_DATABASE)")
	return c
}

func or(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// passwordOrLocal returns the configured password, or else the one the
// local server generated.
func (c *connFlags) passwordOrLocal() (string, error) {
	if c.password != "" {
		return c.password, nil
	}
	if srv, err := localneo4j.New(c.getenv, nil); err == nil {
		if pw, err := srv.Password(); err == nil && pw != "" {
			return pw, nil
		}
	}
	return "", errors.New("no Neo4j password: set NEO4J_PASSWORD, or run 'explorer neo4j start' to set up a local server")
}

// dial settings: a one-shot command waits a little for the database, the
// service fails fast (503) and shell completion must never hang the shell.
type dial struct {
	acquire, connect, verify time.Duration
	retry                    time.Duration // 0: the driver's default
	pool                     int
}

var (
	dialCommand    = dial{acquire: 10 * time.Second, connect: 5 * time.Second, verify: 10 * time.Second}
	dialService    = dial{acquire: 3 * time.Second, connect: 2 * time.Second, verify: 5 * time.Second, retry: 500 * time.Millisecond, pool: 50}
	dialCompletion = dial{acquire: time.Second, connect: 500 * time.Millisecond, verify: time.Second, retry: 1}
)

// store opens the store with d's timeouts, without waiting for Neo4j.
func (c *connFlags) store(d dial) (*graph.Store, error) {
	pw, err := c.passwordOrLocal()
	if err != nil {
		return nil, err
	}
	return graph.Open(graph.Config{URI: c.uri, User: c.user, Password: pw, Database: c.database,
		AcquireTimeout: d.acquire, ConnectTimeout: d.connect, PoolSize: d.pool, RetryTime: d.retry})
}

// open connects to Neo4j, verifies the connection with a short timeout and
// returns the store. The password falls back to the one the local server
// generated, so a new user never types one.
func (c *connFlags) open(ctx context.Context) (*graph.Store, func(), error) {
	return c.openWith(ctx, dialCommand)
}

func (c *connFlags) openWith(ctx context.Context, d dial) (*graph.Store, func(), error) {
	st, err := c.store(d)
	if err != nil {
		return nil, nil, err
	}
	if err := st.Verify(ctx, d.verify); err != nil {
		st.Close(context.Background())
		return nil, nil, fmt.Errorf("%w (is it running? try 'explorer neo4j start')", err)
	}
	return st, func() { st.Close(context.Background()) }, nil
}
