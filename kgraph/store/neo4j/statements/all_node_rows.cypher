// name: all_node_rows
// Every node row of every version and source (erasure, history of a kind with $kind).
// parameters: $kind (string or null)
// columns: id, source, valid_from, valid_to, kind, props
// mode: read
MATCH (r:KgNodeRow)
WHERE $kind IS NULL OR r.kgKind = $kind
RETURN r.id AS id, r.kgSource AS source, r.kgFrom AS valid_from, r.kgTo AS valid_to, r.kgKind AS kind, r.kgProps AS props
