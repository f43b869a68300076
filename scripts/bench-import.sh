#!/usr/bin/env bash
# Import benchmark: batched UNWIND import of a synthetic 1,000,000-relationship
# graph against the naive one-statement-per-relationship import of a
# 20,000-relationship sample, in one run, on a throw-away Neo4j with a bigger
# heap (its own home and port, so no one's database is touched). Prints a
# Markdown table for BENCHMARKS.md. Takes several minutes.
#   RELS=1000000 NODES=300000 NAIVE=20000 scripts/bench-import.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export EXPLORER_NEO4J_HOME="$(mktemp -d "${TMPDIR:-/tmp}/explorer-bench-neo4j.XXXXXX")"
export EXPLORER_NEO4J_BOLT="${EXPLORER_BENCH_BOLT:-127.0.0.1:7698}"
export EXPLORER_NEO4J_HEAP="${EXPLORER_NEO4J_HEAP:-2g}"
export EXPLORER_NEO4J_PAGECACHE="${EXPLORER_NEO4J_PAGECACHE:-1g}"
unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD NEO4J_DATABASE
export NEO4J_URI="bolt://$EXPLORER_NEO4J_BOLT"

go build -o bin/explorer ./cmd/explorer
cleanup() {
  bin/explorer neo4j stop || true
  rm -rf "$EXPLORER_NEO4J_HOME"
}
trap cleanup EXIT
bin/explorer neo4j start

echo "## Import"
echo
echo "Command: \`scripts/bench-import.sh\` (\`explorer bench import --wipe --nodes ${NODES:-300000} --rels ${RELS:-1000000} --naive ${NAIVE:-20000}\`)"
echo "Date: $(date -u)"
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; Neo4j $(sed -n 's/^const Version = "\(.*\)"/\1/p' internal/localneo4j/localneo4j.go) with heap $EXPLORER_NEO4J_HEAP, page cache $EXPLORER_NEO4J_PAGECACHE; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
bin/explorer bench import --wipe --nodes "${NODES:-300000}" --rels "${RELS:-1000000}" --naive "${NAIVE:-20000}"
