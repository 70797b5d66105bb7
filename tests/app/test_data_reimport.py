"""An identical re-import recognised by the digest of its input files (issue 15): the same
report, the same store, nothing parsed; any other byte, file or option reads everything."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import kgraph
from kgraph.app import data as appdata
from kgraph.ingest import load_dataset

TINY = Path(__file__).parents[1] / "data" / "tiny"
DAY = "2026-01-01"


@pytest.fixture
def org(tmp_path) -> Path:
    folder = tmp_path / "org"
    shutil.copytree(TINY, folder)
    (folder / "persoons.csv").write_text("id\nx\n", encoding="utf-8")  # not a table: a warning
    return folder


@pytest.fixture
def parsed(monkeypatch):
    """Counts the inputs parsed by import_data."""
    calls = []

    def counting(src, **kw):
        calls.append(src)
        return load_dataset(src, **kw)

    monkeypatch.setattr(appdata, "load_dataset", counting)
    return calls


def _state(path: Path):
    db = sqlite3.connect(path)
    try:
        return [db.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall()
                for t in ("node_rows", "edge_rows", "versions")]
    finally:
        db.close()


def _import(store, folder, **kw):
    with kgraph.open(store) as kg:
        return kgraph.import_data(kg, folder, **{"as_of": DAY, **kw})


def test_identical_import_reads_nothing_and_reports_as_before(tmp_path, org, parsed):
    store = tmp_path / "kg.db"
    first = _import(store, org)
    assert not first.unchanged and first.warnings
    before = store.read_bytes()
    again = _import(store, org)
    assert len(parsed) == 1  # the second import parsed nothing
    assert store.read_bytes() == before  # and wrote nothing
    assert again.unchanged and again.totals == first.totals
    assert [str(w) for w in again.warnings] == [str(w) for w in first.warnings]
    # the report of the full comparison (a store without the input digest) is the same
    other = tmp_path / "other.db"
    with kgraph.open(other) as kg:
        kgraph.import_dataset(kg, load_dataset(org), as_of=DAY)
        full = kgraph.import_data(kg, org, as_of=DAY)
    assert len(parsed) == 2 and full.unchanged
    assert (full.totals, full.rows(), full.summary()) == (again.totals, again.rows(), again.summary())
    assert [str(w) for w in full.warnings] == [str(w) for w in again.warnings]


@pytest.mark.parametrize("change", ["byte", "new file", "renamed", "as_of", "source"])
def test_any_other_byte_file_or_option_reads_the_input(tmp_path, org, parsed, change):
    store = tmp_path / "kg.db"
    _import(store, org)
    kw = {}
    if change == "byte":
        p = org / "persons.csv"
        p.write_bytes(p.read_bytes().replace(b"Stadhuis", b"Stadhuiz", 1))
    elif change == "new file":
        (org / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    elif change == "renamed":
        (org / "persoons.csv").rename(org / "persoonz.csv")
    elif change == "as_of":
        kw = {"as_of": "2026-02-01"}
    else:
        kw = {"source": "other"}
    report = _import(store, org, **kw)
    assert len(parsed) == 2
    assert report.unchanged == (change not in ("byte", "source"))


def test_history_and_versions_stay_as_they_were(tmp_path, org):
    store = tmp_path / "kg.db"
    _import(store, org)
    with kgraph.open(store) as kg:
        before = kgraph.history(kg).values.tolist()
    _import(store, org)
    _import(store, org, as_of="2026-03-01")  # a later date, unchanged: no version either
    _import(store, org)
    with kgraph.open(store) as kg:
        assert kgraph.history(kg).values.tolist() == before


def _as_older_kgraph(store: Path, *, digests: bool) -> None:
    """The store as an older kgraph leaves it: version_digests without the input columns, or none."""
    db = sqlite3.connect(store)
    db.execute("DROP TABLE IF EXISTS version_digests")
    if digests:
        db.execute("""CREATE TABLE version_digests (origin TEXT PRIMARY KEY, as_of TEXT NOT NULL,
                      digest TEXT NOT NULL, recorded_at TEXT NOT NULL, counts TEXT NOT NULL) WITHOUT ROWID""")
    db.commit()
    db.close()


@pytest.mark.parametrize("digests", [True, False])
def test_a_store_of_an_older_kgraph_imports_normally_and_gets_the_digest(tmp_path, org, parsed, digests):
    store = tmp_path / "kg.db"
    with kgraph.open(store) as kg:
        kgraph.import_dataset(kg, load_dataset(org), as_of=DAY)
    _as_older_kgraph(store, digests=digests)
    rows = _state(store)
    report = _import(store, org)  # read and compared in full; the input digest is stored
    assert report.unchanged and len(parsed) == 1 and _state(store) == rows
    again = _import(store, org)
    assert again.unchanged and len(parsed) == 1 and _state(store) == rows
    # an older kgraph's import of changed data drops the whole row: nothing is trusted then
    db = sqlite3.connect(store)
    db.execute("DELETE FROM version_digests")
    db.commit()
    db.close()
    _import(store, org)
    assert len(parsed) == 2


def test_the_input_digest_is_not_trusted_once_the_version_changed(tmp_path, org, parsed):
    store = tmp_path / "kg.db"
    _import(store, org)
    with kgraph.open(store) as kg:
        kg.store.forget("P01")
    report = _import(store, org)
    assert len(parsed) == 2 and not report.unchanged  # P01 comes back
    earlier = tmp_path / "earlier"
    shutil.copytree(org, earlier)
    (earlier / "ties.csv").write_bytes((org / "ties.csv").read_bytes().rsplit(b"\n", 2)[0] + b"\n")
    assert not _import(store, earlier, as_of="2025-06-01").unchanged  # an earlier version, one tie fewer
    report = _import(store, org)  # DAY's version now counts its changes against 2025-06-01
    assert len(parsed) == 4 and report.unchanged
    again = _import(store, org)
    assert len(parsed) == 4 and again.unchanged


def test_another_language_reads_the_input(tmp_path, org, parsed, monkeypatch):
    store = tmp_path / "kg.db"
    _import(store, org)
    monkeypatch.setenv("KGRAPH_LANG", "nl")
    from kgraph import i18n

    with i18n.use_language("nl"):
        report = _import(store, org)
    assert len(parsed) == 2 and report.unchanged


def test_a_workbook_is_recognised_too(tmp_path, parsed):
    book = tmp_path / "org.xlsx"
    kgraph.template(book)
    store = tmp_path / "kg.db"
    first = _import(store, book)
    again = _import(store, book)
    assert len(parsed) == 1 and again.unchanged and again.totals == first.totals


def test_a_read_only_store_still_refuses_the_import(tmp_path, org):
    store = tmp_path / "kg.db"
    _import(store, org)
    with kgraph.open(store) as kg:
        kg.store.read_only = True
        with pytest.raises(kgraph.StoreError):
            kgraph.import_data(kg, org, as_of=DAY)
