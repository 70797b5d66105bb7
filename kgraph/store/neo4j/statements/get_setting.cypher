// name: get_setting
// One store setting (its value is JSON).
// parameters: $key (string)
// columns: value
// mode: read
MATCH (s:KgSetting {key: $key})
RETURN s.value AS value
