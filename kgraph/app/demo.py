"""``kgraph demo``: load the shipped demo municipality and show what kgraph finds.

The demo data (Gemeente Lindenhoven, fictional) sits in ``kgraph/data/demo/`` in
the input format, so a user can copy it as a starting point
(``kgraph demo --copy-to my-org/``); ``kgraph/data/demo-2025-12-01/`` holds the same
organisation as imported a year earlier. The demo imports both, in date order
(:data:`IMPORTS`), so that ``kgraph compare`` and the report's "since the previous
import" have two dates to compare. Everything the demo prints and draws comes from one
bundle of findings for one date.
"""

from __future__ import annotations

import os
import shutil
from importlib import resources as _res
from pathlib import Path
from typing import Any

__all__ = ["demo", "demo_data_path", "IMPORTS", "DEMO_STAFF", "DEMO_NAME"]

#: the demo municipality's name (fictional; the title of its report)
DEMO_NAME = "Gemeente Lindenhoven"

#: the demo's imports, oldest first: (folder in ``kgraph/data``, the date it describes)
IMPORTS = (("demo-2025-12-01", "2025-12-01"), ("demo", "2026-12-01"))

#: the person the demo's staff account belongs to (Eline van 't Hof, Wmo-consulenten)
DEMO_STAFF = "P0150"


def demo_data_path(folder: str = "demo") -> Path:
    """Folder of a shipped demo import (CSV input format); default the latest."""
    return Path(str(_res.files("kgraph") / "data" / folder))


def demo(
    store: str | os.PathLike | None = None,
    *,
    out: str | os.PathLike | None = "kgraph-demo",
    as_of: str | None = None,
    top: int = 5,
    pseudonymize: bool = False,
    min_group_size: int | None = None,
    progress=None,
    force: bool = False,
) -> dict[str, Any]:
    """Import the demo municipality into ``store`` and analyse it.

    Parameters
    ----------
    store : path or URL, optional
        Where to load the demo (default ``$KGRAPH_STORE`` or ``./kgraph.db``): a new
        or empty store, or one that holds only the demo. A store with other data (your
        own organisation) is refused unless ``force``.
    out : path, optional
        Folder for the views (giraffe, network, report, PNGs); None writes none.
    as_of : str, optional
        The date of every finding and view (default today).
    top : int
        How many linking pins and findings to list.
    pseudonymize, min_group_size
        As for :func:`kgraph.open`: applied to the findings and views (the
        import itself writes the demo data as it is).
    force : bool
        Load the demo into a store that holds other data (``--force``): it becomes the
        store's latest version; the earlier ones stay in its history.

    Returns
    -------
    dict
        ``store, as_of, import (ImportReport of the latest import), counts, linking_pins,
        gaps, gap_counts, stakeholders, blind_spots, key_players, spikes, objective_counts,
        previous (the date of the import before the one in force, or None), changes
        (:func:`kgraph.compare` from it, or None), files``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> result = kgraph.demo(os.path.join(d, "kg.db"), out=None, as_of="2026-12-01")
    >>> result["counts"]["Person"] >= 300
    True
    """
    from ..dates import parse_as_of
    from ..i18n import use_language
    from . import render

    day = parse_as_of(as_of)
    # the language decided once, not from the environment at each of the demo's ~8,000 messages
    with use_language(None), render.shared_views():
        from .accounts import demo_passwords_forked

        # the accounts' argon2 hashes, in a child process forked first: they take the second core while this
        # process imports pandas (and loads the data); else in threads below
        ahead = demo_passwords_forked()
        if out is not None:
            render.start_drawing()  # the figures' process, forked before any thread starts
        return _load_and_analyse(store, render, day, top=top, out=out, pseudonymize=pseudonymize,
                                 min_group_size=min_group_size, progress=progress, force=force, ahead=ahead)


def _load_and_analyse(store, render, day, *, top, out, pseudonymize, min_group_size, progress, force, ahead):
    from concurrent.futures import ThreadPoolExecutor

    from ..ingest import load_dataset
    from .accounts import ROLES, demo_accounts, demo_passwords
    from .data import import_dataset
    from .handle import open as open_graph
    from .settings import NAME

    with ThreadPoolExecutor(len(ROLES)) as hashing, open_graph(store) as writer:
        if ahead is None:
            ahead = demo_passwords(hashing)  # the accounts' argon2 hashes, in threads while the data loads
        # in date order, each describing its date
        datasets = [(load_dataset(demo_data_path(folder)), when) for folder, when in IMPORTS]
        if not force:
            refuse_other_data(writer, [ds for ds, _when in datasets])
        for data, when in datasets:
            report = import_dataset(writer, data, as_of=when, progress=progress)
        writer.store.set_setting(NAME, DEMO_NAME)  # the report's title (kgraph settings --name)
        logins = demo_accounts(writer, staff_person=DEMO_STAFF, as_of=IMPORTS[-1][1], passwords=ahead)
    kg = open_graph(store, pseudonymize=pseudonymize, min_group_size=min_group_size)
    try:
        return _analyse(kg, render, day, top=top, out=out, report=report, logins=logins)
    finally:
        kg.close()


def _analyse(kg, render, day, *, top: int, out, report, logins) -> dict[str, Any]:
    """What :func:`demo` prints and writes, inside :func:`demo`'s :func:`~kgraph.app.render.shared_views`:
    the figures start in worker processes first (:func:`~kgraph.app.render.draw_ahead`), while
    this process computes the network measures and the comparison and writes the pages."""
    f = kg.findings(day)
    if out is not None:
        render.draw_ahead(kg, as_of=day)
        _import_igraph_without_drawing()
    counts = f.org.ds.counts()
    pins = f.linking_pins(by="team").head(top)
    found = f.gaps()
    sh = f.stakeholders()
    latest = sh.sort_values(["actor_id", "issue_id"])
    blind = latest[latest["blind_spot"]].drop_duplicates("actor_id")
    key = latest[latest["quadrant"] == "key player"]
    signals = f.monitor()
    objectives = f.objectives()
    previous = render.previous_import(kg, day)
    changes = None if previous is None else f.compare(kg.findings(previous))
    files: list[str] = []
    if out is not None:
        files = _views(kg, render, Path(out), as_of=day)
    return {
        "store": kg.location,
        "as_of": day.isoformat(),
        "import": report,
        "counts": counts,
        "linking_pins": pins,
        "gaps": found,
        "gap_counts": found["kind"].value_counts().sort_index().to_dict(),
        "stakeholders": sh,
        "blind_spots": blind,
        "key_players": key,
        "spikes": signals[signals["spike"].astype(bool)] if len(signals) else signals,
        "objective_counts": objectives["status"].value_counts().to_dict() if len(objectives) else {},
        "previous": None if previous is None else previous.isoformat(),
        "changes": changes,
        "files": files,
        "accounts": logins,
    }


def _import_igraph_without_drawing() -> None:
    """Import igraph (the network measures use it) without letting its drawing module import
    matplotlib's pyplot (0.7 s): the demo's figures are drawn by other processes, and kgraph never
    draws with igraph (igraph then says "You need to install matplotlib" if asked to plot). Only
    here, in a one-shot command whose other threads have ended; elsewhere igraph imports as usual."""
    import sys

    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        return
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # `import matplotlib` raises ImportError meanwhile
    try:
        import igraph  # noqa: F401
    except ImportError:  # pragma: no cover - igraph is a dependency; the measures say so when they need it
        pass
    finally:
        if "matplotlib" in sys.modules and sys.modules["matplotlib"] is None:
            del sys.modules["matplotlib"]


def refuse_other_data(kg, demo_data: list) -> None:
    """Raise :class:`~kgraph.errors.StoreError` unless the store is empty or every version
    in it is one of ``demo_data`` (so that the demo never replaces a user's own data)."""
    from ..errors import StoreError
    from ..i18n import _
    from ..store import policy

    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    versions = base.history()
    if all(v["source"] == "import" and base.read_dataset(as_of=v["as_of"]) in demo_data for v in versions):
        return
    raise StoreError(
        _("{location} holds other data than the demo; the demo does not replace it").format(location=kg.location),
        hint=_("load the demo into another store (kgraph demo --store demo.db), or pass --force to load it into "
               "this one as its latest version (the earlier versions stay in its history)"))


def _views(kg, render, out: Path, *, as_of) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    # inside _analyse's shared_views(): the report shows the maps and figures the other files show, made once
    for name, draw in (("giraffe.html", render.giraffe), ("network.html", render.network),
                       ("power_interest.png", render.power_interest_grid), ("coverage.png", render.coverage_heatmap),
                       ("objectives.png", render.objectives_chart), ("signals.png", render.signals_chart),
                       ("report.html", render.report)):
        extra = {"organisation": DEMO_NAME} if name == "report.html" else {}
        draw(kg, out / name, as_of=as_of, **extra)
        written.append(name)
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
