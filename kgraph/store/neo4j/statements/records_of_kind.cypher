// name: records_of_kind
// Every keyed record of one kind (values are JSON).
// parameters: $kind (string)
// columns: key, value
// mode: read
MATCH (r:KgRecord)
WHERE r.kind = $kind
RETURN r.key AS key, r.value AS value
