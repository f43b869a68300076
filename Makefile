# The targets the README names. `make demo` is the quick start; `make test`
# is what CI runs.
.PHONY: demo test build seed neo4j-start neo4j-stop bench-import fuzz

demo:
	scripts/demo.sh

test:
	scripts/test.sh

build:
	go build -o bin/explorer ./cmd/explorer

neo4j-start: build
	bin/explorer neo4j start

neo4j-stop: build
	bin/explorer neo4j stop

seed: build
	bin/explorer seed --file seed.cypher

# The import benchmark on its own throw-away Neo4j (see BENCHMARKS.md for
# the path and render benchmarks, which run against the current database).
bench-import:
	scripts/bench-import.sh

fuzz:
	go test ./graph -run '^$$' -fuzz FuzzParseDate -fuzztime 30s
