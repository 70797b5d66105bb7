// name: edge_rows_at
// The edge rows in force on each source's date, all or (with $rel) of one relation.
// parameters: $dates (list of maps {source, day}), $rel (string or null)
// columns: rel, source, target, key, src, props
// mode: read
UNWIND $dates AS d
MATCH (r:KgEdgeRow {kgSource: d.source})
WHERE r.kgFrom <= d.day AND r.kgTo > d.day AND ($rel IS NULL OR r.rel = $rel)
RETURN r.rel AS rel, r.source AS source, r.target AS target, r.key AS key, r.kgSource AS src, r.kgProps AS props
