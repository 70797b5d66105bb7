// name: node_edge_counts
// The edges touching one node, counted per relation (what `forget` will remove).
// parameters: $id (string)
// columns: rel, count
// mode: read
MATCH (n:KgNode {id: $id})-[r:KG_EDGE]-(:KgNode)
RETURN r.rel AS rel, count(DISTINCT r) AS count
ORDER BY rel
