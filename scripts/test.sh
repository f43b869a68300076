#!/usr/bin/env bash
# The full test suite, as CI runs it: installs what is missing, starts a
# throw-away Neo4j (its own home and port, so a developer's database is left
# alone), runs gofmt, go vet, staticcheck and every test with the race
# detector against it, and stops it again.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh test

export EXPLORER_NEO4J_HOME="$(mktemp -d "${TMPDIR:-/tmp}/explorer-test-neo4j.XXXXXX")"
export EXPLORER_NEO4J_BOLT="${EXPLORER_TEST_BOLT:-127.0.0.1:7699}"
export EXPLORER_REQUIRE_NEO4J=1
unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD NEO4J_DATABASE

go build -o bin/explorer ./cmd/explorer
cleanup() {
  bin/explorer neo4j stop || true
  rm -rf "$EXPLORER_NEO4J_HOME"
}
trap cleanup EXIT
bin/explorer neo4j start

echo "== gofmt"
bad="$(gofmt -l $(git ls-files '*.go'))"
if [ -n "$bad" ]; then echo "gofmt would change: $bad" >&2; exit 1; fi
echo "== go vet"
go vet ./...
echo "== staticcheck"
go tool staticcheck ./...
echo "== go test (race, real Neo4j at $EXPLORER_NEO4J_BOLT)"
# -p 1: the database tests of different packages share one Neo4j and reset it.
go test -race -count=1 -p 1 -timeout 45m ./...
echo "== fuzz (each target ${EXPLORER_FUZZTIME:-5s}; corpora in */testdata/fuzz)"
# Every Go fuzz target runs for a bounded time on top of its kept corpus;
# a failing input is written to testdata/fuzz and fails the run.
for pkg in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...); do
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' $(go list -f '{{range .TestGoFiles}}{{$.Dir}}/{{.}} {{end}}{{range .XTestGoFiles}}{{$.Dir}}/{{.}} {{end}}' "$pkg") | sed 's/^func //'); do
    # A real failure writes its input to testdata/fuzz and fails again on
    # the retry; a failure of the fuzzing engine itself (a worker that did
    # not answer in time on a loaded machine) writes nothing and is retried
    # once. The output is kept and shown when the target fails.
    log="$(mktemp)"
    ok=""
    for attempt in 1 2; do
      if go test -run '^$' -fuzz "^${target}\$" -fuzztime "${EXPLORER_FUZZTIME:-5s}" "$pkg" >"$log" 2>&1; then ok=1; break; fi
      dir="$(go list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$target"
      [ -n "$(git status --porcelain -- "$dir" 2>/dev/null)" ] && break
      echo "fuzz $pkg $target: the fuzzing engine failed without an input; retrying once" >&2
      tail -n 5 "$log" >&2
    done
    if [ -z "$ok" ]; then
      echo "fuzz target $target in $pkg failed" >&2
      tail -n 40 "$log" >&2
      go test -run "^${target}\$" "$pkg" >&2 || true
      rm -f "$log"
      exit 1
    fi
    rm -f "$log"
    echo "fuzz $pkg $target ok"
  done
done

