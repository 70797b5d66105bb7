"""Checks of option values shared by the library's functions (a bad value is an
:class:`~kgraph.errors.OptionError`, exit 2 on the command line)."""

from __future__ import annotations

import math
from typing import Any

from .errors import OptionError
from .i18n import _

__all__ = ["check_group_size", "check_midpoint", "check_count", "check_samples"]


def check_group_size(n: Any) -> int:
    """``n`` if it is a whole number of at least 1.

    >>> check_group_size(5)
    5
    >>> check_group_size(0)
    Traceback (most recent call last):
    kgraph.errors.OptionError: the minimum group size must be a whole number of at least 1, not 0
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise OptionError(_("the minimum group size must be a whole number of at least 1, not {n!r}").format(n=n))
    return n


def check_midpoint(x: Any) -> float:
    """A midpoint of the 1–5 scales: a finite number from 1 to 5.

    >>> check_midpoint(3)
    3.0
    >>> check_midpoint(float("nan"))
    Traceback (most recent call last):
    kgraph.errors.OptionError: the midpoint must be a number from 1 to 5, not nan
    """
    try:
        v = float(x)
    except (TypeError, ValueError):
        v = math.nan
    if not math.isfinite(v) or not 1 <= v <= 5:
        raise OptionError(_("the midpoint must be a number from 1 to 5, not {x}").format(x=x))
    return v


def check_count(n: Any, what: str, *, minimum: int = 1) -> int:
    """``n`` as a whole number of at least ``minimum`` (``what`` names it in the message)."""
    if isinstance(n, bool):
        n = None
    try:
        v = int(n)
        ok = v == n or (isinstance(n, str) and str(v) == n.strip())
    except (TypeError, ValueError):
        ok = False
    if not ok or v < minimum:
        raise OptionError(_("{what} must be a whole number of at least {minimum}, not {n!r}").format(
            what=what, minimum=minimum, n=n))
    return v


def check_samples(value: Any) -> int | str | None:
    """A betweenness sample setting: ``"auto"``, ``"exact"`` (or None) or a whole number of at least 1.

    >>> check_samples("auto"), check_samples(" 200 "), check_samples(None)
    ('auto', 200, None)
    >>> check_samples("-5")
    Traceback (most recent call last):
    kgraph.errors.OptionError: betweenness samples must be auto, exact or a whole number of at least 1, not '-5'
    """
    if value is None or (isinstance(value, str) and value.strip().lower() in ("auto", "exact")):
        return value.strip().lower() if isinstance(value, str) else None
    try:
        k = int(str(value).strip())
    except ValueError:
        k = 0
    if isinstance(value, bool) or k < 1 or (isinstance(value, float) and not value.is_integer()):
        raise OptionError(_("betweenness samples must be auto, exact or a whole number of at least 1, not '{value}'").format(
            value=value))
    return k
