// Package localneo4j runs a Neo4j Community server on this machine without
// Docker: it fetches the pinned jars from Maven Central into a cache, writes a
// small loopback-only configuration, sets a generated password before the
// first start, and starts, watches and stops the Java process.
package localneo4j

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Version is the pinned Neo4j Community release (5.26 LTS).
const Version = "5.26.30"

// dependencyPlugin is pinned because Maven 3.8's default is too old.
const dependencyPlugin = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"

// User is the Neo4j user the local server is set up with.
const User = "neo4j"

// Server describes one local Neo4j installation.
type Server struct {
	// Home holds conf/, data/, logs/, run/ and the password file.
	Home string
	// Cache holds the jars, shared by every home on the machine.
	Cache string
	// BoltAddr is the loopback host:port Bolt listens on.
	BoltAddr string
	// Heap is the JVM -Xmx value, PageCache the page cache size.
	Heap, PageCache string
	// Log receives progress lines.
	Log io.Writer
}

// New returns a Server with defaults filled in from getenv:
// EXPLORER_NEO4J_HOME (default ~/.local/share/explorer/neo4j),
// EXPLORER_CACHE (default ~/.cache/explorer) and EXPLORER_NEO4J_BOLT
// (default 127.0.0.1:7687).
func New(getenv func(string) string, log io.Writer) (*Server, error) {
	home, err := os.UserHomeDir()
	if err != nil && (getenv("EXPLORER_NEO4J_HOME") == "" || getenv("EXPLORER_CACHE") == "") {
		return nil, fmt.Errorf("local neo4j: %w", err)
	}
	s := &Server{
		Home:      firstNonEmpty(getenv("EXPLORER_NEO4J_HOME"), filepath.Join(home, ".local", "share", "explorer", "neo4j")),
		Cache:     firstNonEmpty(getenv("EXPLORER_CACHE"), filepath.Join(home, ".cache", "explorer")),
		BoltAddr:  firstNonEmpty(getenv("EXPLORER_NEO4J_BOLT"), "127.0.0.1:7687"),
		Heap:      firstNonEmpty(getenv("EXPLORER_NEO4J_HEAP"), "768m"),
		PageCache: firstNonEmpty(getenv("EXPLORER_NEO4J_PAGECACHE"), "256m"),
		Log:       log,
	}
	host, _, err := net.SplitHostPort(s.BoltAddr)
	if err != nil {
		return nil, fmt.Errorf("local neo4j: EXPLORER_NEO4J_BOLT %q: %w", s.BoltAddr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("local neo4j: EXPLORER_NEO4J_BOLT %q: only loopback addresses are allowed", s.BoltAddr)
	}
	return s, nil
}

func firstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

// URI returns the Bolt URI of the server.
func (s *Server) URI() string { return "bolt://" + s.BoltAddr }

func (s *Server) libDir() string       { return filepath.Join(s.Cache, "neo4j-"+Version, "lib") }
func (s *Server) passwordFile() string { return filepath.Join(s.Home, "password") }
func (s *Server) pidFile() string      { return filepath.Join(s.Home, "run", "neo4j.pid") }
func (s *Server) consoleLog() string   { return filepath.Join(s.Home, "logs", "console.log") }

// PasswordFile returns the path of the generated password of the server at
// home, for callers that only know the home.
func PasswordFile(home string) string { return filepath.Join(home, "password") }

// Password returns the generated password, or an error if the server was
// never set up.
func (s *Server) Password() (string, error) {
	b, err := os.ReadFile(s.passwordFile())
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// Fetch downloads the pinned jars into the cache unless they are there.
func (s *Server) Fetch(ctx context.Context) error {
	lib := s.libDir()
	if ok, _ := filepath.Glob(filepath.Join(lib, "neo4j-"+Version+".jar")); len(ok) == 1 {
		return nil
	}
	mvn, err := exec.LookPath("mvn")
	if err != nil {
		return errors.New("local neo4j: Maven (mvn) is needed to fetch the Neo4j jars; install it (apt-get install maven)")
	}
	s.logf("fetching Neo4j %s jars from Maven Central into %s", Version, lib)
	if err := os.MkdirAll(s.Cache, 0o755); err != nil {
		return err
	}
	work, err := os.MkdirTemp(s.Cache, "fetch-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	pom := fmt.Sprintf(pomTemplate, Version, Version)
	if err := os.WriteFile(filepath.Join(work, "pom.xml"), []byte(pom), 0o644); err != nil {
		return err
	}
	out := filepath.Join(work, "lib")
	cmd := exec.CommandContext(ctx, mvn, "-q", "-B", dependencyPlugin+":copy-dependencies",
		"-DincludeScope=runtime", "-DoutputDirectory="+out)
	cmd.Dir = work
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("local neo4j: fetching jars: %v\n%s", err, tail(string(b), 20))
	}
	if err := os.MkdirAll(filepath.Dir(lib), 0o755); err != nil {
		return err
	}
	os.RemoveAll(lib)
	return os.Rename(out, lib)
}

const pomTemplate = `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>explorer</groupId><artifactId>neo4j-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>%s</version></dependency>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j-bolt</artifactId><version>%s</version></dependency>
  </dependencies>
</project>
`

// TransactionMemory is the most memory one transaction may hold in the
// local server (db.memory.transaction.max). It stops what operators hold
// (sorting, aggregation, collect of 20 million rows) and leaves room for
// the seed and for import batches of ingest.DefaultBatchSize rows. Values
// built inside one expression (range, list comprehensions, reduce) are not
// counted by Neo4j; the explorer bounds what it reads of them instead
// (graph's query relay).
const TransactionMemory = "256m"

// config is neo4j.conf; Neo4j allows no trailing comments on a line.
//
// The last block keeps Cypher away from the machine: LOAD CSV may not read
// files (and its root is an empty directory of its own, should that setting
// ever be flipped), and every IPv4 and IPv6 address is on the block list for
// the URLs LOAD CSV fetches, so no query makes Neo4j send a request. No
// plugin procedure or function is loaded (the built-in ones are not affected).
const config = `server.default_listen_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=%s
server.bolt.tls_level=DISABLED
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
server.memory.pagecache.size=%s
db.tx_log.preallocate=false
db.tx_log.rotation.retention_policy=2 files
dbms.usage_report.enabled=false
db.transaction.timeout=120s
server.directories.logs=%s
db.memory.transaction.max=%s
dbms.security.allow_csv_import_from_file_urls=false
server.directories.import=%s
internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0
dbms.security.procedures.allowlist=
`

// importDir is LOAD CSV's root: empty, and read-only for its owner.
func (s *Server) importDir() string { return filepath.Join(s.Home, "import") }

// setup writes the home's configuration and, the first time, a generated
// password, which it sets in Neo4j before the first start.
func (s *Server) setup(ctx context.Context) error {
	for _, d := range []string{"conf", "data", "logs", "run"} {
		if err := os.MkdirAll(filepath.Join(s.Home, d), 0o700); err != nil {
			return err
		}
	}
	if err := emptyDir(s.importDir()); err != nil {
		return err
	}
	conf := fmt.Sprintf(config, s.BoltAddr, s.PageCache, filepath.Join(s.Home, "logs"), TransactionMemory, s.importDir())
	if err := os.WriteFile(filepath.Join(s.Home, "conf", "neo4j.conf"), []byte(conf), 0o600); err != nil {
		return err
	}
	if _, err := os.Stat(s.passwordFile()); err == nil {
		return nil
	}
	// Letters and digits only: neo4j-admin reads a leading '-' as an option.
	pw := rand.Text()
	cmd := exec.CommandContext(ctx, s.java(), "-cp", filepath.Join(s.libDir(), "*"),
		"org.neo4j.server.startup.Neo4jAdminCommand", "dbms", "set-initial-password", pw)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+s.Home, "NEO4J_CONF="+filepath.Join(s.Home, "conf"))
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("local neo4j: setting the initial password: %v\n%s", err, tail(string(b), 20))
	}
	// Written last: its presence means the password is set in the database.
	return os.WriteFile(s.passwordFile(), []byte(pw+"\n"), 0o600)
}

// emptyDir makes dir an empty directory that its owner may list but not
// write to, removing whatever was put there.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return err
		}
	}
	return os.Chmod(dir, 0o500)
}

func (s *Server) java() string {
	if h := os.Getenv("JAVA_HOME"); h != "" {
		return filepath.Join(h, "bin", "java")
	}
	return "java"
}

// pid returns the recorded server process if it is still alive.
func (s *Server) pid() (int, bool) {
	b, err := os.ReadFile(s.pidFile())
	if err != nil {
		return 0, false
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0, false
	}
	if err := syscall.Kill(pid, 0); err != nil {
		return 0, false
	}
	// A recycled pid of another program is not our server.
	cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if !strings.Contains(string(cmdline), "CommunityEntryPoint") {
		return 0, false
	}
	return pid, true
}

// Start fetches, sets up and starts the server in the background and waits
// until Bolt answers. A server already running from this home is left alone.
func (s *Server) Start(ctx context.Context, wait time.Duration) error {
	if pid, ok := s.pid(); ok {
		s.logf("neo4j already running (pid %d), waiting for Bolt on %s", pid, s.BoltAddr)
		return s.waitBolt(ctx, pid, wait)
	}
	if c, err := net.DialTimeout("tcp", s.BoltAddr, time.Second); err == nil {
		c.Close()
		if s.Ping(ctx) == nil {
			s.logf("a Neo4j with this home's password already answers on %s; not starting another", s.BoltAddr)
			return nil
		}
		return fmt.Errorf("local neo4j: %s is already in use by another program; set EXPLORER_NEO4J_BOLT to a free port", s.BoltAddr)
	}
	if err := s.Fetch(ctx); err != nil {
		return err
	}
	if err := s.setup(ctx); err != nil {
		return err
	}
	logf, err := os.OpenFile(s.consoleLog(), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer logf.Close()
	args := []string{
		"-Xms" + s.Heap, "-Xmx" + s.Heap, "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow",
		"-XX:+DisableExplicitGC", "-Djdk.nio.maxCachedBufferSize=1024", "-Dio.netty.tryReflectionSetAccessible=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "-Dlog4j2.disable.jmx=true", "-Dfile.encoding=UTF-8",
		"-cp", filepath.Join(s.libDir(), "*"), "org.neo4j.server.CommunityEntryPoint",
		"--home-dir=" + s.Home, "--config-dir=" + filepath.Join(s.Home, "conf"), "--console-mode",
	}
	// Not CommandContext: the server must outlive this process.
	cmd := exec.Command(s.java(), args...)
	cmd.Dir = s.Home
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("local neo4j: starting java: %w", err)
	}
	pid := cmd.Process.Pid
	if err := os.WriteFile(s.pidFile(), []byte(strconv.Itoa(pid)+"\n"), 0o600); err != nil {
		return err
	}
	go cmd.Wait() //nolint:errcheck // reaps the child if it dies while we wait
	s.logf("neo4j %s starting (pid %d), waiting for Bolt on %s", Version, pid, s.BoltAddr)
	return s.waitBolt(ctx, pid, wait)
}

func (s *Server) waitBolt(ctx context.Context, pid int, wait time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	start := time.Now()
	for {
		if err := s.Ping(ctx); err == nil {
			s.logf("neo4j ready on %s after %s", s.URI(), time.Since(start).Round(100*time.Millisecond))
			return nil
		}
		if syscall.Kill(pid, 0) != nil {
			return fmt.Errorf("local neo4j: the server exited during start-up; last lines of %s:\n%s", s.consoleLog(), s.logTail(30))
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("local neo4j: Bolt did not answer on %s within %s; last lines of %s:\n%s", s.BoltAddr, wait, s.consoleLog(), s.logTail(30))
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// Ping reports whether Bolt answers with this home's credentials.
func (s *Server) Ping(ctx context.Context) error {
	pw, err := s.Password()
	if err != nil {
		return fmt.Errorf("local neo4j: not set up in %s: %w", s.Home, err)
	}
	d, err := neo4j.NewDriverWithContext(s.URI(), neo4j.BasicAuth(User, pw, ""))
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return d.VerifyConnectivity(ctx)
}

// Stop sends SIGTERM and waits for the server to exit, then SIGKILL after
// the grace period. Stopping a stopped server is not an error.
func (s *Server) Stop(grace time.Duration) error {
	pid, ok := s.pid()
	if !ok {
		s.logf("neo4j is not running")
		os.Remove(s.pidFile())
		return nil
	}
	if err := syscall.Kill(pid, syscall.SIGTERM); err != nil {
		return fmt.Errorf("local neo4j: stopping pid %d: %w", pid, err)
	}
	deadline := time.Now().Add(grace)
	for time.Now().Before(deadline) {
		if syscall.Kill(pid, 0) != nil || isZombie(pid) {
			os.Remove(s.pidFile())
			s.logf("neo4j stopped (pid %d)", pid)
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	syscall.Kill(pid, syscall.SIGKILL)
	os.Remove(s.pidFile())
	return fmt.Errorf("local neo4j: pid %d did not stop within %s and was killed", pid, grace)
}

func isZombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	f := strings.Fields(string(b))
	return len(f) > 2 && f[2] == "Z"
}

// Status describes the server: whether its process runs and Bolt answers.
func (s *Server) Status(ctx context.Context) (string, error) {
	pid, running := s.pid()
	if err := s.Ping(ctx); err != nil {
		if running {
			return fmt.Sprintf("neo4j process %d runs but Bolt on %s does not answer: %v", pid, s.BoltAddr, err), ErrNotReady
		}
		return fmt.Sprintf("neo4j is not running (home %s)", s.Home), ErrNotReady
	}
	return fmt.Sprintf("neo4j %s answers on %s (pid %d, home %s)", Version, s.URI(), pid, s.Home), nil
}

// ErrNotReady is returned by Status when Bolt does not answer.
var ErrNotReady = errors.New("neo4j not ready")

func (s *Server) logTail(n int) string {
	b, err := os.ReadFile(s.consoleLog())
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	return tail(string(b), n)
}

func tail(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func (s *Server) logf(format string, args ...any) {
	if s.Log != nil {
		fmt.Fprintf(s.Log, format+"\n", args...)
	}
}

// importOffHeap bounds the memory the offline importer takes beside its
// heap (its default is 90% of the machine's).
const importOffHeap = "2g"

// ImportFull replaces database with a store that Neo4j's offline importer
// (neo4j-admin database import full, from the same jars) builds from CSV.
// args are the importer's options after the database name (see
// graph.AdminCSV.Args). The store is built in a staging directory while the
// server keeps running; only when the importer succeeded is the server
// stopped, the new store swapped in and the server started again. If it does
// not start on the new store, the old one is put back and started, so a
// failed import never leaves a half-imported database. The importer's own
// progress lines go to progress.
func (s *Server) ImportFull(ctx context.Context, database string, args []string, progress io.Writer, wait time.Duration) error {
	staging := filepath.Join(s.Home, "bulk-staging")
	if err := os.RemoveAll(staging); err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	conf := filepath.Join(staging, "conf")
	if err := os.MkdirAll(conf, 0o700); err != nil {
		return err
	}
	// The importer writes under server.directories.data: the staging one.
	c := fmt.Sprintf("server.directories.data=%s\nserver.directories.logs=%s\n",
		filepath.Join(staging, "data"), filepath.Join(staging, "logs"))
	if err := os.WriteFile(filepath.Join(conf, "neo4j.conf"), []byte(c), 0o600); err != nil {
		return err
	}
	full := append([]string{"-Xmx1g", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8", "-cp", filepath.Join(s.libDir(), "*"),
		"org.neo4j.cli.AdminTool", "database", "import", "full", database,
		"--report-file=" + filepath.Join(staging, "import.report"), "--max-off-heap-memory=" + importOffHeap}, args...)
	cmd := exec.CommandContext(ctx, s.java(), full...)
	cmd.Env = append(os.Environ(), "NEO4J_HOME="+staging, "NEO4J_CONF="+conf)
	cmd.Dir = staging
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("local neo4j: starting neo4j-admin: %w", err)
	}
	var last []string
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		line := sc.Text()
		last = append(last, line)
		if len(last) > 30 {
			last = last[1:]
		}
		if progress != nil && showImportLine(line) {
			fmt.Fprintln(progress, "neo4j-admin: "+strings.TrimSpace(line))
		}
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("local neo4j: neo4j-admin database import full failed (%v); the database is unchanged. Last lines:\n%s", err, strings.Join(last, "\n"))
	}
	parts := []string{filepath.Join("databases", database), filepath.Join("transactions", database)}
	for _, p := range parts {
		if _, err := os.Stat(filepath.Join(staging, "data", p)); err != nil {
			return fmt.Errorf("local neo4j: neo4j-admin wrote no %s: %w", p, err)
		}
	}
	if err := s.Stop(60 * time.Second); err != nil {
		return err
	}
	old := filepath.Join(s.Home, "bulk-old")
	if err := os.RemoveAll(old); err != nil {
		return err
	}
	swap := func(from, to string) error {
		for _, p := range parts {
			if err := os.MkdirAll(filepath.Dir(filepath.Join(to, p)), 0o700); err != nil {
				return err
			}
			if err := os.Rename(filepath.Join(from, p), filepath.Join(to, p)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
		return nil
	}
	data := filepath.Join(s.Home, "data")
	err = swap(data, old)
	if err == nil {
		err = swap(filepath.Join(staging, "data"), data)
	}
	if err == nil {
		if err = s.Start(ctx, wait); err == nil {
			return os.RemoveAll(old)
		}
		s.Stop(60 * time.Second)
	}
	// Put the old store back and start it again.
	for _, p := range parts {
		os.RemoveAll(filepath.Join(data, p))
	}
	if rerr := swap(old, data); rerr != nil {
		return fmt.Errorf("local neo4j: the imported store did not start (%v) and the old one could not be put back from %s: %w", err, old, rerr)
	}
	if serr := s.Start(ctx, wait); serr != nil {
		return fmt.Errorf("local neo4j: the imported store did not start (%v); the old one is back but did not start either: %w", err, serr)
	}
	return fmt.Errorf("local neo4j: the imported store did not start; the old one is back: %w", err)
}

// showImportLine keeps the importer's stage lines and every quarter of its
// dotted progress bars (each dot line is 5%).
func showImportLine(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	if strings.HasPrefix(t, ".") || strings.HasPrefix(t, "-.") {
		for _, q := range []string{" 25% ", " 50% ", " 75% ", " 100% "} {
			if strings.Contains(line, q) {
				return true
			}
		}
		return false
	}
	return true
}
