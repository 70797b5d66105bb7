"""Privacy by design: the store's privacy settings, small-group suppression,
and the data subject's rights (``forget``, ``person_report``).

Settings live in the store (``privacy.aggregate_only``, ``privacy.min_group_size``)
so that a privacy officer sets them once for everyone who opens it; see
``docs/privacy.md`` for what each mode guarantees and what it does not.
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import TYPE_CHECKING, Any

from .errors import KgraphError, PrivacyError
from .model import Dataset
from .store.base import Store
from .store.guard import AggregateOnlyStore
from .store.pseudonym import KEY_ENV, PseudonymStore, Scrubber, load_key

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "AGGREGATE_ONLY", "MIN_GROUP_SIZE", "DEFAULT_MIN_GROUP_SIZE", "MERGED",
    "protect", "min_group_size", "is_aggregate_only", "privacy_settings",
    "merge_plan", "suppress_small_groups", "forget", "person_report",
]

#: store setting keys
AGGREGATE_ONLY = "privacy.aggregate_only"
MIN_GROUP_SIZE = "privacy.min_group_size"
DEFAULT_MIN_GROUP_SIZE = 5
#: the unit id of the row small groups are merged into
MERGED = "(merged)"


# -- the store's settings and the wrappers they imply ---------------------------


def _unguard(store: Store) -> Store:
    """``store`` without the aggregate-only guard (pseudonymisation stays)."""
    return store.inner if isinstance(store, AggregateOnlyStore) else store


def _base(store: Store) -> Store:
    """The store holding real data, below every privacy wrapper."""
    while isinstance(store, (AggregateOnlyStore, PseudonymStore)):
        store = store.inner
    return store


def is_aggregate_only(store: Store) -> bool:
    """Whether the store's aggregate-only mode is on."""
    return bool(store.get_setting(AGGREGATE_ONLY, False))


def _check_size(n: Any) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise KgraphError(f"the minimum group size must be a whole number of at least 1, not {n!r}")
    return n


def _resolve_size(store: Store, override: int | None) -> int:
    stored = _check_size(store.get_setting(MIN_GROUP_SIZE, DEFAULT_MIN_GROUP_SIZE))
    if override is None:
        return stored
    override = _check_size(override)
    if override < stored and is_aggregate_only(store):
        raise PrivacyError(
            f"this store is in aggregate-only mode with a minimum group size of {stored}: {override} is refused",
            hint=f"use --min-group-size {stored} or more",
        )
    return override


def min_group_size(kg, override: int | None = None) -> int:
    """The smallest group an aggregate may describe.

    ``override`` (or the ``--min-group-size`` the handle was opened with), else
    the store's ``privacy.min_group_size``, else 5. In aggregate-only mode an
    override below the store's value raises :class:`~kgraph.errors.PrivacyError`.
    """
    if override is None:
        override = getattr(kg, "_min_group_size", None)
    return _resolve_size(kg.store, override)


def protect(store: Store, *, pseudonymize: bool = False, min_group_size: int | None = None) -> Store:
    """``store`` wrapped as its privacy settings and the caller's options require.

    Pseudonymisation (key from ``KGRAPH_PSEUDONYM_KEY``) wraps first; the
    aggregate-only guard wraps outermost. :func:`kgraph.open` calls this.
    """
    n = _resolve_size(store, min_group_size)
    if pseudonymize and not isinstance(_unguard(store), PseudonymStore):
        if isinstance(store, AggregateOnlyStore):
            store = store.inner
        store = PseudonymStore(store, load_key(), min_share=n)
    if is_aggregate_only(store) and not isinstance(store, AggregateOnlyStore):
        store = AggregateOnlyStore(store)
    return store


def privacy_settings(kg, *, aggregate_only: bool | None = None, min_group_size: int | None = None,
                     confirm: bool = False) -> dict[str, Any]:
    """Show, and optionally change, the store's privacy settings.

    Turning aggregate-only mode off shows person-level data again, so it needs
    ``confirm=True`` (``--yes``). Returns the settings after the change:
    ``aggregate_only``, ``min_group_size`` and ``pseudonym_key`` (whether
    ``KGRAPH_PSEUDONYM_KEY`` is set here; never the key).
    """
    base = _base(kg.store)
    if min_group_size is not None:
        base.set_setting(MIN_GROUP_SIZE, _check_size(min_group_size))
    if aggregate_only is not None:
        if not aggregate_only and is_aggregate_only(base) and not confirm:
            raise PrivacyError("turning aggregate-only mode off makes person-level output possible again",
                               hint="confirm with --yes (and record why in your processing register)")
        base.set_setting(AGGREGATE_ONLY, bool(aggregate_only))
    return {
        "aggregate_only": is_aggregate_only(base),
        "min_group_size": _resolve_size(base, None),
        "pseudonym_key": "set" if os.environ.get(KEY_ENV) else "not set",
    }


# -- small groups ----------------------------------------------------------------


def merge_plan(sizes: dict[str, int], n: int) -> tuple[list[str], list[str], bool]:
    """Which units keep their own row and which are merged into one.

    Every unit with 1 to ``n - 1`` persons is merged; while the merged group is
    still smaller than ``n``, the smallest remaining unit joins it. When even the
    whole organisation is smaller than ``n``, the merged row is suppressed. Units
    without persons keep their row: they describe nobody.

    Returns ``(kept, merged, suppressed)``.

    >>> merge_plan({"A": 10, "B": 2, "C": 3, "D": 7, "E": 0}, 5)
    (['A', 'D', 'E'], ['B', 'C'], False)
    >>> merge_plan({"A": 10, "B": 2, "D": 7}, 5)
    (['A'], ['B', 'D'], False)
    >>> merge_plan({"A": 3}, 5)
    ([], ['A'], True)
    """
    merged = sorted(u for u, s in sizes.items() if 0 < s < n)
    kept = sorted(u for u, s in sizes.items() if s >= n or s <= 0)
    total = sum(sizes[u] for u in merged)
    if merged:
        while total < n and any(sizes[u] > 0 for u in kept):
            smallest = min((u for u in kept if sizes[u] > 0), key=lambda u: (sizes[u], u))
            kept.remove(smallest)
            merged.append(smallest)
            total += sizes[smallest]
        merged.sort()
    return kept, merged, bool(merged) and total < n


def merged_label(n: int) -> str:
    return f"(groups smaller than {n}, merged)"


def merged_note(merged: list[str], n: int, suppressed: bool) -> str:
    if suppressed:
        return f"suppressed: fewer than {n} persons in all; values withheld"
    return f"merged {len(merged)} group{'s' if len(merged) != 1 else ''} to reach at least {n} persons: {', '.join(merged)}"


def suppress_small_groups(df: pd.DataFrame, *, unit_col: str, size_col: str, n: int, how: str = "merge",
                          sum_cols: list[str] | None = None, mean_cols: list[str] = ()) -> pd.DataFrame:
    """Rows for groups of fewer than ``n`` persons merged (or suppressed), saying so.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per group.
    unit_col, size_col : str
        The column naming the group and the one holding its number of persons.
    n : int
        The minimum group size (:func:`min_group_size`).
    how : {"merge", "suppress"}
        ``merge`` (default): small groups (topped up with the smallest others until
        the merged group has ``n`` persons, see :func:`merge_plan`) become one row;
        ``sum_cols`` are summed, ``mean_cols`` averaged weighted by size, other
        columns left empty. ``suppress``: small groups keep their row, with every
        figure withheld.
    sum_cols : list of str, optional
        Default: every numeric column except ``size_col`` and ``mean_cols``.
    mean_cols : list of str
        Averages (weighted by ``size_col`` when merged).

    Returns
    -------
    pandas.DataFrame
        The kept rows in their order, then the merged row; a ``privacy_note``
        column says what was merged or suppressed (empty for kept rows).

    Notes
    -----
    A figure that is not a sum or an average over persons (a count of distinct
    items, say) cannot be merged from rows: compute it on the merged group
    instead, as :func:`kgraph.aggregates` does, using :func:`merge_plan`.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"team": ["A", "B", "C"], "persons": [9, 2, 4], "leavers": [1, 1, 0]})
    >>> suppress_small_groups(df, unit_col="team", size_col="persons", n=5)[["team", "persons", "leavers"]]
                               team  persons  leavers
    0                             A        9        1
    1  (groups smaller than 5, merged)        6        1
    """
    import pandas as pd

    if how not in ("merge", "suppress"):
        raise KgraphError(f"how must be 'merge' or 'suppress', not {how!r}")
    out = df.copy()
    sizes = {str(u): int(s) if pd.notna(s) else 0 for u, s in zip(out[unit_col], out[size_col])}
    figures = [c for c in out.columns if c not in (unit_col, size_col)]
    if sum_cols is None:
        sum_cols = [c for c in figures if c not in mean_cols and pd.api.types.is_numeric_dtype(out[c])
                    and not pd.api.types.is_bool_dtype(out[c])]
    if how == "suppress":
        small = out[size_col].fillna(0) < n
        out = out.astype({c: object for c in (size_col, *figures)})
        out.loc[small, [size_col, *figures]] = None
        out["privacy_note"] = [f"suppressed: fewer than {n} persons" if s else "" for s in small]
        return out.reset_index(drop=True)
    kept, merged, suppressed = merge_plan(sizes, n)
    keep_mask = out[unit_col].astype(str).isin(kept)
    rows = out[keep_mask].copy()
    rows["privacy_note"] = ""
    if merged:
        part = out[~keep_mask]
        total = int(part[size_col].fillna(0).sum())
        row: dict[str, Any] = {c: None for c in out.columns}
        row[unit_col] = merged_label(n)
        if not suppressed:
            row[size_col] = total
            for c in sum_cols:
                row[c] = part[c].sum()
            for c in mean_cols:
                w = part[size_col].fillna(0)
                row[c] = float((part[c] * w).sum() / w.sum()) if w.sum() else None
        row["privacy_note"] = merged_note(merged, n, suppressed)
        rows = pd.concat([rows.astype(object), pd.DataFrame([row]).astype(object)], ignore_index=True)
    return rows.reset_index(drop=True)


# -- the data subject's rights ---------------------------------------------------




def _mention_scrubber(person_id: str, props: dict[str, Any]) -> Scrubber:
    plain = {str(props[f]).strip(): "" for f in ("name", "email") if str(props.get(f) or "").strip()}
    return Scrubber(plain, {person_id: ""}, whole_words=True)


def _texts(props: dict[str, Any]):
    """(property, text) for every text value, also inside lists."""
    for k, v in props.items():
        for x in v if isinstance(v, list) else [v]:
            if isinstance(x, str):
                yield k, x


def forget(kg, person: str) -> pd.DataFrame:
    """Remove a person and every trace of them from the store (right to erasure).

    Removes the person's node and every relation to or from it, every signal
    whose text names them (their id, name or e-mail), and blanks every other
    property that names them, in one all-or-nothing write; then the backend's
    own :meth:`~kgraph.store.Store.forget` runs, and an embedded store is
    vacuumed, so the file keeps no copy in free pages. Works in aggregate-only
    mode. Remove the person from the source files too, or the next import brings
    them back.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (node kind, relation type, or ``property``), ``removed``
        (nodes / relations removed, properties blanked), one row per kind.
    """
    import pandas as pd

    view = _unguard(kg.store)
    public = view.resolve(person)
    real = view.real_id(public) if isinstance(view, PseudonymStore) else public
    base = _base(kg.store)
    ds = base.read_dataset()
    props = ds.nodes[real][1]
    scrub = _mention_scrubber(real, props)

    drop_nodes = {real}
    for node_id, (kind, p) in ds.nodes.items():
        if kind == "Signal" and any(scrub.mentions(t) for _, t in _texts(p)):
            drop_nodes.add(node_id)
    blanked = 0
    new = Dataset()
    for node_id, (kind, p) in ds.nodes.items():
        if node_id in drop_nodes:
            continue
        named = {k for k, t in _texts(p) if scrub.mentions(t)}
        blanked += len(named)
        new.nodes[node_id] = (kind, {k: v for k, v in p.items() if k not in named})
    for (rel, s, t, key), p in ds.edges.items():
        if s in drop_nodes or t in drop_nodes or scrub.mentions(key):
            continue
        named = {k for k, x in _texts(p) if scrub.mentions(x)}
        blanked += len(named)
        new.edges[(rel, s, t, key)] = {k: v for k, v in p.items() if k not in named}

    report = base.replace(new)
    removed = dict(report.removed)
    for kind, n in base.forget(real).items():  # the backend's own traces (a no-op where none are left)
        removed[kind] = removed.get(kind, 0) + n
    if blanked:
        removed["property"] = blanked
    if base.backend == "embedded" and hasattr(base, "db"):
        base.db.execute("VACUUM")  # rebuild the file: no deleted page survives
    kg._dataset = None
    kg._org = None
    if isinstance(view, PseudonymStore):
        view.refresh()
    rows = [{"kind": k, "removed": n} for k, n in sorted(removed.items(), key=lambda kv: (kv[0] == "property", kv[0]))]
    return pd.DataFrame(rows, columns=["kind", "removed"])


def person_report(kg, person: str) -> dict[str, Any]:
    """Everything the store holds about one person, as JSON-ready data (right of access).

    The person's properties, every relation in and out (with the other end's id,
    kind and name), their responsibilities and contacts, every text elsewhere in
    the store that names them, and the privacy settings that apply. Works in
    aggregate-only mode; with ``--pseudonymize`` the report is pseudonymised too.

    Note that the report shows colleagues' names where they are the other end of
    a relation: consider their rights (GDPR art. 15(4)) before handing it over.
    """
    view = _unguard(kg.store)
    public = view.resolve(person)
    ds = view.read_dataset()
    kind, props = ds.nodes[public]

    def name(node_id: str) -> str | None:
        node = ds.nodes.get(node_id)
        return node[1].get("name") if node else None

    relations = []
    for (rel, s, t, key), p in ds.edges.items():
        if public not in (s, t):
            continue
        other = t if s == public else s
        relations.append({
            "relation": rel, "direction": "out" if s == public else "in", "other_id": other,
            "other_kind": ds.nodes[other][0] if other in ds.nodes else None, "other_name": name(other),
            "key": key, "properties": p,
        })
    scrub = _mention_scrubber(public, props)
    mentions = []
    for node_id, (k, p) in ds.nodes.items():
        if node_id != public:
            mentions += [{"node_id": node_id, "kind": k, "property": f, "text": t}
                         for f, t in _texts(p) if scrub.mentions(t)]
    for (rel, s, t, key), p in ds.edges.items():
        mentions += [{"relation": rel, "source_id": s, "target_id": t, "key": key, "property": f, "text": x}
                     for f, x in _texts(p) if scrub.mentions(x)]
    settings = privacy_settings(kg)
    settings.pop("pseudonym_key")
    return {
        "person_id": public,
        "kind": kind,
        "generated_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "store": {"backend": view.backend, "location": view.location},
        "pseudonymised": isinstance(view, PseudonymStore),
        "properties": props,
        "relations": relations,
        "responsibilities": [{"subject_id": r["other_id"], "subject_kind": r["other_kind"], "subject": r["other_name"]}
                             for r in relations if r["relation"] == "RESPONSIBLE_FOR"],
        "contacts": [{"actor_id": r["other_id"], "actor": r["other_name"], **r["properties"]}
                     for r in relations if r["relation"] == "CONTACT"],
        "mentions": mentions,
        "settings": settings,
        "notes": [
            "kgraph stores only what was imported; analyses (rankings, risks, scores) are computed on request and not stored.",
            "to correct or remove this data, change the source files and import again, or run `kgraph forget`.",
        ],
    }
