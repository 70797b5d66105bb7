"""Likert's formal linking pins: people who sit in two groups, from team membership.

A department without a management team in the data gets one inferred from its team
leads (:mod:`kgraph.management`); :func:`kgraph.analysis.linking.linking_pins` ranks the
pins found here together with the structural brokers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, ngettext
from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["formal_pins", "pin_groups", "group_name", "inferred_note", "INFERRED"]

#: the prefix of an inferred management group's id (``MT?D-RUIMTE``) in :func:`pin_groups`
INFERRED = "MT?"


def formal_pins(org: Org, *, without: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Likert's formal linking pins: people who sit in two groups.

    *vertical*: leads a team and is a member of another team (the group above,
    e.g. the department's management team); *lateral*: a plain member of two or
    more teams, or the lead of two or more teams; *both*: both.

    A department with two or more teams and no management team in the data
    (:mod:`kgraph.management`) gets one *inferred* from the leads of its teams, when it
    has two or more: each of them sits in that group and is a vertical pin
    (``inferred_group`` names the department; ``df.attrs["inferred_management"]``
    maps each such department to its leads and ``df.attrs["note"]`` says so in words).

    Parameters
    ----------
    org : Org
        The organisation.
    without : set of str
        Persons to leave out (what-if).

    Returns
    -------
    pandas.DataFrame
        One row per present person in at least one team on the Org's date, sorted by id: ``person_id,
        n_teams, teams_led, teams_member, formal_pin`` (none / vertical /
        lateral / both), ``inferred_group`` (the department whose inferred management
        group the person sits in, else None).

    References
    ----------
    Likert, R. (1961). *New Patterns of Management*. McGraw-Hill, ch. 8.

    Examples
    --------
    Two teams, no management team: their leads form one, inferred.

    >>> from kgraph.model import Dataset
    >>> from kgraph.org import Org
    >>> ds = Dataset(nodes={"D": ("Department", {"name": "Ruimte"}), "T1": ("Team", {}), "T2": ("Team", {}),
    ...                     "P1": ("Person", {}), "P2": ("Person", {}), "P3": ("Person", {})},
    ...              edges={("PART_OF", "T1", "D", ""): {}, ("PART_OF", "T2", "D", ""): {},
    ...                     ("MEMBER_OF", "P1", "T1", ""): {"role": "lead"}, ("MEMBER_OF", "P2", "T2", ""): {"role": "lead"},
    ...                     ("MEMBER_OF", "P3", "T1", ""): {"role": "member"}})
    >>> df = formal_pins(Org.from_dataset(ds, as_of="2026-06-01"))
    >>> df[["person_id", "formal_pin", "inferred_group"]].values.tolist()
    [['P1', 'vertical', 'D'], ['P2', 'vertical', 'D'], ['P3', 'none', None]]
    >>> df.attrs["note"]
    'Ruimte has no management team: the leads of its teams are taken as its management group (vertical linking pins).'
    """
    import pandas as pd

    inferred = {d: leads for d, leads in org.without_management.items() if len(leads) >= 2}
    group_of: dict[str, str] = {}
    for d, leads in inferred.items():
        for p in leads:
            group_of.setdefault(p, d)
    rows = []
    for person in sorted(org.memberships):
        if person in without:
            continue
        ms = org.memberships[person]
        led = [t for t, r in ms if r == "lead"]
        plain = [t for t, r in ms if r != "lead"]
        group = group_of.get(person) if led else None
        vertical = bool(led) and (bool(plain) or group is not None)
        lateral = len(plain) >= 2 or len(led) >= 2
        kind = "both" if vertical and lateral else "vertical" if vertical else "lateral" if lateral else "none"
        rows.append({"person_id": person, "n_teams": len(ms), "teams_led": led, "teams_member": plain, "formal_pin": kind,
                     "inferred_group": group})
    df = pd.DataFrame(rows, columns=["person_id", "n_teams", "teams_led", "teams_member", "formal_pin", "inferred_group"])
    df["inferred_group"] = df["inferred_group"].astype(object).where(df["inferred_group"].notna(), None)
    df.attrs["inferred_management"] = inferred
    df.attrs["note"] = inferred_note(org, inferred)
    return df


def inferred_note(org: Org, inferred: dict[str, list[str]]) -> str:
    """What the output says when management groups were inferred (empty when none was)."""
    if not inferred:
        return ""
    depts = sorted((org.name(d) for d in inferred), key=str.lower)
    shown = ", ".join(depts[:5]) + (_(" and {n} more").format(n=len(depts) - 5) if len(depts) > 5 else "")
    return ngettext("{depts} has no management team: the leads of its teams are taken as its management group "
                    "(vertical linking pins).",
                    "{depts} have no management team: the leads of their teams are taken as their management group "
                    "(vertical linking pins).", len(depts)).format(depts=shown)


def pin_groups(row) -> list[str]:
    """The groups a formal pin (a row of :func:`formal_pins`) sits in: its teams, and an inferred
    management group as ``INFERRED + department id``."""
    groups = sorted(set(row.teams_led) | set(row.teams_member))
    group = getattr(row, "inferred_group", None)
    return groups + ([INFERRED + group] if isinstance(group, str) else [])


def group_name(org: Org, group: str) -> str:
    """The name of a team, or of an inferred management group (:func:`pin_groups`)."""
    if group.startswith(INFERRED) and group not in org.teams:
        return _("management group of {dept} (inferred)").format(dept=org.name(group[len(INFERRED):]))
    return org.name(group)
