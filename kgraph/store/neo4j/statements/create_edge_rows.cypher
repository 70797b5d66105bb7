// name: create_edge_rows
// Store-internal: create a batch of edge rows (one version of an edge, valid from kgFrom until kgTo).
// parameters: $rows (list of maps {rel, source, target, key, kgSource, kgFrom, kgTo, kgProps})
// columns: written
// mode: write
UNWIND $rows AS row
CREATE (r:KgEdgeRow)
SET r = row
RETURN count(r) AS written
