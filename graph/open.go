package graph

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

// Config is how to reach Neo4j. It is the one place the driver is built
// from: commands, the service and the tests all open a Store with it.
type Config struct {
	URI, User, Password, Database string
	// AcquireTimeout bounds the wait for a pooled connection, ConnectTimeout
	// a new socket; zero keeps the driver's defaults.
	AcquireTimeout, ConnectTimeout time.Duration
	// RetryTime bounds the driver's retries of a transaction that failed
	// for transient reasons; a service wants to fail fast. Zero keeps the
	// driver's default.
	RetryTime time.Duration
	// PoolSize is the connection pool size; zero keeps the default.
	PoolSize int
}

// Open builds the process's driver and a Store on it. It does not wait for
// the database: call Verify (a command that cannot work without Neo4j) or
// let requests fail with ErrUnavailable until it answers (a service).
// Errors never carry the password.
func Open(cfg Config) (*Store, error) {
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""), func(c *config.Config) {
		if cfg.AcquireTimeout > 0 {
			c.ConnectionAcquisitionTimeout = cfg.AcquireTimeout
		}
		if cfg.ConnectTimeout > 0 {
			c.SocketConnectTimeout = cfg.ConnectTimeout
		}
		if cfg.PoolSize > 0 {
			c.MaxConnectionPoolSize = cfg.PoolSize
		}
		if cfg.RetryTime > 0 {
			c.MaxTransactionRetryTime = cfg.RetryTime
		}
	})
	if err != nil {
		return nil, Errorf(ErrInvalid, "neo4j: %s", Redact(err, cfg.Password))
	}
	database := cfg.Database
	if database == "" {
		database = "neo4j"
	}
	st := NewStore(drv, database)
	st.uri, st.password, st.cfg = cfg.URI, cfg.Password, cfg
	return st, nil
}

// Verify waits up to timeout for the database to answer; a failure is
// ErrUnavailable naming the address, never the password.
func (s *Store) Verify(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("%w: cannot reach Neo4j at %s: %s", ErrUnavailable, s.uri, Redact(err, s.password))
	}
	return nil
}

// Close closes the driver.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// NewStoreLike returns a new Store on the same driver and database as s,
// with its own settings (Timeout): a second view of one connection pool.
func NewStoreLike(s *Store) *Store {
	c := *s
	return &c
}
