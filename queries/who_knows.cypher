// name: who_knows
// Who knows the given knowledge items, best first.
// parameters: $knowledge_ids (list of knowledge item ids, e.g. ["K-OMGW"])
// columns: knowledge_id, knowledge, person_id, name, level, confirmed
// mode: read
UNWIND $knowledge_ids AS knowledge_id
MATCH (p:KgNode {kgKind: 'Person'})-[k:KG_EDGE {rel: 'KNOWS'}]->(i:KgNode {id: knowledge_id})
RETURN i.id AS knowledge_id, i.name AS knowledge, p.id AS person_id, p.name AS name,
       k.level AS level, k.confirmed AS confirmed
ORDER BY knowledge_id, level DESC, person_id
