#!/usr/bin/env bash
# Quick start: installs what is missing, starts the local Neo4j, loads the
# seed and serves the UI on http://127.0.0.1:8080 (Ctrl-C stops the server;
# 'bin/explorer neo4j stop' stops Neo4j).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
go build -o bin/explorer ./cmd/explorer
bin/explorer neo4j start
bin/explorer seed --file seed.cypher
exec bin/explorer serve --addr "${EXPLORER_ADDR:-127.0.0.1:8080}"
