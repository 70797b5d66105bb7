"""Factors around the issues (``factors.toml``): writes the tables ``factors`` and ``factor_issues``."""

from __future__ import annotations

from .context import Demo, iso


def build(demo: Demo) -> None:
    factors = demo.data("factors")["factors"]
    demo.tables["factors"] = [[f["id"], f["name"], f["kind"], f.get("description", ""), iso(f["date"]) if "date" in f else ""]
                              for f in factors]
    demo.tables["factor_issues"] = [[f["id"], issue, effect] for f in factors for issue, effect in f["issues"].items()]
