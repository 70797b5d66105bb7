// name: any_node
// Whether the graph holds any node (to tell an empty database from an older kgraph store).
// parameters: none
// columns: id
// mode: read
MATCH (n:KgNode)
RETURN n.id AS id
LIMIT 1
