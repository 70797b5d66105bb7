// name: all_nodes
// Every kgraph node (for analyses that need the whole graph, and exports).
// parameters: none
// columns: id, kind, props
// mode: read
MATCH (n:KgNode)
RETURN n.id AS id, n.kgKind AS kind, n.kgProps AS props
ORDER BY id
