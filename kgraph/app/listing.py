"""``kgraph list``: what the other commands can be asked about, by id and name.

Every option that names a node (``--issue``, ``--actor``, ``--between``, ``--from``,
``--without``) takes an id, the name, or an unambiguous part of it
(:func:`kgraph.names.resolve`); :func:`list_nodes` shows the ids and names to use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from ..i18n import _
from ..names import LIST_KINDS, containing, search_key
from ..org import Org
from .api import Date, Source, findings_of

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["list_nodes", "KINDS"]

#: the words ``list_nodes`` takes, and the node kind of each
KINDS: dict[str, str] = {word: kind for kind, word in LIST_KINDS.items()}

_COLUMNS = {
    "Person": ["id", "name", "function", "team", "department"],
    "Team": ["id", "name", "department"],
    "Department": ["id", "name", "parent"],
    "Issue": ["id", "name", "status", "actors"],
    "ExternalActor": ["id", "name", "kind", "issues"],
    "KnowledgeItem": ["id", "name", "kind", "broader", "synonyms"],
}


def _kind(kind: str) -> str:
    if kind in KINDS:
        return KINDS[kind]
    if kind in KINDS.values():
        return kind
    raise OptionError(_("cannot list '{kind}'").format(kind=kind),
                      hint=_("use one of {kinds}").format(kinds=", ".join(KINDS)))


class _Reader:
    """Nodes and edges from an :class:`Org`, or from a store (which then needs no person data)."""

    def __init__(self, source: Source, as_of: Date):
        self.org = source if isinstance(source, Org) else None
        self.store = None if self.org is not None else source.store
        if self.org is not None:
            findings_of(source, as_of)  # checks the date

    def nodes(self, kind: str) -> dict[str, dict[str, Any]]:
        return self.org.of_kind(kind) if self.org is not None else self.store.nodes(kind)

    def edges(self, rel: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        return self.org.edges(rel) if self.org is not None else self.store.edges(rel)


def _rows(kind: str, source: Source, as_of: Date) -> list[dict[str, Any]]:
    if kind == "Person":  # person-level: through the store's privacy wrappers (pseudonyms, aggregate-only)
        org = findings_of(source, as_of).org
        rows = []
        for p in sorted(org.present):
            team = org.home_team(p)
            dept = org.unit_department(team) if team else None
            rows.append({"id": p, "name": org.name(p), "function": org.persons[p].get("function"),
                         "team": org.name(team) if team else None, "department": org.name(dept) if dept else None})
        return rows
    read = _Reader(source, as_of)
    nodes = read.nodes(kind)

    def name_of(kind_of: str, i: str | None) -> str | None:
        if i is None:
            return None
        return (read.nodes(kind_of).get(i) or {}).get("name", i)

    if kind == "Team":
        dept = {s: t for s, t, _k, _p in read.edges("PART_OF") if s in nodes}
        return [{"id": i, "name": p.get("name"), "department": name_of("Department", dept.get(i))} for i, p in nodes.items()]
    if kind == "Department":
        parent = {s: t for s, t, _k, _p in read.edges("PART_OF") if s in nodes}
        return [{"id": i, "name": p.get("name"), "parent": name_of("Department", parent.get(i))} for i, p in nodes.items()]
    positions = read.edges("POSITION")
    if kind == "Issue":
        actors: dict[str, set[str]] = {}
        for a, i, _k, _p in positions:
            actors.setdefault(i, set()).add(a)
        return [{"id": i, "name": p.get("name"), "status": p.get("status"), "actors": len(actors.get(i, ()))}
                for i, p in nodes.items()]
    if kind == "ExternalActor":
        issues: dict[str, set[str]] = {}
        for a, i, _k, _p in positions:
            issues.setdefault(a, set()).add(i)
        return [{"id": i, "name": p.get("name"), "kind": p.get("kind"), "issues": len(issues.get(i, ()))}
                for i, p in nodes.items()]
    broader = {s: t for s, t, _k, _p in read.edges("BROADER")}
    return [{"id": i, "name": p.get("name"), "kind": p.get("kind"), "broader": name_of("KnowledgeItem", broader.get(i)),
             "synonyms": p.get("synonyms") or []} for i, p in nodes.items()]


def list_nodes(source: Source, kind: str, *, as_of: Date = None, match: str | None = None) -> pd.DataFrame:
    """The persons, teams, departments, issues, actors or knowledge items, by name.

    Parameters
    ----------
    source : KnowledgeGraph or Org
        The graph handle (or an organisation on one date).
    kind : {"persons", "teams", "departments", "issues", "actors", "knowledge"}
        What to list (a node kind, e.g. ``"Person"``, works too).
    as_of : date or str, optional
        The date (default today): persons are those present then, with their home team.
    match : str, optional
        Only the rows whose id or name contains this (case and accents do not matter).

    Persons are person-level data: pseudonymised when the handle is, refused in
    aggregate-only mode (:class:`~kgraph.errors.PrivacyError`). The other kinds hold
    no person data and are listed in every mode.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name`` and a few columns that tell similar names apart (a person's
        function, team and department; a team's department; an issue's status and
        number of actors; ...), sorted by name.

    Examples
    --------
    >>> import kgraph
    >>> from kgraph.examples import example_graph
    >>> kgraph.list_nodes(example_graph(), "teams", as_of="2026-06-01")[["id", "name"]].values.tolist()
    [['T-VERG', 'Vergunningen'], ['T-WMO', 'Wmo-loket']]
    """
    import pandas as pd

    k = _kind(kind)
    rows = _rows(k, source, as_of)
    if match:
        keep = set(containing(match, {r["id"]: r["name"] for r in rows}))
        rows = [r for r in rows if r["id"] in keep]
    rows.sort(key=lambda r: (search_key(r["name"] or r["id"]), r["id"]))
    return pd.DataFrame(rows, columns=_COLUMNS[k])
