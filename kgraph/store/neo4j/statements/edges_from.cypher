// name: edges_from
// Edges of one relation leaving the given nodes (index lookups by id).
// parameters: $rel (string), $sources (list of node ids)
// columns: source, target, key, props
// mode: read
UNWIND $sources AS source_id
MATCH (a:KgNode {id: source_id})-[r:KG_EDGE {rel: $rel}]->(b:KgNode)
RETURN a.id AS source, b.id AS target, r.key AS key, r.kgProps AS props
ORDER BY source, target, key
