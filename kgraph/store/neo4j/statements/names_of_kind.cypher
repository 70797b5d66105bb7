// name: names_of_kind
// The id and name of every node of one kind (kgraph compares the names itself, Unicode-aware).
// parameters: $kind (string)
// columns: id, name
// mode: read
MATCH (n:KgNode {kgKind: $kind})
RETURN n.id AS id, n.name AS name
