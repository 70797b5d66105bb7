"""Keyed records in the Neo4j store (accounts, survey waves, tokens, answers): ``:KgRecord`` nodes.

``(:KgRecord {rid, kind, key, value})`` with ``rid`` = kind + U+001F + key and the value as
JSON, outside the organisation's graph (see :meth:`kgraph.store.Store.put_record`). Writes
go through the store's write transaction (deadlines, retries on a conflict).
"""

from __future__ import annotations

import json
from typing import Any

from ..base import check_record_key

__all__ = ["Records"]


class Records:
    """Mixin of :class:`~kgraph.store.neo4j.Neo4jStore`: needs its ``_read``, ``_write``, ``_write_batch``."""

    def put_records(self, kind: str, items: dict[str, Any]) -> None:
        rows = [_row(kind, key, value) for key, value in items.items()]
        if rows:  # the schema (the uniqueness of rid: concurrent writers cannot make two) comes first
            self._write(lambda tx: tx.batches("put_records", rows))

    def put_record_if(self, kind: str, key: str, value: Any, *, when: tuple[str, str, str, Any]) -> bool:
        row = _row(kind, key, value)
        g_kind, g_key, field, expected = when

        def work(tx) -> bool:  # the guard record is held by this transaction from the touch to the commit
            got = tx.rows("touch_record", rid=_rid(g_kind, g_key))
            guard = json.loads(got[0]["value"]) if got else None
            if not isinstance(guard, dict) or guard.get(field) != expected:
                return False
            tx.batches("put_records", [row])
            return True

        return self._write(work)

    def get_record(self, kind: str, key: str, default: Any = None) -> Any:
        rows = self._read("get_record", rid=_rid(kind, key))
        return default if not rows else json.loads(rows[0]["value"])

    def records(self, kind: str) -> dict[str, Any]:
        rows = sorted(self._read("records_of_kind", kind=kind), key=lambda r: r["key"])
        return {r["key"]: json.loads(r["value"]) for r in rows}

    def delete_record(self, kind: str, key: str) -> bool:
        return self._write(lambda tx: self._write_batch(tx.tx, "delete_record", _rid(kind, key), key="rid")) > 0


def _row(kind: str, key: str, value: Any) -> dict[str, str]:
    check_record_key(kind, key)
    return {"rid": _rid(kind, key), "kind": kind, "key": key,
            "value": json.dumps(value, ensure_ascii=False, sort_keys=True, allow_nan=False)}


def _rid(kind: str, key: str) -> str:
    """The one property a record is found by: kind and key joined by U+001F (unit separator)."""
    return f"{kind}\x1f{key}"
