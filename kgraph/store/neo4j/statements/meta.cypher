// name: meta
// The store's schema version (absent in a database written before dated versions).
// parameters: none
// columns: schema
// mode: read
MATCH (m:KgMeta {name: 'kgraph'})
RETURN m.schema AS schema
