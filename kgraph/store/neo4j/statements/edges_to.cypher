// name: edges_to
// Edges of one relation arriving at the given nodes (index lookups by id).
// parameters: $rel (string), $targets (list of node ids)
// columns: source, target, key, props
// mode: read
UNWIND $targets AS target_id
MATCH (a:KgNode)-[r:KG_EDGE {rel: $rel}]->(b:KgNode {id: target_id})
RETURN a.id AS source, b.id AS target, r.key AS key, r.kgProps AS props
ORDER BY source, target, key
