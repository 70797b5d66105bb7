"""The embedded store's who-knows reads (:mod:`kgraph.store.sqlite_terms`): the normalised
terms of the items and the ranked holders give what the general route gives, a store
without the tables (an older kgraph's) is read as before, and any writer keeps them true."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

import kgraph
from kgraph.analysis.itemmatch import match_indexed, match_items
from kgraph.analysis.whoknows import who_knows
from kgraph.app.lookup import StoreLookup
from kgraph.dates import parse_as_of
from kgraph.ingest import load_dataset
from kgraph.model import Dataset
from kgraph.store import sqlite_terms as st
from kgraph.store.sqlite import EmbeddedStore

TINY = Path(__file__).parents[1] / "data" / "tiny"
_OURS = ["item_terms", "item_words"]


def _as_main_wrote_it(path: Path) -> None:
    """Take the tables and triggers away: the store as a kgraph before them writes it."""
    db = sqlite3.connect(path)
    for trig in ("item_terms_added", "item_terms_changed"):
        db.execute(f"DROP TRIGGER {trig}")
    for table in _OURS:
        db.execute(f"DROP TABLE {table}")
    db.execute("DROP INDEX edge_rows_knows")
    db.commit()
    db.close()


def _rows(store, query, **kw):
    rows = who_knows(StoreLookup(store, parse_as_of(None)), query, as_frame=False, **kw)
    return [tuple(r.values()) for r in rows]


class _General(StoreLookup):
    """The general route: every item matched in Python, holders sorted in Python."""

    def term_index(self):
        return None

    def ranked_knows(self, ranks, limit=None):
        return None

    def below(self, items):
        return None


def _general(store, query, **kw):
    return [tuple(r.values()) for r in who_knows(_General(store, parse_as_of(None)), query, as_frame=False, **kw)]


QUERIES = ["omgevingswet", "omgevnigswet", "wmo", "wet", "WMO", "beleid", "zzz", "", "K-OMGW", "ruimtelijk"]


def test_same_results_as_the_general_route(tmp_path):
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as store:
        store.replace(load_dataset(TINY))
        assert store.term_index() is not None
        for q in QUERIES:
            for limit in (None, 0, 1, 3):
                assert _rows(store, q, limit=limit) == _general(store, q, limit=limit), (q, limit)


def test_a_store_written_without_the_tables(tmp_path):
    """An older kgraph's store: read by the general route; this kgraph's next write adds the tables."""
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as store:
        store.replace(load_dataset(TINY))
        want = {q: _rows(store, q) for q in QUERIES}
    _as_main_wrote_it(path)
    with EmbeddedStore(path) as store:
        assert store.term_index() is None
        assert {q: _rows(store, q) for q in QUERIES} == want
        store.set_setting("any", "write")
        assert store.term_index() is not None
        assert {q: _rows(store, q) for q in QUERIES} == want


def test_another_writer_makes_them_stale(tmp_path):
    """A knowledge item added or changed by a writer that knows nothing of the tables (plain
    SQL here, an older kgraph in practice): the triggers mark them stale, reads take the
    general route, and this kgraph's next write builds them again."""
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as store:
        store.replace(load_dataset(TINY))
        origin, since, until = store.db.execute(
            "SELECT origin, valid_from, valid_to FROM node_rows WHERE kind='KnowledgeItem' LIMIT 1").fetchone()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO node_rows VALUES ('K-NEW', ?, ?, ?, 'KnowledgeItem', 'Zwemwater', '{\"name\": \"Zwemwater\"}')",
               (origin, since, until))
    db.commit()
    with EmbeddedStore(path) as store:
        assert store.term_index() is None
        assert store.item_terms()["K-NEW"] == {"name": "Zwemwater"}
        store.set_setting("any", "write")
        assert match_indexed(store.term_index(), "zwemwatr") == {"K-NEW": ("fuzzy", 1)}
    db.execute("UPDATE node_rows SET props='{\"name\": \"Zwembad\"}', name='Zwembad' WHERE id='K-NEW'")
    db.commit()
    db.close()
    with EmbeddedStore(path) as store:
        assert store.term_index() is None


def test_odd_values_take_the_python_order(tmp_path):
    """A level or date SQLite would order otherwise than Python: the ranking is Python's."""
    ds = load_dataset(TINY)
    key = next(k for k in sorted(ds.edges) if k[0] == "KNOWS")
    ds.edges[key] = {**ds.edges[key], "level": "4", "confirmed": 20250101}
    with EmbeddedStore(tmp_path / "kg.db") as store:
        store.replace(ds)
        items = {key[2]: 0}
        assert st.ranked_rows(store.db, "1", [], items) is None
        for q in QUERIES:
            assert _rows(store, q) == _general(store, q)


_WORD = hs.sampled_from(["wet", "Wmo", "omgevingswet", "omgevnigswet", "beleid", "grondbeleid", "RO", "ro", "Ow",
                         "Çelik", "celik", "(12)", "12", "K-1", "k 1", "ruimtelijke", "ordening", "Straße", "strasse",
                         "a", "ab", "-", " ", "beleidx", "ø", "é"])
_TEXT = hs.lists(_WORD, min_size=0, max_size=4).map(" ".join)
_ITEMS = hs.dictionaries(
    hs.sampled_from(["K1", "K-2", "k 3", "Wmo", "X", "beleid"]),
    hs.fixed_dictionaries({"name": hs.one_of(_TEXT, hs.none())},
                          optional={"synonyms": hs.one_of(hs.lists(_TEXT, max_size=3),
                                                          _TEXT.map(lambda t: t.replace(" ", ";")))}),
    max_size=6)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ITEMS, hs.lists(hs.one_of(_WORD, _TEXT), min_size=1, max_size=4))
def test_the_index_matches_as_match_items(tmp_path_factory, items, queries):
    """Property: over the store's tables, the matches of any query are match_items' over the items."""
    ds = Dataset()
    ds.nodes = {i: ("KnowledgeItem", {k: v for k, v in p.items() if v is not None}) for i, p in items.items()}
    with EmbeddedStore(":memory:") as store:
        store.replace(ds)
        index, terms = store.term_index(), store.item_terms()
        if index is None:  # an empty dataset: no version to read
            assert not items
            return
        for q in queries:
            assert match_indexed(index, q) == match_items(terms, q), q


def test_the_facade_on_a_store(tmp_path):
    """kgraph.who_knows on a handle: the same rows as on the organisation in memory."""
    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as store:
        store.replace(load_dataset(TINY))
    kg = kgraph.open(path)
    org = kg.snapshot()
    for q in QUERIES:
        a = kgraph.who_knows(kg, q, as_frame=False)
        b = kgraph.who_knows(org, q, as_frame=False)
        assert list(a) == list(b), q


def test_many_first_holders_have_left(tmp_path):
    """The first rows the store returns are of persons who have left: it is asked again for
    more rows, and the table is the general route's."""
    ds = load_dataset(TINY)
    item = next(k[2] for k in sorted(ds.edges) if k[0] == "KNOWS")
    for n in range(150):
        ds.nodes[f"GONE{n:03d}"] = ("Person", {"name": f"Gone {n}", "start_date": "2000-01-01",
                                               "leave_date": "2001-01-01"})
        ds.edges[("KNOWS", f"GONE{n:03d}", item, "")] = {"level": 5, "confirmed": "2099-01-01"}
    with EmbeddedStore(tmp_path / "kg.db") as store:
        store.replace(ds)
        for q in (item, "omgevingswet", "wet"):
            for limit in (1, 3, 30, None):
                got = _rows(store, q, limit=limit)
                assert got == _general(store, q, limit=limit), (q, limit)
                assert all(not r[0].startswith("GONE") for r in got)


def _level_by_level(store, items, as_of):
    """The items below ``items`` as who-knows read them before ``narrower_items``: ``edges``
    into the frontier, level by level."""
    seen, frontier = set(items), sorted(set(items))
    while frontier:
        below = {s for s, _t, _k, _p in store.edges("BROADER", targets=frontier, as_of=as_of)} - seen
        seen |= below
        frontier = sorted(below)
    return sorted(seen)


_ID = hs.sampled_from(["K1", "K2", "K3", "K4", "K5", "K6"])


@settings(max_examples=80, deadline=None)
@given(hs.lists(hs.tuples(hs.sets(_ID, max_size=6), hs.lists(hs.tuples(_ID, _ID), max_size=10)), min_size=1, max_size=3),
       hs.sets(_ID, min_size=1, max_size=3), hs.sampled_from(["2020-01-01", "2021-06-01", "2022-06-01", "2030-01-01"]),
       hs.booleans())
def test_narrower_items_as_edges_give_them(versions, start, as_of, second_source):
    """Property: the taxonomy below some items, read in one recursive query, is what
    ``edges`` gives level by level, whatever is in force on the date (items and edges added and
    taken away by later versions, edges whose ends are not in force, cycles, a second source)."""
    with EmbeddedStore(":memory:") as store:
        for n, (items, edges) in enumerate(versions):
            ds = Dataset()
            ds.nodes = {i: ("KnowledgeItem", {"name": i.lower()}) for i in sorted(items)}
            ds.edges = {("BROADER", s, t, ""): {} for s, t in edges if s != t}
            store.replace(ds, as_of=f"{2020 + n}-01-01")
        if second_source:
            extra = Dataset()
            extra.nodes = {"K6": ("KnowledgeItem", {"name": "k6"})}
            extra.edges = {("BROADER", "K6", "K1", ""): {}}
            store.replace(extra, as_of="2021-01-01", source="other")
        got = store.narrower_items(start, as_of=as_of)
        if second_source and len(store._dates(as_of)) > 1:
            assert got is None  # several sources: who-knows reads edges level by level
        else:
            assert got == _level_by_level(store, start, as_of)
        rows = who_knows(StoreLookup(store, parse_as_of(as_of)), "k1", as_frame=False)
        assert list(rows) == list(who_knows(_General(store, parse_as_of(as_of)), "k1", as_frame=False))
