package graph_test

import "github.com/neo4j/neo4j-go-driver/v5/neo4j"

func neo4jWrite(db string) neo4j.SessionConfig {
	return neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeWrite}
}
