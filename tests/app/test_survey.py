"""The survey through the facade: open a wave, answer, response rates, close, import a long file."""

from __future__ import annotations

import csv

import pytest

import kgraph
from kgraph.errors import OptionError, ValidationError
from kgraph.survey.answers import AnswerError
from kgraph.survey.waves import WaveClosed

WAVE = "2025-12-31"


def _token(url: str) -> str:
    return url.rsplit("/", 1)[1]


def test_a_wave_from_links_to_ties(tiny_kg, monkeypatch):
    monkeypatch.setenv("KGRAPH_BASE_URL", "https://kgraph.intranet.example/")
    links = kgraph.survey_create(tiny_kg, WAVE, questions="ties,skills")
    assert list(links.columns) == ["person_id", "name", "email", "url"]
    present = tiny_kg.snapshot(WAVE).present
    assert set(links["person_id"]) == set(present) and links.attrs["invited"] == len(present)
    assert links["url"].str.startswith("https://kgraph.intranet.example/s/").all()
    assert kgraph.survey_create(tiny_kg, WAVE).empty  # nobody new
    with pytest.raises(OptionError, match="cannot change"):
        kgraph.survey_create(tiny_kg, WAVE, questions="ties")
    tok = {r.person_id: _token(r.url) for r in links.itertuples()}
    form = kgraph.survey_form(tiny_kg, tok["P01"])
    assert form["questions"] == ["ties", "skills"] and form["submitted"] is None
    kgraph.survey_submit(tiny_kg, tok["P01"], {"ties": [{"target_id": "P02", "kind": "advice"}],
                                               "skills": [{"knowledge_id": "K-OMGW", "level": 4}]})
    with pytest.raises(AnswerError):
        kgraph.survey_submit(tiny_kg, tok["P02"], {"needs": [{"knowledge_id": "K-OMGW"}]})  # not asked
    status = kgraph.survey_status(tiny_kg, by="department")
    assert status.iloc[-1]["responded"] == 1 and status.attrs["wave"] == WAVE
    dry = kgraph.survey_close(tiny_kg, WAVE, dry_run=True)
    assert dry.attrs["dry_run"] and kgraph.survey_form(tiny_kg, tok["P01"])  # still open
    done = kgraph.survey_close(tiny_kg, WAVE)
    assert done.attrs["respondents"] == 1 and "added" in done.attrs["summary"]
    assert ("P01", "P02", "advice", {"kind": "advice", "weight": 1}) in tiny_kg.store.edges("WORKS_WITH", sources=["P01"])
    assert tiny_kg.store.edges("KNOWS", sources=["P01"])[0][3]["confirmed"] == WAVE
    with pytest.raises(WaveClosed):
        kgraph.survey_submit(tiny_kg, tok["P02"], {})
    with pytest.raises(OptionError, match="already closed"):
        kgraph.survey_close(tiny_kg, WAVE)
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["closed"]


def test_import_a_long_file(tiny_kg, tmp_path):
    path = tmp_path / "antwoorden.csv"
    path.write_text("respondent_id;vraag;antwoord\nP03;advies;Anna de Vries\nP03;kennis:K-DSO;5\nP03;behoefte;K-OMGW\n",
                    encoding="utf-8")
    df = kgraph.survey_import(tiny_kg, path, wave=WAVE)
    assert df.attrs["respondents"] == 1 and set(df["kind"]) >= {"WORKS_WITH", "KNOWS"}
    assert kgraph.survey_waves(tiny_kg).iloc[0]["status"] == "closed"
    bad = tmp_path / "bad.csv"
    with bad.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["respondent_id", "question", "answer"], ["P03", "advice", "P99"]])
    with pytest.raises(ValidationError) as err:
        kgraph.survey_import(tiny_kg, bad, wave="2026-01-01")
    assert str(err.value.problems[0]).startswith("bad.csv:2:answer:")


def _wave_with_an_answer(tiny_kg):
    links = kgraph.survey_create(tiny_kg, WAVE, questions="ties,skills")
    tok = {r.person_id: _token(r.url) for r in links.itertuples()}
    kgraph.survey_submit(tiny_kg, tok["P01"], {"ties": [{"target_id": "P02", "kind": "advice"}]})
    return tok


def test_no_answer_arrives_while_a_wave_is_closed(tiny_kg, monkeypatch):
    """The answers are read, checked and written while the wave takes none (``closing``):
    an answer given then is refused (410 on the intranet), not kept and never turned into
    ties. Before, it was kept in a wave that then closed without it."""
    from kgraph.app import survey as module

    tok = _wave_with_an_answer(tiny_kg)
    real = module._apply
    refused = []

    def apply_while_p02_answers(kg, key, responses, **kw):
        try:
            kgraph.survey_submit(kg, tok["P02"], {"ties": [{"target_id": "P01", "kind": "advice"}]})
        except WaveClosed:
            refused.append("P02")
        return real(kg, key, responses, **kw)

    monkeypatch.setattr(module, "_apply", apply_while_p02_answers)
    done = kgraph.survey_close(tiny_kg, WAVE)
    assert refused == ["P02"] and done.attrs["respondents"] == 1
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["closed"]
    assert list(module.W.responses(module._base(tiny_kg), WAVE)) == ["P01"]  # nothing kept that was not applied
    assert not tiny_kg.store.edges("WORKS_WITH", sources=["P02"], targets=["P01"])


def test_an_answer_checked_while_the_wave_closes_is_refused_not_kept(tiny_kg, monkeypatch):
    """The link was valid when the answer came in, and the wave closed while the answer was
    checked: the answer is refused (410 on the intranet) and not kept. Before, it was kept
    after the close had read the answers, so it was never turned into ties."""
    from kgraph.app import survey as module

    tok = _wave_with_an_answer(tiny_kg)
    real = module.check_answers

    def check_while_the_wave_closes(*args, **kwargs):
        out = real(*args, **kwargs)
        kgraph.survey_close(tiny_kg, WAVE)
        return out

    monkeypatch.setattr(module, "check_answers", check_while_the_wave_closes)
    with pytest.raises(WaveClosed):
        kgraph.survey_submit(tiny_kg, tok["P02"], {"ties": [{"target_id": "P01", "kind": "advice"}]})
    assert list(module.W.responses(module._base(tiny_kg), WAVE)) == ["P01"]
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["closed"]


def test_a_close_that_fails_opens_the_wave_again(tiny_kg, monkeypatch):
    from kgraph.app import survey as module

    tok = _wave_with_an_answer(tiny_kg)

    def failing(*args, **kwargs):
        from kgraph.errors import Problem

        raise ValidationError([Problem("answers", 2, "ties", "unknown person 'P99'")])

    monkeypatch.setattr(module, "_apply", failing)
    with pytest.raises(ValidationError):
        kgraph.survey_close(tiny_kg, WAVE)
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["open"]
    kgraph.survey_submit(tiny_kg, tok["P02"], {})  # answers are taken again


def test_a_wave_left_closing_is_closed_by_closing_it_again(tiny_kg):
    """A close stopped after the wave stopped taking answers (the process killed): the wave
    says ``closing``, takes no answer, and the next close finishes it."""
    from kgraph.app import survey as module

    tok = _wave_with_an_answer(tiny_kg)
    module.W.set_status(module._base(tiny_kg), WAVE, module.W.CLOSING)
    with pytest.raises(WaveClosed):
        kgraph.survey_submit(tiny_kg, tok["P02"], {})
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["closing"]
    done = kgraph.survey_close(tiny_kg, WAVE)
    assert done.attrs["respondents"] == 1
    assert kgraph.survey_waves(tiny_kg)["status"].tolist() == ["closed"]
    assert ("P01", "P02", "advice", {"kind": "advice", "weight": 1}) in tiny_kg.store.edges("WORKS_WITH", sources=["P01"])
