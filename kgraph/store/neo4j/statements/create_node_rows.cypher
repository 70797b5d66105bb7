// name: create_node_rows
// Store-internal: create a batch of node rows (one version of a node, valid from kgFrom until kgTo).
// parameters: $rows (list of maps {id, kgSource, kgFrom, kgTo, kgKind, kgProps})
// columns: written
// mode: write
UNWIND $rows AS row
CREATE (r:KgNodeRow)
SET r = row
RETURN count(r) AS written
