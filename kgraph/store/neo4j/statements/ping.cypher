// name: ping
// Check that the server answers and the database exists.
// parameters: none
// columns: ok
// mode: read
RETURN 1 AS ok
