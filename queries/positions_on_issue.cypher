// name: positions_on_issue
// Every actor's positions on one issue, oldest first per actor; current marks the latest.
// parameters: $issue_id (string, e.g. "I-WIND")
// columns: actor_id, actor, kind, date, stance, influence, interest, source, current
// mode: read
MATCH (a:KgNode {kgKind: 'ExternalActor'})-[p:KG_EDGE {rel: 'POSITION'}]->(:KgNode {id: $issue_id})
WITH a, p ORDER BY p.key
WITH a, collect(p) AS history
UNWIND range(0, size(history) - 1) AS i
WITH a, history[i] AS p, i = size(history) - 1 AS current
RETURN a.id AS actor_id, a.name AS actor, a.kind AS kind, p.date AS date, p.stance AS stance,
       p.influence AS influence, p.interest AS interest, p.source AS source, current
ORDER BY actor_id, p.key
