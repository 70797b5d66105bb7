"""The packed network view (a large organisation, :mod:`kgraph.views.network_pack`) in headless Chromium.

A generated organisation of 600 people with the packing threshold lowered to 100: the page
opens at department level, decodes no department until one is opened, and then draws the
same people and ties as the unpacked page; the search finds a person in a department that
was never opened.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.views.test_browser import _assert_offline_and_clean, _drawn, _open, browser  # noqa: F401 (the fixture)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def big_kg(tmp_path_factory):
    """A generated organisation of 600 people (seed 3) in an embedded store."""
    import kgraph
    from kgraph.synthetic import generate

    base = tmp_path_factory.mktemp("packed")
    generate(base / "org", persons=600, seed=3)
    kg = kgraph.open(base / "kg.db")
    kgraph.import_data(kg, base / "org")
    yield kg
    kg.close()


def _wait(driver, script: str, timeout: float = 10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = driver.execute_script(script)
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {script}")


def _edges(driver) -> dict[tuple[str, str], str]:
    """The lines drawn: (from, to) -> tooltip text."""
    got = driver.execute_script("return window.network.body.data.edges.get().map(e => [e.from, e.to, e.title.textContent])")
    return {(a, b): t for a, b, t in got}


def test_packed_view_draws_opens_and_finds(browser, big_kg, tmp_path):
    import kgraph
    from kgraph.app.render import network_data
    from kgraph.views.network_pack import unpack_block

    as_of = "2026-06-01"
    packed_out, plain_out = tmp_path / "packed.html", tmp_path / "plain.html"
    info = kgraph.network(big_kg, packed_out, aggregate="department", as_of=as_of, compact_above=100)
    plain = kgraph.network(big_kg, plain_out, aggregate="department", as_of=as_of)
    data = network_data(big_kg, aggregate="department", as_of=as_of)
    assert "packed" not in data  # 600 people: below the default threshold
    assert info["nodes"] == plain["nodes"] and info["edges"] == plain["edges"] == data["counts"]["ties"]
    assert info["bytes"] < plain["bytes"]
    page = packed_out.read_text(encoding="utf-8")
    assert "window.kgraphReady" in page and "DecompressionStream" in page

    # the plain page: what the packed one must match once a department is open
    _open(browser, plain_out)
    dept = next(g["id"] for g in data["groups"] if g["level"] == "department" and not g["id"].startswith("dept:(merged)"))
    browser.execute_script(f"window.kgraph.views.network.open({json.dumps(dept)})")
    team = next(g["id"] for g in data["groups"] if g["parent"] == dept)
    browser.execute_script(f"window.kgraph.views.network.open({json.dumps(team)})")
    want_nodes = sorted(browser.execute_script("return window.network.body.data.nodes.getIds()"))
    want_pos = browser.execute_script("return window.network.getPositions()")
    want_edges = _edges(browser)
    browser.execute_script("window.kgraph.views.network.select(arguments[0])", want_nodes[-1])
    want_details = browser.execute_script("return document.getElementById('network-details').textContent")

    seen = _open(browser, packed_out)
    _assert_offline_and_clean(browser, seen)
    # the overview: the department nodes, nothing decoded
    assert _drawn(browser, "network") == (info["nodes"], info["nodes"])
    assert browser.execute_script("return window.kgraph.views.network.loaded()") == 0
    assert browser.execute_script("return window.network.body.data.edges.length") > 0
    # drill down: the department, then one of its teams: its people and the same ties as the plain page
    browser.execute_script(f"window.kgraph.views.network.open({json.dumps(dept)})")
    _wait(browser, f"return window.network.body.data.nodes.get({json.dumps(team)}) !== null")
    assert browser.execute_script("return window.kgraph.views.network.loaded()") == 1
    browser.execute_script(f"window.kgraph.views.network.open({json.dumps(team)})")
    got_nodes = sorted(browser.execute_script("return window.network.body.data.nodes.getIds()"))
    assert got_nodes == want_nodes
    members = [p for p in got_nodes if p.startswith("P")]
    assert members, "the team shows its members"
    got_pos = browser.execute_script("return window.network.getPositions()")
    assert all(abs(got_pos[k]["x"] - want_pos[k]["x"]) <= 1 and abs(got_pos[k]["y"] - want_pos[k]["y"]) <= 1 for k in members)
    assert _edges(browser) == want_edges
    browser.execute_script("window.kgraph.views.network.select(arguments[0])", want_nodes[-1])
    assert browser.execute_script("return document.getElementById('network-details').textContent") == want_details

    # search: a person in a department nobody opened
    org = big_kg.snapshot(as_of)
    block = unpack_block(data_packed(big_kg, as_of)["packed"]["blocks"][-1])
    pid, name = block["p"][0][0], block["p"][0][1]
    assert org.name(pid) == name
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    box = browser.find_element(By.ID, "network-search")
    box.click()
    box.send_keys(name, Keys.ENTER)
    _wait(browser, f"return window.network.getSelectedNodes()[0] === {json.dumps(pid)}")
    assert name in browser.find_element(By.ID, "network-details").text
    assert browser.execute_script("return window.kgraph.views.network.loaded()") == 2
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def data_packed(kg, as_of):
    from kgraph.app.render import _network_data
    from kgraph.app.api import findings_of

    return _network_data(findings_of(kg, as_of), aggregate="department", compact_above=100)


def test_packed_view_shows_markup_as_text(browser, xss_kg, tmp_path):
    """``tests/data/xss`` packed (threshold 1): names with markup stay text in the decoded blocks, tooltips,
    details and the search; nothing runs, nothing is requested."""
    import kgraph
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    kg = kgraph.open(xss_kg.location, min_group_size=1)
    out = tmp_path / "network.html"
    info = kgraph.network(kg, out, aggregate="department", compact_above=1)
    page = out.read_text(encoding="utf-8")
    assert "<b onmouseover" not in page  # escaped in the static map and the JSON, or inside a compressed block
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    assert _drawn(browser, "network") == (info["nodes"], info["nodes"])
    box = browser.find_element(By.ID, "network-search")
    box.click()
    box.send_keys("eva vis", Keys.ENTER)
    _wait(browser, "return window.network.getSelectedNodes()[0] === 'P05'")
    assert "Eva Visser" in browser.find_element(By.ID, "network-details").text
    browser.execute_script("var v = window.kgraph.views.network; return v.find('P02')")
    _wait(browser, "return window.network.getSelectedNodes()[0] === 'P02'")
    assert '<b onmouseover="window.__pwned=5">Bram</b>' in browser.execute_script(
        "return document.getElementById('network-details').textContent")
    tip = browser.execute_script("return window.network.body.data.nodes.get('P02').title.textContent")
    assert '<b onmouseover="window.__pwned=5">Bram</b>' in tip
    _assert_offline_and_clean(browser, {**seen, "requests": [], "errors": []})
    kg.close()
