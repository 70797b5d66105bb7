"""A large table validated by a forked process that writes its rows (:mod:`kgraph.ingest.aside`):
the same store row for row, the same report, warnings and problems as one process gives, and
every way it can fail falls back to that (issue 15, target 6)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

import kgraph
from kgraph import _fork
from kgraph.app import data as appdata
from kgraph.errors import ValidationError
from kgraph.ingest import aside, load_dataset, read_files
from kgraph.store import sqlite_aside, sqlite_split
from kgraph.store.digest import dataset_digest
from kgraph.store.sqlite import EmbeddedStore
from tests.store.store_tables import store_tables as _tables

TINY = Path(__file__).parents[1] / "data" / "tiny"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork here: one process validates everything")


@pytest.fixture()
def spied(monkeypatch):
    """The aside on for any table size, with what it did: ``started`` (the tables each fork
    took), ``copied`` (digests a helper's rows came with)."""
    monkeypatch.setattr(aside, "ASIDE_BYTES", 0)
    monkeypatch.setattr(_fork, "cores", lambda: 2)
    seen = {"started": [], "copied": [], "kept": []}
    start, copy, join = aside.Aside.start, sqlite_aside.PartsHelper.copy_into, aside.Aside.join

    def joined(self, chk):
        seen["kept"].append(sorted(c.rel for c in self.kept))  # the tables this process kept as columns
        return join(self, chk)

    def started(self, chk):
        ok = start(self, chk)
        seen["started"].append(self.tables if ok else None)
        return ok

    def copied(self, db, dataset):
        out = copy(self, db, dataset)
        seen["copied"].append(out)
        return out

    monkeypatch.setattr(aside.Aside, "start", started)
    monkeypatch.setattr(aside.Aside, "join", joined)
    monkeypatch.setattr(sqlite_aside.PartsHelper, "copy_into", copied)
    return seen


def _import(path: Path, folder: Path, *, one_process: bool = False):
    """``kgraph.import_data`` of ``folder`` into a new store at ``path``: the report, or the
    ValidationError's problems."""
    kg = kgraph.open(str(path))
    if one_process:
        kg.store.edge_writer = lambda **kw: None
    try:
        report = kgraph.import_data(kg, folder, as_of="2026-01-01")
        return report.rows(), [str(w) for w in report.warnings]
    except ValidationError as exc:
        return [str(p) for p in exc.problems]
    finally:
        kg.close()


def _copy(tmp_path: Path, name: str = "org") -> Path:
    folder = tmp_path / name
    shutil.copytree(TINY, folder)
    return folder


def test_the_largest_table_of_one_relation_is_chosen(tmp_path, monkeypatch):
    monkeypatch.setattr(aside, "ASIDE_BYTES", 0)
    ours = aside.exclusive_tables()
    assert ours["ties"] == "WORKS_WITH" and ours["skills"] == "KNOWS"
    assert "knowledge_issues" not in ours  # ABOUT: made by other tables too
    assert "memberships" not in ours  # MEMBER_OF: read by the management warning after the relation tables
    folder = _copy(tmp_path)
    sizes = {p.stem: p.stat().st_size for p in folder.iterdir() if p.stem in aside.exclusive_tables()}
    assert aside.chosen(read_files(folder).entries) == {max(sorted(sizes), key=sizes.__getitem__)}
    monkeypatch.setattr(aside, "ASIDE_BYTES", max(sizes.values()) + 1)
    assert aside.chosen(read_files(folder).entries) == frozenset()


def _with_big_ties(tmp_path: Path, extra: str = "") -> Path:
    """The tiny organisation with ties.csv the largest table (other tie kinds), and ``extra`` lines."""
    folder = _copy(tmp_path, "big")
    persons = [line.split(",")[0] for line in (TINY / "persons.csv").read_text(encoding="utf-8").splitlines()[1:]]
    lines = [f"{a},{b},{kind},2" for a in persons for b in persons if a != b for kind in ("information", "advice")]
    (folder / "ties.csv").write_text("source_id,target_id,kind,weight\n" + "\n".join(lines) + "\n" + extra,
                                     encoding="utf-8")
    return folder


def test_the_store_is_the_one_one_process_writes(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    real, told = sqlite_aside.EdgeWriter.__call__, tmp_path / "child"

    def writing(self, edges, nodes=None, columns=()):  # in the child: which edges came as columns
        told.write_text(" ".join([f"{c.rel}={c.count}" for c in columns] + [str(len(edges))]))
        return real(self, edges, nodes, columns)

    monkeypatch.setattr(sqlite_aside.EdgeWriter, "__call__", writing)
    assert _import(tmp_path / "one.db", folder, one_process=True) == _import(tmp_path / "two.db", folder)
    assert spied["started"] == [("ties",)] and len(spied["copied"]) == 1
    # the child's table and this process's exclusive tables came as columns (kgraph.ingest.columns)
    assert told.read_text() == "WORKS_WITH=112 0"
    assert spied["kept"] == [["ACTOR_TIE", "CONTACT", "KNOWS", "NEEDS", "POSITION", "RESPONSIBLE_FOR"]]
    told.unlink()
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]  # the child's file is gone
    # the import's thread (terms, digests) has ended: a one-shot process may end at once (kgraph._gc.end)
    assert not [t for t in threading.enumerate() if t.name == "kgraph-import-meanwhile"]
    with EmbeddedStore(tmp_path / "two.db") as s:  # the digest is the whole dataset's: the same data is unchanged
        full = load_dataset(folder)
        (digest,) = s.db.execute("SELECT digest FROM version_digests").fetchone()
        assert digest == dataset_digest(full)
        assert s.replace(full, as_of="2026-01-01").unchanged


def test_the_other_tables_are_parsed_after_the_fork(tmp_path, spied, monkeypatch):
    from kgraph.ingest import reader

    folder = _with_big_ties(tmp_path)
    parsed = []  # in this process (the child's calls stay in the child)
    real = reader._parse_into
    monkeypatch.setattr(reader, "_parse_into", lambda raw, table, name, data: (
        parsed.append((table, bool(spied["started"]))), real(raw, table, name, data))[1])
    one = _import(tmp_path / "one.db", folder, one_process=True)
    assert ("ties", False) in parsed and not [p for p in parsed if p[1]]  # one process: all while reading
    parsed.clear()
    assert _import(tmp_path / "two.db", folder) == one
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert "ties" not in {table for table, _forked in parsed}  # parsed by the child alone
    after = {table for table, forked in parsed if forked}
    assert {"memberships", "skills", "contacts"} <= after  # the other tables: after the fork, here
    assert not after & {"persons", "teams", "departments"}  # the node tables before it


def test_the_child_writes_the_node_rows(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    copied, indexes, real = [], [], sqlite_aside.PartsHelper._copy_nodes

    def copy_nodes(self, db, count):
        copied.append(count)
        for schema in (sqlite_split.ATTACHED, "main"):  # the node index: in the child's file, and here before the copy
            indexes.append(db.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='index' "
                                      "AND tbl_name='node_rows' AND sql IS NOT NULL").fetchall())
        return real(self, db, count)

    monkeypatch.setattr(sqlite_aside.PartsHelper, "_copy_nodes", copy_nodes)
    assert _import(tmp_path / "one.db", folder, one_process=True) == _import(tmp_path / "two.db", folder)
    assert copied == [len(load_dataset(folder).nodes)]  # all of them, from the child's file
    assert indexes == [[("node_rows_kind_name",)]] * 2  # copied with the rows, not built after them
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    with EmbeddedStore(tmp_path / "two.db") as s:  # the triggers that mark the terms stale came after them
        names = {n for (n,) in s.db.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert names == {"item_terms_added", "item_terms_changed"}


def test_a_child_whose_node_rows_are_incomplete_leaves_them_to_the_import(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    real = sqlite_aside.EdgeWriter._nodes

    def fewer(self, out, nodes):
        real(self, out, nodes)
        out.execute("DELETE FROM node_rows WHERE id = (SELECT max(id) FROM node_rows)")

    monkeypatch.setattr(sqlite_aside.EdgeWriter, "_nodes", fewer)
    assert _import(tmp_path / "one.db", folder, one_process=True) == _import(tmp_path / "two.db", folder)
    assert spied["started"] == [("ties",)] and len(spied["copied"]) == 1
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")  # the nodes and their terms written here
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_a_failure_in_the_thread_fails_the_import_and_writes_nothing(tmp_path, spied, monkeypatch):
    from kgraph.store import digest

    folder = _with_big_ties(tmp_path)
    real = digest.digest_parts

    def failing(nodes, edges, columns=()):
        if threading.current_thread() is not threading.main_thread():
            raise MemoryError("no room for the digests")
        return real(nodes, edges, columns)

    monkeypatch.setattr(digest, "digest_parts", failing)
    kg = kgraph.open(str(tmp_path / "two.db"))
    try:
        with pytest.raises(MemoryError, match="no room"):  # raised where the rows are written, not lost
            kgraph.import_data(kg, folder, as_of="2026-01-01")
    finally:
        kg.close()
    assert spied["started"] == [("ties",)]
    # all or nothing: the new store was never made (nor its temporary file kept), the child's file is gone
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big"]


def test_warnings_keep_their_order_and_problems_are_the_same(tmp_path, spied):
    folder = _with_big_ties(tmp_path)
    # a column misspelt (kept as a property, with a warning) before, in and after the table set aside
    for name, right, wrong in (("memberships", "since", "sinse"), ("ties", "weight", "wieght"),
                               ("contacts", "strength", "strenght")):
        text = (folder / f"{name}.csv").read_text(encoding="utf-8")
        (folder / f"{name}.csv").write_text(text.replace(right, wrong, 1), encoding="utf-8")
    one = _import(tmp_path / "one.db", folder, one_process=True)
    assert [w.split(":")[0] for w in one[1]][:3] == ["memberships.csv", "ties.csv", "contacts.csv"]
    assert _import(tmp_path / "two.db", folder) == one and spied["started"] == [("ties",)]
    bad = _with_big_ties(tmp_path / "bad", extra="P02,P99,advice,2\nP03,P03,advice,1\nP02,P03,advice,x\n"
                                                 "P02,P03,information,2\n")
    (bad / "skills.csv").write_text((TINY / "skills.csv").read_text(encoding="utf-8") + "P02,K-NOPE,3,,self\n",
                                    encoding="utf-8")
    problems = _import(tmp_path / "one2.db", bad, one_process=True)
    assert len(problems) >= 5 and all(isinstance(p, str) for p in problems)
    assert _import(tmp_path / "two2.db", bad) == problems
    assert not (tmp_path / "two2.db").exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".edges"]
    (bad / "ties.csv").write_bytes(b"source_id,target_id,kind,weight\nP02,\"P03,advice,1\n")  # a broken quote
    problems = _import(tmp_path / "one3.db", bad, one_process=True)
    assert _import(tmp_path / "two3.db", bad) == problems and any("ties.csv" in p for p in problems)


def test_a_child_that_fails_before_its_verdict_is_replaced(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    parent = os.getpid()
    real = aside._validate

    def failing_in_the_child(chk, names, sources, columnar=False):
        if os.getpid() != parent:
            os._exit(3)
        return real(chk, names, sources, columnar)

    monkeypatch.setattr(aside, "_validate", failing_in_the_child)
    assert _import(tmp_path / "one.db", folder, one_process=True) == _import(tmp_path / "two.db", folder)
    assert spied["started"] == [("ties",)] and spied["copied"] == []  # validated here, written by the store's helper
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_a_child_that_fails_while_writing_is_replaced(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)

    def failing(self, edges, nodes=None, columns=()):
        raise OSError("disk full")

    monkeypatch.setattr(sqlite_aside.EdgeWriter, "__call__", failing)
    assert _import(tmp_path / "one.db", folder, one_process=True) == _import(tmp_path / "two.db", folder)
    assert spied["started"] == [("ties",)] and len(spied["copied"]) == 1
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_a_store_that_is_not_new_any_more_takes_the_whole_dataset(tmp_path, spied, monkeypatch):
    """Another import wrote first, between the check and this import's write."""
    folder = _with_big_ties(tmp_path)
    for name in ("one.db", "two.db"):
        with EmbeddedStore(tmp_path / name) as s:
            s.replace(load_dataset(TINY), as_of="2025-01-01", source="survey")
    real = appdata.load_dataset
    monkeypatch.setattr(EmbeddedStore, "edge_writer", lambda self, **kw: sqlite_aside.EdgeWriter(
        str(self.path), "INSERT INTO edge_rows VALUES (?,?,?,?,'import','2026-01-01','9999-12-31',?)",
        "CREATE TABLE edge_rows (x)"))  # as if the store had been empty when asked
    monkeypatch.setattr(appdata, "load_dataset", real)
    one = _import(tmp_path / "one.db", folder, one_process=True)
    assert _import(tmp_path / "two.db", folder) == one
    assert spied["started"] == [("ties",)] and spied["copied"] == []
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_no_aside_without_fork_or_into_a_store_with_edges(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    with EmbeddedStore(tmp_path / "kg.db") as s:
        assert s.edge_writer(source="import", as_of="2026-01-01") is not None  # a new store
        s.replace(load_dataset(TINY), as_of="2025-01-01")
        assert s.edge_writer(source="import", as_of="2026-01-01") is None  # edges already
        assert s.edge_writer(source="no such source!", as_of="2026-01-01") is None
    assert EmbeddedStore(":memory:").edge_writer() is None
    monkeypatch.setattr(_fork, "cores", lambda: 1)
    with EmbeddedStore(tmp_path / "new.db") as s:
        assert s.edge_writer() is None
    assert _import(tmp_path / "one.db", folder) == _import(tmp_path / "two.db", folder, one_process=True)
    assert spied["started"] == []


def test_two_imports_creating_one_store_at_once(tmp_path, spied):
    """Each sets its table aside in a process of its own; both apply; no file is left."""
    folder = _with_big_ties(tmp_path)
    _import(tmp_path / "one.db", folder, one_process=True)
    pids = []
    for _i in range(2):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - a child of the test: its exit status is the result
            code = 1
            try:
                report = _import(tmp_path / "two.db", folder)
                code = 0 if isinstance(report, tuple) else 2
            finally:
                os._exit(code)
        pids.append(pid)
    assert [os.waitpid(pid, 0)[1] for pid in pids] == [0, 0]
    assert _tables(tmp_path / "one.db")["edge_rows"] == _tables(tmp_path / "two.db")["edge_rows"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_the_child_builds_the_who_knows_terms_unless_another_source_holds_items(tmp_path, spied, monkeypatch):
    from kgraph.model import Dataset
    from kgraph.store import sqlite_terms

    folder = _with_big_ties(tmp_path)
    parent, rebuilt = os.getpid(), []
    real = sqlite_terms.rebuild
    monkeypatch.setattr(sqlite_terms, "rebuild", lambda db: (rebuilt.append(os.getpid() == parent), real(db))[1])
    _import(tmp_path / "one.db", folder, one_process=True)
    assert rebuilt == [True]
    rebuilt.clear()
    _import(tmp_path / "two.db", folder)
    assert rebuilt == [] and spied["copied"]  # built by the child (in its own process), copied in
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")
    items = Dataset(nodes={"K-OTHER": ("KnowledgeItem", {"name": "Bodembeheer", "synonyms": ["grond"]})})
    for name in ("three.db", "four.db"):  # another source's item, and no edge yet: the terms must hold it
        with EmbeddedStore(tmp_path / name) as s:
            s.replace(items, as_of="2025-01-01", source="survey")
    rebuilt.clear()
    _import(tmp_path / "three.db", folder, one_process=True)
    _import(tmp_path / "four.db", folder)
    assert len(spied["copied"]) == 2 and rebuilt == [True, True]  # here, in the importing process, both times
    assert _tables(tmp_path / "three.db") == _tables(tmp_path / "four.db")
    with EmbeddedStore(tmp_path / "four.db") as s:
        assert s.db.execute("SELECT count(*) FROM item_terms WHERE id='K-OTHER'").fetchone()[0] >= 2


def _late_digests(monkeypatch, later):
    """The child's writer, with ``later(real)`` in place of the function giving its digests
    (``real``), which the child calls once its file is whole."""
    real = sqlite_aside.EdgeWriter.__call__

    def writing(self, edges, nodes=None, columns=()):
        digests = real(self, edges, nodes, columns)
        return lambda: later(digests)

    monkeypatch.setattr(sqlite_aside.EdgeWriter, "__call__", writing)


def test_the_rows_are_copied_before_the_child_has_its_digests(tmp_path, spied, monkeypatch):
    """The child says its file is whole, then digests its edges while the import copies them:
    here it sends its digests only once the import has copied its rows (or never)."""
    folder = _with_big_ties(tmp_path)
    copied = tmp_path / "copied"
    real_copy = sqlite_aside.PartsHelper.copy_into

    def copy(self, db, dataset):
        out = real_copy(self, db, dataset)
        copied.touch()  # the child's rows are in
        return out

    def after_the_copy(digests):
        for _i in range(2000):  # 20 s at most
            if copied.exists():
                return digests()
            time.sleep(0.01)
        return b""  # never: the import waited for the digests before the copy

    monkeypatch.setattr(sqlite_aside.PartsHelper, "copy_into", copy)
    _late_digests(monkeypatch, after_the_copy)
    assert _import(tmp_path / "two.db", folder) == _import(tmp_path / "one.db", folder, one_process=True)
    assert copied.exists()
    assert _tables(tmp_path / "one.db") == _tables(tmp_path / "two.db")  # the digests too: they came
    copied.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]


def test_a_child_that_ends_before_its_digests_leaves_the_version_without_one(tmp_path, spied, monkeypatch):
    folder = _with_big_ties(tmp_path)
    _late_digests(monkeypatch, lambda digests: os._exit(3))
    assert _import(tmp_path / "two.db", folder) == _import(tmp_path / "one.db", folder, one_process=True)
    one, two = _tables(tmp_path / "one.db"), _tables(tmp_path / "two.db")
    assert two["digests"] == [] and one["digests"]  # no digest rather than a wrong one
    assert {k: v for k, v in one.items() if k != "digests"} == {k: v for k, v in two.items() if k != "digests"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big", "one.db", "two.db"]
    # the next import of the same input compares the rows: nothing changed, and the digest is stored then
    assert _import(tmp_path / "two.db", folder) == _import(tmp_path / "one.db", folder)
    assert _tables(tmp_path / "two.db") == one
