"""A clean relation table kept as its columns (:mod:`kgraph.ingest.columns`): the same edges,
in the same order, the same rows in the store and the same digest as the dataset's map of
edges gives, and a table that is not clean is taken row by row with the same problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.ingest import aside, read_files, read_input
from kgraph.ingest.columns import EdgeColumns, clean_columns
from kgraph.ingest.raw import RawInput, RawTable
from kgraph.ingest.validate import _Checker
from kgraph.model import model
from kgraph.store.digest import digest_parts
from kgraph.store.sqlite_split import column_rows, edge_rows, with_columns
from kgraph.synthetic import generate

TINY = Path(__file__).parents[1] / "data" / "tiny"


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("org") / "org"
    generate(out, persons=300, seed=7)
    return out


def _checker(raw: RawInput) -> _Checker:
    """A checker of ``raw`` with its node tables validated, as an import's own (shared maps)."""
    chk = _Checker(raw)
    chk.share = True
    for name, table in model().tables.items():
        if table.node and name in raw.tables:
            chk.node_table(raw.tables[name], table)
    return chk


def _both(raw_of, name: str):
    """Table ``name`` validated into the dataset's map, and kept as its columns: ``(the map's
    checker, the columns' checker, the columns kept)``."""
    table = model().tables[name]
    one, two = _checker(raw_of()), _checker(raw_of())
    one.ds.edges.clear()  # (the node tables' edges)
    two.ds.edges.clear()
    if name not in one.raw.tables:
        return one, two, []
    one.relation_table(one.raw.tables[name], table)
    kept: list[EdgeColumns] = []
    two.relation_table(two.raw.tables[name], table, kept)
    one.references()
    two.references()
    return one, two, kept


@pytest.mark.parametrize("name", sorted(aside.exclusive_tables()))
@pytest.mark.parametrize("where", ["tiny", "generated"])
def test_a_clean_table_kept_as_columns_is_the_map_of_its_edges(name, where, generated):
    folder = TINY if where == "tiny" else generated
    one, two, kept = _both(lambda: read_input(read_files(folder)), name)
    assert one.problems == two.problems == []
    assert two.ds.edges == {}  # kept out of the map
    if name not in one.raw.tables:
        assert kept == []
        return
    (cols,) = kept
    rel = model().tables[name].relation
    mapped = one.ds.edges
    assert cols.rel == rel and cols.count == len(mapped) > 0
    assert cols.items() == list(mapped.items())  # the same edges, maps and order
    assert column_rows(cols) == edge_rows(mapped, frozenset(), False, shared=True)
    assert digest_parts(None, {}, kept) == digest_parts(None, mapped)


def test_the_store_rows_of_a_dataset_with_columns_are_in_key_order(generated):
    """A process's own edges and the tables it kept go into one list of rows, in key order,
    as :func:`edge_rows` would give of all of them together."""
    raw = read_input(read_files(generated))
    whole, kept_chk = _checker(raw), _checker(read_input(read_files(generated)))
    kept: list[EdgeColumns] = []
    ours = aside.exclusive_tables()
    for name, table in model().tables.items():
        if table.relation and name in raw.tables:
            whole.relation_table(whole.raw.tables[name], table)
            kept_chk.relation_table(kept_chk.raw.tables[name], table, kept if name in ours else None)
    assert {c.rel for c in kept} == {ours[n] for n in ours if n in raw.tables}
    rows = with_columns(edge_rows(kept_chk.ds.edges, frozenset(), False, shared=True), kept)
    assert rows == edge_rows(whole.ds.edges, frozenset(), False, shared=True)
    assert digest_parts(whole.ds.nodes, whole.ds.edges) == digest_parts(kept_chk.ds.nodes, kept_chk.ds.edges, kept)


def test_with_columns_merges_rows_where_a_relation_is_there_already():
    rows = edge_rows({("M", "a", "z", ""): {}, ("Z", "x", "y", ""): {}}, frozenset(), False)
    cols = EdgeColumns("M", ["b", "a"], ["y", "y"], ["", ""], [], [])
    assert with_columns(list(rows), [cols]) == edge_rows(
        {("M", "a", "z", ""): {}, ("Z", "x", "y", ""): {}, **dict(cols.items())}, frozenset(), False)


@pytest.mark.parametrize("case", [
    dict(sources=["P1", "P2"], targets=["P2", "P2"], no_self_loops=True),  # a self-tie
    dict(sources=["P1", "P1"], targets=["P2", "P2"], keys=["advice", "advice"]),  # a key given twice
    dict(sources=["P1", None], targets=["P2", "P3"]),  # a source missing
    dict(props=[[1, 2.5]]),  # a property column of two types
    dict(props=[[0.0, -0.0]]),  # floats: 0.0 == -0.0
])
def test_a_table_that_is_not_clean_is_not_kept(case):
    args = dict(sources=["P1", "P2"], targets=["P2", "P1"], keys=["advice", "advice"], names=["weight"],
                props=[[1, 2]], no_self_loops=False)
    args.update(case)
    if "props" in case:
        args["names"] = ["weight"]
    assert clean_columns("WORKS_WITH", args["sources"], args["targets"], args["keys"], args["names"], args["props"],
                         args["no_self_loops"]) is None
    args.update(dict(sources=["P1", "P2"], targets=["P2", "P1"], props=[[1, 2]]))
    assert clean_columns("WORKS_WITH", args["sources"], args["targets"], args["keys"], args["names"], args["props"],
                         args["no_self_loops"]) is not None


_IDS = ["P01", "P02", "P03", "P04", " P05 ", "P99", ""]
_KINDS = ["advice", "advies", "information", "friendship", "nonsense", "", " advice"]
_WEIGHTS = ["1", "2", "3", "2.0", "x", "", "7", "-1", " 4"]


def _ties(rows: list[tuple[str, str, str, str]]):
    header = ["source_id", "target_id", "kind", "weight"]
    persons = RawTable("persons", "persons.csv", ["id", "name"], [(i + 2, [p, f"Person {p}"]) for i, p in
                                                                   enumerate(["P01", "P02", "P03", "P04", "P05"])])
    ties = RawTable("ties", "ties.csv", header, [(i + 2, list(r)) for i, r in enumerate(rows)])
    return lambda: RawInput(tables={"persons": persons, "ties": ties})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_IDS), st.sampled_from(_IDS), st.sampled_from(_KINDS),
                          st.sampled_from(_WEIGHTS)), min_size=1, max_size=12))
def test_kept_or_not_the_same_problems_and_the_same_edges(rows):
    """Any small ``ties.csv`` (blanks, spaces, unknown persons, self-ties, repeated rows, bad
    kinds and weights): kept as columns where clean, the problems and the edges are those of
    the map; where not, its rows go into the map as they would."""
    one, two, kept = _both(_ties(rows), "ties")
    assert sorted(one.problems) == sorted(two.problems)
    both = {**two.ds.edges}
    for cols in kept:
        both.update(cols.items())
    assert list(both.items()) == list(one.ds.edges.items())
    if kept:
        assert two.ds.edges == {} and column_rows(kept[0]) == edge_rows(one.ds.edges, frozenset(), False)
