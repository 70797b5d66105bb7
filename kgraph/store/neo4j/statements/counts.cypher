// name: counts
// Number of nodes per kind and of edges per relation.
// parameters: none
// columns: category, kind, count
// mode: read
MATCH (n:KgNode)
RETURN 'node' AS category, n.kgKind AS kind, count(*) AS count
UNION ALL
MATCH (:KgNode)-[r:KG_EDGE]->(:KgNode)
RETURN 'relation' AS category, r.rel AS kind, count(r) AS count
