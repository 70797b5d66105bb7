// name: unmet_needs
// Needs a unit cannot meet: fewer than min_holders of its members (for a department: the
// members of its teams and sub-departments' teams) know the item at min_level or higher.
// parameters: none
// columns: unit_id, unit, knowledge_id, knowledge, criticality, min_level, min_holders, holders, shortfall
// mode: read
MATCH (u:KgNode)-[n:KG_EDGE {rel: 'NEEDS'}]->(i:KgNode {kgKind: 'KnowledgeItem'})
OPTIONAL MATCH (t:KgNode {kgKind: 'Team'})-[:KG_EDGE*0..20 {rel: 'PART_OF'}]->(u)
OPTIONAL MATCH (p:KgNode {kgKind: 'Person'})-[:KG_EDGE {rel: 'MEMBER_OF'}]->(t)
OPTIONAL MATCH (p)-[k:KG_EDGE {rel: 'KNOWS'}]->(i)
WITH u, n, i, collect(DISTINCT CASE WHEN k.level >= coalesce(n.min_level, 3) THEN p.id END) AS able
WITH u, n, i, size(able) AS holders, coalesce(n.min_holders, 2) AS min_holders
WHERE holders < min_holders
RETURN u.id AS unit_id, u.name AS unit, i.id AS knowledge_id, i.name AS knowledge,
       n.criticality AS criticality, coalesce(n.min_level, 3) AS min_level, min_holders,
       holders, min_holders - holders AS shortfall
ORDER BY criticality DESC, shortfall DESC, unit_id, knowledge_id
