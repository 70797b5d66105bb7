// name: delete_edge_rows
// Store-internal: delete a batch of edge rows.
// parameters: $rows (list of maps {rel, source, target, key, src, from})
// columns: deleted
// mode: write
UNWIND $rows AS row
MATCH (r:KgEdgeRow {source: row.source, rel: row.rel, target: row.target, key: row.key, kgSource: row.src, kgFrom: row.from})
DELETE r
RETURN count(*) AS deleted
