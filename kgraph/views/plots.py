"""Static PNG figures for reports and slides (matplotlib, imported on first use).

- :func:`power_interest_grid`: Mendelow's grid, one panel per issue.
- :func:`coverage_heatmap`: teams × knowledge items, holders at the needed level.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from ..analysis.org import Org
from ..analysis.stakeholders import stakeholders
from ..errors import KgraphError
from ..privacy import merge_plan, merged_note
from . import html

__all__ = ["power_interest_grid", "coverage_heatmap", "coverage_matrix"]


def _pyplot():
    try:
        import matplotlib
    except ImportError:  # pragma: no cover - a dependency
        raise KgraphError("the PNG figures need matplotlib", hint="pip install 'matplotlib>=3.7'") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _save(fig, out: str | os.PathLike, dpi: int) -> Path:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    # fixed metadata: the same data gives the same bytes
    fig.savefig(path, dpi=dpi, format="png", metadata={"Software": None})
    return path


def power_interest_grid(
    kg,
    out: str | os.PathLike,
    *,
    issue: str | None = None,
    as_of: str | None = None,
    midpoint: float = 3,
    dpi: int = 150,
) -> dict[str, Any]:
    """Mendelow's power–interest grid as a PNG: one panel per issue.

    Each actor is a dot at (interest, influence) coloured by its current stance;
    the quadrant lines sit half a point below ``midpoint`` (a score equal to the
    midpoint counts as high).

    Returns
    -------
    dict
        ``path``, ``panels`` (issues drawn), ``points`` (actor positions), ``bytes``.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"A1": ("ExternalActor", {"name": "Buurt $x$"}), "I1": ("Issue", {"name": "Park"})},
    ...     edges={("POSITION", "A1", "I1", "2025-01-01"): {"stance": 1, "influence": 4, "interest": 2, "date": "2025-01-01"}})
    >>> tmp = tempfile.mkdtemp()
    >>> kg = kgraph.open(os.path.join(tmp, "kg.db"))
    >>> _ = kg.store.replace(ds)
    >>> r = kgraph.power_interest_grid(kg, os.path.join(tmp, "grid.png"))
    >>> r["panels"], r["points"]
    (1, 1)
    >>> kg.close()
    """
    plt = _pyplot()
    df = stakeholders(kg, issue=issue, as_of=as_of, midpoint=midpoint)
    pal = html.colours()["stance"]
    quad_col = html.colours()["quadrant"]
    issues = list(dict.fromkeys(df["issue_id"]))
    n = max(1, len(issues))
    cols = min(3, n)
    rows_n = math.ceil(n / cols)
    fig, axes = plt.subplots(rows_n, cols, figsize=(5.2 * cols, 4.6 * rows_n), squeeze=False)
    cut = midpoint - 0.5
    points = 0
    for k, ax in enumerate(axes.flat):
        if k >= len(issues):
            ax.axis("off")
            continue
        sub = df[df["issue_id"] == issues[k]]
        ax.set_xlim(0.5, 5.5)
        ax.set_ylim(0.5, 5.5)
        for (x0, x1, y0, y1, name) in ((cut, 5.5, cut, 5.5, "key player"), (0.5, cut, cut, 5.5, "keep satisfied"),
                                       (cut, 5.5, 0.5, cut, "keep informed"), (0.5, cut, 0.5, cut, "monitor")):
            ax.axvspan(x0, x1, ymin=(y0 - 0.5) / 5, ymax=(y1 - 0.5) / 5, color=quad_col[name], alpha=0.18, lw=0)
            ax.text(x0 + 0.08 if x0 < cut else x1 - 0.08, y1 - 0.1, name, ha="left" if x0 < cut else "right", va="top",
                    fontsize=8, color="#555555", parse_math=False)
        ax.axvline(cut, color="#888888", lw=0.8)
        ax.axhline(cut, color="#888888", lw=0.8)
        seen: dict[tuple[float, float], int] = {}
        for r in sub.itertuples(index=False):
            if r.influence is None or r.interest is None or (isinstance(r.influence, float) and math.isnan(r.influence)):
                continue
            key = (float(r.interest), float(r.influence))
            j = seen.get(key, 0)
            seen[key] = j + 1
            dx, dy = (0.0, 0.0) if j == 0 else (0.22 * math.cos(j * 2.4), 0.22 * math.sin(j * 2.4))
            stance = None if r.stance is None or (isinstance(r.stance, float) and math.isnan(r.stance)) else int(r.stance)
            colour = pal["unknown"] if stance is None else pal[str(stance)]
            ax.scatter([key[0] + dx], [key[1] + dy], s=110, color=colour, edgecolor=pal["border"], linewidth=0.8, zorder=3)
            ax.annotate(str(r.actor), (key[0] + dx, key[1] + dy), xytext=(6, 4), textcoords="offset points",
                        fontsize=7.5, color="#222222", zorder=4, annotation_clip=False, parse_math=False)
            points += 1
        ax.set_title(str(sub["issue"].iloc[0]), fontsize=11, loc="left", parse_math=False)
        ax.set_xlabel("interest", fontsize=9)
        ax.set_ylabel("influence", fontsize=9)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.tick_params(labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    from matplotlib.lines import Line2D

    labels = {-2: "strongly against", -1: "against", 0: "neutral", 1: "for", 2: "strongly for"}
    handles = [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=pal[str(s)], markeredgecolor=pal["border"], label=lab)
               for s, lab in labels.items()]
    fig.legend(handles=handles, loc="lower center", ncol=5, frameon=False, fontsize=9)
    fig.suptitle("Power–interest grid (Mendelow)", fontsize=13, x=0.01, ha="left")
    fig.tight_layout(rect=(0, 0.06, 1, 0.96))
    path = _save(fig, out, dpi)
    plt.close(fig)
    return {"path": str(path), "panels": len(issues), "points": points, "bytes": path.stat().st_size}


def _merge_teams(sizes: dict[str, int], members: dict[str, set[str]], n: int) -> tuple[list[str], list[str], bool]:
    """:func:`kgraph.privacy.merge_plan` counting distinct persons: a person in
    two merged teams counts once, so the merged row is topped up until it holds
    ``n`` different persons (else it is suppressed)."""
    kept, merged, _ = merge_plan(sizes, n)
    persons = set().union(*(members.get(t, set()) for t in merged)) if merged else set()
    if merged:
        while len(persons) < n and any(sizes[u] > 0 for u in kept):
            smallest = min((u for u in kept if sizes[u] > 0), key=lambda u: (sizes[u], u))
            kept.remove(smallest)
            merged.append(smallest)
            persons |= members.get(smallest, set())
        merged.sort()
    return kept, merged, bool(merged) and len(persons) < n


def merged_teams_label(n: int) -> str:
    """The row (or node) that teams with fewer than ``n`` members are merged into."""
    return f"(teams smaller than {n}, merged)"


def coverage_matrix(kg, *, min_level: int = 3, max_teams: int = 40, max_items: int = 40):
    """Teams × knowledge items: members holding the item at ``min_level`` or more.

    Rows are teams, columns knowledge items; the most needed and most held
    are kept when there are more than ``max_teams`` / ``max_items``. Returns
    ``(holders, needed)``: two DataFrames of the same shape, ``needed`` holding
    the required number of holders where the team (or its department) needs
    the item, else 0.

    Teams with fewer than :attr:`kg.min_group_size <kgraph.KnowledgeGraph.min_group_size>`
    members are merged into one row, ``(teams smaller than N, merged)``, topped
    up with the smallest other teams until it holds N different persons (see
    :func:`kgraph.privacy.merge_plan`); its cells count the different persons of
    the merged teams holding the item, its needs are the merged teams' required
    holders added up. When the whole organisation has fewer than N members the
    row's figures are withheld (NaN). ``holders.attrs`` says what happened:
    ``min_group_size``, ``merged`` (team ids), ``suppressed``, ``privacy_note``
    (empty when nothing was merged).
    """
    import pandas as pd

    n_min = kg.min_group_size
    org = Org.of(kg)
    levels: dict[tuple[str, str], int] = {}
    for p, k, _, props in org.edges("KNOWS"):
        levels[(p, k)] = max(levels.get((p, k), 0), int(props.get("level") or 0))
    members: dict[str, set[str]] = {}
    for p in org.persons:
        for t in org.teams_of(p):
            members.setdefault(t, set()).add(p)
    holders: dict[tuple[str, str], int] = {}
    for (p, k), lvl in levels.items():
        if lvl >= min_level:
            for t in org.teams_of(p):
                holders[(t, k)] = holders.get((t, k), 0) + 1
    needed: dict[tuple[str, str], int] = {}
    for u, k, _, props in org.edges("NEEDS"):
        teams = [u] if u in org.teams else [t for t, d in org.team_department.items() if u in org.department_ancestors(d)]
        for t in teams:
            needed[(t, k)] = max(needed.get((t, k), 0), int(props.get("min_holders") or 2))

    all_teams = set(org.teams) | set(members) | {t for t, _ in holders} | {t for t, _ in needed}
    sizes = {t: len(members.get(t, ())) for t in all_teams}
    kept, merged, suppressed = _merge_teams(sizes, members, n_min)
    label = merged_teams_label(n_min)
    if merged:  # the merged row: the different persons of the merged teams, their needs added up
        gone = set(merged)
        persons = set().union(*(members.get(t, set()) for t in merged))
        for (p, k), lvl in levels.items():
            if lvl >= min_level and p in persons:
                holders[(label, k)] = holders.get((label, k), 0) + 1
        for (t, k), req in list(needed.items()):
            if t in gone:
                needed[(label, k)] = needed.get((label, k), 0) + req
        holders = {key: v for key, v in holders.items() if key[0] not in gone}
        needed = {key: v for key, v in needed.items() if key[0] not in gone}

    item_score: dict[str, float] = {}
    team_score: dict[str, float] = {}
    for (t, k), n in holders.items():
        item_score[k] = item_score.get(k, 0) + n
        team_score[t] = team_score.get(t, 0) + n
    for (t, k), n in needed.items():
        item_score[k] = item_score.get(k, 0) + 1000
        team_score[t] = team_score.get(t, 0) + 1000
    items = sorted(item_score, key=lambda k: (-item_score[k], k))[:max_items]
    has_merged = label in team_score
    if merged and not has_merged and not suppressed:
        team_score[label] = 0  # no holder and no need: still shown, so the row says what was merged
        has_merged = True
    teams = sorted((t for t in team_score if t != label), key=lambda t: (-team_score[t], t))[:max_teams - has_merged]
    items.sort(key=lambda k: org.name(k).lower())
    teams.sort(key=lambda t: (org.name(org.team_department.get(t, "")).lower(), org.name(t).lower()))
    if has_merged:
        teams.append(label)
    h = pd.DataFrame([[holders.get((t, k), 0) for k in items] for t in teams],
                     index=[label if t == label else org.name(t) for t in teams], columns=[org.name(k) for k in items])
    need = pd.DataFrame([[needed.get((t, k), 0) for k in items] for t in teams], index=h.index, columns=h.columns)
    if suppressed and has_merged:  # fewer than N members in all: withheld
        h = h.astype(float)
        h.loc[label] = float("nan")
        need.loc[label] = 0
    h.attrs.update(min_group_size=n_min, merged=list(merged), suppressed=suppressed,
                   privacy_note=merged_note([org.name(t) for t in merged], n_min, suppressed) if merged else "")
    return h, need


def coverage_heatmap(kg, out: str | os.PathLike, *, min_level: int = 3, max_teams: int = 40, max_items: int = 40, dpi: int = 150) -> dict[str, Any]:
    """Team × knowledge coverage heatmap as a PNG.

    Cell colour: members holding the item at ``min_level`` or more; a framed
    cell is a need of the team (or its department), red text when it has fewer
    holders than required. Teams with fewer than ``kg.min_group_size`` members
    are merged into one row (see :func:`coverage_matrix`) and the caption says so.

    Returns
    -------
    dict
        ``path``, ``teams`` (rows drawn), ``items``, ``short`` (needs not met),
        ``bytes``; ``min_group_size``, ``merged`` (ids of the teams merged into
        one row), ``suppressed`` (the merged row's figures withheld) and
        ``privacy_note`` (empty when nothing was merged).

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> from kgraph.model import Dataset
    >>> ds = Dataset(
    ...     nodes={"T1": ("Team", {"name": "Team 1"}), "P1": ("Person", {"name": "Ann"}), "K1": ("KnowledgeItem", {"name": "GIS"})},
    ...     edges={("MEMBER_OF", "P1", "T1", ""): {"role": "member"}, ("KNOWS", "P1", "K1", ""): {"level": 4},
    ...            ("NEEDS", "T1", "K1", ""): {"min_level": 3, "min_holders": 2, "criticality": 2}})
    >>> tmp = tempfile.mkdtemp()
    >>> kg = kgraph.open(os.path.join(tmp, "kg.db"), min_group_size=1)
    >>> _ = kg.store.replace(ds)
    >>> r = kgraph.coverage_heatmap(kg, os.path.join(tmp, "cov.png"))
    >>> r["teams"], r["items"], r["short"], r["merged"]
    (1, 1, 1, [])
    >>> kg.close()
    >>> kg = kgraph.open(os.path.join(tmp, "kg.db"))  # default: at least 5 persons per row
    >>> r = kgraph.coverage_heatmap(kg, os.path.join(tmp, "cov.png"))
    >>> r["merged"], r["suppressed"], r["privacy_note"]
    (['T1'], True, 'suppressed: fewer than 5 persons in all; values withheld')
    >>> kg.close()
    """
    import numpy as np

    plt = _pyplot()
    h, need = coverage_matrix(kg, min_level=min_level, max_teams=max_teams, max_items=max_items)
    if h.empty:
        raise KgraphError("no knowledge to plot", hint="fill in the tables knowledge and skills (and needs) and import again")
    priv = dict(h.attrs)
    nt, nk = h.shape
    caption = ""
    if priv.get("merged"):
        n_min = priv["min_group_size"]
        caption = (f"Minimum group size {n_min}: teams with fewer than {n_min} members are merged into one row, "
                   f"{merged_teams_label(n_min)}; {priv['privacy_note']}.")
    fig, ax = plt.subplots(figsize=(max(6.0, 1.6 + 0.42 * nk), max(3.0, 1.6 + 0.32 * nt) + (0.5 if caption else 0)))
    values = h.values.astype(float)
    vmax = max(1, int(np.nanmax(values))) if not np.isnan(values).all() else 1
    im = ax.imshow(values, cmap="Blues", vmin=0, vmax=vmax, aspect="auto")
    short = 0
    for i in range(nt):
        for j in range(nk):
            if math.isnan(values[i, j]):
                ax.text(j, i, "–", ha="center", va="center", fontsize=7, color="#777777", parse_math=False)
                continue
            v, req = int(values[i, j]), int(need.values[i, j])
            if req:
                bad = v < req
                short += bad
                ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=1.6, ec="#d7191c" if bad else "#1a1a1a"))
                ax.text(j, i, f"{v}/{req}", ha="center", va="center", fontsize=7, color="#d7191c" if bad else ("#ffffff" if v > vmax / 2 else "#111111"),
                        fontweight="bold" if bad else "normal", parse_math=False)
            elif v:
                ax.text(j, i, str(v), ha="center", va="center", fontsize=7, color="#ffffff" if v > vmax / 2 else "#333333", parse_math=False)
    ax.set_xticks(range(nk))
    ax.set_xticklabels([str(c) for c in h.columns], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(nt))
    ax.set_yticklabels([str(t) for t in h.index], fontsize=8)
    for lab in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        lab.set_parse_math(False)
    ax.set_title(f"Knowledge coverage: members at level ≥ {min_level} (framed: needed; red: short)", fontsize=11, loc="left")
    fig.colorbar(im, ax=ax, fraction=0.03, pad=0.02).set_label("holders", fontsize=8)
    if caption:
        import textwrap

        lines = textwrap.wrap(caption, width=max(60, int(14 * fig.get_figwidth())))
        fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=7.5, color="#444444", parse_math=False)
        fig.tight_layout(rect=(0, min(0.5, (0.12 + 0.14 * len(lines)) / fig.get_figheight()), 1, 1))
    else:
        fig.tight_layout()
    path = _save(fig, out, dpi)
    plt.close(fig)
    return {"path": str(path), "teams": nt, "items": nk, "short": short, "bytes": path.stat().st_size,
            "min_group_size": priv.get("min_group_size"), "merged": list(priv.get("merged", [])),
            "suppressed": bool(priv.get("suppressed")), "privacy_note": priv.get("privacy_note", ""), "caption": caption}
