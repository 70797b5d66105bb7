// name: edge_rows_from
// The edge rows of one relation leaving the given nodes, in force on each source's date.
// parameters: $rel (string), $ids (list of node ids), $dates (list of maps {source, day})
// columns: rel, source, target, key, src, props
// mode: read
UNWIND $ids AS node_id
UNWIND $dates AS d
MATCH (r:KgEdgeRow {source: node_id, kgSource: d.source})
WHERE r.rel = $rel AND r.kgFrom <= d.day AND r.kgTo > d.day
RETURN r.rel AS rel, r.source AS source, r.target AS target, r.key AS key, r.kgSource AS src, r.kgProps AS props
