// name: all_nodes
// Every kgraph node (for analyses that need the whole graph, and exports).
// parameters: none
// Unordered: sorting 100,000s of rows on the server can exceed its query memory; the store sorts.
// columns: id, kind, props
// mode: read
MATCH (n:KgNode)
RETURN n.id AS id, n.kgKind AS kind, n.kgProps AS props
