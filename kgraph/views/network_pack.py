"""The network view's data packed for large organisations: one compressed block per
department node, decoded by the page only when that department is opened.

Above :data:`COMPACT_PERSONS` people (and when the map opens at department level) the page
carries the department nodes, the strongest ties between them and a compressed name index
for the search; everything inside a department node (its team nodes, its people, their
details and every tie that touches them) is one gzip-compressed, base64-encoded JSON block
that ``visuals/network.js`` decodes with the browser's own ``DecompressionStream`` when
the department is opened or searched. People are stored in the order the map places them
(department node, team node, team, position in the team's sunflower), as rows of ids into
the block's string table; their ties as sorted neighbour numbers, each as the difference
from the previous one. A tie between two department nodes is in both blocks.

The page draws exactly what the unpacked view draws: the same people, positions,
colours, details and ties once a department is open. Only the overview thins the lines
between closed departments to the :data:`MAX_GROUP_TIES` strongest (the legend says so).
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from typing import Any

__all__ = ["COMPACT_PERSONS", "MAX_GROUP_TIES", "pack", "unpack_block", "start_edges"]

#: above this many people a map that opens at department level is packed
COMPACT_PERSONS = 4000
#: the overview draws at most this many lines between departments (the strongest)
MAX_GROUP_TIES = 1500

_GOLDEN = math.pi * (3 - math.sqrt(5))


def _block(obj: Any) -> str:
    """JSON, gzip (fixed mtime: the page is reproducible), base64: only [A-Za-z0-9+/=], safe in a script."""
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def unpack_block(text: str) -> Any:
    """The JSON value of one packed block (what the page decodes).

    >>> unpack_block(_block({"a": [1, "<b>"]}))
    {'a': [1, '<b>']}
    """
    return json.loads(gzip.decompress(base64.b64decode(text)).decode("utf-8"))


class _Strings:
    """A block's string table: each distinct string once, referred to by its number."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, s: Any) -> int:
        key = "" if s is None else str(s)
        if key not in self.index:
            self.index[key] = len(self.index)
        return self.index[key]

    def table(self) -> list[str]:
        return list(self.index)


def pack(data: dict[str, Any], *, people: dict[str, dict[str, Any]], order: list[tuple[str, list[tuple[str, list[str]]]]],
         weights: dict[tuple[str, str], float], style: dict[str, Any],
         texts: dict[str, Any], max_group_ties: int = MAX_GROUP_TIES) -> dict[str, Any]:
    """Turn the unpacked view ``data`` (its groups and details) into the packed one.

    ``order`` lists each department node with its team nodes, each with its teams in map
    order, each team with ``(team, [person, ...])`` in sunflower order: see
    :func:`kgraph.views.network.network_data`. ``people`` holds each person's row (name,
    function, teams, department, betweenness, pin kind, articulation point, the team's
    centre and the person's place in it).
    """
    dept_groups = [g for g in data["groups"] if g["level"] == "department"]
    team_groups = {g["id"]: g for g in data["groups"] if g["level"] == "team"}
    gidx: dict[str, int] = {}
    starts: list[int] = []
    chunk_of: dict[str, int] = {}
    n = 0
    for c, (dg, tgs) in enumerate(order):
        starts.append(n)
        for _tg, teams in tgs:
            for _t, ps in teams:
                for p in ps:
                    gidx[p] = n
                    chunk_of[p] = c
                    n += 1
    starts.append(n)
    adj: dict[str, list[tuple[int, float]]] = {}
    group_ties: dict[tuple[int, int], int] = {}
    for (a, b), w in weights.items():
        w = round(w, 3)
        ca, cb = chunk_of[a], chunk_of[b]
        ia, ib = gidx[a], gidx[b]
        if ca == cb:  # inside one department node: stored once, at the lower number
            lo, hi = (a, ib) if ia < ib else (b, ia)
            adj.setdefault(lo, []).append((hi, w))
        else:  # between two: in both blocks
            adj.setdefault(a, []).append((ib, w))
            adj.setdefault(b, []).append((ia, w))
            key = (ca, cb) if ca < cb else (cb, ca)
            group_ties[key] = group_ties.get(key, 0) + 1
    blocks = []
    names, ids = [], []
    for c, (dg, tgs) in enumerate(order):
        s = _Strings()
        teams_out, rows, nbrs, ws = [], [], [], []
        for k, (tg, teams) in enumerate(tgs):
            for t, ps in teams:
                first = people[ps[0]] if ps else None
                teams_out.append([k, s(first["team"]) if first else 0, first["cx"] if first else 0.0,
                                  first["cy"] if first else 0.0, len(ps), s(first["colour"]) if first else 0])
                for p in ps:
                    r = people[p]
                    rows.append([p, r["name"], s(r["function"]), s(r["teams"]), s(r["department"]), s(r["betweenness"]),
                                 r["pin"] * 2 + (1 if r["ap"] else 0)])
                    prev, d_list = gidx[p], []
                    for j, w in sorted(adj.get(p, ())):
                        d_list.append(j - prev)
                        prev = j
                        ws.append(int(w) if float(w).is_integer() else w)
                    nbrs.append(d_list)
                    names.append(r["name"])
                    ids.append(p)
        blocks.append(_block({
            "g": [team_groups[tg] for tg, _x in tgs],
            "d": {tg: data["details"][tg] for tg, _x in tgs if tg in data["details"]},
            "s": s.table(), "t": teams_out, "p": rows, "a": nbrs, "w": ws,
        }))
    ranked = sorted(group_ties.items(), key=lambda kv: (-kv[1], kv[0]))
    kept = sorted(ranked[:max_group_ties])
    floor = min((v for _k, v in kept), default=0)
    details = {g["id"]: data["details"][g["id"]] for g in dept_groups if g["id"] in data["details"]}
    block_of = {gid: c for c, (dg, tgs) in enumerate(order) for gid in [dg] + [tg for tg, _x in tgs]}
    search = [[gid, name, block_of[gid]] if gid in block_of else [gid, name] for gid, name in data["search"]]
    out = dict(data)
    out.update({
        "persons": [],
        "links": [],
        "groups": dept_groups,
        "details": details,
        "search": search,
        "packed": {
            "blocks": blocks,
            "starts": starts,
            "group_ties": [[a, b, v] for (a, b), v in kept],
            "group_ties_total": len(group_ties),
            "group_ties_floor": floor,
            "names": _block({"i": ids, "n": names}),
            "style": style,
            "texts": texts,
        },
    })
    return out


def start_edges(data: dict[str, Any]) -> list[tuple[str, str, int]]:
    """The lines between department nodes a packed map draws when it opens: ``(id, id, pairs)``."""
    groups = data["groups"]
    return [(groups[a]["id"], groups[b]["id"], v) for a, b, v in data["packed"]["group_ties"]]
