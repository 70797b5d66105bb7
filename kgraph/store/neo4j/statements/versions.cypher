// name: versions
// Every version: its source, date, when it was written and its change counts (JSON).
// parameters: none
// columns: source, as_of, recorded_at, counts
// mode: read
MATCH (v:KgVersion)
RETURN v.source AS source, v.as_of AS as_of, v.recorded_at AS recorded_at, v.counts AS counts
