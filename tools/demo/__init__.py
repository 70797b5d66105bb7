"""Build the demo municipality (Gemeente Lindenhoven) from the data files in this folder.

Each group of tables has a data file ``<name>.toml`` and a module ``<name>.py`` whose
``build(demo)`` reads the file, draws from ``demo.rng`` and fills ``demo.tables``
(see :mod:`.context`). :data:`STEPS` runs them in order; the order is part of the
output, because the steps share one random generator.

To add a table: write ``tools/demo/<name>.toml`` and ``tools/demo/<name>.py`` with a
``build(demo)``, and append the module to :data:`STEPS`. A step appended at the end
leaves the tables before it unchanged; a step that must not change any shipped table
draws from its own ``random.Random`` instead of ``demo.rng``.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from kgraph.synthetic import COLUMNS

from . import (actors, contacts, departures, factors, gaps, interactions, issues, knowledge, needs, objectives,
               organisation, previous, responsibilities, signals, skills, target_groups, ties)
from .context import Demo, data

__all__ = ["STEPS", "SEED", "AS_OF", "NAME", "PREVIOUS", "build", "build_imports", "write"]

_settings = data("demo")
NAME: str = _settings["name"]
SEED: int = _settings["seed"]
AS_OF = _settings["as_of"]
#: the import of a year earlier: its date and folder (``previous.toml``)
PREVIOUS = (data("previous")["as_of"], data("previous")["folder"])

STEPS = (
    organisation,      # departments, teams; persons and memberships drafted
    knowledge,         # knowledge
    skills,            # members', leads' and heads' skills
    needs,             # needs (met ones are given holders)
    gaps,              # single holders, silo, too low, too few; skills
    departures,        # leave dates; persons, memberships
    ties,              # ties
    actors,            # actors, actor_ties
    issues,            # issues, positions, knowledge_issues
    contacts,          # contacts
    responsibilities,  # responsibilities
    target_groups,     # target_groups
    signals,           # signals (some of a target group)
    interactions,      # interactions (its own random generator)
    objectives,        # objectives, measurements
    factors,           # factors, factor_issues
    previous,          # the import of a year earlier (its own random generator)
)


def _demo(rng: random.Random) -> Demo:
    demo = Demo(rng=rng)
    for step in STEPS:
        step.build(demo)
    return demo


def build(rng: random.Random) -> dict[str, list[list]]:
    """All tables of the demo (its latest import), as rows in the schema's column order."""
    return _demo(rng).tables


def build_imports(rng: random.Random) -> list[tuple[object, str, dict[str, list[list]]]]:
    """``(as_of, folder, tables)`` of each import of the demo, oldest first: the import of
    a year earlier (``kgraph/data/demo-2025-12-01``) and the latest (``kgraph/data/demo``)."""
    demo = _demo(rng)
    return [(PREVIOUS[0], PREVIOUS[1], demo.previous), (AS_OF, "demo", demo.tables)]


def write(tables: dict[str, list[list]], out: Path) -> None:
    """Write one CSV file per table of the schema (English headers, UTF-8, ``\\n``)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, cols in COLUMNS.items():
        with open(out / f"{name}.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(cols)
            w.writerows(tables[name])
