"""Issues, the actors' positions on them over time and the knowledge each issue draws on
(``issues.toml``): writes the tables ``issues``, ``positions`` and ``knowledge_issues``."""

from __future__ import annotations

from datetime import date

from .context import Demo, iso

FIELDS = ("id", "name", "description", "status")


def build(demo: Demo) -> None:
    data = demo.data("issues")
    rng = demo.rng
    demo.tables["issues"] = [[i[c] for c in FIELDS] for i in data["issues"]]
    lo, hi = data["position_dates"]["from"].toordinal(), data["position_dates"]["until"].toordinal()
    rows = demo.tables["positions"]
    for iid, plist in data["positions"].items():
        for pos in plist:
            n = len(pos["stance"])
            span = (hi - lo) // n
            for j, (s, inf) in enumerate(zip(pos["stance"], pos["influence"])):
                day = date.fromordinal(lo + j * span + rng.randrange(span))
                # interest is sometimes one lower before the latest position
                interest = max(1, pos["interest"] - (1 if j < n - 1 and rng.random() < 0.3 else 0))
                rows.append([pos["actor"], iid, s, inf, interest, iso(day), rng.choice(data["position_sources"])])
    demo.tables["knowledge_issues"] = [[k, i] for i, ks in data["knowledge"].items() for k in ks]

