// name: formal_linking_pins
// Likert's formal linking pins: people in two or more teams. vertical = leads one team and
// is a member of another; lateral = plain member (or lead) of two or more teams; both.
// parameters: none
// columns: person_id, name, n_teams, teams_led, teams_member, formal_pin
// mode: read
MATCH (p:KgNode {kgKind: 'Person'})-[m:KG_EDGE {rel: 'MEMBER_OF'}]->(t:KgNode)
WITH p, m, t ORDER BY t.id
WITH p, count(t) AS n_teams,
     [x IN collect(CASE WHEN m.role = 'lead' THEN t.id END) WHERE x IS NOT NULL] AS teams_led,
     [x IN collect(CASE WHEN m.role <> 'lead' OR m.role IS NULL THEN t.id END) WHERE x IS NOT NULL] AS teams_member
WHERE n_teams >= 2
WITH p, n_teams, teams_led, teams_member,
     size(teams_led) > 0 AND size(teams_member) > 0 AS vertical,
     size(teams_member) >= 2 OR size(teams_led) >= 2 AS lateral
RETURN p.id AS person_id, p.name AS name, n_teams, teams_led, teams_member,
       CASE WHEN vertical AND lateral THEN 'both' WHEN vertical THEN 'vertical' ELSE 'lateral' END AS formal_pin
ORDER BY person_id
