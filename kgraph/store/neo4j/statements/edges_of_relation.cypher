// name: edges_of_relation
// All edges of one relation.
// parameters: $rel (string: KNOWS, MEMBER_OF, PART_OF, ...)
// columns: source, target, key, props
// mode: read
MATCH (a:KgNode)-[r:KG_EDGE {rel: $rel}]->(b:KgNode)
RETURN a.id AS source, b.id AS target, r.key AS key, r.kgProps AS props
ORDER BY source, target, key
