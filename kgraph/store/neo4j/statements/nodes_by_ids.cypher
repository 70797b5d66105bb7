// name: nodes_by_ids
// The nodes of one kind among the given ids (index lookups by id), sorted by id.
// parameters: $kind (string), $ids (list of strings)
// columns: id, props
// mode: read
UNWIND $ids AS node_id
MATCH (n:KgNode {id: node_id})
WHERE n.kgKind = $kind
RETURN n.id AS id, n.kgProps AS props
ORDER BY id
