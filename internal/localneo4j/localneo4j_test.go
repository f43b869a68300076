package localneo4j

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewRejectsNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:7687", "10.0.0.1:7687", "example.org:7687", "7687"} {
		env := map[string]string{"EXPLORER_NEO4J_BOLT": addr, "EXPLORER_NEO4J_HOME": t.TempDir(), "EXPLORER_CACHE": t.TempDir()}
		if _, err := New(func(k string) string { return env[k] }, nil); err == nil {
			t.Errorf("New with bolt address %q: want an error", addr)
		}
	}
}

// TestLifecycle starts a second, private server from the cached jars on its
// own port and home, and checks start, idempotent start, status, the
// generated credentials and stop.
func TestLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Neo4j server")
	}
	home, _ := os.UserHomeDir()
	cache := os.Getenv("EXPLORER_CACHE")
	if cache == "" {
		cache = filepath.Join(home, ".cache", "explorer")
	}
	if _, err := os.Stat(filepath.Join(cache, "neo4j-"+Version, "lib", "neo4j-"+Version+".jar")); err != nil {
		if os.Getenv("CI") != "" || os.Getenv("EXPLORER_REQUIRE_NEO4J") != "" {
			t.Fatalf("the Neo4j jars are not in %s (make test fetches them first): %v", cache, err)
		}
		t.Skip("Neo4j jars not fetched; run 'explorer neo4j start' once")
	}
	env := map[string]string{"EXPLORER_NEO4J_HOME": t.TempDir(), "EXPLORER_CACHE": cache,
		"EXPLORER_NEO4J_BOLT": "127.0.0.1:7698", "EXPLORER_NEO4J_HEAP": "256m", "EXPLORER_NEO4J_PAGECACHE": "32m"}
	var log bytes.Buffer
	s, err := New(func(k string) string { return env[k] }, &log)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := s.Status(ctx); !errors.Is(err, ErrNotReady) {
		t.Fatalf("status before start = %v, want ErrNotReady", err)
	}
	t.Cleanup(func() { s.Stop(30 * time.Second) })
	if err := s.Start(ctx, 120*time.Second); err != nil {
		t.Fatalf("start: %v\n%s", err, log.String())
	}
	pid, ok := s.pid()
	if !ok {
		t.Fatal("no pid recorded after start")
	}
	if err := s.Start(ctx, 30*time.Second); err != nil {
		t.Fatalf("second start: %v", err)
	}
	if pid2, _ := s.pid(); pid2 != pid {
		t.Errorf("second start replaced pid %d with %d; want a no-op", pid, pid2)
	}
	if msg, err := s.Status(ctx); err != nil || !strings.Contains(msg, "answers on bolt://127.0.0.1:7698") {
		t.Errorf("status = %q, %v", msg, err)
	}
	fi, err := os.Stat(s.passwordFile())
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("password file: %v, mode %v; want 0600", err, fi.Mode().Perm())
	}
	pw, _ := s.Password()
	if len(pw) < 20 || pw == "neo4j" {
		t.Errorf("generated password %q is weak", pw)
	}
	conf, _ := os.ReadFile(filepath.Join(s.Home, "conf", "neo4j.conf"))
	for _, want := range []string{"server.default_listen_address=127.0.0.1", "server.bolt.listen_address=127.0.0.1:7698",
		"dbms.security.auth_enabled=true", "dbms.usage_report.enabled=false", "server.http.enabled=false",
		"dbms.security.allow_csv_import_from_file_urls=false", "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
		"server.directories.import=" + filepath.Join(s.Home, "import"), "db.memory.transaction.max=" + TransactionMemory} {
		if !strings.Contains(string(conf), want+"\n") {
			t.Errorf("neo4j.conf lacks %q", want)
		}
	}
	if entries, err := os.ReadDir(filepath.Join(s.Home, "import")); err != nil || len(entries) != 0 {
		t.Errorf("import directory: %v, %d entries; want an empty directory", err, len(entries))
	}
	if err := s.Stop(60 * time.Second); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := s.Status(ctx); !errors.Is(err, ErrNotReady) {
		t.Errorf("status after stop = %v, want ErrNotReady", err)
	}
	if err := s.Stop(time.Second); err != nil {
		t.Errorf("stopping a stopped server: %v", err)
	}
}
