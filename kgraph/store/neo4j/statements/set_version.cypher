// name: set_version
// Store-internal: record a version (or update its time and counts).
// parameters: $source, $as_of, $recorded_at (strings), $counts (JSON)
// columns: as_of
// mode: write
MERGE (v:KgVersion {source: $source, as_of: $as_of})
SET v.recorded_at = coalesce($recorded_at, v.recorded_at), v.counts = $counts
RETURN v.as_of AS as_of
