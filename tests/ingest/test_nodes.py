"""Node tables a column at a time (:meth:`kgraph.ingest.nodes.NodeTables._column_nodes`): the
same nodes, edges, references and problems as row by row, whatever the rows hold (issue 15:
the node tables are validated before a large import forks, with one core busy)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kgraph.errors import ValidationError
from kgraph.ingest import load_dataset, read_files, read_input
from kgraph.ingest.nodes import NodeTables, derived_id
from kgraph.ingest.validate import _Checker
from kgraph.model import model

TINY = Path(__file__).parents[1] / "data" / "tiny"

_TEAM_IDS = st.sampled_from(["T1", "T2", "T3", "T-MT", "D-ORG", "", " T4 "])
_DEPARTMENTS = st.sampled_from(["D-ORG", "D-RUIMTE", "", "D-NONE", "T1", "P01"])
_ITEMS = st.sampled_from(["K1", "K2", "K3", "K-RO", "", "P01"])
_ROWS = st.integers(min_value=0, max_value=6)
_LOG = st.tuples(st.sampled_from(["2025-11-02", "2025-11-09", "02-11-2025", ""]), st.sampled_from(["P01", "P02", "P99", ""]),
                 st.sampled_from(["A-PROV", "A-DORP", "I-WIND", ""]), st.sampled_from(["I-WIND", "", "A-PROV"]),
                 st.sampled_from(["meeting", "call", "lunch"]), st.sampled_from(["inform", "dialogue"]),
                 st.sampled_from(["Overleg", "", "Reactie, ontvangen"]))


def _load(folder: Path, columns: bool):
    """``load_dataset(folder)`` with node tables a column at a time where they can (or never):
    the nodes and the edges in order, the warnings; or the problems."""
    real = NodeTables._column_nodes
    NodeTables._column_nodes = real if columns else (lambda self, *a: False)
    try:
        ds = load_dataset(folder)
    except ValidationError as exc:
        return [str(p) for p in exc.problems]
    finally:
        NodeTables._column_nodes = real
    return list(ds.nodes.items()), list(ds.edges.items()), [str(w) for w in ds.warnings]


def _node_tables(folder: Path, columns: bool):
    """The checker's state after the node tables alone (so also where other rows have problems):
    nodes and edges in order, where each id is, the references to check, the problems."""
    real = NodeTables._column_nodes
    NodeTables._column_nodes = real if columns else (lambda self, *a: False)
    try:
        raw = read_input(read_files(folder))
        chk = _Checker(raw)
        for name, table in model().tables.items():
            if table.node and name in raw.tables:
                chk.node_table(raw.tables[name], table)
    finally:
        NodeTables._column_nodes = real
    return list(chk.ds.nodes.items()), list(chk.ds.edges.items()), list(chk.where.items()), chk.refs, \
        sorted(map(str, chk.problems))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_TEAM_IDS, _DEPARTMENTS), max_size=6), st.lists(st.tuples(_ITEMS, _ITEMS), max_size=6),
       st.lists(_LOG, max_size=6))
def test_a_column_at_a_time_is_row_by_row(teams, items, log):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "org"
        shutil.copytree(TINY, folder)
        with (folder / "teams.csv").open("a", encoding="utf-8") as f:
            f.writelines(f"{i},Team {i},{d}\n" for i, d in teams)
        with (folder / "knowledge.csv").open("a", encoding="utf-8") as f:
            f.writelines(f"{i},Item {i},topic,{b},,,,\n" for i, b in items)
        (folder / "interactions.csv").write_text(
            "date,person_id,actor_id,issue_id,kind,mode,summary\n"
            + "".join(",".join(f'"{c}"' if "," in c else c for c in row) + "\n" for row in log), encoding="utf-8")
        assert _node_tables(folder, True) == _node_tables(folder, False)
        assert _load(folder, True) == _load(folder, False)


def test_a_row_that_refers_to_itself_is_reported_as_row_by_row(tiny_copy):
    with (tiny_copy / "knowledge.csv").open("a", encoding="utf-8") as f:
        f.write("K-NEW,Nieuw,topic,K-NEW,,,,\nK-NEW2,Nieuw 2,topic,K-RO,,,,\n")
    assert _node_tables(tiny_copy, True) == _node_tables(tiny_copy, False)
    problems = _load(tiny_copy, True)
    assert problems == _load(tiny_copy, False)
    assert any("knowledge.csv" in p and "refers to itself" in p for p in problems)


def test_identical_rows_are_numbered_in_their_order(tiny_copy):
    """Identical interactions (the person is not part of the id): numbered as row by row."""
    row = "2025-11-02,{},A-PROV,I-WIND,meeting,dialogue,Overleg"
    other = "2025-11-03,P01,A-PROV,I-WIND,meeting,dialogue,Overleg"
    (tiny_copy / "interactions.csv").write_text("date,person_id,actor_id,issue_id,kind,mode,summary\n"
                                               + "\n".join([row.format("P01"), other, row.format("P02"), row.format("P03")]) + "\n",
                                               encoding="utf-8")
    base = derived_id("Interaction", {"date": "2025-11-02", "actor_id": "A-PROV", "issue_id": "I-WIND", "kind": "meeting",
                                      "summary": "Overleg"})
    ds = load_dataset(tiny_copy)
    log = [i for i, (kind, _p) in ds.nodes.items() if kind == "Interaction"]
    assert log[0] == base and log[2:] == [f"{base}-2", f"{base}-3"]
    assert [t for r, s, t, _k in ds.edges if r == "HELD_BY" and s.startswith(base)] == ["P01", "P02", "P03"]


def test_the_tiny_organisation_goes_a_column_at_a_time(monkeypatch):
    """Every node table of a clean input is taken a column at a time (none falls back)."""
    taken = []
    real = NodeTables._column_nodes
    monkeypatch.setattr(NodeTables, "_column_nodes", lambda self, label, *a: taken.append(label) or real(self, label, *a))
    fell_back = []
    rows = _Checker.rows
    monkeypatch.setattr(_Checker, "rows", lambda self, raw, *a: fell_back.append(raw.label) or rows(self, raw, *a))
    load_dataset(TINY)
    assert {"teams.csv", "knowledge.csv", "departments.csv", "signals.csv"} <= set(taken)
    assert fell_back == []
