// name: create_edges
// Store-internal (import): create a batch of new edges between existing nodes;
// each row's props map holds rel, key, kgProps and the property copies.
// parameters: $rows (list of maps {source, target, rel, key, props})
// columns: written
// mode: write
UNWIND $rows AS row
MATCH (a:KgNode {id: row.source})
MATCH (b:KgNode {id: row.target})
CREATE (a)-[r:KG_EDGE]->(b)
SET r = row.props
RETURN count(r) AS written
