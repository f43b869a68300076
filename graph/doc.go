// Package graph holds explorer's domain types (entities, relationships, paths,
// partial dates), the closed vocabularies they use, and the Neo4j store that
// keeps them. It imports no other package of the project. Where each concern
// lives:
//
//   - errors.go: the sentinel errors and Error, which carries what a user is
//     told (Message, and Param for a bad parameter) as data; web and cmd read
//     it with errors.As and never parse Error().
//   - model.go, vocab.go, date.go, json.go: the domain types, their
//     vocabularies and validation, partial dates and windows.
//   - open.go, store.go: the one place that opens the driver, owns sessions
//     (read, write, writeTx) and translates driver errors (translate).
//   - query.go: the one parser of path and neighbourhood parameters, shared
//     by the command line and the HTTP API; paths.go, kshortest.go, chrono.go, evidence.go,
//     explore.go, entities.go run path, neighbourhood, search and resolve
//     queries.
//   - importrun.go: the one write path of entities and relationships
//     (batches of imports, journaled in an import run, and UpsertEntities
//     and UpsertRelationships outside any run) and the runs' commit and
//     rollback; bulk.go: the lookups, pages and property maps around it;
//     admincsv.go: the neo4j-admin CSV of the offline import.
//   - props.go: decoding stored properties strictly, one table a kind;
//     decode.go: decoding records.
//   - script.go: Cypher scripts (the seed) in one transaction.
//   - cypher.go, cyphertok.go, cypherplan.go: the read-only console, checked
//     by tokens first and then by the EXPLAIN plan.
//   - sources.go, investigations.go, diff.go, xref.go, xrefname.go, merge.go,
//     judge.go, csv.go: sources, saved investigations, diffs between dates,
//     cross-referencing and merges, CSV output.
package graph
