package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func walk(p neo4j.Plan, depth int) {
	fmt.Printf("%s%s  ids=%v args=%v\n", strings.Repeat("  ", depth), p.Operator(), p.Identifiers(), keys(p.Arguments()))
	for _, c := range p.Children() {
		walk(c, depth+1)
	}
}
func keys(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		if k == "Details" || k == "runtime" || k == "Runtime" {
			out[k] = v
		}
	}
	if os.Getenv("ALL") != "" { return m }
	return out
}

func main() {
	pw, _ := os.ReadFile("/tmp/neo-sec/password")
	d, err := neo4j.NewDriverWithContext("bolt://127.0.0.1:7701", neo4j.BasicAuth("neo4j", strings.TrimSpace(string(pw)), ""))
	if err != nil { panic(err) }
	ctx := context.Background()
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		q := sc.Text()
		if q == "" { continue }
		sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: "neo4j", AccessMode: neo4j.AccessModeRead})
		_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			mode := os.Getenv("MODE")
			if mode == "" { mode = "EXPLAIN " } else { mode = "" }
			res, err := tx.Run(ctx, mode+q, nil)
			if err != nil { return nil, err }
			if mode == "" { n:=0; for res.Next(ctx) { n++; if n<3 {fmt.Println("  row", res.Record().Values)} }; if res.Err()!=nil {return nil, res.Err()} }
			sum, err := res.Consume(ctx)
			if err != nil { return nil, err }
			fmt.Printf("== %s  [type %v]\n", q, sum.StatementType())
			if sum.Plan() != nil { walk(sum.Plan(), 1) } else { fmt.Println("  (no plan)") }
			return nil, nil
		})
		if err != nil { fmt.Printf("== %s  ERR %v\n", q, err) }
		sess.Close(ctx)
	}
}
