"""Knowledge gaps: unmet needs, single holders, orphans, departures, stale skills, silos.

``kgraph gaps`` calls :func:`gaps` on the organisation of one date: every date
computation is relative to the Org's date, so the same data on the same date gives
the same rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..dates import add_months, months_between, parse_horizon, to_date
from ..i18n import _, ngettext
from ..org import Need, Org
from ._text import SEVERITY_ORDER, names

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["gaps", "COLUMNS", "CLOSED_STATUSES"]

COLUMNS = ["kind", "severity", "subject_id", "subject", "unit_id", "unit", "person_id", "holders", "required", "why"]

#: issue statuses that mean "no longer open" (compared case-insensitively)
CLOSED_STATUSES = frozenset({"closed", "gesloten", "afgerond", "done", "archived", "gearchiveerd"})

_CRIT = {3: "high", 2: "medium", 1: "low"}
_UP = {"low": "medium", "medium": "high", "high": "high"}


def _need_row(org: Org, kind: str, need: Need, holders: int, severity: str, why: str) -> dict[str, Any]:
    return {
        "kind": kind, "severity": severity, "subject_id": need.item, "subject": org.name(need.item),
        "unit_id": need.unit, "unit": org.name(need.unit), "person_id": None,
        "holders": holders, "required": need.min_holders, "why": why,
    }


def _item_row(org: Org, kind: str, item: str, holders: int, required: int, severity: str, why: str,
              *, unit: str | None = None, person: str | None = None) -> dict[str, Any]:
    return {
        "kind": kind, "severity": severity, "subject_id": item, "subject": org.name(item),
        "unit_id": unit, "unit": org.name(unit) if unit else None, "person_id": person,
        "holders": holders, "required": required, "why": why,
    }


def _leavers(org: Org, leavers: list[str], leaving: dict) -> str:
    """``"Ben Smit leaves (2027-03-31)"`` or ``"A (date) and B (date) leave"``."""
    if len(leavers) == 1:
        p = leavers[0]
        return _("{name} leaves ({date})").format(name=org.name(p), date=leaving[p].isoformat())
    parts = [f"{org.name(p)} ({leaving[p].isoformat()})" for p in leavers]
    return _("{names} and {last} leave").format(names=", ".join(parts[:-1]), last=parts[-1])


def gaps(org: Org, *, horizon: str | int = "12m", stale_after: str | int = "24m") -> pd.DataFrame:
    """Knowledge gaps of the organisation, one finding per row.

    Kinds of finding:

    ``unmet_need``
        a team or department has fewer than ``min_holders`` present persons at
        ``min_level`` for an item it needs (counted within the unit and its sub-units);
    ``single_holder`` / ``orphan``
        org-wide, exactly one / no present person knows the item or a narrower item;
    ``at_risk``
        a need or an item falls below its threshold (``min_holders``; 2 holders for
        an item) once everyone whose ``leave_date`` lies within ``horizon`` has left;
    ``stale``
        a skill whose ``confirmed`` date is more than ``stale_after`` before ``as_of``
        (skills without a date are not reported);
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

    Returns
    -------
    pandas.DataFrame
        Columns ``kind, severity, subject_id, subject, unit_id, unit, person_id,
        holders, required, why``, sorted by severity (high, medium, low), kind and ids.
        ``severity`` follows the need's criticality (3 high, 2 medium, 1 low), one step
        up when nobody is left; items needed by no unit are at most medium.

    Examples
    --------
    >>> from kgraph.examples import example_org
    >>> df = gaps(example_org())
    >>> for row in df[["kind", "severity", "subject_id", "unit_id", "holders"]].itertuples(index=False):
    ...     print(*row)
    at_risk high K-OMGW T-VERG 1
    at_risk medium K-DSO None 0
    stale medium K-WMO T-WMO 1
    orphan low K-EXCEL None 0
    single_holder low K-DSO None 1
    stale low K-DSO T-VERG 1
    unlinked_issue low I-CENTRUM None 0
    >>> sorted(set(df["kind"]))
    ['at_risk', 'orphan', 'single_holder', 'stale', 'unlinked_issue']
    >>> df.loc[df["kind"] == "at_risk", "why"].iloc[0]
    'Vergunningen keeps 1 of the 2 holders it needs at level ≥ 3 after Ben Smit leaves (2027-03-31)'
    """
    import pandas as pd

    day = org.as_of
    leaving = org.leaving_within(horizon)
    gone = frozenset(leaving)
    rows: list[dict[str, Any]] = []

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

    # -- items, org-wide -----------------------------------------------------
    for item in sorted(org.items):
        holders = org.holders(item, narrower=True)
        needed = org.needed_by.get(item, [])
        crit = max((n.criticality for n in needed), default=0)
        via = ""
        if needed:
            via = "; " + _("needed by {units}").format(units=names(org, sorted({n.unit for n in needed})))
        if not holders:
            rows.append(_item_row(org, "orphan", item, 0, 1, "high" if crit >= 2 else "medium" if needed else "low",
                                  _("nobody knows {item}").format(item=org.name(item)) + via))
            continue
        if len(holders) == 1:
            p = holders[0]
            rows.append(_item_row(
                org, "single_holder", item, 1, 2, "high" if crit == 3 else "medium" if needed else "low",
                (_("only {name} knows it (level {level})").format(name=org.name(p), level=org.level(p, item))
                 if org.level(p, item) else _("only {name} knows it (through a narrower item)").format(name=org.name(p)))
                + via,
                person=p,
            ))
        after = [p for p in holders if p not in gone]
        if len(after) < 2 and len(after) < len(holders):
            when = _leavers(org, [p for p in holders if p in gone], leaving)
            what = (_("nobody will know it after {leavers}").format(leavers=when) if not after else
                    _("only {name} will know it after {leavers}").format(name=org.name(after[0]), leavers=when))
            sev = "high" if (not after and needed) or crit == 3 else "medium" if needed or not after else "low"
            rows.append(_item_row(org, "at_risk", item, len(after), 2, sev, what + via))

    # -- stale skills ----------------------------------------------------------
    cutoff = add_months(day, -parse_horizon(stale_after))
    counted = {(p, n.item) for n in org.needs for p in org.need_holders(n)}
    for item, holders in sorted(org.skills.items()):
        for p, props in sorted(holders.items()):
            confirmed = to_date(props.get("confirmed"))
            if confirmed is None or confirmed >= cutoff:
                continue
            age = months_between(confirmed, day)
            counts = (p, item) in counted
            home = org.home_team(p)
            rows.append(_item_row(
                org, "stale", item, 1, 1, "medium" if counts else "low",
                ngettext("{name}'s level {level} was last confirmed {date}, {n} month before {day}",
                         "{name}'s level {level} was last confirmed {date}, {n} months before {day}", age).format(
                    name=org.name(p), level=props.get("level"), date=confirmed.isoformat(), n=age, day=day.isoformat())
                + ("; " + _("it counts towards a need") if counts else ""),
                unit=home, person=p,
            ))

    # -- silos ---------------------------------------------------------------
    for need in org.needs:
        able = org.holders(need.item, min_level=need.min_level)
        depts = {d for p in able for d in org.departments_of(p)}
        if len(depts) != 1:
            continue
        (home,) = depts
        needing = org.unit_department(need.unit)
        if needing is None or home in org.department_subtree(needing):
            continue
        rows.append(_item_row(
            org, "silo", need.item, len(able), need.min_holders, _CRIT.get(need.criticality, "medium"),
            _("held at level ≥ {level} only in {department} ({names}), while {unit} needs it").format(
                level=need.min_level, department=org.name(home), names=names(org, sorted(able)), unit=org.name(need.unit)),
            unit=need.unit,
        ))

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

    df = pd.DataFrame(rows, columns=COLUMNS)
    if df.empty:
        return df
    df["_s"] = df["severity"].map(SEVERITY_ORDER)
    df = df.sort_values(["_s", "kind", "subject_id", "unit_id", "person_id"], na_position="first", kind="stable")
    df = df.drop(columns="_s").reset_index(drop=True)
    for col in ("unit_id", "unit", "person_id"):
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    df["holders"] = df["holders"].astype("int64")
    df["required"] = df["required"].astype("int64")
    return df
