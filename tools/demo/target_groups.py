"""Target groups (``target_groups.toml``): writes the table ``target_groups``."""

from __future__ import annotations

from .context import Demo


def build(demo: Demo) -> None:
    demo.tables["target_groups"] = [
        [g["id"], g["name"], g["kind"], g.get("size", ""), ";".join(g.get("units", [])), ";".join(g.get("actors", [])),
         g.get("description", "")]
        for g in demo.data("target_groups")["target_groups"]
    ]
