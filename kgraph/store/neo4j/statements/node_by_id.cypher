// name: node_by_id
// One node by id: its kind and properties (canonical JSON); uses the unique constraint on :KgNode(id).
// parameters: $id (string)
// columns: id, kind, props
// mode: read
MATCH (n:KgNode {id: $id})
RETURN n.id AS id, n.kgKind AS kind, n.kgProps AS props
