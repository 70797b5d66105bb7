"""Small helpers for the texts analyses write into their rows ("why" columns)."""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import _
from ..org import Org

__all__ = ["names", "SEVERITY_ORDER"]

#: severities, most urgent first
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def names(org: Org, ids: Iterable[str], limit: int = 5) -> str:
    """Names of ``ids`` joined by commas; ``and N more`` beyond ``limit``.

    >>> from kgraph.model import Dataset
    >>> names(Org.from_dataset(Dataset()), ["P1", "P2"])
    'P1, P2'
    """
    ids = list(ids)
    shown = ", ".join(org.name(i) for i in ids[:limit])
    return shown + (_(" and {n} more").format(n=len(ids) - limit) if len(ids) > limit else "")
