// name: upsert_nodes
// Store-internal (import): create or overwrite a batch of nodes; each row's props map holds
// id, kgKind, kgProps and the property copies.
// parameters: $rows (list of maps {id, props})
// columns: written
// mode: write
UNWIND $rows AS row
MERGE (n:KgNode {id: row.id})
SET n = row.props
RETURN count(n) AS written
