// name: all_edge_rows
// Every edge row of every version and source (erasure).
// parameters: none
// columns: rel, source, target, key, src, valid_from, valid_to, props
// mode: read
MATCH (r:KgEdgeRow)
RETURN r.rel AS rel, r.source AS source, r.target AS target, r.key AS key, r.kgSource AS src,
       r.kgFrom AS valid_from, r.kgTo AS valid_to, r.kgProps AS props
