"""Dated versions as rows with validity intervals: the rules both stores share.

A store keeps, per *source* (``import``, ``survey``, ``calendar``, ...), a timeline of
versions: ``Store.replace(dataset, as_of=D, source=S)`` says "from D on (until S's next
version) S holds exactly ``dataset``". Rather than a copy per version or a chain of
deltas, each node and edge is stored as **rows with a validity interval**
``[valid_from, valid_to)`` of version dates (``valid_to`` is :data:`OPEN` while the row
is in S's latest version). A row is written when its content changes, so storage grows
with the changes, not with the number of imports, and the data of any date is one
indexed read (``valid_from <= D < valid_to``), with no deltas to replay.

This module holds the pure parts, used by :mod:`~kgraph.store.sqlite` and the Neo4j
store alike: which version of each source is in force on a date
(:func:`effective_dates`), the rows an import must delete and insert
(:func:`plan_table`), precedence between sources (:func:`merge`), the change counts of
a version (:func:`diff_counts`, :func:`version_counts`) and erasure across every
version (:func:`erase`). Dates are ISO ``YYYY-MM-DD`` strings, which sort as dates.

The rows of one key and source never overlap, and two rows of a key that touch
(``a.valid_to == b.valid_from``) differ in content: :func:`coalesce` keeps that so, and
:func:`version_counts` relies on it.

>>> plan_table({"P1": "v2"}, at={"P1": ("2025-01-01", OPEN, "v1")}, ending={}, starting={},
...            day="2026-01-01", nxt=None)
([('P1', '2025-01-01')], [('P1', '2025-01-01', '2026-01-01', 'v1'), ('P1', '2026-01-01', '9999-12-31', 'v2')])
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any, TypeVar

__all__ = ["OPEN", "DEFAULT_SOURCE", "day_text", "check_source", "version_record", "effective_dates", "source_dates",
           "plan_table",
           "plan_append", "coalesce", "merge", "diff_counts", "version_counts", "erase"]

#: ``valid_to`` of a row still in force in its source's latest version
OPEN = "9999-12-31"
#: the source of ``kgraph import``
DEFAULT_SOURCE = "import"

K = TypeVar("K", bound=Hashable)
Seg = tuple[str, str, Any]  # valid_from, valid_to, content


def day_text(day: _dt.date | str | None) -> str:
    """A version date as stored: ISO ``YYYY-MM-DD`` (default today).

    >>> day_text(_dt.date(2026, 3, 1)), day_text("2026-03-01")
    ('2026-03-01', '2026-03-01')
    """
    from ..dates import parse_as_of

    return parse_as_of(day).isoformat()


def check_source(source: str) -> str:
    """A source name as stored: a short lower-case word (``import``, ``survey``, ``calendar``).

    >>> check_source("survey")
    'survey'
    >>> check_source("Survey 1")
    Traceback (most recent call last):
    kgraph.errors.OptionError: 'Survey 1' is not a source name: use lower-case letters, digits, - and _
    """
    import re

    from ..errors import OptionError
    from ..i18n import _

    if not isinstance(source, str) or not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", source):
        raise OptionError(_("{source!r} is not a source name: use lower-case letters, digits, - and _").format(
            source=source))
    return source


def version_record(source: str, as_of: str, recorded_at: str, counts: str) -> dict[str, Any]:
    """One entry of :meth:`kgraph.store.Store.history` from a stored version.

    >>> version_record("import", "2026-01-01", "2026-01-02T09:00:00+00:00",
    ...                '{"added": {"Person": 2}, "changed": {}, "removed": {"KNOWS": 1}}')["removed"]
    1
    """
    import json

    c = json.loads(counts)
    return {"source": source, "as_of": _dt.date.fromisoformat(as_of), "recorded_at": recorded_at,
            "added": sum(c["added"].values()), "changed": sum(c["changed"].values()),
            "removed": sum(c["removed"].values()), "changes": c}


def effective_dates(versions: Iterable[tuple[str, str]], as_of: str) -> list[tuple[str, str]]:
    """``(source, version date)`` in force on ``as_of``, lowest precedence first.

    Each source's latest version on or before ``as_of``. A date before the first version
    of source ``import`` (the organisation's tables) reads as that first version: a single
    import keeps answering questions about earlier dates through its dated rows. The other
    sources (the log, the survey, calendars) begin with their first version: one whose
    first version is later than ``as_of`` has nothing in force. (A store without source
    ``import`` clamps every source to the store's first version.) Where two sources hold
    the same node or edge the later version wins, ties by source name (the later name
    wins), and an import read before its date yields to every other source: the last
    pair in the list has the highest precedence.

    >>> v = [("import", "2025-01-01"), ("import", "2026-01-01"), ("survey", "2025-06-01")]
    >>> effective_dates(v, "2025-07-01")
    [('import', '2025-01-01'), ('survey', '2025-06-01')]
    >>> effective_dates(v, "2024-01-01"), effective_dates([], "2024-01-01")
    ([('import', '2025-01-01')], [])
    >>> effective_dates([("log", "2024-06-01"), ("import", "2025-01-01")], "2024-07-01")
    [('import', '2025-01-01'), ('log', '2024-06-01')]
    """
    versions = list(versions)
    if not versions:
        return []
    base = DEFAULT_SOURCE if any(s == DEFAULT_SOURCE for s, _d in versions) else None
    first = min(d for s, d in versions if base is None or s == base)
    best: dict[str, str] = {}
    for source, d in versions:
        limit = max(as_of, first) if base is None or source == base else as_of
        if d <= limit and d > best.get(source, ""):
            best[source] = d
    # precedence: an import read before its date yields to every other source (what was
    # written on or before the date read, e.g. a follow-up closed in the log, wins over it)
    return sorted(((s, d) for s, d in best.items()), key=lambda sd: (sd[1] if sd[1] <= as_of or base is None else "",
                                                                   sd[0]))


def source_dates(versions: Iterable[tuple[str, str]], as_of: str, source: str) -> list[tuple[str, str]]:
    """``[(source, date)]`` of ``source``'s latest version on or before ``as_of`` (no clamp to
    the first version: a writer reading its own data before it existed finds none).

    >>> source_dates([("survey", "2026-01-01"), ("import", "2025-01-01")], "2026-06-01", "survey")
    [('survey', '2026-01-01')]
    >>> source_dates([("survey", "2026-01-01")], "2025-06-01", "survey")
    []
    """
    best = max((d for s, d in versions if s == source and d <= as_of), default=None)
    return [] if best is None else [(source, best)]


def coalesce(segs: list[Seg]) -> list[Seg]:
    """Sorted, non-overlapping segments with touching equal neighbours joined.

    >>> coalesce([("2026", OPEN, "a"), ("2025", "2026", "a"), ("2024", "2025", "b")])
    [('2024', '2025', 'b'), ('2025', '9999-12-31', 'a')]
    """
    out: list[Seg] = []
    for seg in sorted(segs, key=lambda s: s[0]):
        if seg[0] >= seg[1]:
            continue
        if out and out[-1][1] == seg[0] and out[-1][2] == seg[2]:
            out[-1] = (out[-1][0], seg[1], seg[2])
        else:
            out.append(seg)
    return out


def plan_table(new: Mapping[K, Any], *, at: Mapping[K, Seg], ending: Mapping[K, Seg], starting: Mapping[K, Seg],
               day: str, nxt: str | None) -> tuple[list[tuple[K, str]], list[tuple[K, str, str, Any]]]:
    """The rows to delete ``(key, valid_from)`` and insert ``(key, valid_from, valid_to, content)``
    so that one source holds ``new`` from ``day`` until its next version ``nxt`` (None: none).

    ``at``: the source's rows in force on ``day`` before the write; ``ending``: its rows
    with ``valid_to == day``; ``starting``: its rows with ``valid_from == nxt``. Rows
    elsewhere in the timeline are not touched. Keys whose content on ``day`` does not
    change get no row at all.

    >>> plan_table({"A": 1}, at={}, ending={}, starting={"A": ("2026", OPEN, 1)}, day="2025", nxt="2026")
    ([('A', '2026')], [('A', '2025', '9999-12-31', 1)])
    """
    deletes: list[tuple[K, str]] = []
    inserts: list[tuple[K, str, str, Any]] = []
    until = nxt or OPEN
    for key in set(new) | set(at):
        a = at.get(key)
        c = new.get(key)
        if a is not None and a[2] == c and key in new:
            continue
        if a is None and key not in new:
            continue
        old: list[Seg] = []
        segs: list[Seg] = []
        if a is not None:
            old.append(a)
            segs.append((a[0], day, a[2]))
            if nxt is not None and a[1] > nxt:
                segs.append((nxt, a[1], a[2]))
        b = starting.get(key) if nxt is not None else None
        if b is not None:  # (none when ``a`` runs through ``nxt``)
            old.append(b)
            segs.append(b)
        e = ending.get(key)
        if e is not None:
            old.append(e)
            segs.append(e)
        if key in new:
            segs.append((day, until, c))
        merged = coalesce(segs)
        keep = set(old) & set(merged)
        deletes.extend((key, s[0]) for s in old if s not in keep)
        inserts.extend((key, *s) for s in merged if s not in keep)
    return deletes, inserts


def plan_append(new: Mapping[K, Any], at: Mapping[K, Any], label: Callable[[K, Any], str]):
    """The plan of a version after every version of its source (the common import), where
    rows need no splitting: the rows of keys that change or go are closed on the version's
    date, and changed or new keys get a row from it on (see :func:`plan_table` for the
    general case). ``at`` maps each key in force to its content.

    Returns ``(close, insert, (added, changed, removed))``: the keys whose open row ends,
    ``(key, content)`` of the rows to insert, and the counts per label.

    >>> plan_append({"A": 1, "B": 2}, {"A": 1, "C": 3}, lambda k, c: "x")
    (['C'], [('B', 2)], ({'x': 1}, {}, {'x': 1}))
    """
    close: list[K] = []
    insert: list[tuple[K, Any]] = []
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    removed: dict[str, int] = {}
    get = at.get
    for key, c in new.items():
        o = get(key, _MISSING)
        if o is _MISSING:
            lb = label(key, c)
            added[lb] = added.get(lb, 0) + 1
            insert.append((key, c))
        elif o != c:
            lb = label(key, c)
            changed[lb] = changed.get(lb, 0) + 1
            close.append(key)
            insert.append((key, c))
    for key, o in at.items():
        if key not in new:
            lb = label(key, o)
            removed[lb] = removed.get(lb, 0) + 1
            close.append(key)
    return close, insert, (added, changed, removed)


def merge(rows: Iterable[tuple[K, str, Any]], rank: Mapping[str, int]) -> dict[K, Any]:
    """``{key: value}`` from ``(key, source, value)`` rows, the source of highest ``rank`` winning.

    >>> merge([("P1", "import", "a"), ("P1", "survey", "b"), ("P2", "import", "c")], {"import": 0, "survey": 1})
    {'P1': 'b', 'P2': 'c'}
    """
    out: dict[K, Any] = {}
    best: dict[K, int] = {}
    for key, source, value in rows:
        r = rank[source]
        if r >= best.get(key, -1):
            best[key] = r
            out[key] = value
    return out


def diff_counts(old: Mapping[K, Any], new: Mapping[K, Any], label: Callable[[K, Any], str]
                ) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """``(added, changed, removed)`` per label (node kind, relation) from ``old`` to ``new``.

    >>> diff_counts({"P1": "Person", "T1": "Team"}, {"P1": "Team", "P2": "Person"}, lambda k, c: c)
    ({'Person': 1}, {'Team': 1}, {'Team': 1})
    """
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    removed: dict[str, int] = {}
    for key, c in new.items():
        o = old.get(key, _MISSING)
        if o is _MISSING:
            added[label(key, c)] = added.get(label(key, c), 0) + 1
        elif o != c:
            changed[label(key, c)] = changed.get(label(key, c), 0) + 1
    for key, o in old.items():
        if key not in new:
            removed[label(key, o)] = removed.get(label(key, o), 0) + 1
    return added, changed, removed


_MISSING = object()


def version_counts(rows: Iterable[tuple[K, str, str, str, str]], versions: Iterable[tuple[str, str]]
                   ) -> dict[tuple[str, str], dict[str, dict[str, int]]]:
    """The change counts of each version from every stored row ``(key, source, valid_from,
    valid_to, label)``: a row starting on a version's date was added or changed there, a
    row ending there was removed or changed (changed: the key has both).

    >>> rows = [("P1", "import", "2025", "2026", "Person"), ("P1", "import", "2026", OPEN, "Person"),
    ...         ("P2", "import", "2025", "2026", "Person")]
    >>> version_counts(rows, [("import", "2025"), ("import", "2026")])[("import", "2026")]
    {'added': {}, 'changed': {'Person': 1}, 'removed': {'Person': 1}}
    """
    starts: dict[tuple[str, str], dict[K, str]] = {}
    ends: dict[tuple[str, str], dict[K, str]] = {}
    for key, source, start, stop, label in rows:
        starts.setdefault((source, start), {})[key] = label
        if stop != OPEN:
            ends.setdefault((source, stop), {})[key] = label
    out = {}
    for v in versions:
        s, e = starts.get(v, {}), ends.get(v, {})
        added: dict[str, int] = {}
        changed: dict[str, int] = {}
        removed: dict[str, int] = {}
        for key, label in s.items():
            d = changed if key in e else added
            d[label] = d.get(label, 0) + 1
        for key, label in e.items():
            if key not in s:
                removed[label] = removed.get(label, 0) + 1
        out[v] = {"added": added, "changed": changed, "removed": removed}
    return out


def _texts(props: dict[str, Any]):
    for k, v in props.items():
        for x in v if isinstance(v, list) else [v]:
            if isinstance(x, str):
                yield k, x


def erase(nodes: Iterable[tuple], edges: Iterable[tuple], node_id: str, mentions: Callable[[str], bool] | None,
          decode: Callable[[str], dict], encode: Callable[[dict], str], *, whole: tuple[str, ...] = ("Signal",)):
    """Rows to delete and insert so that no version of any source keeps ``node_id`` or
    (with ``mentions``) a text naming them.

    ``nodes`` are ``(id, source, valid_from, valid_to, kind, name, props_json)``, ``edges``
    ``(rel, src, tgt, key, source, valid_from, valid_to, props_json)``: every stored row.
    Removed: the node's rows, every edge row touching it, the rows of every node of a kind
    in ``whole`` (a signal) whose text (in any version) ``mentions`` them and the edges
    touching those, edge rows
    whose key mentions them; every other text property that mentions them is dropped
    from the row. Rows of a key that become equal and touch are joined again.

    Returns ``(delete_nodes, insert_nodes, delete_edges, insert_edges, removed)``: rows
    in the input's shape (deletes as the full old rows) and the number removed per kind
    or relation (distinct nodes and edges) plus ``property`` (distinct properties
    blanked).
    """
    nodes, edges = list(nodes), list(edges)
    hit = mentions or (lambda _t: False)
    drop = {node_id}
    for i, _src, _f, _t, kind, _n, p in nodes:
        if kind in whole and i not in drop and any(hit(t) for _k, t in _texts(decode(p))):
            drop.add(i)
    removed: dict[str, int] = {}
    gone_keys: set = set()
    blanked: set = set()
    del_n, ins_n, del_e, ins_e = [], [], [], []
    by_key: dict[tuple, list] = {}
    for row in nodes:
        i, src, f, t, kind, name, p = row
        if i in drop:
            del_n.append(row)
            if ("n", i) not in gone_keys:
                gone_keys.add(("n", i))
                removed[kind] = removed.get(kind, 0) + 1
            continue
        props = decode(p)
        named = {k for k, x in _texts(props) if hit(x)}
        if named:
            blanked.update((("n", i), k) for k in named)
            props = {k: v for k, v in props.items() if k not in named}
            del_n.append(row)
            by_key.setdefault(("n", i, src), []).append((f, t, (kind, props.get("name"), encode(props))))
        else:
            by_key.setdefault(("n", i, src), []).append((f, t, (kind, name, p), row))
    for row in edges:
        rel, s, tg, key, src, f, t, p = row
        if s in drop or tg in drop or hit(key):
            del_e.append(row)
            if ("e", rel, s, tg, key) not in gone_keys:
                gone_keys.add(("e", rel, s, tg, key))
                removed[rel] = removed.get(rel, 0) + 1
            continue
        props = decode(p)
        named = {k for k, x in _texts(props) if hit(x)}
        if named:
            blanked.update((("e", rel, s, tg, key), k) for k in named)
            props = {k: v for k, v in props.items() if k not in named}
            del_e.append(row)
            by_key.setdefault(("e", rel, s, tg, key, src), []).append((f, t, encode(props)))
        else:
            by_key.setdefault(("e", rel, s, tg, key, src), []).append((f, t, p, row))
    for k, segs in by_key.items():
        if all(len(s) == 4 for s in segs):
            continue  # nothing rewritten in this key
        for s in segs:
            if len(s) == 4:
                (del_n if k[0] == "n" else del_e).append(s[3])
        for f, t, c in coalesce([s[:3] for s in segs]):
            if k[0] == "n":
                ins_n.append((k[1], k[2], f, t, c[0], c[1], c[2]))
            else:
                ins_e.append((*k[1:5], k[5], f, t, c))
    if blanked:
        removed["property"] = len(blanked)
    return del_n, ins_n, del_e, ins_e, removed
