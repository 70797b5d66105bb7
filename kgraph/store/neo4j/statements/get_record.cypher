// name: get_record
// One keyed record (its value is JSON).
// parameters: $rid (string: kind + U+001F + key)
// columns: value
// mode: read
MATCH (r:KgRecord {rid: $rid})
RETURN r.value AS value
