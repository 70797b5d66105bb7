// name: find_by_name
// Nodes of one kind whose name equals $name, ignoring case; sorted by id.
// parameters: $kind (string), $name (string)
// columns: id, name
// mode: read
MATCH (n:KgNode {kgKind: $kind})
WHERE toLower(n.name) = toLower($name)
RETURN n.id AS id, n.name AS name
ORDER BY id
