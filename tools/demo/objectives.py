"""Objectives and their measurements (``objectives.toml``): writes the tables
``objectives`` and ``measurements``; the owner of an objective is the lead of its team."""

from __future__ import annotations

from .context import Demo, iso


def build(demo: Demo) -> None:
    objectives, measurements = [], []
    for o in demo.data("objectives")["objectives"]:
        owner = demo.leads[o["owner"]]["id"] if o.get("owner") else ""
        objectives.append([o["id"], o["group"], o.get("issue", ""), o["dimension"], o["indicator"], o["unit"],
                           o["baseline"], iso(o["baseline_date"]), o["target"], iso(o["deadline"]), owner])
        for day, value, n, source in o["measurements"]:
            measurements.append([o["id"], iso(day), value, n or "", source])
    demo.tables["objectives"] = objectives
    demo.tables["measurements"] = sorted(measurements, key=lambda r: (r[1], r[0]))
