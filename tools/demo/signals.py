"""Signals about the issues (``signals.toml``): writes the table ``signals``.

Per issue, its signals are dated in the order listed, spread evenly over the dates;
the ``dated`` signals keep their own date (and may name a target group). The table is
sorted by date (then issue).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .context import Demo, iso


def build(demo: Demo) -> None:
    data = demo.data("signals")
    rng = demo.rng
    by_issue = defaultdict(list)
    for s in data["signals"]:
        by_issue[s["issue"]].append(s)
    lo, hi = data["dates"]["from"].toordinal(), data["dates"]["until"].toordinal()
    rows = []
    for iid, lst in by_issue.items():
        span = (hi - lo) // len(lst)
        for j, s in enumerate(lst):
            day = date.fromordinal(lo + j * span + rng.randrange(span))
            rows.append([iso(day), s["channel"], s["actor"], "", iid, s["sentiment"], s["text"]])
    for s in data.get("dated", []):
        rows.append([iso(s["date"]), s["channel"], s.get("actor", ""), s.get("group", ""), s["issue"], s["sentiment"], s["text"]])
    rows.sort(key=lambda r: (r[0], r[4]))
    demo.tables["signals"] = rows
