// name: blind_spots
// External actors nobody in the organisation holds a contact with, most powerful first.
// parameters: none
// columns: actor_id, name, kind, power, legitimacy, urgency, issues
// mode: read
MATCH (a:KgNode {kgKind: 'ExternalActor'})
WHERE NOT EXISTS { MATCH (:KgNode {kgKind: 'Person'})-[:KG_EDGE {rel: 'CONTACT'}]->(a) }
OPTIONAL MATCH (a)-[:KG_EDGE {rel: 'POSITION'}]->(s:KgNode {kgKind: 'Issue'})
WITH a, s ORDER BY s.id
WITH a, collect(DISTINCT s.id) AS issues
RETURN a.id AS actor_id, a.name AS name, a.kind AS kind, a.power AS power,
       a.legitimacy AS legitimacy, a.urgency AS urgency, issues
ORDER BY coalesce(power, 0) DESC, actor_id
