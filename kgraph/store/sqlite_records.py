"""Keyed records in the embedded store (accounts, survey waves, tokens, answers): the
``records(kind, key, value)`` table, values as canonical JSON, outside the organisation's
data (see :meth:`kgraph.store.Store.put_record`). Each write is one transaction of the store
(:meth:`~kgraph.store.sqlite.EmbeddedStore._write`): it takes the write lock before it reads.
"""

from __future__ import annotations

import json
from typing import Any

from .base import check_record_key
from .sqlite_file import sql_errors

__all__ = ["Records"]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)


class Records:
    """Mixin of :class:`~kgraph.store.sqlite.EmbeddedStore`: needs its ``db``, ``_file`` and ``_write``."""

    @sql_errors
    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        rows = []
        for key, value in items.items():
            check_record_key(kind, key)
            rows.append((kind, key, _json(value)))
        self._write(lambda db: db.executemany("INSERT OR REPLACE INTO records(kind, key, value) VALUES (?,?,?)", rows))

    @sql_errors
    def put_record_if(self, kind: str, key: str, value: Any, *, when: tuple[str, str, str, Any]) -> bool:
        check_record_key(kind, key)
        row = (kind, key, _json(value))
        g_kind, g_key, field, expected = when

        def work(db) -> bool:  # inside the write transaction: the lock is held from this read to the commit
            got = db.execute("SELECT value FROM records WHERE kind=? AND key=?", (g_kind, g_key)).fetchone()
            if got is None or not isinstance(guard := json.loads(got[0]), dict) or guard.get(field) != expected:
                return False
            db.execute("INSERT OR REPLACE INTO records(kind, key, value) VALUES (?,?,?)", row)
            return True

        return self._write(work)

    @sql_errors
    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        row = self.db.execute("SELECT value FROM records WHERE kind=? AND key=?", (kind, key)).fetchone()
        return default if row is None else json.loads(row[0])

    @sql_errors
    def records(self, kind: str) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self.db.execute("SELECT key, value FROM records WHERE kind=? ORDER BY key", (kind,))}

    @sql_errors
    def delete_record(self, kind: str, key: str) -> bool:
        if not self._file:
            return False
        return self._write(lambda db: db.execute("DELETE FROM records WHERE kind=? AND key=?", (kind, key)).rowcount > 0)
