// name: delete_edges
// Store-internal (import): delete a batch of edges.
// parameters: $rows (list of maps {rel, source, target, key})
// columns: deleted
// mode: write
UNWIND $rows AS row
MATCH (a:KgNode {id: row.source})-[r:KG_EDGE {rel: row.rel, key: row.key}]->(b:KgNode {id: row.target})
DELETE r
RETURN count(*) AS deleted
