// name: nodes_of_kind
// All nodes of one kind, sorted by id.
// parameters: $kind (string: Person, Team, Department, KnowledgeItem, ExternalActor, Issue, Signal)
// columns: id, props
// mode: read
MATCH (n:KgNode {kgKind: $kind})
RETURN n.id AS id, n.kgProps AS props
ORDER BY id
