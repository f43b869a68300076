#!/usr/bin/env bash
# Bulk load benchmark: on one synthetic file, in one run, on a throw-away
# Neo4j (its own home and port, so no one's database is touched):
#   1. raw neo4j-admin database import full on the file's CSV (the baseline),
#   2. the transactional explorer import into the empty database,
#   3. explorer import --bulk --replace end to end (read, check, CSV,
#      neo4j-admin, restart, schema, alias lists, count check).
# Prints a Markdown table for BENCHMARKS.md. Takes several minutes.
#   NODES=300000 RELS=1000000 scripts/bench-bulk.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NODES="${NODES:-300000}"
RELS="${RELS:-1000000}"

export EXPLORER_NEO4J_HOME="$(mktemp -d "${TMPDIR:-/tmp}/explorer-bench-bulk.XXXXXX")"
export EXPLORER_NEO4J_BOLT="${EXPLORER_BENCH_BOLT:-127.0.0.1:7697}"
export EXPLORER_NEO4J_HEAP="${EXPLORER_NEO4J_HEAP:-2g}"
export EXPLORER_NEO4J_PAGECACHE="${EXPLORER_NEO4J_PAGECACHE:-1g}"
unset NEO4J_URI NEO4J_USERNAME NEO4J_PASSWORD NEO4J_DATABASE
work="$(mktemp -d "${TMPDIR:-/tmp}/explorer-bench-bulk-work.XXXXXX")"
lib="${EXPLORER_CACHE:-$HOME/.cache/explorer}/neo4j-$(sed -n 's/^const Version = "\(.*\)"/\1/p' internal/localneo4j/localneo4j.go)/lib"

go build -o bin/explorer ./cmd/explorer
cleanup() {
  bin/explorer neo4j stop || true
  rm -rf "$EXPLORER_NEO4J_HOME" "$work"
}
trap cleanup EXIT
bin/explorer neo4j start

secs() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }

bin/explorer generate --nodes "$NODES" --rels "$RELS" --seed 1 -o "$work/graph.jsonl"
load0="$(cut -d' ' -f1-3 /proc/loadavg)"

# 1. Raw neo4j-admin on the CSV of the same file, into a scratch store, with
#    the options and memory import --bulk gives it.
t0=$(secs)
args="$(bin/explorer import --bulk --csv-only "$work/csv" "$work/graph.jsonl" 2>/dev/null | sed 's/^neo4j-admin database import full neo4j //')"
t1=$(secs)
mkdir -p "$work/raw/conf"
printf 'server.directories.data=%s\nserver.directories.logs=%s\n' "$work/raw/data" "$work/raw/logs" > "$work/raw/conf/neo4j.conf"
# shellcheck disable=SC2086
NEO4J_HOME="$work/raw" NEO4J_CONF="$work/raw/conf" java -Xmx1g -XX:+UseG1GC -Dfile.encoding=UTF-8 -cp "$lib/*" \
  org.neo4j.cli.AdminTool database import full neo4j --report-file="$work/raw/report" --max-off-heap-memory=2g $args > "$work/raw.log" 2>&1
t2=$(secs)
rm -rf "$work/raw" "$work/csv"

# 2. Transactional import into the empty database.
bin/explorer import "$work/graph.jsonl" > "$work/tx.out" 2> "$work/tx.err"
t3=$(secs)

# 3. Bulk import end to end, replacing what step 2 loaded.
bin/explorer import --bulk --replace "$work/graph.jsonl" > "$work/bulk.out" 2> "$work/bulk.err"
t4=$(secs)
load1="$(cut -d' ' -f1-3 /proc/loadavg)"

raw=$(elapsed "$t1" "$t2"); tx=$(elapsed "$t2" "$t3"); bulk=$(elapsed "$t3" "$t4")
echo "## Bulk initial load"
echo
echo "Command: \`NODES=$NODES RELS=$RELS scripts/bench-bulk.sh\`"
echo "Date: $(date -u)"
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; Neo4j with heap $EXPLORER_NEO4J_HEAP, page cache $EXPLORER_NEO4J_PAGECACHE; neo4j-admin -Xmx1g, off-heap 2g; load average $load0 before, $load1 after"
echo
echo "| $NODES entities, $RELS relationships | time | ratio to raw neo4j-admin |"
echo "|---|---|---|"
printf '| raw neo4j-admin database import full (CSV written beforehand in %.1f s) | %.1f s | 1.00 |\n' "$(elapsed "$t0" "$t1")" "$raw"
printf '| explorer import --bulk --replace, end to end | %.1f s | **%.2f** |\n' "$bulk" "$(echo "$bulk / $raw" | bc -l)"
printf '| explorer import (transactional) | %.1f s | %.2f |\n' "$tx" "$(echo "$tx / $raw" | bc -l)"
echo
echo "Bulk phases: $(tail -1 "$work/bulk.out")"
echo "Transactional: $(tail -2 "$work/tx.out" | tr '\n' ' ')"
echo "neo4j-admin: $(grep 'IMPORT DONE' "$work/raw.log")"
