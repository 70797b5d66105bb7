// name: put_records
// Store-internal: store keyed records (JSON values), replacing those with the same kind and key.
// parameters: $rows (list of {rid, kind, key, value}); rid is kind + U+001F + key
// columns: count
// mode: write
UNWIND $rows AS row
MERGE (r:KgRecord {rid: row.rid})
SET r.kind = row.kind, r.key = row.key, r.value = row.value
RETURN count(r) AS count
