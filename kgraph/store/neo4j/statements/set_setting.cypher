// name: set_setting
// Store-internal: set one store setting (value is JSON text).
// parameters: $key (string), $value (string)
// columns: key
// mode: write
MERGE (s:KgSetting {key: $key})
SET s.value = $value
RETURN s.key AS key
