"""The engagement plan in the giraffe view's actor details (kgraph.views.engagement)."""

from __future__ import annotations

import pytest

import kgraph
from kgraph.app.demo import demo
from kgraph.views import engagement


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("eng") / "kg.db"
    demo(path, out=None, as_of="2026-12-01")
    return path


def test_details_from_rows_per_actor_equal_details_from_the_log(demo_store):
    with kgraph.open(demo_store) as kg:
        f = kg.findings("2026-12-01")
        engage, log = f.engage(), f.interactions()
    marks = engagement.actor_marks(engage)
    logged = engagement.interactions_by_actor(log)
    assert sum(len(v) for v in logged.values()) == len(log)
    assert any(len(v) > engagement.RECENT for v in logged.values())  # the "… earlier" line is exercised
    for actor in marks:
        a, b = {}, {}
        engagement.add_actor_details(a, actor, marks, log)
        engagement.add_actor_details(b, actor, marks, logged)
        assert a == b


def test_no_log():
    assert engagement.interactions_by_actor(None) == {}
