"""The part of :class:`kgraph.org.Org` about knowledge: skills, the taxonomy, holders, needs.

:class:`~kgraph.org.Org` inherits these accessors (it is their one definition; this
module only keeps ``org.py`` readable). They use the ``Org``'s edges, items, present
persons and units: :meth:`~kgraph.org.Org.edges`, :attr:`~kgraph.org.Org.items`,
:attr:`~kgraph.org.Org.present` and :meth:`~kgraph.org.Org.members`.

Holders are what ``kgraph gaps`` asks for most (about 66,000 times at 50,000 persons):
the persons of an item are grouped by level once, a set of holders is kept per item,
level and ``narrower``, and the sorted list per unit as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import compress
from typing import Any

from .model import model

__all__ = ["Knowledge", "Need", "schema_default"]


@cache
def schema_default(table: str, column: str) -> Any:
    """The default of a column in the data model (``schema/model.toml``)."""
    return model().tables[table].column(column).default


@dataclass(frozen=True)
class Need:
    """One need of a unit (a ``NEEDS`` edge), with the schema's defaults filled in."""

    unit: str
    item: str
    min_level: int
    min_holders: int
    criticality: int

    @classmethod
    def of(cls, unit: str, item: str, props: dict[str, Any]) -> Need:
        return cls(unit, item, *(int(props.get(c) or schema_default("needs", c)) for c in ("min_level", "min_holders", "criticality")))


_NONE: frozenset[str] = frozenset()


class Knowledge:
    """Skills of present persons, the taxonomy, holders of an item, the units' needs."""

    @cached_property
    def skills(self) -> dict[str, dict[str, dict[str, Any]]]:
        """item -> {person: KNOWS properties}, present persons only; items in the order they
        first occur in the edges (by person, then item), persons by id."""
        present = self.present
        grouped = self.tables.by_target("KNOWS")  # a store's index by item, where it has one
        if grouped is None:
            out: dict[str, dict[str, dict]] = defaultdict(dict)
            for p, k, _, props in self.edges("KNOWS"):
                if p in present:
                    out[k][p] = props
            return dict(out)
        kept: dict[str, dict[str, dict]] = {}
        for k, holders in grouped.items():
            if not present.issuperset(holders):
                holders = dict(compress(holders.items(), map(present.__contains__, holders)))  # in C: 0.1 s -> 0.03 s
            if holders:
                kept[k] = holders
        # the order of the loop above: an item first occurs with its first person
        return {k: kept[k] for k in sorted(kept, key=lambda k: (next(iter(kept[k])), k))}

    def level(self, person: str, item: str) -> int:
        """A present person's level on ``item`` (0: none)."""
        return int(self.skills.get(item, {}).get(person, {}).get("level", 0) or 0)

    @cached_property
    def broader(self) -> dict[str, str]:
        """item -> the item directly above it in the taxonomy."""
        return {s: t for s, t, _, _ in self.edges("BROADER")}

    @cached_property
    def narrower(self) -> dict[str, frozenset[str]]:
        """item -> every item below it in the taxonomy (not itself)."""
        children: dict[str, list[str]] = defaultdict(list)
        for s, t in self.broader.items():
            children[t].append(s)
        out: dict[str, frozenset[str]] = {}
        for item in self.items:
            seen: set[str] = set()
            stack = list(children.get(item, []))
            while stack:
                c = stack.pop()
                if c not in seen and c != item:
                    seen.add(c)
                    stack.extend(children.get(c, []))
            out[item] = frozenset(seen)
        return out

    def holders(self, item: str, *, min_level: int = 1, narrower: bool = False, within: str | None = None,
                without: Iterable[str] = ()) -> list[str]:
        """Present persons holding ``item`` at ``min_level`` or above, sorted.

        ``narrower=True`` also counts holders of any item below it in the taxonomy (a
        holder of *omgevingsplan* holds part of *Omgevingswet*); ``within`` keeps the
        members of a unit and its sub-units; ``without`` leaves persons out (what-if).
        """
        if without:
            found = self._holding(item, min_level, narrower)
            if within is not None:
                found &= self.members(within, subunits=True)
            return sorted(found.difference(without))
        key = (item, min_level, narrower, within)
        cache = self.__dict__.setdefault("_held_sorted", {})
        got = cache.get(key)
        if got is None:
            found = self._holding(item, min_level, narrower)
            if within is not None:
                found &= self.members(within, subunits=True)
            got = cache[key] = tuple(sorted(found))
        return list(got)

    def holder_set(self, item: str, *, min_level: int = 1, narrower: bool = False) -> frozenset[str]:
        """The persons :meth:`holders` lists (without ``within`` and ``without``), unsorted: a read-only set."""
        return self._holding(item, min_level, narrower)

    @cached_property
    def _by_level(self) -> dict[str, dict[int, list[str]]]:
        """item -> {level: the present persons holding it at exactly that level}."""
        out: dict[str, dict[int, list[str]]] = {}
        level_of: dict[int, int] = {}  # by property set: a store's skills share equal ones
        for item, holders in self.skills.items():
            levels: dict[int, list[str]] = {}
            for p, props in holders.items():
                lv = level_of.get(id(props))
                if lv is None:
                    lv = level_of[id(props)] = int(props.get("level") or 0)
                found = levels.get(lv)
                if found is None:
                    levels[lv] = [p]
                else:
                    found.append(p)
            out[item] = levels
        return out

    def _holding(self, item: str, min_level: int, narrower: bool) -> frozenset[str]:
        """The set :meth:`holders` starts from, kept per item, level and ``narrower``."""
        key = (item, min_level, narrower)
        found = self._held.get(key)
        if found is None:
            if narrower:
                found, below = self._holding(item, min_level, False), self.narrower.get(item)
                if below:  # most items are leaves: their own set then, not a copy
                    found = found.union(*(self._holding(k, min_level, False) for k in below))
            else:
                levels = self._by_level.get(item)
                found = _NONE.union(*(ps for lv, ps in levels.items() if lv >= min_level)) if levels else _NONE
            self._held[key] = found
        return found

    @cached_property
    def needs(self) -> list[Need]:
        """Every need, by unit and item."""
        return sorted((Need.of(u, k, props) for u, k, _, props in self.edges("NEEDS")), key=lambda n: (n.unit, n.item))

    @cached_property
    def needed_by(self) -> dict[str, list[Need]]:
        """item -> the needs of it."""
        out: dict[str, list[Need]] = defaultdict(list)
        for n in self.needs:
            out[n.item].append(n)
        return dict(out)

    def need_holders(self, need: Need, without: Iterable[str] = ()) -> list[str]:
        """Present persons of the unit (and its sub-units) holding the item at the need's ``min_level``."""
        return self.holders(need.item, min_level=need.min_level, within=need.unit, without=without)
