"""The text a who-knows query is compared with (kgraph.terms): one pass equals one at a time."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.terms import normalize, normalize_all, raw_terms


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.integers(), st.none()), max_size=8))
def test_normalize_all_is_normalize_of_each(texts):
    assert normalize_all(texts) == [normalize(t) for t in texts]


def test_raw_terms():
    assert raw_terms("K1", {}) == [(False, "K1"), (False, "")]
    assert raw_terms("K1", {"name": "Wet", "synonyms": ["a", "b"]}) == [(False, "K1"), (False, "Wet"), (True, "a"),
                                                                       (True, "b")]
    assert raw_terms("K1", {"synonyms": "a;b"})[2:] == [(True, "a"), (True, "b")]
