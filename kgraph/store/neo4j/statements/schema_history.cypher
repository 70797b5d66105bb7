// kgraph schema for dated versions (applied with schema.cypher; every statement idempotent).
//
//   (:KgNodeRow {id, kgSource, kgFrom, kgTo, kgKind, kgProps})   one version of a node in one
//                                          source, valid from kgFrom until kgTo ('9999-12-31':
//                                          still in force); kgProps is the canonical JSON.
//   (:KgEdgeRow {rel, source, target, key, kgSource, kgFrom, kgTo, kgProps})  the same for edges.
//   (:KgVersion {source, as_of, recorded_at, counts})                one version of one source.
//   (:KgMeta {name, schema}), (:KgLock {name, version})              schema version; write lock.
// The :KgNode / :KG_EDGE graph (schema.cypher) holds the data in force in each source's
// latest version, for the named queries and Neo4j Browser.

CREATE INDEX kgraph_node_row_id IF NOT EXISTS
FOR (r:KgNodeRow) ON (r.id);

CREATE INDEX kgraph_node_row_source IF NOT EXISTS
FOR (r:KgNodeRow) ON (r.kgSource);

CREATE INDEX kgraph_node_row_kind IF NOT EXISTS
FOR (r:KgNodeRow) ON (r.kgKind);

CREATE INDEX kgraph_edge_row_source_id IF NOT EXISTS
FOR (r:KgEdgeRow) ON (r.source);

CREATE INDEX kgraph_edge_row_target_id IF NOT EXISTS
FOR (r:KgEdgeRow) ON (r.target);

CREATE INDEX kgraph_edge_row_source IF NOT EXISTS
FOR (r:KgEdgeRow) ON (r.kgSource);

CREATE INDEX kgraph_version IF NOT EXISTS
FOR (v:KgVersion) ON (v.source, v.as_of);

CREATE CONSTRAINT kgraph_lock_name IF NOT EXISTS
FOR (l:KgLock) REQUIRE l.name IS UNIQUE;

CREATE CONSTRAINT kgraph_meta_name IF NOT EXISTS
FOR (m:KgMeta) REQUIRE m.name IS UNIQUE;
