"""The demo under construction: the data files, the one random generator, the tables
written so far and the people every step works with.

A step (one module per group of tables) reads its data file with ``demo.data(name)``,
draws from ``demo.rng`` and fills ``demo.tables``; what later steps need it keeps on
the :class:`Demo` (persons, members, skills ...). The steps share one random
generator, so their order is part of the output (see ``STEPS`` in ``__init__``).
"""

from __future__ import annotations

import random
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kgraph.synthetic import COLUMNS  # the schema's tables and columns
from kgraph.synthetic.enums import value

HERE = Path(__file__).resolve().parent
LEAD = value("memberships", "role", "lead")
MEMBER = value("memberships", "role", "member")

Person = dict  # id, name, email, function, location, start (date), leave (iso or ""), teams, special


def data(name: str) -> dict:
    """The data file ``tools/demo/<name>.toml``."""
    with open(HERE / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


def iso(x: date) -> str:
    return x.isoformat()


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text`` (for e-mail addresses).

    >>> ascii_slug("van 't Hof-Yılmaz")
    'vanthofyilmaz'
    """
    norm = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in norm if c.isascii() and c.isalnum()).lower()


@dataclass
class Demo:
    """The demo being built; steps add to it in order."""

    rng: random.Random
    tables: dict[str, list[list]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    _data: dict[str, dict] = field(default_factory=dict, repr=False)
    # organisation
    persons: list[Person] = field(default_factory=list)
    heads: dict[str, Person] = field(default_factory=dict)           # department -> head
    members: dict[str, list[Person]] = field(default_factory=dict)   # regular team -> members, lead first
    leads: dict[str, Person] = field(default_factory=dict)           # regular team -> lead
    size: dict[str, int] = field(default_factory=dict)               # regular team -> own members
    mt_members: dict[str, list[Person]] = field(default_factory=dict)  # MT -> members, head first
    memberships: list[list] = field(default_factory=list)
    pins: list[Person] = field(default_factory=list)                 # lateral linking pins
    isolated: set[str] = field(default_factory=set)                  # ids of persons who only tie to their team
    named: dict[str, Person] = field(default_factory=dict)           # persons with a deliberate role, by key
    # knowledge
    skills: dict[tuple[str, str], list] = field(default_factory=dict)  # (person, item) -> skills row
    single_holder: dict[str, Person] = field(default_factory=dict)   # item -> its one holder
    responsible: list[list] = field(default_factory=list)            # [person, item] rows set by the gaps
    # the import of a year earlier (previous.py): its tables
    previous: dict[str, list[list]] = field(default_factory=dict)

    def data(self, name: str) -> dict:
        """The data file ``tools/demo/<name>.toml`` (read once)."""
        if name not in self._data:
            self._data[name] = data(name)
        return self._data[name]

    @property
    def all_members(self) -> dict[str, list[Person]]:
        """Members of every team, regular and management."""
        return {**self.members, **self.mt_members}

    @property
    def controlled(self) -> set[str]:
        """Items never drawn at random: the gaps' items and the leadership item."""
        gaps = self.data("gaps")
        items = {s["item"] for s in gaps["singles"]} | set(gaps["orphans"])
        items |= {gaps[k]["item"] for k in ("silo", "too_low", "too_few")}
        return items | {self.data("skills")["lead"]["item"]}

    def rand_date(self, lo: date, hi: date) -> date:
        return date.fromordinal(self.rng.randint(lo.toordinal(), hi.toordinal()))

    def since(self, p: Person, lo: date | None = None) -> str:
        """A membership start: on or after the person's start (and ``lo``)."""
        lo = max(p["start"], lo or p["start"])
        return iso(self.rand_date(lo, max(lo, self.data("organisation")["dates"]["memberships_until"])))

    def pick_member(self, tid: str) -> Person:
        """A member of regular team ``tid``: not its lead, in no other team, no deliberate role yet."""
        cands = [p for p in self.members[tid] if p is not self.leads[tid] and len(p["teams"]) == 1
                 and not p.get("special")]
        return self.rng.choice(cands)
