"""Ideas, complaints and information needs sent on the intranet, on their way to becoming signals.

A submission is kept as a keyed record (kind ``intake``); the organisation loaded for a
date (``kg.snapshot``) counts it as a row of the ``signals`` table (``docs/FORMAT.md``):
``date, channel, issue_id, sentiment, text``, source ``intranet``, from its date on,
until an administrator dismisses it (:func:`submitted_signals`). The signal does not
say who sent it; the record keeps ``person_id`` only when the sender chose to give their
name. :func:`signal_rows` and :func:`signals_dataset` are the pure conversion, through
the import's own validator; a submission without an issue waits for an administrator
to assign one (the ``signals`` table needs an issue).

>>> items = {"k1": {"date": "2026-06-01", "channel": "idea", "issue_id": "I-WIND", "text": "Zonnepanelen <b>op</b> het dak",
...                 "sentiment": 1}}
>>> from kgraph.examples import example_dataset
>>> ds = signals_dataset(items, example_dataset())
>>> [(kind, props["text"]) for kind, props in ds.nodes.values()]
[('Signal', 'Zonnepanelen <b>op</b> het dak')]
"""

from __future__ import annotations

from typing import Any

from ..model import Dataset, model

__all__ = ["KIND", "CHANNELS", "channels", "signal_rows", "signals_dataset", "submitted_signals", "SOURCE", "MAX_TEXT"]

KIND = "intake"
#: the channels the intranet offers, where the data model has them (information_need comes with monitoring)
CHANNELS = ("idea", "complaint", "information_need")
SOURCE = "intranet"
MAX_TEXT = 4000


def channels() -> list[str]:
    """The intranet's channels that the ``signals`` table accepts."""
    allowed = set(model().tables["signals"].column("channel").values)
    return [c for c in CHANNELS if c in allowed]


def signal_rows(items: dict[str, dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """``(rows of the signals table, keys of the items that wait for an issue)``, by key."""
    rows, waiting = [], []
    for key in sorted(items):
        it = items[key]
        if not it.get("issue_id"):
            waiting.append(key)
            continue
        row = {"date": it["date"], "channel": it["channel"], "issue_id": it["issue_id"], "text": it.get("text") or ""}
        if it.get("sentiment") is not None:
            row["sentiment"] = it["sentiment"]
        if it.get("person_id"):
            row["submitted_by"] = it["person_id"]
        row["source"] = SOURCE
        rows.append(row)
    return rows, waiting


def signals_dataset(items: dict[str, dict[str, Any]], base: Dataset, *, label: str = "intranet") -> Dataset:
    """The submissions that name an issue as Signal nodes (and their ABOUT edges), validated as an
    import validates the ``signals`` table; ``base`` supplies the issues they refer to.
    Raises :class:`~kgraph.errors.ValidationError` (``intranet (signals):row:column: message``)."""
    from ..ingest import validate_input
    from ..ingest.raw import RawInput, RawTable

    rows, _waiting = signal_rows(items)
    raw = RawInput()
    issues = [(i + 2, [node_id, props.get("name") or node_id])
              for i, (node_id, (kind, props)) in enumerate(sorted(base.nodes.items())) if kind == "Issue"]
    raw.add(RawTable("issues", f"{label} (issues)", ["id", "name"], issues))
    cols = ["date", "channel", "issue_id", "sentiment", "text", "submitted_by", "source"]
    raw.add(RawTable("signals", f"{label} (signals)", cols,
                     [(i + 2, ["" if r.get(c) is None else str(r[c]) for c in cols]) for i, r in enumerate(rows)]))
    checked = validate_input(raw)
    nodes = {k: v for k, v in checked.nodes.items() if v[0] == "Signal"}
    edges = {k: v for k, v in checked.edges.items() if k[1] in nodes}
    return Dataset(nodes=nodes, edges=edges)


def submitted_signals(items: dict[str, dict[str, Any]], base: Dataset, as_of: str) -> Dataset:
    """The submissions that count as signals on ``as_of``: sent on or before it, not
    dismissed, naming an issue that ``base`` (the organisation on that date) holds; without
    who sent them. A submission the validator refuses (an issue since renamed to another
    kind, say) is left out rather than failing the whole organisation.

    >>> from kgraph.examples import example_dataset
    >>> items = {"a": {"date": "2026-06-01", "channel": "idea", "issue_id": "I-WIND", "text": "Meer zon", "person_id": "P1"},
    ...          "b": {"date": "2026-06-01", "channel": "idea", "issue_id": "I-WIND", "text": "Later", "status": "dismissed"},
    ...          "c": {"date": "2026-07-01", "channel": "complaint", "issue_id": "I-WIND", "text": "Te laat"}}
    >>> ds = submitted_signals(items, example_dataset(), "2026-06-15")
    >>> [(p["text"], p.get("submitted_by")) for _k, p in ds.nodes.values()]
    [('Meer zon', None)]
    """
    from ..errors import ValidationError

    issues = {i for i, (kind, _p) in base.nodes.items() if kind == "Issue"}
    keep = {k: {**it, "person_id": None} for k, it in items.items()
            if it.get("status") != "dismissed" and it.get("issue_id") in issues and str(it.get("date") or "")[:10] <= as_of}
    if not keep:
        return Dataset()
    try:
        return signals_dataset(keep, base)
    except ValidationError:
        out = Dataset()
        for k, it in keep.items():
            try:
                one = signals_dataset({k: it}, base)
            except ValidationError:
                continue
            out.nodes.update(one.nodes)
            out.edges.update(one.edges)
        return out
