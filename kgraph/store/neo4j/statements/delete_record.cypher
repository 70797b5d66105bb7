// name: delete_record
// Store-internal: remove one keyed record.
// parameters: $rid (string: kind + U+001F + key)
// columns: count
// mode: write
MATCH (r:KgRecord {rid: $rid})
DETACH DELETE r
RETURN count(*) AS count
