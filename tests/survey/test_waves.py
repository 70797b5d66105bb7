"""Waves, tokens (stored only as hashes) and answers as keyed records."""

from __future__ import annotations

import pytest

from kgraph.errors import NotFound, OptionError
from kgraph.store.sqlite import EmbeddedStore
from kgraph.survey import waves as W


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "kg.db")
    yield s
    s.close()


def test_tokens_are_128_bits_and_only_their_hash_is_stored(store, tmp_path):
    rec = {"wave": "2026-12-01", "questions": list(W.QUESTIONS), "status": "open", "created": W.now()}
    issued = W.issue_tokens(store, rec, ["P1", "P2"])
    assert sorted(issued) == ["P1", "P2"] and len({*issued.values()}) == 2
    assert all(len(t) == 22 for t in issued.values())  # 16 random bytes, URL-safe base64
    raw = (tmp_path / "kg.db").read_bytes()
    assert all(t.encode() not in raw for t in issued.values())
    assert W.lookup_token(store, issued["P1"]) == (rec, "P1")
    assert W.issue_tokens(store, rec, ["P1", "P2", "P3"]).keys() == {"P3"}  # only new persons
    again = W.issue_tokens(store, rec, ["P1"], reissue=True)
    with pytest.raises(NotFound):
        W.lookup_token(store, issued["P1"])
    assert W.lookup_token(store, again["P1"])[1] == "P1"
    W.set_status(store, "2026-12-01", "closed")
    with pytest.raises(W.WaveClosed):
        W.lookup_token(store, again["P1"])
    for bad in ("", "x", "x" * 100, None):
        with pytest.raises(NotFound):
            W.lookup_token(store, bad)


def test_a_second_answer_replaces_the_first(store):
    store.put_record(W.WAVE, "2026-12-01", {"wave": "2026-12-01", "status": "open"})
    W.save_response(store, "2026-12-01", "P1", {"ties": [1]})
    rec = W.save_response(store, "2026-12-01", "P1", {"ties": [2]})
    assert rec["revision"] == 2 and W.responses(store, "2026-12-01") == {"P1": rec}


def test_questions():
    assert W.parse_questions("skills") == ["skills"]
    with pytest.raises(OptionError):
        W.parse_questions("ties,gossip")


def test_an_answer_is_kept_only_while_its_wave_is_open(store):
    with pytest.raises(W.WaveClosed):  # no wave at all
        W.save_response(store, "2026-12-01", "P1", {"ties": [1]})
    for status in (W.CLOSING, "closed"):
        store.put_record(W.WAVE, "2026-12-01", {"wave": "2026-12-01", "status": status})
        with pytest.raises(W.WaveClosed):
            W.save_response(store, "2026-12-01", "P1", {"ties": [1]})
    assert W.responses(store, "2026-12-01") == {}
