"""Knowledge gaps: unmet needs, single holders, orphans, departures, stale skills, silos.

``kgraph gaps`` calls :func:`gaps` on the organisation of one date: every date
computation is relative to the Org's date, so the same data on the same date gives
the same rows.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any

from .. import _fork
from ..dates import add_months, months_between, parse_horizon, to_date
from ..errors import OptionError
from ..i18n import _, ngettext
from ..jsonrows import Rows
from ..org import Need, Org
from ._text import SEVERITY_ORDER, names
from .gap_options import KINDS, SEVERITIES, STALE_BY

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["gaps", "select", "family_of", "COLUMNS", "KINDS", "SEVERITIES", "STALE_BY", "CLOSED_STATUSES"]

COLUMNS = ["kind", "severity", "subject_id", "subject", "unit_id", "unit", "person_id", "holders", "required", "why",
           "count", "items"]

#: issue statuses that mean "no longer open" (compared case-insensitively)
CLOSED_STATUSES = frozenset({"closed", "gesloten", "afgerond", "done", "archived", "gearchiveerd"})

_CRIT = {3: "high", 2: "medium", 1: "low"}
_UNSEEN = object()
_UP = {"low": "medium", "medium": "high", "high": "high"}

#: from this many knowledge items, a one-shot command computes the items' rows in a second process
SPLIT_ITEMS = 2000


def _need_row(org: Org, kind: str, need: Need, holders: int, severity: str, why: str) -> dict[str, Any]:
    return {
        "kind": kind, "severity": severity, "subject_id": need.item, "subject": org.name(need.item),
        "unit_id": need.unit, "unit": org.name(need.unit), "person_id": None,
        "holders": holders, "required": need.min_holders, "why": why, "count": 1, "items": [need.item],
    }


def _item_row(org: Org, kind: str, item: str, holders: int, required: int, severity: str, why: str,
              *, unit: str | None = None, person: str | None = None, count: int = 1,
              items: list[str] | None = None) -> dict[str, Any]:
    return {
        "kind": kind, "severity": severity, "subject_id": item, "subject": org.name(item),
        "unit_id": unit, "unit": org.name(unit) if unit else None, "person_id": person,
        "holders": holders, "required": required, "why": why, "count": count,
        "items": items if items is not None else ([item] if item in org.items else []),
    }


def family_of(org: Org, item: str) -> str:
    """The knowledge family of ``item``: the top of its branch of the taxonomy (itself at the top).

    >>> from kgraph.examples import example_org
    >>> family_of(example_org(), "K-DSO"), family_of(example_org(), "K-WMO")
    ('K-OMGW', 'K-WMO')
    """
    seen = {item}
    while item in org.broader and org.broader[item] not in seen:
        item = org.broader[item]
        seen.add(item)
    return item


def _lower(org: Org, item: str, counted: list[str], min_level: int) -> str:
    """``"; 1 more below level 3: Cor Jansen (2)"``: holders that do not count, or nothing."""
    every = org.holder_set(item, narrower=True)
    n = len(every) - len(counted)  # those counted hold it at min_level >= 1: all among every
    if n <= 0:
        return ""
    first = heapq.nsmallest(3, every.difference(counted))  # the first three below, by id
    shown = ", ".join(f"{org.name(p)} ({org.level(p, item) or '~'})" for p in first)
    more = _(" and {n} more").format(n=n - 3) if n > 3 else ""
    return "; " + ngettext("{n} more below level {level}: {names}", "{n} more below level {level}: {names}",
                           n).format(n=n, level=min_level, names=shown + more)


def _leavers(org: Org, leavers: list[str], leaving: dict) -> str:
    """``"Ben Smit leaves (2027-03-31)"`` or ``"A (date) and B (date) leave"``."""
    if len(leavers) == 1:
        p = leavers[0]
        return _("{name} leaves ({date})").format(name=org.name(p), date=leaving[p].isoformat())
    parts = [f"{org.name(p)} ({leaving[p].isoformat()})" for p in leavers]
    return _("{names} and {last} leave").format(names=", ".join(parts[:-1]), last=parts[-1])


def _one_department(org: Org, persons: list[str]) -> str | None:
    """The department of every one of ``persons`` (through all their teams), or None
    when they sit in none or in more than one."""
    found: set[str] = set()
    for p in persons:
        found.update(org.departments_of(p))
        if len(found) > 1:
            return None
    return next(iter(found)) if found else None


def gaps(org: Org, *, horizon: str | int = "12m", stale_after: str | int = "24m", min_level: int = 3,
         stale_by: str = "family", as_frame: bool = True) -> pd.DataFrame | Rows:
    """Knowledge gaps of the organisation, one finding per row.

    Kinds of finding:

    ``unmet_need``
        a team or department has fewer than ``min_holders`` present persons at
        the need's ``min_level`` for an item it needs (counted within the unit and
        its sub-units);
    ``single_holder`` / ``orphan``
        org-wide, exactly one / no present person knows the item (or a narrower
        item) at ``min_level`` or above; the why names those who know it at a lower level;
    ``at_risk``
        a need or an item falls below its threshold (the need's ``min_holders`` at its
        ``min_level``; 2 holders at ``min_level`` for an item) once everyone whose
        ``leave_date`` lies within ``horizon`` has left;
    ``stale``
        skills whose ``confirmed`` date is more than ``stale_after`` before ``as_of``
        (skills without a date are not reported), summarised by ``stale_by``;
    ``silo``
        everyone holding an item at a need's ``min_level`` sits in one department,
        while a unit of another department needs it;
    ``unlinked_issue``
        an open issue with no knowledge item linked to it.

    Parameters
    ----------
    org : Org
        The organisation on one date; persons who left on or before it are gone.
    horizon : str or int
        Departures within this many months count for ``at_risk`` (``"12m"``, ``"2y"``).
    stale_after : str or int
        Skills unconfirmed for longer than this are ``stale``.
    min_level : int
        The level (1–5) from which a person counts as knowing an item org-wide (single
        holders, orphans, items at risk), as a need's ``min_level`` does for the need;
        default 3, so a self-assessed level 2 does not hide a single point of failure.
    stale_by : {"family", "person", "skill"}
        ``"family"`` (default): one stale row per knowledge family (the top of an item's
        branch of the taxonomy) and severity; ``"person"``: one per person and family;
        ``"skill"``: one per skill.
    as_frame : bool, default True
        False: the same rows as a :class:`~kgraph.jsonrows.Rows` (dicts, ``attrs`` as the
        DataFrame's), without importing pandas (what ``kgraph gaps`` renders).

    Returns
    -------
    pandas.DataFrame or Rows
        Columns ``kind, severity, subject_id, subject, unit_id, unit, person_id,
        holders, required, why, count, items``, sorted by severity (high, medium,
        low), kind and ids. ``severity`` follows the need's criticality (3 high, 2
        medium, 1 low), one step up when nobody is left; items needed by no unit are
        at most medium. ``count`` is the number of findings a row stands for (the
        stale skills it summarises; 1 otherwise), ``items`` the knowledge items it is
        about. A stale row by family has no person: ``holders`` is then the number of
        people whose skills it summarises. ``df.attrs`` holds ``min_level`` and ``stale_by``.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> df = gaps(example_org())
    >>> for row in df[["kind", "severity", "subject_id", "unit_id", "holders"]].itertuples(index=False):
    ...     print(*row)
    at_risk high K-OMGW None 1
    at_risk high K-OMGW T-VERG 1
    at_risk medium K-DSO None 0
    stale medium K-WMO None 1
    orphan low K-EXCEL None 0
    single_holder low K-DSO None 1
    stale low K-OMGW None 1
    unlinked_issue low I-CENTRUM None 0
    >>> df.loc[df["kind"] == "single_holder", "why"].iloc[0]
    'only Ben Smit knows it at level ≥ 3 (level 4)'
    >>> df.loc[(df["kind"] == "at_risk") & (df["unit_id"] == "T-VERG"), "why"].iloc[0]
    'Vergunningen keeps 1 of the 2 holders it needs at level ≥ 3 after Ben Smit leaves (2027-03-31)'
    """
    if stale_by not in STALE_BY:
        raise OptionError(_("stale_by must be one of {choices}, not {value!r}").format(choices=", ".join(STALE_BY), value=stale_by))
    if not 1 <= int(min_level) <= 5:
        raise OptionError(_("min_level must be 1 to 5, not {value}").format(value=min_level))
    min_level = int(min_level)
    day = org.as_of
    leaving = org.leaving_within(horizon)
    cutoff = add_months(day, -parse_horizon(stale_after))
    gone = frozenset(leaving)
    rows: list[dict[str, Any]] = []
    # the items' rows (org-wide holders at min_level): in a second process where it pays
    items = _start_items(org, min_level, leaving)
    if as_frame:
        import pandas as pd  # here: imported while the second process works

    # -- needs: unmet now, at risk after departures ------------------------
    for need in org.needs:
        holders = org.need_holders(need)
        sev = _CRIT.get(need.criticality, "medium")
        unit = org.name(need.unit)
        if len(holders) < need.min_holders:
            why = _("{unit} has {n} of the {required} holders it needs at level ≥ {level}").format(
                unit=unit, n=len(holders), required=need.min_holders, level=need.min_level)
            if holders:
                why += ": " + names(org, holders)
            rows.append(_need_row(org, "unmet_need", need, len(holders), _UP[sev] if not holders else sev, why))
        after = [p for p in holders if p not in gone]
        if len(after) < need.min_holders and len(after) < len(holders):
            rows.append(_need_row(
                org, "at_risk", need, len(after), _UP[sev] if not after else sev,
                _("{unit} keeps {n} of the {required} holders it needs at level ≥ {level} after {leavers}").format(
                    unit=unit, n=len(after), required=need.min_holders, level=need.min_level,
                    leavers=_leavers(org, [p for p in holders if p in gone], leaving)),
            ))

    n_need = len(rows)

    # -- stale skills ----------------------------------------------------------
    counted = {(p, n.item) for n in org.needs for p in org.need_holders(n)}
    stale = _stale(org, cutoff, counted, stale_by)
    stale_rows = _stale_rows(org, stale, stale_by, cutoff)

    # -- issues without knowledge ---------------------------------------------
    linked = {t for s, t, _k, _p in org.edges("ABOUT") if s in org.items}
    for issue, props in sorted(org.of_kind("Issue").items()):
        if issue in linked or str(props.get("status", "")).strip().lower() in CLOSED_STATUSES:
            continue
        actors = {s for s, t, _k, _p in org.edges("POSITION") if t == issue}
        rows.append(_item_row(
            org, "unlinked_issue", issue, 0, 1, "medium" if actors else "low",
            _("no knowledge item is linked to {issue}").format(issue=org.name(issue))
            + ("; " + ngettext("{n} actor holds a position on it", "{n} actors hold a position on it", len(actors)).format(
                n=len(actors)) if actors else ""),
        ))

    silo_rows = _silo_rows(org)  # here: this process has the memberships (the needs' holders within units)
    item_rows = items.result()
    rows = rows[:n_need] + item_rows + stale_rows + silo_rows + rows[n_need:]  # the order of the one-process path
    if not as_frame:
        return _sorted_rows(rows, {"min_level": min_level, "stale_by": stale_by})
    df = pd.DataFrame(rows, columns=COLUMNS)
    df.attrs.update(min_level=min_level, stale_by=stale_by)
    if df.empty:
        return df
    df["_s"] = df["severity"].map(SEVERITY_ORDER)
    df = df.sort_values(["_s", "kind", "subject_id", "unit_id", "person_id"], na_position="first", kind="stable")
    df = df.drop(columns="_s").reset_index(drop=True)
    for col in ("unit_id", "unit", "person_id"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df["holders"] = df["holders"].astype("int64")
    df["required"] = df["required"].astype("int64")
    df["count"] = df["count"].astype("int64")
    df.attrs.update(min_level=min_level, stale_by=stale_by)
    return df


def _sorted_rows(rows: list[dict[str, Any]], attrs: dict[str, Any]) -> Rows:
    """The DataFrame's rows and order without pandas: the columns of :data:`COLUMNS`, a stable
    sort by severity, kind and ids, a missing id first (``sort_values(..., na_position="first",
    kind="stable")`` over those columns)."""
    def key(r: dict[str, Any]) -> tuple:
        return (SEVERITY_ORDER[r["severity"]], r["kind"], r["subject_id"] is not None, r["subject_id"] or "",
                r["unit_id"] is not None, r["unit_id"] or "", r["person_id"] is not None, r["person_id"] or "")

    out = Rows(sorted(({c: r.get(c) for c in COLUMNS} for r in rows), key=key), COLUMNS)
    out.attrs = attrs
    return out


def _item_rows(org: Org, min_level: int, leaving: dict) -> list[dict[str, Any]]:
    """The org-wide rows of each item: orphan, single holder, at risk (holders at ``min_level``)."""
    gone = frozenset(leaving)
    rows: list[dict[str, Any]] = []
    for item in sorted(org.items):
        holders = org.holders(item, min_level=min_level, narrower=True)
        needed = org.needed_by.get(item, [])
        crit = max((n.criticality for n in needed), default=0)
        via = ""
        if needed:
            via = _("; needed by {units}").format(units=names(org, sorted({n.unit for n in needed})))
        lower = _lower(org, item, holders, min_level)
        if not holders:
            rows.append(_item_row(org, "orphan", item, 0, 1, "high" if crit >= 2 else "medium" if needed else "low",
                                  _("nobody knows {item} at level ≥ {level}").format(item=org.name(item), level=min_level)
                                  + lower + via))
            continue
        if len(holders) == 1:
            p = holders[0]
            rows.append(_item_row(
                org, "single_holder", item, 1, 2, "high" if crit == 3 else "medium" if needed else "low",
                _("only {name} knows it at level ≥ {level} (level {own})").format(
                    name=org.name(p), level=min_level, own=org.level(p, item) or _("via a narrower item")) + lower + via,
                person=p,
            ))
        after = [p for p in holders if p not in gone]
        if len(after) < 2 and len(after) < len(holders):
            when = _leavers(org, [p for p in holders if p in gone], leaving)
            what = (_("nobody will know it at level ≥ {level}") if not after
                    else _("only {name} will know it at level ≥ {level}")).format(
                name=org.name(after[0]) if after else "", level=min_level)
            sev = "high" if (not after and needed) or crit == 3 else "medium" if needed or not after else "low"
            rows.append(_item_row(org, "at_risk", item, len(after), 2, sev,
                                  _("{what} after {when}").format(what=what, when=when) + via))
    return rows


def _silo_rows(org: Org) -> list[dict[str, Any]]:
    """The silos: everyone holding an item at a need's level sits in one department, and a
    unit of another department needs it."""
    rows: list[dict[str, Any]] = []
    single: dict[tuple[str, int], str | None] = {}  # (item, level) -> the one department holding it
    for need in org.needs:
        key = (need.item, need.min_level)
        if key not in single:
            single[key] = _one_department(org, org.holders(need.item, min_level=need.min_level))
        home = single[key]
        if home is None:
            continue
        able = org.holders(need.item, min_level=need.min_level)
        needing = org.unit_department(need.unit)
        if needing is None or home in org.department_subtree(needing):
            continue
        rows.append(_item_row(
            org, "silo", need.item, len(able), need.min_holders, _CRIT.get(need.criticality, "medium"),
            _("held at level ≥ {level} only in {department} ({names}), while {unit} needs it").format(
                level=need.min_level, department=org.name(home), names=names(org, sorted(able)), unit=org.name(need.unit)),
            unit=need.unit,
        ))
    return rows


def _start_items(org: Org, min_level: int, leaving: dict) -> _fork.Job:
    """:func:`_item_rows`, in a forked second process for a large organisation (:mod:`kgraph._fork`).

    What both processes read is loaded here first, and only that: the child cannot read the
    store (a table it lacked would make it fail, and this process would then compute the
    rows itself). What only the child needs is made in the child (the items below each item:
    ``Org.narrower``), and what only this process needs is read here after the fork (the
    memberships: the needs' holders within a unit, the silos), so that neither process waits
    for a part that only the other one uses."""
    if len(org.items) < SPLIT_ITEMS or not _fork.possible():
        return _fork.Job(_item_rows, (org, min_level, leaving))
    org.holder_set(min(org.items), min_level=min_level)  # present persons, skills, levels
    org.broader  # the taxonomy: the child's items below each item, this process's knowledge families
    for kind in sorted({org.kind(n.unit) for n in org.needs} - {None}):
        org.of_kind(kind)  # the names of the units that need an item
    return _fork.start(_item_rows, org, min_level, leaving, prepare=lambda: _seal(org))


def _seal(org: Org) -> None:
    """In the child: no store read (the tables it needs are loaded; see :func:`_start_items`)."""
    if hasattr(org.tables, "store"):
        org.tables.store = None


def _stale(org: Org, cutoff, counted: set[tuple[str, str]], stale_by: str) -> list[tuple] | dict[tuple, Any]:
    """The skills confirmed before ``cutoff`` (:func:`_stale_rows` writes their rows).

    ``stale_by="skill"``: ``(person, item, confirmed, counts towards a need)`` by item and
    person; ``"person"``: those lists by (person, family), each by item; ``"family"``: by
    (family, counts) the people, the items, the oldest date and the number of skills."""
    skills = org.skills
    # the confirmed date of each distinct property set when it is stale, else None (a store shares equal ones)
    distinct = {id(props): props for holders in skills.values() for props in holders.values()}
    old: dict[int, Any] = {}
    for key, props in distinct.items():
        when = to_date(props.get("confirmed"))
        old[key] = when if when is not None and when < cutoff else None
    if stale_by == "skill":
        found = [(item, p, when) for item, holders in skills.items() for p, props in holders.items()
                 if (when := old[id(props)]) is not None]
        found.sort()  # by item, then person: each pair once, so the dates are never compared
        return [(p, item, when, (p, item) in counted) for item, p, when in found]
    groups: dict[tuple, Any] = {}
    if stale_by == "person":
        for item in sorted(skills):  # one person's skills in a family, by item
            fam = None
            for p, props in skills[item].items():
                when = old[id(props)]
                if when is not None:
                    fam = fam or family_of(org, item)
                    groups.setdefault((p, fam), []).append((p, item, when, (p, item) in counted))
        return groups
    counted_at: dict[str, set[str]] = {}  # item -> the persons whose skill in it counts towards a need
    for p, item in counted:
        counted_at.setdefault(item, set()).add(p)
    for item, holders in skills.items():
        here = {p: when for p, props in holders.items() if (when := old[id(props)]) is not None}
        if not here:
            continue
        fam = family_of(org, item)
        yes = here.keys() & counted_at.get(item, set())
        for counts, persons in ((True, yes), (False, here.keys() - yes)):
            if persons:
                got = groups.get((fam, counts))
                if got is None:
                    got = groups[(fam, counts)] = [set(), set(), None, 0]
                oldest = min(map(here.__getitem__, persons))
                got[0].update(persons)
                got[1].add(item)
                got[2] = oldest if got[2] is None or oldest < got[2] else got[2]
                got[3] += len(persons)
    return groups


def _stale_rows(org: Org, stale: list[tuple] | dict[tuple, list[tuple]], stale_by: str, cutoff) -> list[dict[str, Any]]:
    """The stale rows: one per skill, per person and family, or per family and severity (:func:`_stale`)."""
    day = org.as_of
    if stale_by == "skill":
        out = []
        for p, item, confirmed, counts in stale:
            level, age = org.skills[item][p].get("level"), months_between(confirmed, day)
            out.append(_item_row(
                org, "stale", item, 1, 1, "medium" if counts else "low",
                ngettext("{name}'s level {level} was last confirmed {date}, {n} month before {day}",
                         "{name}'s level {level} was last confirmed {date}, {n} months before {day}", age).format(
                    name=org.name(p), level=level, date=confirmed.isoformat(), n=age,
                    day=day.isoformat()) + (_("; it counts towards a need") if counts else ""),
                unit=org.home_team(p), person=p))
        return out
    out = []
    for key, recs in sorted(stale.items(), key=lambda kv: tuple("" if k is None else str(k) for k in kv[0])):
        fam = key[1] if stale_by == "person" else key[0]
        if stale_by == "person":
            _of, about, _dates, counts = zip(*recs)  # a column each: person, item, confirmed, counts towards a need
            items, counting = sorted(set(about)), counts.count(True)
        else:  # by family: the people, items, oldest date and number of skills (see _stale)
            of, about, oldest, n = recs
            people, items, counting = len(of), sorted(about), n if key[1] else 0
        severity = "medium" if counting else "low"
        if stale_by == "person":
            p = key[0]
            what = ", ".join(f"{org.name(r[1])} ({org.skills[r[1]][p].get('level')}, {r[2].isoformat()})" for r in recs[:4])
            if len(recs) > 4:
                what += _(" and {n} more").format(n=len(recs) - 4)
            why = ngettext("{name}'s skill in {family} was last confirmed before {cutoff}: {skills}",
                           "{name}'s {n} skills in {family} were last confirmed before {cutoff}: {skills}",
                           len(recs)).format(name=org.name(p), n=len(recs), family=org.name(fam),
                                             cutoff=cutoff.isoformat(), skills=what)
            if counting:
                why += ngettext("; {n} counts towards a need", "; {n} count towards a need", counting).format(n=counting)
            out.append(_item_row(org, "stale", fam, 1, 1, severity, why, unit=org.home_team(p), person=p,
                                 count=len(recs), items=items))
            continue
        why = ngettext("{n} skill of {people} in {family} was last confirmed before {cutoff} (the oldest {oldest})",
                       "{n} skills of {people} in {family} were last confirmed before {cutoff} (the oldest {oldest})",
                       n).format(n=n, people=ngettext("{k} person", "{k} people", people).format(k=people),
                                         family=org.name(fam), cutoff=cutoff.isoformat(), oldest=oldest.isoformat())
        why += _("; they count towards a need") if counting else _("; none counts towards a need")
        why += ": " + names(org, heapq.nsmallest(4, of), limit=4)  # the first four by id, as names() shows them
        if people > 4:
            why += _(" and {n} more").format(n=people - 4)
        out.append(_item_row(org, "stale", fam, people, 0, severity, why, count=n, items=items))
    return out


def select(df: pd.DataFrame | Rows, *, kind: str | list[str] | tuple[str, ...] | None = None,
           severity: str | None = None, top: int | None = None) -> pd.DataFrame | Rows:
    """The rows of a :func:`gaps` result (a DataFrame or Rows) of some kinds, of ``severity`` or
    higher, the first ``top``.

    >>> from kgraph.examples import example_org
    >>> df = gaps(example_org())
    >>> select(df, severity="medium")["kind"].tolist()
    ['at_risk', 'at_risk', 'at_risk', 'stale']
    >>> select(df, kind=["orphan", "single_holder"], top=1)["subject_id"].tolist()
    ['K-EXCEL']
    """
    kinds = [kind] if isinstance(kind, str) else list(kind or [])
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise OptionError(_("unknown kind of gap {value!r}").format(value=bad[0]),
                          hint=_("use one of {choices}").format(choices=", ".join(KINDS)))
    if severity is not None and severity not in SEVERITIES:
        raise OptionError(_("severity must be one of {choices}, not {value!r}").format(choices=", ".join(SEVERITIES), value=severity))
    if top is not None and top < 1:
        raise OptionError(_("top must be at least 1, not {value}").format(value=top))
    if isinstance(df, Rows):  # gaps(..., as_frame=False): the same selection, without pandas
        order = SEVERITY_ORDER[severity] if severity is not None else None
        kept = Rows([r for r in df if (not kinds or r["kind"] in kinds)
                     and (order is None or SEVERITY_ORDER.get(r["severity"], order + 1) <= order)][:top], df.columns)
        kept.attrs = {**getattr(df, "attrs", {}), "total": len(df), "selected": len(kept)}
        return kept
    out = df
    if kinds:
        out = out[out["kind"].isin(kinds)]
    if severity is not None:
        out = out[out["severity"].map(SEVERITY_ORDER) <= SEVERITY_ORDER[severity]]
    if top is not None:
        out = out.head(top)
    out = out.reset_index(drop=True)
    out.attrs = {**df.attrs, "total": len(df), "selected": len(out)}
    return out
