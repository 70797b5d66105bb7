"""Factors around the issues: political, economic, social, technological, legal and
environmental developments (PESTLE) and how each pushes an issue.

The seed's giraffe view shows actors, their positions *and the factors* around them;
``kgraph stakeholders --issue`` lists them below the actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from ..model import model
from ..org import Org

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["factors", "effect_label", "COLUMNS"]

#: the columns of :func:`factors`, in order
COLUMNS = ["factor_id", "factor", "factor_kind", "issue_id", "issue", "effect", "effect_label", "date", "description"]


def effect_label(effect: int | None) -> str | None:
    """The words for an effect −2 … +2 (``schema/model.toml``, scale ``effect``), translated.

    >>> effect_label(-2), effect_label(1), effect_label(None)
    ('strongly hinders', 'helps', None)
    """
    words = model().label("effect", effect)
    return None if words is None else _(words)


def factors(org: Org, *, issue: str | None = None) -> pd.DataFrame:
    """Every factor on every issue it affects (one row per factor and issue).

    Parameters
    ----------
    org : Org
        The organisation on one date (factors are not dated rows: the ``date`` a
        factor carries is shown, not used to leave it out).
    issue : str, optional
        Only the factors around this issue (an id or a name).

    Returns
    -------
    pandas.DataFrame
        Sorted by issue, then the strongest effect first, then factor id. Columns
        ``factor_id, factor, factor_kind`` (political, economic, social, technological,
        legal, environmental), ``issue_id, issue, effect`` (−2 strongly hinders …
        +2 strongly helps), ``effect_label, date, description``.

    References
    ----------
    Aguilar, F. J. (1967). *Scanning the Business Environment*. Macmillan (the
    environmental scan that the PEST/PESTLE kinds of factor come from).

    Examples
    --------
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(nodes={"I1": ("Issue", {"name": "Windpark"}), "F1": ("Factor", {"name": "Netcongestie", "kind": "technological"})},
    ...              edges={("AFFECTS", "F1", "I1", ""): {"effect": -2}})
    >>> factors(Org.from_dataset(ds, as_of="2026-01-01"))[["factor_id", "issue_id", "effect", "effect_label"]].values.tolist()
    [['F1', 'I1', -2, 'strongly hinders']]
    """
    import pandas as pd

    issue_id = org.resolve(issue, ("Issue",)) if issue else None
    rows = []
    for f, props in org.factors.items():
        for i, effect in props["effects"].items():
            if issue_id and i != issue_id:
                continue
            e = None if effect is None or effect == "" else int(effect)
            rows.append({"factor_id": f, "factor": org.name(f), "factor_kind": props.get("kind"), "issue_id": i,
                         "issue": org.name(i), "effect": e, "effect_label": effect_label(e), "date": props.get("date"),
                         "description": props.get("description")})
    rows.sort(key=lambda r: (r["issue_id"], -abs(r["effect"] or 0), r["factor_id"]))
    df = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("factor_kind", "date", "description"):  # text: empty is None, not NaN
        df[col] = df[col].astype(object).where(df[col].notna(), None)
    return df
