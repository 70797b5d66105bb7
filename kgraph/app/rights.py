"""The data subject's rights and the privacy officer's settings, beside the facade.

``forget`` (right to erasure), ``person_report`` (right of access) and
``privacy_settings``. They read the real data below the store's privacy wrappers on
purpose (:func:`kgraph.store.policy.unwrap`); see ``docs/privacy.md``.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from ..i18n import _
from ..model import Dataset
from ..store import policy
from ..store.pseudonym import PseudonymStore, Scrubber
from .handle import KnowledgeGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["forget", "person_report", "privacy_settings"]


def privacy_settings(kg: KnowledgeGraph, *, aggregate_only: bool | None = None, min_group_size: int | None = None,
                     confirm: bool = False) -> dict[str, Any]:
    """Show, and optionally change, the store's privacy settings.

    Turning aggregate-only mode off shows person-level data again, so it needs
    ``confirm=True`` (``--yes``). Returns the settings after the change:
    ``aggregate_only``, ``min_group_size`` and ``pseudonym_key`` (whether
    ``KGRAPH_PSEUDONYM_KEY`` is set here; never the key).
    """
    if aggregate_only is None and min_group_size is None:
        return policy.settings(kg.store)
    out = policy.update_settings(kg.store, aggregate_only=aggregate_only, min_group_size=min_group_size, confirm=confirm)
    kg.changed()
    return out


#: node kinds that go as a whole when a text of theirs names the person forgotten: a signal,
#: an interaction (its summary or follow-up); an interaction the person held stays, without them
_DROPPED_WHEN_NAMING = ("Signal", "Interaction")


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
    and every interaction whose text names them (their id, name or e-mail), and
    blanks every other property that names them (an interaction they held stays
    in the log, without them: the organisation's record of its contact with the
    actor; its id is not derived from the person), in one all-or-nothing write; then the backend's
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

    view = policy.unwrap(kg.store)
    public = view.resolve(person, partial=False)  # rights: never a guess
    real = view.real_id(public) if isinstance(view, PseudonymStore) else public
    base = policy.unwrap(kg.store, keep_pseudonyms=False)
    ds = base.read_dataset()
    props = ds.nodes[real][1]
    scrub = _mention_scrubber(real, props)

    drop_nodes = {real}
    for node_id, (kind, p) in ds.nodes.items():
        if kind in _DROPPED_WHEN_NAMING and any(scrub.mentions(t) for _k, t in _texts(p)):
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
    from .intranet import forget_records

    removed.update(forget_records(base, real))  # accounts, survey links and answers, requests
    if blanked:
        removed["property"] = blanked
    base.compact()  # no copy survives in free pages
    kg.changed()
    rows = [{"kind": k, "removed": n} for k, n in sorted(removed.items(), key=lambda kv: (kv[0] == "property", kv[0]))]
    return pd.DataFrame(rows, columns=["kind", "removed"])


def person_report(kg, person: str) -> dict[str, Any]:
    """Everything the store holds about one person, as JSON-ready data (right of access).

    The person's properties, every relation in and out (with the other end's id,
    kind and name), their responsibilities and contacts, the interactions with
    external actors they held (the log), every text elsewhere in
    the store that names them, and the privacy settings that apply. Works in
    aggregate-only mode; with ``--pseudonymize`` the report is pseudonymised too.

    Note that the report shows colleagues' names where they are the other end of
    a relation: consider their rights (GDPR art. 15(4)) before handing it over.
    """
    view = policy.unwrap(kg.store)
    public = view.resolve(person, partial=False)  # rights: never a guess
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
    from .intranet import records_about

    pseudonymised = isinstance(view, PseudonymStore)
    records = records_about(policy.unwrap(kg.store, keep_pseudonyms=False), view.real_id(public)) if pseudonymised \
        else records_about(view, public)
    if pseudonymised:  # the records hold real ids: show how many, not what
        records = {k: len(v) for k, v in records.items()}
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
        "interactions": _held(ds, public, name),
        "mentions": mentions,
        "records": records,
        "settings": settings,
        "notes": [
            _("kgraph stores only what was imported; analyses (rankings, risks, scores) are computed on request and "
              "not stored."),
            _("to correct or remove this data, change the source files and import again, or run `kgraph forget`."),
        ],
    }


def _held(ds: Dataset, person: str, name) -> list[dict[str, Any]]:
    """The interactions ``person`` held, oldest first, with the actor and issue named."""
    ends: dict[str, dict[str, str]] = {}
    for (rel, s, t, _k) in ds.edges:
        if rel in ("HELD_BY", "HELD_WITH", "ABOUT"):
            ends.setdefault(s, {})[rel] = t
    out = []
    for node_id, (kind, p) in ds.nodes.items():
        e = ends.get(node_id, {})
        if kind == "Interaction" and e.get("HELD_BY") == person:
            actor, issue = e.get("HELD_WITH"), e.get("ABOUT")
            out.append({"interaction_id": node_id, "actor_id": actor, "actor": name(actor) if actor else None,
                        "issue_id": issue, "issue": name(issue) if issue else None, **p})
    return sorted(out, key=lambda x: (str(x.get("date") or ""), x["interaction_id"]))
