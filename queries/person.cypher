// name: person
// One person: profile, teams (with role) and knowledge (with level).
// parameters: $id (string, e.g. "P01")
// columns: person_id, name, function, location, start_date, leave_date, teams, knowledge
// mode: read
MATCH (p:KgNode {id: $id, kgKind: 'Person'})
OPTIONAL MATCH (p)-[m:KG_EDGE {rel: 'MEMBER_OF'}]->(t:KgNode)
WITH p, t, m ORDER BY t.id
WITH p, [x IN collect(CASE WHEN t IS NULL THEN NULL ELSE t.id + ' (' + coalesce(m.role, 'member') + ')' END) WHERE x IS NOT NULL] AS teams
OPTIONAL MATCH (p)-[k:KG_EDGE {rel: 'KNOWS'}]->(i:KgNode)
WITH p, teams, i, k ORDER BY i.id
WITH p, teams, [x IN collect(CASE WHEN i IS NULL THEN NULL ELSE i.id + ' (' + toString(k.level) + ')' END) WHERE x IS NOT NULL] AS knowledge
RETURN p.id AS person_id, p.name AS name, p.function AS function, p.location AS location,
       p.start_date AS start_date, p.leave_date AS leave_date, teams, knowledge
