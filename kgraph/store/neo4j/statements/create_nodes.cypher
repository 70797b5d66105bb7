// name: create_nodes
// Store-internal (import): create a batch of new nodes (the unique constraint on id still holds);
// each row's props map holds id, kgKind, kgProps and the property copies.
// parameters: $rows (list of maps {id, props})
// columns: written
// mode: write
UNWIND $rows AS row
CREATE (n:KgNode)
SET n = row.props
RETURN count(n) AS written
