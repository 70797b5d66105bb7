"""Store.amend: a writer whose data only grows (the interaction log) adds rows from a date on.

Both backends: the rows join the version dated ``as_of`` and every later version of the
source; the other sources are untouched. The embedded store does it in one transaction,
so two writers adding at once both keep their rows.
"""

from __future__ import annotations

import threading

from kgraph.model import Dataset


def person(i: str) -> Dataset:
    return Dataset(nodes={i: ("Person", {"name": f"Persoon {i}"})})


def ids(store, day: str, source: str | None = None) -> set[str]:
    return set(store.read_dataset(as_of=day, source=source).nodes)


def test_rows_join_every_later_version(store):
    store.replace(person("HR"), as_of="2025-01-01")
    store.amend(person("A"), as_of="2025-03-01", source="log")
    store.amend(person("C"), as_of="2025-09-01", source="log")
    report = store.amend(person("B"), as_of="2025-06-01", source="log")  # after the fact
    assert report.added == {"Person": 1}
    assert ids(store, "2025-02-01") == {"HR"}
    assert ids(store, "2025-03-01") == {"HR", "A"}
    assert ids(store, "2025-06-01") == {"HR", "A", "B"}
    assert ids(store, "2025-12-31") == {"HR", "A", "B", "C"}
    assert ids(store, "2025-12-31", "import") == {"HR"}
    assert [(v["source"], str(v["as_of"])) for v in store.history()] == [
        ("import", "2025-01-01"), ("log", "2025-03-01"), ("log", "2025-06-01"), ("log", "2025-09-01")]
    again = store.amend(person("B"), as_of="2025-06-01", source="log")
    assert again.unchanged


def test_an_import_before_the_log_answers_for_its_dates(store):
    store.amend(person("A"), as_of="2025-03-01", source="log")
    store.replace(person("HR"), as_of="2025-11-01")  # the first import, later than the log
    assert ids(store, "2025-06-01") == {"HR", "A"}  # the import answers for earlier dates
    assert ids(store, "2025-01-01") == {"HR"}  # the log begins with its first version


def test_two_writers_at_once_keep_both(tmp_path):
    from kgraph.store.sqlite import EmbeddedStore

    path = tmp_path / "kg.db"
    with EmbeddedStore(path) as s:
        s.replace(person("HR"), as_of="2025-01-01")
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with EmbeddedStore(path) as s:
                for n in range(8):
                    s.amend(person(f"{prefix}{n}"), as_of="2025-06-01", source="log")
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(p,)) for p in "XY"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    with EmbeddedStore(path) as s:
        assert ids(s, "2025-06-01", "log") == {f"{p}{n}" for p in "XY" for n in range(8)}
