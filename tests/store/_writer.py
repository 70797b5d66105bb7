"""A writer in its own process, for the concurrency tests of the store contract.

Spawned (not forked) by ``test_contract_concurrency.py``: it opens the store by its
location, optionally waits at a barrier, runs one write and puts what it reported on a
queue. With ``hold`` it sleeps inside its first progress callback (inside the write's
transaction) after setting ``writing``, so that another writer starts while it holds the
write lock (or, on an optimistic server, while its transaction is open).
"""

from __future__ import annotations

import time


def write(location, database, kind, payload, queue, *, as_of=None, barrier=None, writing=None, hold=0.0):
    from kgraph.store import open_store

    try:
        store = open_store(location, database=database)
        if barrier is not None:
            barrier.wait(timeout=60)

        def progress(done, total, label):
            if writing is not None and not writing.is_set():
                writing.set()
                time.sleep(hold)

        if kind == "import":
            rep = store.replace(payload, as_of=as_of, progress=progress if hold else None)
            queue.put(("ok", {"added": rep.added, "changed": rep.changed, "removed": rep.removed}))
        else:
            queue.put(("ok", store.forget(payload)))
        store.close()
    except BaseException as exc:  # noqa: BLE001 - report whatever happened to the parent
        queue.put(("error", f"{type(exc).__name__}: {exc}"))
        if writing is not None:
            writing.set()
