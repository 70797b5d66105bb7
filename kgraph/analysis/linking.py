"""Linking pins (Likert 1961) and structural brokers.

Formal pins come from team membership; structural brokers from the person
network (Gould & Fernandez brokerage, betweenness, Burt's constraint,
articulation points); boundary spanners from contacts with external actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["formal_pins"]


def formal_pins(org: Org, *, without: frozenset[str] | set[str] = frozenset()) -> pd.DataFrame:
    """Likert's formal linking pins: people who sit in two groups.

    *vertical*: leads a team and is a member of another team (the group above,
    e.g. the department's management team); *lateral*: a plain member of two or
    more teams, or the lead of two or more teams; *both*: both.

    Parameters
    ----------
    org : Org
        The organisation.
    without : set of str
        Persons to leave out (what-if).

    Returns
    -------
    pandas.DataFrame
        One row per person in at least one team, sorted by id: ``person_id,
        n_teams, teams_led, teams_member, formal_pin`` (none / vertical /
        lateral / both).

    References
    ----------
    Likert, R. (1961). *New Patterns of Management*. McGraw-Hill, ch. 8.
    """
    import pandas as pd

    rows = []
    for person in sorted(org.memberships):
        if person in without:
            continue
        ms = org.memberships[person]
        led = [t for t, r in ms if r == "lead"]
        plain = [t for t, r in ms if r != "lead"]
        vertical = bool(led) and bool(plain)
        lateral = len(plain) >= 2 or len(led) >= 2
        kind = "both" if vertical and lateral else "vertical" if vertical else "lateral" if lateral else "none"
        rows.append({"person_id": person, "n_teams": len(ms), "teams_led": led, "teams_member": plain, "formal_pin": kind})
    return pd.DataFrame(rows, columns=["person_id", "n_teams", "teams_led", "teams_member", "formal_pin"])
