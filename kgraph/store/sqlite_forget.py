"""The embedded store's erasure inside its transaction: a node and what mentions it, removed
from every version (:func:`kgraph.store.history.erase`), every version's counts again."""

from __future__ import annotations

import json
import sqlite3

from . import history as hist
from .base import encode_props
from .sqlite_write import forget_digests

__all__ = ["forget_rows"]


def forget_rows(db: sqlite3.Connection, node_id: str, mentions, whole=("Signal",)) -> dict[str, int]:
    nodes = db.execute("SELECT id, origin, valid_from, valid_to, kind, name, props FROM node_rows").fetchall()
    edges = db.execute("SELECT rel, source, target, key, origin, valid_from, valid_to, props FROM edge_rows").fetchall()
    dn, ins_n, de, ins_e, removed = hist.erase(nodes, edges, node_id, mentions, json.loads, encode_props, whole=whole)
    if not (dn or de):
        return removed
    forget_digests(db)
    db.executemany("DELETE FROM node_rows WHERE id=? AND origin=? AND valid_from=?", [r[:3] for r in dn])
    db.executemany("DELETE FROM edge_rows WHERE rel=? AND source=? AND target=? AND key=? AND origin=? AND valid_from=?",
                   [r[:6] for r in de])
    db.executemany("INSERT INTO node_rows(id, origin, valid_from, valid_to, kind, name, props) VALUES (?,?,?,?,?,?,?)",
                   ins_n)
    db.executemany("INSERT INTO edge_rows(rel, source, target, key, origin, valid_from, valid_to, props) "
                   "VALUES (?,?,?,?,?,?,?,?)", ins_e)
    # every version's counts again, from the rows now stored
    rows = [(("n", i), o, f, t, k) for i, o, f, t, k in db.execute(
        "SELECT id, origin, valid_from, valid_to, kind FROM node_rows")]
    rows += [(("e", r, s, tg, k), o, f, t, r) for r, s, tg, k, o, f, t in db.execute(
        "SELECT rel, source, target, key, origin, valid_from, valid_to FROM edge_rows")]
    versions = db.execute("SELECT origin, as_of FROM versions").fetchall()
    for (o, d), c in hist.version_counts(rows, versions).items():
        db.execute("UPDATE versions SET counts=? WHERE origin=? AND as_of=?", (json.dumps(c, sort_keys=True), o, d))
    return removed

