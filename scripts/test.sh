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
go test -race -count=1 -p 1 -timeout 30m ./...
