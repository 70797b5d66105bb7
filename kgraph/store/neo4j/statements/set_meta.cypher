// name: set_meta
// Store-internal: record the store's schema version.
// parameters: $schema (integer)
// columns: schema
// mode: write
MERGE (m:KgMeta {name: 'kgraph'})
SET m.schema = $schema
RETURN m.schema AS schema
