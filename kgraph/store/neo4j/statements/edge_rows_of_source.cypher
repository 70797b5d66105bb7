// name: edge_rows_of_source
// Store-internal (import): one source's edge rows in force on a date, or (with $from) those
// starting on a date, or (with $to) those ending on a date.
// parameters: $source (string), $day (string or null), $from (string or null), $to (string or null)
// columns: rel, source, target, key, valid_from, valid_to, props
// mode: read
MATCH (r:KgEdgeRow {kgSource: $source})
WHERE ($day IS NULL OR (r.kgFrom <= $day AND r.kgTo > $day))
  AND ($from IS NULL OR r.kgFrom = $from) AND ($to IS NULL OR r.kgTo = $to)
RETURN r.rel AS rel, r.source AS source, r.target AS target, r.key AS key,
       r.kgFrom AS valid_from, r.kgTo AS valid_to, r.kgProps AS props
