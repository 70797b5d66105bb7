"""The network view's data packed for large organisations: one compressed block per
department node, decoded by the page only when that department is opened.

Above :data:`COMPACT_PERSONS` people (and when the map opens at department level) the page
carries the department nodes and the strongest ties between them; everything inside a
department node (its team nodes, its people, their details and every tie that touches
them) is one gzip-compressed block that ``visuals/network.js`` decodes with the browser's
own ``DecompressionStream`` when the department is opened or searched, and one more block
holds the search index (every person's id and name, the units), the departments' details
and the labels, decoded once the map is drawn. A block is the JSON of its data, then its
ties as bytes (varints: the number of ties per person, then each neighbour's number as
the difference from the previous one, then the weights), compressed, as text in a base85
alphabet that needs no escaping in a script. People are stored in the order the map places
them (department node, team node, team, place in the team's sunflower), as rows of numbers
into the block's string table. A tie between two department nodes is in both blocks.

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
MAX_GROUP_TIES = 1000

_GOLDEN = math.pi * (3 - math.sqrt(5))


#: base85 (RFC 1924, :func:`base64.b85encode`) with ``&``, ``<`` and ``>`` swapped for ``.``, ``:`` and ``,``:
#: 25 % larger than the bytes (base64: 33 %), and nothing that HTML or JSON in a script would escape
_B85 = bytes.maketrans(b"&<>", b".:,")
_B85_BACK = bytes.maketrans(b".:,", b"&<>")


def _varints(values: list[int]) -> bytes:
    """Unsigned LEB128 varints of ``values`` (each >= 0)."""
    out = bytearray()
    for x in values:
        while x >= 0x80:
            out.append((x & 0x7F) | 0x80)
            x >>= 7
        out.append(x)
    return bytes(out)


def _block(obj: Any, tail: bytes = b"") -> str:
    """One block: the JSON of ``obj`` (its length as 4 bytes first) and ``tail``, gzip-compressed (fixed
    mtime: the page is reproducible), as text in the alphabet of :data:`_B85`."""
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    packed = gzip.compress(len(raw).to_bytes(4, "big") + raw + tail, compresslevel=9, mtime=0)
    return base64.b85encode(packed).translate(_B85).decode("ascii")


def _unblock(text: str) -> tuple[Any, bytes]:
    raw = gzip.decompress(base64.b85decode(text.encode("ascii").translate(_B85_BACK)))
    n = int.from_bytes(raw[:4], "big")
    return json.loads(raw[4:4 + n].decode("utf-8")), raw[4 + n:]


def _read_varints(buf: bytes, pos: int, count: int) -> tuple[list[int], int]:
    out = []
    for _k in range(count):
        x, shift = 0, 0
        while True:
            b = buf[pos]
            pos += 1
            x |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                break
        out.append(x)
    return out, pos


def unpack_block(text: str) -> Any:
    """The JSON value of one packed block, with its ties as ``a`` (per person, the differences between
    neighbour numbers) and ``w`` (their weights), as the page decodes them.

    >>> unpack_block(_block({"a": [1, "<b>"]}))
    {'a': [1, '<b>']}
    >>> b = unpack_block(_block({"p": [["P1"], ["P2"]], "wb": 1}, _varints([1, 0, 2]) + bytes([3]))); b["a"], b["w"]
    ([[1], []], [3])
    """
    obj, tail = _unblock(text)
    if "p" in obj:
        counts, pos = _read_varints(tail, 0, len(obj["p"]))
        flat, pos = _read_varints(tail, pos, sum(counts))
        deltas = [(z >> 1) ^ -(z & 1) for z in flat]
        obj["a"], k = [], 0
        for c in counts:
            obj["a"].append(deltas[k:k + c])
            k += c
        if obj.pop("wb", 0):
            obj["w"] = list(tail[pos:pos + sum(counts)])
    return obj


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
        # ties after the JSON: the number per person, the differences (zigzag), the weights as bytes if they fit
        flat = [d for lst in nbrs for d in lst]
        tail = _varints([len(lst) for lst in nbrs]) + _varints([(d << 1) ^ (d >> 63) for d in flat])
        small = all(isinstance(w, int) and 0 <= w < 256 for w in ws)
        body = {"g": [team_groups[tg] for tg, _x in tgs],
                "d": {tg: data["details"][tg] for tg, _x in tgs if tg in data["details"]},
                "s": s.table(), "t": teams_out, "p": rows}
        if small:
            body["wb"] = 1
            tail += bytes(ws)
        else:
            body["w"] = ws
        blocks.append(_block(body, tail))
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
        "details": {},
        "search": [],
        "labels": [],
        "packed": {
            "blocks": blocks,
            "starts": starts,
            "group_ties": [[a, b, v] for (a, b), v in kept],
            "group_ties_total": len(group_ties),
            "group_ties_floor": floor,
            # decoded when the map is drawn: the search (people and units), the departments' details, the labels
            "index": _block({"i": ids, "n": names, "search": search, "details": details, "labels": data["labels"]}),
            "style": style,
            "texts": texts,
        },
    })
    return out


def start_edges(data: dict[str, Any]) -> list[tuple[str, str, int]]:
    """The lines between department nodes a packed map draws when it opens: ``(id, id, pairs)``."""
    groups = data["groups"]
    return [(groups[a]["id"], groups[b]["id"], v) for a, b, v in data["packed"]["group_ties"]]
