// name: node_rows_by_ids
// The node rows in force for the given ids on each source's date (index lookups by id).
// parameters: $ids (list of strings), $dates (list of maps {source, day})
// columns: id, source, kind, props
// mode: read
UNWIND $ids AS node_id
UNWIND $dates AS d
MATCH (r:KgNodeRow {id: node_id, kgSource: d.source})
WHERE r.kgFrom <= d.day AND r.kgTo > d.day
RETURN r.id AS id, r.kgSource AS source, r.kgKind AS kind, r.kgProps AS props
