// name: node_rows_at
// The node rows in force on each source's date, all or (with $kind) of one kind.
// parameters: $dates (list of maps {source, day}), $kind (string or null)
// columns: id, source, kind, props
// mode: read
UNWIND $dates AS d
MATCH (r:KgNodeRow {kgSource: d.source})
WHERE r.kgFrom <= d.day AND r.kgTo > d.day AND ($kind IS NULL OR r.kgKind = $kind)
RETURN r.id AS id, r.kgSource AS source, r.kgKind AS kind, r.kgProps AS props
