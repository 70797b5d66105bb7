"""The knowledge taxonomy (``knowledge.toml``): writes the table ``knowledge``."""

from __future__ import annotations

from .context import Demo, iso


def build(demo: Demo) -> None:
    kn = demo.data("knowledge")
    intranet = demo.data("demo")["intranet"]
    rng = demo.rng
    rows = []
    for item in kn["items"]:
        kid, kind = item["id"], item["kind"]
        url = f"{intranet}{kid[2:].lower()}" if kind in kn["with_url"] and rng.random() < 0.5 else ""
        upd = iso(demo.rand_date(kn["updated_from"], kn["updated_until"])) if kind in kn["with_update"] else ""
        rows.append([kid, item["name"], kind, item.get("broader", ""), item.get("synonyms", ""),
                     item.get("description", ""), url, upd])
    demo.tables["knowledge"] = rows
