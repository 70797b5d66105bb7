// name: lock
// Store-internal (every write): take the store's write lock first in the transaction, so that
// two writers serialise (Neo4j holds the lock until commit; an optimistic server such as
// ArcadeDB fails the later commit, and kgraph retries it on the data then in the store).
// parameters: none
// columns: version
// mode: write
MERGE (l:KgLock {name: 'writer'})
SET l.version = coalesce(l.version, 0) + 1
RETURN l.version AS version
