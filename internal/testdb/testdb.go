// Package testdb connects tests to the real Neo4j. Locally a test skips when
// no server answers; when CI or EXPLORER_REQUIRE_NEO4J is set, a missing
// server fails the test instead.
package testdb

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"explorer/graph"
	"explorer/internal/localneo4j"
)

var (
	once   sync.Once
	driver neo4j.DriverWithContext
	store  *graph.Store
	cfg    Config
	err    error
)

// Config is how the tests reach Neo4j.
type Config struct {
	URI, User, Password, Database string
}

// Required reports whether a missing database is a failure.
func Required() bool { return os.Getenv("CI") != "" || os.Getenv("EXPLORER_REQUIRE_NEO4J") != "" }

func connect() {
	srv, _ := localneo4j.New(os.Getenv, nil)
	cfg = Config{URI: os.Getenv("NEO4J_URI"), User: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")}
	if cfg.URI == "" && srv != nil {
		cfg.URI = srv.URI()
	}
	if cfg.User == "" {
		cfg.User = localneo4j.User
	}
	if cfg.Password == "" && srv != nil {
		cfg.Password, _ = srv.Password()
	}
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	// The store is opened the way the binary opens it; the raw driver is
	// only for tests that inspect the database beyond the store's API
	// (fingerprints, schema listings).
	if store, err = graph.Open(graph.Config{URI: cfg.URI, User: cfg.User, Password: cfg.Password, Database: cfg.Database}); err != nil {
		return
	}
	if err = store.Verify(context.Background(), 10*time.Second); err != nil {
		return
	}
	driver, err = neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
}

// Connect returns a raw driver and its configuration for tests that inspect
// the database beyond the store's API, failing or skipping the test when
// Neo4j does not answer.
func Connect(t testing.TB) (neo4j.DriverWithContext, Config) {
	t.Helper()
	once.Do(connect)
	if err != nil {
		if Required() {
			t.Fatalf("Neo4j at %s is required (CI or EXPLORER_REQUIRE_NEO4J set) but does not answer: %v", cfg.URI, err)
		}
		t.Skipf("no Neo4j at %s (%v); run 'explorer neo4j start' or set NEO4J_URI", cfg.URI, err)
	}
	return driver, cfg
}

// Open returns a store on an empty database with the schema in place. Tests
// that use it must not run in parallel with other database tests; the
// README's test command runs packages one at a time (-p 1).
func Open(t testing.TB) *graph.Store {
	t.Helper()
	Connect(t)
	st := graph.NewStoreLike(store)
	ctx := context.Background()
	if err := st.Reset(ctx); err != nil {
		t.Fatalf("reset: %v", err)
	}
	if err := st.EnsureSchema(ctx); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return st
}
