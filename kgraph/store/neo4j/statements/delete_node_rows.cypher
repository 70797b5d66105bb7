// name: delete_node_rows
// Store-internal: delete a batch of node rows.
// parameters: $rows (list of maps {id, source, from})
// columns: deleted
// mode: write
UNWIND $rows AS row
MATCH (r:KgNodeRow {id: row.id, kgSource: row.source, kgFrom: row.from})
DELETE r
RETURN count(*) AS deleted
