"""Results as rows of plain values: what ``--format json`` prints and the web's JSON API returns.

One definition for both, so that ``kgraph who-knows x --format json`` and
``GET /api/who-knows?q=x`` give the same keys and values: NaN becomes null, numpy
scalars plain numbers, dates ISO text.

>>> import math
>>> jsonable({"a": float("nan"), "b": [1.5, None]})
{'a': None, 'b': [1.5, None]}
>>> records([{"x": 1}, {"y": 2}])
(['x', 'y'], [{'x': 1}, {'y': 2}])
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["jsonable", "records", "Rows"]


class Rows(list):
    """A result as a list of row dicts with its columns (in order), for callers that need
    no pandas (the command line); :meth:`to_frame` gives the DataFrame.

    >>> r = Rows([{"a": 1, "b": None}], ["a", "b"])
    >>> len(r), r.columns, r.head(0), records(Rows([], ["a", "b"]))
    (1, ['a', 'b'], [], (['a', 'b'], []))
    """

    def __init__(self, rows=(), columns=()):
        super().__init__(rows)
        self.columns = [str(c) for c in columns]

    def head(self, n: int) -> Rows:
        """The first ``n`` rows."""
        return Rows(self[: max(n, 0)], self.columns)

    def to_frame(self):
        """The rows as a pandas DataFrame with these columns."""
        import pandas as pd

        return pd.DataFrame(list(self), columns=self.columns)


def jsonable(v: Any) -> Any:
    """``v`` as plain JSON values (see the module docstring)."""
    if v is None or type(v).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return None
    if isinstance(v, float):
        return None if math.isnan(v) else v
    if hasattr(v, "item") and not isinstance(v, (list, tuple, dict, str)):  # numpy scalars
        return jsonable(v.item())
    if isinstance(v, (list, tuple)):
        return [x if type(x) in _PLAIN else jsonable(x) for x in v]  # plain values are their own
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


#: values :func:`jsonable` returns unchanged (their type exactly: not a subclass, not a float, which may be NaN)
_PLAIN = frozenset({str, int, bool, type(None)})


def _column(series) -> list[Any]:
    """A DataFrame column as :func:`jsonable` values, converted a column at a time: a
    numpy integer, boolean or float column by one ``tolist`` (NaN then None), any other
    value by :func:`jsonable` unless it is plain already."""
    plain = _PLAIN
    dtype = series.dtype
    values = series.tolist()
    kind = getattr(dtype, "kind", "O") if type(dtype).__module__ == "numpy" else "O"
    if kind in "iub":
        return values
    if kind == "f":
        return [None if v != v else v for v in values]  # NaN is the one float unequal to itself
    return [v if type(v) in plain else jsonable(v) for v in values]


def records(data: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """Columns and row dicts from a DataFrame or a list of dicts."""
    plain = _PLAIN
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        cols = [str(c) for c in data.columns]
        values = [_column(data.iloc[:, i]) for i in range(len(cols))]
        return cols, [dict(zip(cols, row)) for row in zip(*values)] if cols else [{} for _i in range(len(data))]
    rows = [{k: v if type(v) in plain else jsonable(v) for k, v in r.items()} for r in data]
    cols: list[str] = list(getattr(data, "columns", None) or [])  # a Rows' columns, even without rows
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    return cols, rows
