// name: touch_record
// Store-internal: one keyed record, changed (a counter beside its value) so that the
// transaction holds it until it commits: a write of the same record by another
// transaction waits for this one (Neo4j's lock) or fails at its commit and is retried
// (an optimistic server such as ArcadeDB). Used by put_record_if, to check the record and
// write another in one transaction.
// parameters: $rid (string: kind + U+001F + key)
// columns: value
// mode: write
MATCH (r:KgRecord {rid: $rid})
SET r.touched = coalesce(r.touched, 0) + 1
RETURN r.value AS value
