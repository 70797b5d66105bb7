"""Target groups, their objectives and measurements, and the factors around the issues.

Written last (after the signals), so the tables before it are the same as without it.
Three target groups (residents, businesses, the staff of the first top department),
two objectives each in different dimensions (knowledge, attitude, behaviour) with a
baseline two years before the reference date, a measurement every half year, and
three to six factors, each pushing one or two issues.
"""

from __future__ import annotations

from .draft import REF, Draft, Writer, day
from .enums import values

__all__ = ["build"]

DIMENSIONS = values("objectives", "dimension")
FACTOR_KINDS = values("factors", "kind")
_GROUPS = (("residents", "Inwoners"), ("business", "Ondernemers"), ("staff", "Medewerkers"))
_FACTORS = ("Nieuwe landelijke wetgeving", "Krappe arbeidsmarkt", "Stijgende bouwkosten", "Digitalisering",
            "Klimaatadaptatie", "Vergrijzing")


def build(d: Draft, wr: Writer) -> None:
    """Write ``target_groups``, ``objectives``, ``measurements``, ``factors`` and ``factor_issues``."""
    rng = d.rng
    staff_units = d.tops[0]["id"] if d.tops else ""
    groups = []
    for k, (kind, name) in enumerate(_GROUPS):
        staff = kind == "staff"
        groups.append([f"G{k + 1:03d}", name, kind, "" if staff else rng.randint(500, 50_000),
                       staff_units if staff else "", "", ""])
    wr.write("target_groups", groups)
    objectives, measurements = [], []
    base = REF - 730
    for g, gid in enumerate(row[0] for row in groups):
        for j, dim in enumerate(rng.sample(DIMENSIONS, 2)):
            oid = f"O{g * 2 + j + 1:03d}"
            start = rng.randint(20, 60)
            target = min(95, start + rng.randint(5, 30))
            issue = d.iid[rng.randrange(len(d.iid))] if d.iid else ""
            objectives.append([oid, gid, issue, dim, f"{dim} ({gid})", "percent", start, day(base), target,
                               day(base + 1095), ""])
            value = float(start)
            for half in range(1, 5):
                value = max(0.0, min(100.0, value + rng.uniform(-3, 8)))
                measurements.append([oid, day(base + 182 * half), round(value, 1), rng.randint(40, 600), "survey"])
    wr.write("objectives", objectives)
    wr.write("measurements", measurements)
    factors, links = [], []
    for f in range(rng.randint(3, 6)):
        fid = f"F{f + 1:03d}"
        factors.append([fid, _FACTORS[f], FACTOR_KINDS[f % len(FACTOR_KINDS)], "", day(REF - rng.randint(30, 700))])
        for i in sorted(rng.sample(range(len(d.iid)), min(len(d.iid), rng.randint(1, 2)))):
            links.append([fid, d.iid[i], rng.randint(-2, 2)])
    wr.write("factors", factors)
    wr.write("factor_issues", links)
