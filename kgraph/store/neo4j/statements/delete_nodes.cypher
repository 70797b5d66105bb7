// name: delete_nodes
// Store-internal (import, forget): delete a batch of nodes with their edges.
// parameters: $ids (list of node ids)
// columns: deleted
// mode: write
UNWIND $ids AS node_id
MATCH (n:KgNode {id: node_id})
DETACH DELETE n
RETURN count(*) AS deleted
