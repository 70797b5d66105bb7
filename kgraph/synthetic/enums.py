"""Enum values the generators draw from, read from ``schema/model.toml``.

The schema is the one list of a column's allowed values; the generators only add
how often each value is drawn. A weight table may leave a value out (it is drawn with
the default weight) but may not name a value the schema does not have, so renaming a
value in the schema fails here instead of silently changing the draw.
"""

from __future__ import annotations

from ..errors import KgraphError
from ..i18n import _
from ..model import model

__all__ = ["values", "value", "weights", "keyed"]


def values(table: str, column: str) -> tuple[str, ...]:
    """The allowed values of an enum column, in the schema's order.

    >>> values("ties", "kind")
    ('advice', 'collaboration', 'information')
    """
    return model().tables[table].column(column).values


def value(table: str, column: str, name: str) -> str:
    """``name``, checked to be an allowed value of the column.

    >>> value("memberships", "role", "lead")
    'lead'
    """
    if name not in values(table, column):
        raise _unknown(table, column, [name])
    return name


def weights(table: str, column: str, weight: dict[str, float], default: float = 1) -> tuple[float, ...]:
    """Weights for ``values(table, column)``, in the schema's order.

    Values missing from ``weight`` get ``default``.

    >>> weights("ties", "kind", {"advice": 3, "collaboration": 5})
    (3, 5, 1)
    """
    keyed(table, column, weight)
    return tuple(weight.get(v, default) for v in values(table, column))


def keyed(table: str, column: str, mapping: dict):
    """``mapping`` (keyed by values of the column), checked to name only allowed values.

    >>> keyed("ties", "kind", {"advice": "A"})
    {'advice': 'A'}
    """
    unknown = sorted(set(mapping) - set(values(table, column)))
    if unknown:
        raise _unknown(table, column, unknown)
    return mapping


def _unknown(table: str, column: str, names: list[str]) -> KgraphError:
    return KgraphError(
        _("{table}.{column} has no value {names} in schema/model.toml").format(
            table=table, column=column, names=", ".join(names)),
        hint=_("Use the values the schema lists for that column, or add the value to the schema."))
