"""The response rate of a wave per team or department, small groups merged.

A rate per unit says how many of the persons invited answered, never who: units with
fewer invited persons than the minimum group size are merged
(:func:`kgraph.analysis.suppress.suppress_small_groups`) before the rate is computed.

>>> from kgraph.examples import example_org
>>> df = response_status(example_org(), ["P1", "P2", "P3", "P4", "P5"], {"P1", "P4"}, by="department", min_group_size=2)
>>> df[["unit", "invited", "responded", "response_rate"]].values.tolist()
[['Ruimte', 3, 1, 33.3], ['Sociaal Domein', 2, 1, 50.0], ['(all)', 5, 2, 40.0]]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis.suppress import NO_TEAM, suppress_small_groups
from ..errors import OptionError
from ..i18n import _

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..org import Org

__all__ = ["response_status", "COLUMNS", "ALL"]

COLUMNS = ["unit_id", "unit", "invited", "responded", "response_rate", "privacy_note"]
#: the unit of the total row
ALL = "(all)"


def response_status(org: Org, invited: list[str], responded: set[str], *, by: str = "team",
                    min_group_size: int = 5) -> pd.DataFrame:
    """Invited and responding persons per home team (``by="team"``) or its department, on
    the wave's date (``org``); the rate in percent; a last row for everyone.

    Returns
    -------
    pandas.DataFrame
        ``unit_id, unit, invited, responded, response_rate, privacy_note``, units by name,
        the merged row (if any), then ``(all)``.
    """
    import pandas as pd

    if by not in ("team", "department"):
        raise OptionError(_("--by must be team or department, not {by!r}").format(by=by))
    counts: dict[str, list[int]] = {}
    for pid in invited:
        unit = org.unit_of_person(pid, by) or NO_TEAM
        c = counts.setdefault(unit, [0, 0])
        c[0] += 1
        c[1] += pid in responded
    rows = [{"unit_id": u, "unit": org.name(u) if u != NO_TEAM else u, "invited": c[0], "responded": c[1]}
            for u, c in counts.items()]
    rows.sort(key=lambda r: (str(r["unit"]).lower(), r["unit_id"]))
    df = pd.DataFrame(rows, columns=["unit_id", "unit", "invited", "responded"])
    df = suppress_small_groups(df, unit_col="unit", size_col="invited", n=min_group_size, sum_cols=["responded"])
    total = {"unit_id": ALL, "unit": ALL, "invited": len(invited), "responded": sum(p in responded for p in invited),
             "privacy_note": ""}
    if len(invited) < min_group_size:
        total.update(invited=None, responded=None, privacy_note=_("fewer than {n} persons in all: figures withheld").format(
            n=min_group_size))
    df = pd.concat([df.astype(object), pd.DataFrame([total]).astype(object)], ignore_index=True)
    df["response_rate"] = [round(100 * r / i, 1) if i and r is not None else None
                           for i, r in zip(df["invited"], df["responded"])]
    for col in ("invited", "responded"):
        df[col] = [None if v is None or v != v else int(v) for v in df[col]]
    return df[COLUMNS]
