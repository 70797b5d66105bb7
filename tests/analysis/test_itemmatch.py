"""Matching a query to knowledge items: the one-pass version keeps the former behaviour."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.analysis.itemmatch import damerau_levenshtein, match_items, normalize


def _match_items_reference(items, query):
    """match_items as it was before the one-pass version (normalise each term, compare
    each item's candidates): the behaviour the faster code must keep."""
    from kgraph.analysis.itemmatch import MATCH_ORDER, _max_typos

    q = normalize(query)
    if not q:
        return {}
    terms, exact = {}, {}
    for item, props in items.items():
        syns = props.get("synonyms") or []
        if isinstance(syns, str):
            syns = syns.split(";")
        tt = [("name", normalize(item)), ("name", normalize(props.get("name", "")))]
        tt = [(k, t) for k, t in tt + [("synonym", normalize(s)) for s in syns] if t]
        terms[item] = tt
        for kind, t in tt:
            if t == q:
                best = "exact" if kind == "name" else "synonym"
                if item not in exact or MATCH_ORDER[best] < MATCH_ORDER[exact[item][0]]:
                    exact[item] = (best, 0)
    if exact:
        return dict(sorted(exact.items()))
    out, limit = {}, _max_typos(q)
    for item, tt in terms.items():
        if len(q) >= 3 and any(q in t for _x, t in tt):
            out[item] = ("partial", 0)
            continue
        cands = {t for _x, t in tt} | {w for _x, t in tt for w in t.split()}
        ds = [damerau_levenshtein(q, c, min(limit, _max_typos(c))) for c in cands]
        best = min((d for d, c in zip(ds, cands) if d <= min(limit, _max_typos(c))), default=limit + 1)
        if best <= limit:
            out[item] = ("fuzzy", best)
    return dict(sorted(out.items()))


_WORD = st.sampled_from(["wet", "Wmo", "omgevingswet", "omgevnigswet", "beleid", "grondbeleid", "RO", "ro", "Ow",
                         "Çelik", "celik", "(12)", "12", "K-1", "k 1", "ruimtelijke", "ordening", "ruimtelijk", "\x00",
                         "a", "ab", "-", " ", "Straße", "strasse", "beleidx"])
_TEXT = st.lists(_WORD, min_size=0, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["K1", "K-2", "k 3", "Wmo", "X"]),
                       st.fixed_dictionaries({"name": st.one_of(_TEXT, st.none())},
                                             optional={"synonyms": st.one_of(st.lists(_TEXT, max_size=3),
                                                                             _TEXT.map(lambda t: t.replace(" ", ";")),
                                                                             st.none())}),
                       max_size=6),
       st.one_of(_WORD, _TEXT))
def test_match_items_as_before(items, query):
    assert match_items(items, query) == _match_items_reference(items, query)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.text(alphabet="aZ 09-(é)\x00\t", max_size=12), st.none(),
                          st.integers())))
def test_normalize_all_is_normalize_of_each(texts):
    from kgraph.analysis.itemmatch import normalize_all

    assert normalize_all(texts) == [normalize(t) for t in texts]
