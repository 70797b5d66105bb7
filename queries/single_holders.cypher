// name: single_holders
// Knowledge held at level 3 or higher by exactly one person: a single point of failure.
// parameters: none
// columns: knowledge_id, knowledge, person_id, name, level, leave_date
// mode: read
MATCH (p:KgNode {kgKind: 'Person'})-[k:KG_EDGE {rel: 'KNOWS'}]->(i:KgNode {kgKind: 'KnowledgeItem'})
WHERE k.level >= 3
WITH i, collect({person: p, level: k.level}) AS holders
WHERE size(holders) = 1
WITH i, holders[0] AS h
RETURN i.id AS knowledge_id, i.name AS knowledge, h.person.id AS person_id, h.person.name AS name,
       h.level AS level, h.person.leave_date AS leave_date
ORDER BY knowledge_id
