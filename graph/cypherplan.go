package graph

import (
	"slices"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// readOperators are the plan operators of Neo4j 5 that only read the graph
// or compute on rows: scans and seeks, expands and path searches, filters,
// projections, joins and applies, aggregation, sorting and limits. The
// operator names are Neo4j's own (see the Cypher manual's "Operators"),
// without the "@database" suffix, the "(All)"/"(Into)"-style mode and the
// "Partitioned" prefix of the parallel runtime. Anything not here is refused:
// LoadCSV, every write (Create, Merge, Set*, Delete, Foreach, ...),
// TransactionApply, every Show* and TerminateTransactions, the
// AdministrationCommand of the system database, and operators that a future
// Neo4j adds until someone looks at them. ProcedureCall is allowed here and
// checked by name in CheckPlan.
var readOperators = map[string]bool{}

func init() {
	for _, op := range []string{
		// Leaves.
		"AllNodesScan", "NodeByLabelScan", "NodeByIdSeek", "NodeByElementIdSeek",
		"NodeIndexScan", "NodeIndexSeek", "NodeUniqueIndexSeek", "NodeIndexSeekByRange",
		"NodeUniqueIndexSeekByRange", "NodeIndexContainsScan", "NodeIndexEndsWithScan",
		"MultiNodeIndexSeek", "IntersectionNodeByLabelsScan", "UnionNodeByLabelsScan",
		"SubtractionNodeByLabelsScan", "NodeCountFromCountStore", "RelationshipCountFromCountStore",
		"Argument", "ArgumentTracker",
		// Path searches and expansions.
		"Expand", "OptionalExpand", "VarLengthExpand", "ShortestPath", "StatefulShortestPath",
		"Repeat", "BidirectionalRepeat", "NullifyMetadata", "ProjectEndpoints",
		"TriadicSelection", "TriadicBuild", "TriadicFilter",
		// Rows.
		"Filter", "Projection", "ProduceResults", "Limit", "ExhaustiveLimit", "Skip", "Sort",
		"PartialSort", "Top", "PartialTop", "Distinct", "OrderedDistinct", "EagerAggregation",
		"OrderedAggregation", "Unwind", "Optional", "CacheProperties", "Eager", "EmptyResult",
		"PreserveOrder", "Anti", "ProcedureCall",
		// Combinations.
		"Apply", "SemiApply", "AntiSemiApply", "LetSemiApply", "LetAntiSemiApply",
		"SelectOrSemiApply", "SelectOrAntiSemiApply", "LetSelectOrSemiApply",
		"LetSelectOrAntiSemiApply", "ConditionalApply", "AntiConditionalApply", "RollUpApply",
		"CartesianProduct", "NodeHashJoin", "ValueHashJoin", "NodeLeftOuterHashJoin",
		"NodeRightOuterHashJoin", "Union", "OrderedUnion", "AssertSameNode", "AssertSameRelationship",
	} {
		readOperators[op] = true
	}
	for _, dir := range []string{"Directed", "Undirected"} {
		for _, op := range []string{
			"AllRelationshipsScan", "RelationshipTypeScan", "UnionRelationshipTypesScan",
			"RelationshipByIdSeek", "RelationshipByElementIdSeek", "RelationshipIndexScan",
			"RelationshipIndexSeek", "RelationshipUniqueIndexSeek", "RelationshipIndexSeekByRange",
			"RelationshipUniqueIndexSeekByRange", "RelationshipIndexContainsScan", "RelationshipIndexEndsWithScan",
		} {
			readOperators[dir+op] = true
		}
	}
}

// planOperator splits a plan operator as the driver reports it
// ("Expand(All)@neo4j") into its base name ("Expand") and its database.
func planOperator(op string) (name, database string) {
	name = op
	if i := strings.LastIndexByte(name, '@'); i >= 0 {
		name, database = name[:i], name[i+1:]
	}
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	return strings.TrimPrefix(name, "Partitioned"), database
}

// CheckPlan is the authoritative part of the read-only guard: it walks the
// operator tree of Neo4j's EXPLAIN plan for a statement and accepts it only
// when every operator is a read operator, every operator runs on database
// (no USE of another graph), and every procedure call is on
// AllowedProcedures. It decides on what Neo4j will execute, so no spelling
// of a statement can hide a clause from it.
func CheckPlan(plan neo4j.Plan, database string) error {
	if plan == nil {
		return Errorf(ErrForbidden, "Neo4j gave no plan for the query")
	}
	name, db := planOperator(plan.Operator())
	if db != "" && db != database {
		return Errorf(ErrForbidden, "the query would run on database %q; queries run on the explorer's database %q", db, database)
	}
	if !readOperators[name] {
		return Errorf(ErrForbidden, "the query's plan holds %s, which is not a read operator", plan.Operator())
	}
	if name == "ProcedureCall" {
		proc := procedureName(plan.Arguments())
		if !slices.Contains(AllowedProcedures, strings.ToLower(proc)) {
			return Errorf(ErrForbidden, "procedure %s is not on the allow-list (%s)", proc, strings.Join(AllowedProcedures, ", "))
		}
	}
	for _, c := range plan.Children() {
		if err := CheckPlan(c, database); err != nil {
			return err
		}
	}
	return nil
}

// procedureName reads the procedure of a ProcedureCall operator from its
// details ("db.labels() :: (label :: STRING)"), removing any backticks.
func procedureName(args map[string]any) string {
	d, _ := args["Details"].(string)
	if i := strings.IndexByte(d, '('); i >= 0 {
		d = d[:i]
	}
	return strings.ReplaceAll(strings.TrimSpace(d), "`", "")
}
