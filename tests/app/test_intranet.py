"""The intranet's facade: colleagues, knowledge items, submissions, corrections; erasure and access
reach the records too."""

from __future__ import annotations

import pytest

import kgraph
from kgraph.app import accounts, intranet
from kgraph.errors import NotFound, OptionError

WAVE = "2025-12-31"


def test_a_colleague_shows_no_ties_and_who_left_is_not_found(tiny_kg):
    p = intranet.person_page(tiny_kg, "P02", as_of=WAVE)
    assert p["name"] and p["teams"] and p["skills"][0]["knowledge_id"]
    assert not {"ties", "betweenness", "relations"} & set(p)
    with pytest.raises(NotFound):
        intranet.person_page(tiny_kg, "T-VERG", as_of=WAVE)
    k = intranet.knowledge_page(tiny_kg, "K-OMGW", as_of=WAVE)
    assert k["narrower"] and len(k["holders"])


def test_submissions_and_corrections(tiny_kg):
    rec = intranet.submit_signal(tiny_kg, channel="idea", text="  Een idee  ", sentiment="2")
    assert rec["text"] == "Een idee" and rec["sentiment"] == 2 and rec["person_id"] is None
    for bad in ({"channel": "rumour", "text": "x"}, {"channel": "idea", "text": " "},
                {"channel": "idea", "text": "x", "sentiment": 5}):
        with pytest.raises(OptionError):
            intranet.submit_signal(tiny_kg, **bad)
    req = intranet.request_correction(tiny_kg, person_id="P01", account="anna", text="Mijn functie klopt niet")
    intranet.settle(tiny_kg, "correction", req["id"], status="done", note="aangepast in het HR-systeem")
    mine = intranet.about_me(tiny_kg, "P01")["corrections"]
    assert mine[0]["status"] == "done" and mine[0]["note"].startswith("aangepast")
    assert len(intranet.intake(tiny_kg)["signals"]) == 1


def test_forget_and_person_report_reach_the_records(tiny_kg):
    accounts.user_add(tiny_kg, "anna", role="staff", person="P01", password="a long enough password")
    links = kgraph.survey_create(tiny_kg, WAVE)
    tok = {r.person_id: r.url.rsplit("/", 1)[1] for r in links.itertuples()}
    kgraph.survey_submit(tiny_kg, tok["P01"], {"ties": [{"target_id": "P02", "kind": "advice"}]})
    kgraph.survey_submit(tiny_kg, tok["P02"], {"ties": [{"target_id": "P01", "kind": "advice"},
                                                        {"target_id": "P03", "kind": "advice"}]})
    intranet.submit_signal(tiny_kg, channel="idea", text="getekend", person_id="P01")
    report = kgraph.person_report(tiny_kg, "P01")
    assert report["records"]["accounts"][0]["name"] == "anna" and "password" not in report["records"]["accounts"][0]
    assert report["records"]["survey_answers"][0]["ties"] == [{"target_id": "P02", "kind": "advice"}]
    df = kgraph.forget(tiny_kg, "P01")
    removed = dict(zip(df["kind"], df["removed"]))
    assert removed["record: account"] == 1 and removed["record: survey answer"] == 1
    assert removed["record: survey link"] == 1 and removed["record: signed submission"] == 1
    assert removed["record: survey answer naming them"] == 1
    others = tiny_kg.store.records(f"survey.response.{WAVE}")
    assert others["P02"]["ties"] == [{"target_id": "P03", "kind": "advice"}]
    assert accounts.get_user(tiny_kg, "anna") is None


def test_a_submission_counts_as_a_signal_until_dismissed(tiny_kg, store_path, monkeypatch):
    import datetime as dt

    today = dt.date.today()

    def counted(kg, as_of=today):
        df = kgraph.monitor(kg, as_of=as_of, issue="I-WIND")
        return int(df[df["channel"] == "complaint"]["count"].sum()) if len(df) else 0

    before = counted(tiny_kg)
    rec = intranet.submit_signal(tiny_kg, channel="complaint", issue_id="I-WIND", text="Geluid van Anna de Vries",
                                 sentiment=-2, person_id="P01")
    assert counted(tiny_kg) == before + 1
    org = tiny_kg.snapshot(today)
    mine = [p for _i, (k, p) in org.ds.nodes.items() if k == "Signal" and p.get("source") == "intranet"]
    assert [p["text"] for p in mine] == ["Geluid van Anna de Vries"] and "submitted_by" not in mine[0]
    assert tiny_kg.snapshot(today - dt.timedelta(days=1)) is not org  # a date before it: not yet sent
    assert not [1 for _i, (k, p) in tiny_kg.snapshot(today - dt.timedelta(days=1)).ds.nodes.items()
                if k == "Signal" and p.get("source") == "intranet"]
    monkeypatch.setenv("KGRAPH_PSEUDONYM_KEY", "a test key of enough length for hmac")
    with kgraph.open(store_path, pseudonymize=True) as pseudo:
        texts = [p["text"] for _i, (k, p) in pseudo.snapshot(today).ds.nodes.items()
                 if k == "Signal" and p.get("source") == "intranet"]
        assert texts and "Anna de Vries" not in texts[0]
    intranet.settle(tiny_kg, "intake", rec["id"], status="dismissed")
    assert counted(tiny_kg) == before
