"""Synthetic organisations of any size in the kgraph input format.

``generate(out, persons=N, seed=S)`` writes one CSV file per table (see
``docs/FORMAT.md``) into ``out``.  The output is a pure function of
``persons`` and ``seed``: every random choice comes from one
``random.Random(seed)`` and every date is relative to the fixed reference date
:data:`REFERENCE_DATE` (2026-01-01), never to today.

Structure (what the analyses are meant to find):

* regular teams of 6–15 persons (fewer only when the whole organisation is
  smaller than 6), leaf departments of 5–15 regular teams (fewer only when
  there are fewer than 5 teams), grouped into parent departments of 2–8
  children until at most 6 top departments remain; there are always at least
  two levels;
* every department has a management team ``MT <department>``: for a leaf
  department its members are the leads of its teams, for a parent department
  the heads (MT leads) of its child departments; so leads are vertical linking
  pins;
* about 1 % of the staff (at least 3) is a member of a second regular team
  (lateral pins);
* ties: each person reports a tie to each teammate with probability 1/2 (so
  about 3/4 of the teammate pairs are tied), 2–6 ties across teams (60 % within
  the same department), leads 3–6 extra ties to other leads; MT members are
  tied to their head;
* knowledge with a taxonomy, skills, needs, planned departures, external
  actors, issues, dated positions, contacts, actor ties, knowledge–issue links,
  signals in every channel, target groups with objectives and measurements, factors.

One module per group of tables, called in this order (they share one random
generator, so the order is part of the output): :mod:`.structure` (departments,
teams), :mod:`.people` (persons, memberships), :mod:`.ties`, :mod:`.knowledge`
(knowledge, skills, needs, responsibilities), :mod:`.stakeholders` (actors, issues,
positions, contacts, actor ties, knowledge–issue links, signals), :mod:`.monitoring`
(target groups, objectives, measurements, factors; written last). Enum values are
read from ``schema/model.toml`` (:mod:`.enums`); the words are in :mod:`.vocabulary`.
"""

from __future__ import annotations

import random
from pathlib import Path

from ..errors import InputError, OptionError
from ..fileout import atomic_folder
from ..i18n import _
from . import knowledge, monitoring, people, stakeholders, structure, ties
from .draft import COLUMNS, REFERENCE_DATE, TABLES, Draft, Progress, Writer

__all__ = ["generate", "TABLES", "COLUMNS", "REFERENCE_DATE"]


def generate(out, *, persons: int, seed: int = 0, progress: Progress | None = None,
             force: bool = False) -> dict[str, int]:
    """Write a synthetic organisation of ``persons`` staff into a new folder ``out``.

    The folder is written whole or not at all (built beside ``out`` and renamed when
    complete); the tables of an existing, non-empty ``out`` are replaced only with
    ``force`` (``--force``; its other files stay), so that an input folder is never
    overwritten by mistake.
    ``progress(done, total, table)`` is called after each table.  Returns the number
    of data rows written per table, in the order written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     counts = generate(tmp, persons=12, seed=1)
    >>> counts["persons"], len(counts) == len(TABLES)
    (12, True)
    """
    persons = int(persons)
    if persons < 1:
        raise OptionError(_("persons must be at least 1"))
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(_("{out} is a file, not a folder; nothing written").format(out=out))
    if out.is_dir() and any(out.iterdir()) and not force:
        raise InputError(_("{out} already exists and is not empty; nothing written").format(out=out),
                         hint=_("choose a new folder, or pass --force to replace it"))
    with atomic_folder(out, replace=True) as tmp:
        wr = Writer(tmp, progress)
        d = Draft(rng=random.Random(seed), n=persons)
        structure.build(d, wr)
        people.build(d, wr)
        ties.build(d, wr)
        knowledge.build(d, wr)
        stakeholders.build(d, wr)
        knowledge.responsibilities(d, wr)
        stakeholders.signals(d, wr)
        stakeholders.interactions(d, wr)
        monitoring.build(d, wr)
        if out.is_dir():  # --force: the tables are replaced, anything else in the folder stays
            for f in out.iterdir():
                if not (tmp / f.name).exists():
                    f.rename(tmp / f.name)
    return dict(wr.counts)


def _main(argv: list[str] | None = None) -> None:  # pragma: no cover - convenience
    import argparse
    import time

    ap = argparse.ArgumentParser(description="Generate a synthetic kgraph dataset.")
    ap.add_argument("out")
    ap.add_argument("--persons", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ns = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = generate(ns.out, persons=ns.persons, seed=ns.seed)
    print(counts, f"{time.perf_counter() - t0:.2f}s")
