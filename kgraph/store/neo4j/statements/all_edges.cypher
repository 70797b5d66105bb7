// name: all_edges
// Every kgraph edge (for analyses that need the whole graph, and exports).
// parameters: none
// Unordered: sorting 100,000s of rows on the server can exceed its query memory; the store sorts.
// columns: rel, source, target, key, props
// mode: read
MATCH (a:KgNode)-[r:KG_EDGE]->(b:KgNode)
RETURN r.rel AS rel, a.id AS source, b.id AS target, r.key AS key, r.kgProps AS props
