// name: all_edges
// Every kgraph edge (for analyses that need the whole graph, and exports).
// parameters: none
// columns: rel, source, target, key, props
// mode: read
MATCH (a:KgNode)-[r:KG_EDGE]->(b:KgNode)
RETURN r.rel AS rel, a.id AS source, b.id AS target, r.key AS key, r.kgProps AS props
ORDER BY rel, source, target, key
