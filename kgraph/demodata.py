"""``kgraph demo``: load the shipped demo municipality and show what kgraph finds.

The demo data (Gemeente Lindenhoven, fictional) sits in ``kgraph/data/demo/`` in
the input format, so a user can copy it as a starting point
(``kgraph demo --copy-to my-org/``).
"""

from __future__ import annotations

import os
import shutil
from importlib import resources as _res
from pathlib import Path
from typing import Any

__all__ = ["demo", "demo_data_path"]


def demo_data_path() -> Path:
    """Folder of the shipped demo dataset (CSV input format)."""
    return Path(str(_res.files("kgraph") / "data" / "demo"))


def demo(
    store: str | os.PathLike | None = None,
    *,
    out: str | os.PathLike | None = "kgraph-demo",
    as_of: str | None = None,
    top: int = 5,
    pseudonymize: bool = False,
    min_group_size: int | None = None,
    progress=None,
) -> dict[str, Any]:
    """Import the demo municipality into ``store`` and analyse it.

    Parameters
    ----------
    store : path or URL, optional
        Where to load the demo (default ``$KGRAPH_STORE`` or ``./kgraph.db``).
        The store ends up holding exactly the demo data.
    out : path, optional
        Folder for the views (giraffe, network, report, PNGs); None writes none.
    as_of : str, optional
        Reference date for gaps and stakeholders (default today).
    top : int
        How many linking pins and findings to list.
    pseudonymize, min_group_size
        As for :func:`kgraph.open`: applied to the findings and views (the
        import itself writes the demo data as it is).

    Returns
    -------
    dict
        ``store, import (ImportReport), counts, linking_pins, gaps, gap_counts,
        stakeholders, blind_spots, key_players, files``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> result = kgraph.demo(os.path.join(d, "kg.db"), out=None, as_of="2026-12-01")
    >>> result["counts"]["Person"] >= 300
    True
    """
    from . import graph
    from .analysis.gaps import gaps
    from .analysis.linking import linking_pins
    from .analysis.stakeholders import stakeholders

    with graph.open(store) as writer:
        report = graph.import_data(writer, demo_data_path(), progress=progress)
    kg = graph.open(store, pseudonymize=pseudonymize, min_group_size=min_group_size)
    try:
        counts = kg.store.counts()
        pins = linking_pins(kg, top=top)
        found = gaps(kg, as_of=as_of)
        sh = stakeholders(kg, as_of=as_of)
        latest = sh.sort_values(["actor_id", "issue_id"])
        blind = latest[latest["blind_spot"]].drop_duplicates("actor_id")
        key = latest[latest["quadrant"] == "key player"]
        files: list[str] = []
        if out is not None:
            files = _views(kg, Path(out), as_of=as_of)
        return {
            "store": kg.location,
            "import": report,
            "counts": counts,
            "linking_pins": pins,
            "gaps": found,
            "gap_counts": found["kind"].value_counts().sort_index().to_dict(),
            "stakeholders": sh,
            "blind_spots": blind,
            "key_players": key,
            "files": files,
        }
    finally:
        kg.close()


def _views(kg, out: Path, *, as_of: str | None) -> list[str]:
    from .views import giraffe, network, plots, report

    out.mkdir(parents=True, exist_ok=True)
    written = []
    giraffe.giraffe(kg, out / "giraffe.html")
    written.append("giraffe.html")
    network.network(kg, out / "network.html")
    written.append("network.html")
    plots.power_interest_grid(kg, out / "power_interest.png", as_of=as_of)
    written.append("power_interest.png")
    plots.coverage_heatmap(kg, out / "coverage.png")
    written.append("coverage.png")
    report.report(kg, out / "report.html", as_of=as_of)
    written.append("report.html")
    return written


def copy_demo(dest: str | os.PathLike) -> list[str]:
    """Copy the demo CSV files to ``dest`` (a starting point for your own data)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    names = []
    for f in sorted(demo_data_path().glob("*.csv")):
        shutil.copyfile(f, dest / f.name)
        names.append(f.name)
    return names
