// name: team_members
// The members of one team, leads first.
// parameters: $team_id (string, e.g. "T-VERG")
// columns: person_id, name, role, function
// mode: read
MATCH (p:KgNode {kgKind: 'Person'})-[m:KG_EDGE {rel: 'MEMBER_OF'}]->(:KgNode {id: $team_id})
RETURN p.id AS person_id, p.name AS name, coalesce(m.role, 'member') AS role, p.function AS function
ORDER BY CASE WHEN role = 'lead' THEN 0 ELSE 1 END, person_id
