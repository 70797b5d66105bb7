"""External actors and the ties between them (``actors.toml``): writes the tables
``actors`` and ``actor_ties``."""

from __future__ import annotations

from .context import Demo

FIELDS = ("id", "name", "kind", "description", "power", "legitimacy", "urgency")


def build(demo: Demo) -> None:
    data = demo.data("actors")
    demo.tables["actors"] = [[a[c] for c in FIELDS] for a in data["actors"]]
    demo.tables["actor_ties"] = [list(t) for t in data["ties"]]
