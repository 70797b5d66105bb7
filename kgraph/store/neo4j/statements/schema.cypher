// kgraph schema for Neo4j 5 (and Bolt servers that speak its Cypher, such as ArcadeDB).
// Applied by `kgraph schema-apply` and automatically before the first import.
// Every statement is idempotent (IF NOT EXISTS); statements end with a semicolon.
//
// Graph model (see docs/neo4j.md):
//   (:KgNode {id, kgKind, kgProps, name, ...})   one node per kgraph node; kgKind is the
//                                                node kind (Person, Team, ...), kgProps the
//                                                canonical JSON of its properties, the other
//                                                properties are copies for Cypher and Browser.
//   ()-[:KG_EDGE {rel, key, kgProps, ...}]->()   one relationship per kgraph edge; rel is the
//                                                relation (KNOWS, MEMBER_OF, ...), key tells
//                                                parallel edges apart ("" if none).
//   (:KgSetting {key, value})                    store settings; value is JSON.

CREATE CONSTRAINT kgraph_node_id IF NOT EXISTS
FOR (n:KgNode) REQUIRE n.id IS UNIQUE;

CREATE INDEX kgraph_node_kind IF NOT EXISTS
FOR (n:KgNode) ON (n.kgKind);

CREATE INDEX kgraph_node_kind_name IF NOT EXISTS
FOR (n:KgNode) ON (n.kgKind, n.name);

CREATE INDEX kgraph_edge_rel IF NOT EXISTS
FOR ()-[r:KG_EDGE]-() ON (r.rel);

CREATE CONSTRAINT kgraph_setting_key IF NOT EXISTS
FOR (s:KgSetting) REQUIRE s.key IS UNIQUE;

// Keyed records (accounts, survey waves, tokens, answers): (:KgRecord {rid, kind, key, value}),
// rid = kind + U+001F + key; value is JSON. Outside the organisation's graph: no KG_EDGE touches them.
CREATE CONSTRAINT kgraph_record_rid IF NOT EXISTS
FOR (r:KgRecord) REQUIRE r.rid IS UNIQUE;

CREATE INDEX kgraph_record_kind IF NOT EXISTS
FOR (r:KgRecord) ON (r.kind);
