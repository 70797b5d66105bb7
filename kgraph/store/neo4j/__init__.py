"""The Neo4j store: kgraph's data in a Neo4j 5 database (or a Bolt server speaking its Cypher).

Every line of Cypher kgraph runs lives here: the store itself (:mod:`.store`), its
statements and the schema (:mod:`.cypher`, ``statements/``), the named queries users
run (:mod:`.named`, the top-level ``queries/`` folder) and the Cypher dump of a
dataset (:mod:`.dump`, ``kgraph export --format cypher``).
"""

from .cypher import header as query_header
from .cypher import schema_statements
from .store import Neo4jStore, safe_url

__all__ = ["Neo4jStore", "safe_url", "schema_statements", "query_header"]
