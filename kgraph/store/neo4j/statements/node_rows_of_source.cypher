// name: node_rows_of_source
// Store-internal (import): one source's node rows in force on a date, or (with $from) those
// starting on a date, or (with $to) those ending on a date.
// parameters: $source (string), $day (string or null), $from (string or null), $to (string or null)
// columns: id, valid_from, valid_to, kind, props
// mode: read
MATCH (r:KgNodeRow {kgSource: $source})
WHERE ($day IS NULL OR (r.kgFrom <= $day AND r.kgTo > $day))
  AND ($from IS NULL OR r.kgFrom = $from) AND ($to IS NULL OR r.kgTo = $to)
RETURN r.id AS id, r.kgFrom AS valid_from, r.kgTo AS valid_to, r.kgKind AS kind, r.kgProps AS props
