"""What the table builders of :mod:`kgraph.synthetic` share: the reference date, the
schema's tables, the organisation drafted so far, the CSV writer and two helpers.

Each builder module (``structure``, ``people``, ``ties``, ``knowledge``,
``stakeholders``) reads what earlier builders put on the :class:`Draft`, draws from
its one random generator, writes its tables and adds what later builders need.
"""

from __future__ import annotations

import csv
import math
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from ..model import model

__all__ = ["REFERENCE_DATE", "REF", "COLUMNS", "TABLES", "Draft", "Writer", "sizes", "day"]

#: every generated date is relative to this date, never to today
REFERENCE_DATE = date(2026, 1, 1)
REF = REFERENCE_DATE.toordinal()

#: the input tables and their columns, in the schema's order (English headers)
COLUMNS: dict[str, list[str]] = {name: [c.name for c in t.columns] for name, t in model().tables.items()}
TABLES: tuple[str, ...] = tuple(COLUMNS)

Progress = Callable[[int, int, str], None]


@dataclass
class Draft:
    """The organisation drafted so far (indices, not ids, except where named ``*_ids``).

    Persons are ``0..n-1``, regular teams ``0..T-1``; the management team of
    department ``d`` is team ``T + d``.
    """

    rng: random.Random
    n: int                                               # number of persons
    # structure
    depts: list[dict] = field(default_factory=list)      # department nodes, top-down
    tops: list[dict] = field(default_factory=list)       # top departments
    team_sizes: list[int] = field(default_factory=list)  # regular teams, own members only
    team_ids: list[str] = field(default_factory=list)    # regular teams, then MTs
    team_names: list[str] = field(default_factory=list)  # regular teams
    team_dept: list[int] = field(default_factory=list)   # regular team -> department index
    team_members: list[list[int]] = field(default_factory=list)  # own members; lead first
    person_team: list[int] = field(default_factory=list)  # person -> own team
    leads: list[int] = field(default_factory=list)       # regular team -> its lead
    is_lead: list[bool] = field(default_factory=list)
    mt_members: list[list[int]] = field(default_factory=list)  # department -> MT members
    head: list[int] = field(default_factory=list)        # department -> head (MT lead)
    # people
    pid: list[str] = field(default_factory=list)         # person -> id
    start: list[int] = field(default_factory=list)       # person -> start date (ordinal)
    # knowledge
    kid: list[str] = field(default_factory=list)         # item -> id
    # stakeholders
    aid: list[str] = field(default_factory=list)         # actor -> id
    iid: list[str] = field(default_factory=list)         # issue -> id
    issue_names: list[str] = field(default_factory=list)  # issue -> name
    contacts: list[tuple[str, str]] = field(default_factory=list)  # (person id, actor id) of every contact

    @property
    def n_teams(self) -> int:
        """Number of regular teams."""
        return len(self.team_sizes)


class Writer:
    """Writes one table as CSV (schema header, ``\\n`` line ends) and reports progress."""

    def __init__(self, out: Path, progress: Progress | None):
        self.out = out
        self.progress = progress
        self.counts: dict[str, int] = {}

    def write(self, table: str, rows: list) -> None:
        with open(self.out / f"{table}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(COLUMNS[table])
            w.writerows(rows)
        self.counts[table] = len(rows)
        if self.progress is not None:
            self.progress(len(self.counts), len(TABLES), table)


def sizes(rng: random.Random, total: int, lo: int, hi: int, mean: float) -> list[int]:
    """Split ``total`` into parts of ``lo``..``hi`` (one smaller part only if total < lo).

    >>> sum(sizes(random.Random(0), 100, 6, 15, 10.5))
    100
    >>> sizes(random.Random(0), 4, 6, 15, 10.5)
    [4]
    """
    if total <= 0:
        return []
    if total < lo:
        return [total]
    n = round(total / mean)
    n = max(n, math.ceil(total / hi))
    n = min(n, total // lo)
    n = max(n, 1)
    parts = [rng.randint(lo, hi) for _ in range(n)]
    diff = total - sum(parts)
    while diff > 0:
        i = rng.randrange(n)
        if parts[i] < hi:
            step = min(diff, hi - parts[i], rng.randint(1, 3))
            parts[i] += step
            diff -= step
    while diff < 0:
        i = rng.randrange(n)
        if parts[i] > lo:
            step = min(-diff, parts[i] - lo, rng.randint(1, 3))
            parts[i] -= step
            diff += step
    return parts


def day(ordinal: int) -> str:
    """ISO date of a proleptic Gregorian ordinal.

    >>> day(REF)
    '2026-01-01'
    """
    return date.fromordinal(ordinal).isoformat()
