"""The survey as the library, the command line and the intranet call it: ``kgraph.survey_create(kg, ...)``.

``survey_create`` opens a wave and makes one personal link per present person;
``survey_form`` / ``survey_submit`` serve the form at ``/s/<token>`` and its JSON
route; ``survey_status`` gives the response rate per team or department (small groups
merged); ``survey_close`` and ``survey_import`` turn answers into ties, skills and
needs dated to the wave (see :mod:`kgraph.survey`).

Waves, tokens and answers are keyed records of the store, written below the privacy
wrappers (:func:`kgraph.store.policy.unwrap`): they are not the organisation's data,
and a respondent's own answers are never shown to anyone else.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import KgraphError, OptionError
from ..i18n import _
from ..model import Dataset
from ..store import policy
from ..survey import waves as W
from ..survey.answers import check_answers
from ..survey.convert import merge, survey_rows, validate_rows
from ..survey.form import form_data
from ..survey.status import response_status

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .handle import KnowledgeGraph

__all__ = ["survey_create", "survey_status", "survey_close", "survey_import", "survey_form", "survey_submit",
           "survey_waves", "base_url", "DEFAULT_BASE_URL"]

DEFAULT_BASE_URL = "http://127.0.0.1:8765"
LINK_COLUMNS = ["person_id", "name", "email", "url"]


def _base(kg: KnowledgeGraph):
    return policy.unwrap(kg.store, keep_pseudonyms=False)


def _org(kg: KnowledgeGraph, wave: str):
    """The organisation on the wave's date, with real ids (answers name real persons)."""
    from ..org import Org

    base = _base(kg)
    if kg.store is base:
        return kg.snapshot(wave)  # the handle's own (kept) snapshot
    return Org.from_dataset(base.read_dataset(as_of=W.parse_as_of(wave)), as_of=wave)


def base_url(url: str | None = None) -> str:
    """Where the links of a wave point: ``url``, else ``$KGRAPH_BASE_URL``, else the local server."""
    url = (url or os.environ.get("KGRAPH_BASE_URL") or DEFAULT_BASE_URL).strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise OptionError(_("{url!r} is not a web address").format(url=url),
                          hint=_("give the address staff open kgraph at, e.g. https://kgraph.intranet.example"))
    return url


def survey_create(kg: KnowledgeGraph, wave: str, *, questions: str | list[str] | None = None, url: str | None = None,
                  persons: list[str] | None = None, reissue: bool = False) -> pd.DataFrame:
    """Open the survey wave ``wave`` (a date) and make a personal link per present person.

    Parameters
    ----------
    kg : KnowledgeGraph
        The store.
    wave : str
        The wave's date: who is present then is invited, and the answers describe it.
    questions : str or list, optional
        ``ties``, ``skills``, ``needs`` (default all three); fixed when the wave opens.
    url : str, optional
        The intranet's address (default ``$KGRAPH_BASE_URL``, else the local server).
    persons : list of str, optional
        Only these persons (ids or names), e.g. to send a lost link again.
    reissue : bool
        Give persons who already have a link a new one (the old one stops working).

    Returns
    -------
    pandas.DataFrame
        ``person_id, name, email, url``: one row per link made now, for a mail merge.
        Each token is shown here only: the store keeps its hash.
    """
    import pandas as pd

    base = _base(kg)
    key = W.wave_key(wave)
    org = _org(kg, key)
    old = base.get_record(W.WAVE, key)
    if old is not None and old.get("status") != "open":
        raise OptionError(_("survey wave {wave} is closed").format(wave=key), hint=_("open a wave with another date"))
    asked = W.parse_questions(questions) if old is None else old["questions"]
    if old is not None and questions is not None and W.parse_questions(questions) != asked:
        raise OptionError(_("survey wave {wave} asks {asked}; its questions cannot change").format(
            wave=key, asked=", ".join(asked)))
    if persons:
        wanted = [org.resolve(p, ("Person",)) for p in persons]
        absent = [p for p in wanted if p not in org.present]
        if absent:
            raise OptionError(_("{n} of the persons given are not present on {wave}").format(n=len(absent), wave=key))
    else:
        wanted = sorted(org.present)
    if not wanted:
        raise KgraphError(_("nobody is present on {wave}").format(wave=key), hint=_("import your data first"))
    rec = old or {"wave": key, "questions": asked, "status": "open", "created": W.now()}
    issued = W.issue_tokens(base, rec, wanted, reissue=reissue or bool(persons))
    root = base_url(url)
    rows = [{"person_id": p, "name": org.name(p), "email": org.persons[p].get("email") or None,
             "url": f"{root}/s/{tok}"} for p, tok in sorted(issued.items())]
    df = pd.DataFrame(rows, columns=LINK_COLUMNS)
    df.attrs.update(wave=key, questions=asked, invited=len(W.tokens_of(base, key)))
    return df


def survey_waves(kg: KnowledgeGraph) -> pd.DataFrame:
    """Every wave: ``wave, questions, status, invited, responded, created, closed``."""
    import pandas as pd

    base = _base(kg)
    rows = []
    for w in W.waves(base):
        rows.append({"wave": w["wave"], "questions": list(w["questions"]), "status": w["status"],
                     "invited": len(W.tokens_of(base, w["wave"])), "responded": len(W.responses(base, w["wave"])),
                     "created": w.get("created"), "closed": w.get("closed")})
    return pd.DataFrame(rows, columns=["wave", "questions", "status", "invited", "responded", "created", "closed"])


def survey_status(kg: KnowledgeGraph, *, wave: str | None = None, by: str = "team") -> pd.DataFrame:
    """The response rate of ``wave`` (default the latest) per home team or department.

    Units with fewer invited persons than the store's minimum group size are merged;
    the last row is everyone. Columns ``unit_id, unit, invited, responded,
    response_rate, privacy_note``; ``attrs`` holds ``wave``, ``status``, ``min_group_size``.
    """
    base = _base(kg)
    if wave is None:
        all_waves = W.waves(base)
        if not all_waves:
            raise KgraphError(_("no survey wave yet"), hint=_("open one: kgraph survey create --wave DATE -o links.csv"))
        rec = all_waves[-1]
    else:
        rec = W.get_wave(base, wave)
    key = rec["wave"]
    invited = sorted({t["person_id"] for t in W.tokens_of(base, key).values()})
    responded = set(W.responses(base, key))
    n = kg.min_group_size
    df = response_status(_org(kg, key), invited, responded, by=by, min_group_size=n)
    df.attrs.update(wave=key, status=rec["status"], min_group_size=n)
    return df


def _write(kg: KnowledgeGraph, dataset, *, as_of: str, source: str):
    """Write a new state of the organisation: a dated version of ``source`` where the store
    keeps history (``kgraph.import_dataset``), else the store's plain replace."""
    import kgraph

    if "import_dataset" in kgraph._LAZY:
        report = kgraph.import_dataset(kg, dataset, as_of=as_of, source=source)
    else:
        report = _base(kg).replace(dataset)
    kg.changed()
    return report


def _apply(kg: KnowledgeGraph, key: str, responses: dict[str, Any], *, dry_run: bool, label: str | None = None):
    from ..store.base import diff_datasets, encode_props

    org = _org(kg, key)
    rows = survey_rows(responses, wave=key, org=org)
    checked = validate_rows(rows, org.ds, wave=key, label=label)
    new = merge(org.ds, checked, rows)
    if dry_run:
        old_n = {i: (k, encode_props(p)) for i, (k, p) in org.ds.nodes.items()}
        old_e = {k: encode_props(p) for k, p in org.ds.edges.items()}
        report = diff_datasets(old_n, old_e, new).report
    else:
        report = _write(kg, _survey_own(kg, key, org.ds, checked, new), as_of=key, source="survey")
    return rows, report


def _survey_own(kg: KnowledgeGraph, key: str, before: Dataset, answers: Dataset, after: Dataset) -> Dataset:
    """What source ``survey`` holds from the wave on: this wave's answers and the survey's
    earlier rows as the merge left them (a respondent's earlier survey ties of the kinds asked
    go), and every other edge the merge changed. The survey keeps its data beside the imported
    tables (a version replaces only its own source's data): a respondent's tie from an import
    stays until an import drops it (store-history)."""
    keep = set(_base(kg).read_dataset(as_of=key, source="survey").edges) | set(answers.edges)
    return Dataset(edges={k: v for k, v in after.edges.items() if k in keep or before.edges.get(k) != v})


def _changes(report, rows, key: str, respondents: int, dry_run: bool) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame([r for r in report.rows() if r["added"] or r["changed"] or r["removed"]],
                      columns=["kind", "added", "changed", "removed", "total"])
    df.attrs.update(wave=key, respondents=respondents, dry_run=dry_run, notes=list(rows.notes),
                    summary=report.summary(), answers=rows.counts())
    return df


def survey_close(kg: KnowledgeGraph, wave: str, *, dry_run: bool = False) -> pd.DataFrame:
    """Close ``wave`` and turn its answers into ties, skills and needs dated to it.

    The wave first stops taking answers (status ``closing``: its links answer 410 Gone, so
    no answer arrives between the reading of the answers and the close, to be kept but
    never turned into ties); then the answers become rows of the input format and pass the
    import's validation (nothing is written when any row fails, and the wave is open again);
    then the wave is closed. A wave left ``closing`` (the process was stopped meanwhile) is
    closed by running this again. With ``dry_run`` nothing changes and the result says what
    would.

    Returns
    -------
    pandas.DataFrame
        What changed per relation: ``kind, added, changed, removed, total``; ``attrs``
        holds ``wave``, ``respondents``, ``answers`` (counts), ``notes``, ``summary``.
    """
    base = _base(kg)
    rec = W.get_wave(base, wave)
    key = rec["wave"]
    if rec["status"] not in ("open", W.CLOSING):
        raise OptionError(_("survey wave {wave} is already closed").format(wave=key))
    if dry_run:
        responses = W.responses(base, key)
        rows, report = _apply(kg, key, responses, dry_run=True)
        return _changes(report, rows, key, len(responses), True)
    W.set_status(base, key, W.CLOSING)  # no answer from here on: each one kept is turned into ties
    try:
        responses = W.responses(base, key)
        rows, report = _apply(kg, key, responses, dry_run=False)
    except BaseException:
        if rec["status"] == "open":
            W.set_status(base, key, "open")  # nothing was written: the wave takes answers again
        raise
    W.set_status(base, key, "closed", closed=W.now(), respondents=len(responses), written=report.summary())
    return _changes(report, rows, key, len(responses), False)


def survey_import(kg: KnowledgeGraph, path: str | os.PathLike, *, wave: str, dry_run: bool = False) -> pd.DataFrame:
    """Turn the answers of another survey tool (long format, see :mod:`kgraph.survey.longformat`)
    into ties, skills and needs dated to ``wave``, as :func:`survey_close` does.

    The answers are checked by the same rules as the form's; every problem is reported
    as ``file:row:column``. The wave is recorded as closed, with source ``import``.
    """
    from ..errors import InputError
    from ..ingest import files
    from ..ingest.csvfile import parse_csv
    from ..survey.longformat import responses_from_rows

    key = W.wave_key(wave)
    base = _base(kg)
    old = base.get_record(W.WAVE, key)
    if old is not None and old.get("status") in ("open", W.CLOSING):
        raise OptionError(_("survey wave {wave} is open on the intranet").format(wave=key),
                          hint=_("close it first, or import the other tool's answers under another date"))
    path = Path(path)
    try:
        header, rows, _spans = parse_csv(files.read_bytes(path))
    except files.Unreadable as exc:
        raise InputError(f"{path.name}:{exc.row}:{exc.column}: {exc.message}") from None
    org = _org(kg, key)
    responses = responses_from_rows(header, rows, org=org, label=path.name)
    for pid, answers in responses.items():
        check_answers(answers, org=org, respondent=pid, questions=list(W.QUESTIONS))
    out_rows, report = _apply(kg, key, responses, dry_run=dry_run, label=path.name)
    if not dry_run:
        base.put_record(W.WAVE, key, {"wave": key, "questions": list(W.QUESTIONS), "status": "closed",
                                      "created": W.now(), "closed": W.now(), "source": "import",
                                      "respondents": len(responses), "written": report.summary()})
    return _changes(report, out_rows, key, len(responses), dry_run)


def survey_form(kg: KnowledgeGraph, token: str, *, answers: dict[str, Any] | None = None, people_query: str = "",
                item_query: str = "", listed_items: list[str] = ()) -> dict[str, Any]:
    """What the form at ``/s/<token>`` shows (see :func:`kgraph.survey.form.form_data`).

    Without ``answers`` the respondent's stored answers are shown (``submitted`` says
    when they were given). NotFound for an unknown link, WaveClosed for a closed wave.
    """
    base = _base(kg)
    rec, pid = W.lookup_token(base, token)
    stored = base.get_record(W.response_kind(rec["wave"]), pid)
    data = form_data(_org(kg, rec["wave"]), wave=rec, person_id=pid, answers=answers if answers is not None else stored,
                     people_query=people_query, item_query=item_query, listed_items=listed_items)
    data["submitted"] = (stored or {}).get("submitted")
    return data


def survey_submit(kg: KnowledgeGraph, token: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Check and keep a respondent's answers (a second submission replaces the first).

    Returns ``wave``, ``submitted``, ``revision`` and the counts of ``ties``, ``skills``,
    ``needs`` kept. AnswerError lists every problem; NotFound / WaveClosed as for the form.
    """
    base = _base(kg)
    rec, pid = W.lookup_token(base, token)
    checked = check_answers(answers, org=_org(kg, rec["wave"]), respondent=pid, questions=list(rec["questions"]))
    saved = W.save_response(base, rec["wave"], pid, checked)
    return {"wave": rec["wave"], "submitted": saved["submitted"], "revision": saved["revision"],
            **{q: len(checked[q]) for q in W.QUESTIONS}}
