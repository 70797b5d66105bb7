"""The HTML views in a real browser: headless Chromium with the network blocked.

For every page (giraffe, network at person and department level, report) we
assert: no request leaves the file (only the file:// page itself and data:/blob:
URIs, read from Chrome's performance log), no console errors (browser log
level SEVERE, which includes Content-Security-Policy violations), the number of
nodes drawn equals the count computed from the store, and the markup in
``tests/data/xss`` is shown as text and never runs (``window.__pwned`` stays
undefined, no alert opens, no injected element exists).

Needs Debian's ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them)
and selenium (test extras). Skipped when missing, except under ``CI=...``
where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent.parent


def _binaries() -> tuple[str | None, str | None]:
    chrome = next((p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium"), shutil.which("chromium-browser"))
                   if p and os.path.exists(p)), None)
    return chrome, shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)


def _missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {why} (install chromium, chromium-driver and the test extras)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    chrome, driver_path = _binaries()
    if not chrome or not driver_path:
        _missing("chromium or chromedriver not found")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900",
                # block the network: every proxied request fails, every host name is unknown
                "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    opts.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    yield driver
    driver.quit()


def _open(driver, path: Path) -> dict:
    """Load a page; return what happened: requests, console errors, alert."""
    from selenium.common.exceptions import NoAlertPresentException

    driver.get_log("performance")  # drop entries of earlier pages
    driver.get_log("browser")
    url = path.resolve().as_uri()
    driver.get(url)
    deadline = time.time() + 20
    while time.time() < deadline and not driver.execute_script("return window.kgraphReady === true"):
        time.sleep(0.05)
    assert driver.execute_script("return window.kgraphReady === true"), "the page's scripts did not start"
    time.sleep(0.4)  # let vis-network draw
    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated", "Network.webTransportCreated"):
            req_url = msg["params"].get("request", {}).get("url") or msg["params"].get("url", "")
            requests.append(req_url)
    try:
        alert = driver.switch_to.alert.text
    except NoAlertPresentException:
        alert = None
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    return {"url": url, "requests": requests, "errors": errors, "alert": alert}


def _assert_offline_and_clean(driver, seen: dict) -> None:
    outside = [u for u in seen["requests"] if u != seen["url"] and not u.startswith(("data:", "blob:"))]
    assert outside == [], f"requests left the file: {outside}"
    assert seen["errors"] == [], f"console errors: {seen['errors']}"
    assert seen["alert"] is None, f"an alert opened: {seen['alert']!r}"
    assert driver.execute_script("return typeof window.__pwned") == "undefined", "injected markup ran"
    # only kgraph's own three scripts (data, vis-network, views); no injected element
    assert driver.execute_script("return document.scripts.length") == 3
    assert driver.execute_script(
        "return document.querySelectorAll('iframe, svg[onload], b[onmouseover], img:not([src^=\"data:image/png\"])').length") == 0
    assert driver.execute_script("return Array.from(document.querySelectorAll('*')).filter("
                                 "e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length") == 0


def _drawn(driver, view: str) -> tuple[int, int]:
    """(nodes in the map's data set, node ids vis-network draws)."""
    return tuple(driver.execute_script(
        f"var n = window.kgraph.views[{json.dumps(view)}].network;"
        "return [n.body.data.nodes.length, n.body.nodeIndices.length];"))


def _giraffe_expected(kg) -> int:
    """issues + actors with a position, their contact persons, those persons' departments."""
    from kgraph.org import Org

    org = kg.snapshot()
    pairs = {(a, i) for a, i, _, _ in org.edges("POSITION")}
    actors = {a for a, _ in pairs}
    persons = {p for p, a, _, _ in org.edges("CONTACT") if a in actors}
    depts = {org.team_department[org.home_team(p)] for p in persons if org.home_team(p)}
    return len({i for _, i in pairs}) + len(actors) + len(persons) + len(depts)


def test_giraffe_offline_counts_and_escaping(browser, xss_kg, tmp_path):
    import kgraph

    out = tmp_path / "giraffe.html"
    info = kgraph.giraffe(xss_kg, out, as_of="2025-12-31")
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    expected = _giraffe_expected(xss_kg)
    assert info["nodes"] == expected
    assert _drawn(browser, "giraffe") == (expected, expected)
    assert browser.execute_script("return window.network.body.data.edges.length") == info["edges"]

    # markup in filters and details is text
    body = browser.execute_script("return document.body.innerText")
    assert '<svg onload="window.__pwned=3">Centrum' in body  # issue name in the issue filter
    panel = "return document.getElementById('giraffe-details').textContent"
    browser.execute_script("window.kgraph.views.giraffe.select('A-DORP')")
    text = browser.execute_script(panel)
    assert '<img src=x onerror="window.__pwned=1">Dorpsraad' in text
    assert "<img src=x onerror=alert(1)>" in text  # the description
    assert "Geluidsoverlast <b>onacceptabel</b> & slagschaduw" in text  # the signal
    browser.execute_script("window.kgraph.views.giraffe.select('A-KRANT')")
    assert "</script><script>window.__pwned=2</script>Krant" in browser.execute_script(panel)
    browser.execute_script("window.kgraph.views.giraffe.select('P02')")
    text = browser.execute_script(panel)
    assert '<b onmouseover="window.__pwned=5">Bram</b>' in text
    assert '"><script>window.__pwned=7</script>Vergunningen' in text
    browser.execute_script("window.kgraph.views.giraffe.select('D-RUIMTE')")
    assert '<iframe src="javascript:window.__pwned=6">Ruimte' in browser.execute_script(panel)

    # a click on the canvas selects through vis-network's own event path
    browser.execute_script("var n = window.network; var p = n.canvasToDOM(n.getPositions(['I-WIND'])['I-WIND']);"
                           "n.body.emitter.emit('click', {nodes: ['I-WIND'], edges: [], pointer: {DOM: p}});")
    assert "Windpark Noord" in browser.execute_script(panel)

    # the issue filter hides what does not concern the issue (nodes stay in the data set)
    browser.execute_script("var s = document.getElementById('giraffe-issue'); s.value = 'I-WIND'; s.dispatchEvent(new Event('change'));")
    hidden = browser.execute_script("return window.network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()")
    assert "I-CENTRUM" in hidden and "A-KRANT" in hidden and "A-DORP" not in hidden
    _assert_offline_and_clean(browser, {**seen, "requests": [], "errors": [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]})


def test_giraffe_factors_offline_filtered_and_escaped(browser, xss_time_kg, tmp_path):
    """Factors (issue 12) sit around their issues as hexagons, each line labelled with its effect;
    the factor-kind filter and the issue filter hide them; their texts stay text."""
    import kgraph

    out = tmp_path / "giraffe.html"
    info = kgraph.giraffe(xss_time_kg, out, as_of="2025-12-31")
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    expected = _giraffe_expected(xss_time_kg) + 2  # + F-STIK, F-NET
    assert info["nodes"] == expected and info["factors"] == 2
    assert _drawn(browser, "giraffe") == (expected, expected)
    shapes = browser.execute_script("return window.network.body.data.nodes.get({filter: n => n.kg_kind === 'factor'})"
                                    ".map(n => [n.id, n.shape]).sort()")
    assert shapes == [["F-NET", "hexagon"], ["F-STIK", "hexagon"]]
    labels = browser.execute_script("return window.network.body.data.edges.get({filter: e => e.kg_kind === 'effect'})"
                                    ".map(e => e.from + '>' + e.to + ':' + e.label).sort()")
    assert labels == ["F-NET>I-CENTRUM:+1", "F-NET>I-WIND:-1", "F-STIK>I-WIND:-2"]
    legend = browser.execute_script("return document.getElementById('giraffe-legend').textContent")
    assert "Factors" in legend and "legal" in legend and "technological" in legend

    panel = "return document.getElementById('giraffe-details').textContent"
    browser.execute_script("window.kgraph.views.giraffe.select('F-STIK')")
    text = browser.execute_script(panel)
    assert '<svg onload="window.__pwned=13">Stikstof' in text and "<script>window.__pwned=14</script>" in text
    assert "strongly hinders (-2)" in text

    hidden = "return window.network.body.data.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()"
    # untick "legal" in the factor-kind filter: F-STIK goes, F-NET stays
    browser.execute_script("var box = document.getElementById('giraffe-controls');"
                           "var c = Array.from(box.querySelectorAll('input[type=checkbox]')).find(i => i.value === 'legal');"
                           "c.checked = false; c.dispatchEvent(new Event('change'));")
    got = browser.execute_script(hidden)
    assert "F-STIK" in got and "F-NET" not in got
    # the issue filter: Centrum keeps F-NET (it affects both issues), hides F-STIK's line
    browser.execute_script("var s = document.getElementById('giraffe-issue'); s.value = 'I-CENTRUM'; s.dispatchEvent(new Event('change'));")
    got = browser.execute_script(hidden)
    assert "F-NET" not in got and "I-WIND" in got
    shown_effects = browser.execute_script("return window.network.body.data.edges.get({filter: e => e.kg_kind === 'effect' && !e.hidden})"
                                           ".map(e => e.to)")
    assert shown_effects == ["I-CENTRUM"]
    assert browser.execute_script("return typeof window.__pwned") == "undefined"


def test_report_time_sections_offline(browser, xss_time_kg, tmp_path):
    """The report's monitoring and objectives sections draw inline SVG, request nothing, run nothing."""
    import kgraph

    out = tmp_path / "report.html"
    kgraph.report(xss_time_kg, out, as_of="2025-12-31")
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    assert browser.execute_script("return document.querySelectorAll('svg.kg-bar').length") == 2
    assert browser.execute_script("return document.querySelectorAll('svg.kg-spark').length") == 1  # one issue signalled
    body = browser.execute_script("return document.getElementById('objectives').innerText")
    assert '<b onmouseover="window.__pwned=12">kent</b> het plan' in body


def _aggregated_expected(kg, dept: str) -> tuple[int, int]:
    """(department nodes; nodes drawn once the department node holding ``dept`` is opened), by the
    merge rule: departments with fewer than N people (home-team members) merged into one node,
    then teams with fewer than N merged within each department node (kgraph.analysis.suppress.merge_plan)."""
    from collections import Counter

    from kgraph.org import Org
    from kgraph.analysis.suppress import merge_plan

    org = kg.snapshot()
    n = kg.min_group_size
    team_of = {p: org.home_team(p) for p in org.persons}
    dept_of = {p: org.unit_of_person(p, "department") for p in org.persons}
    kept, merged, _ = merge_plan(Counter(str(d) for d in dept_of.values()), n)
    node = [dept] if dept in kept else merged  # the departments in the node that holds ``dept``
    teams = Counter(str(team_of[p]) for p in org.persons if str(dept_of[p]) in node)
    kept_t, merged_t, _ = merge_plan(teams, n)
    dept_nodes = len(kept) + bool(merged)
    return dept_nodes, dept_nodes - 1 + len(kept_t) + bool(merged_t)


@pytest.mark.parametrize("min_group_size", [None, 1])
def test_network_levels_and_drill_down(browser, xss_kg, tmp_path, min_group_size):
    import kgraph

    kg = kgraph.open(xss_kg.location, min_group_size=min_group_size)
    out = tmp_path / "network.html"
    info = kgraph.network(kg, out)
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    n_persons = len(kg.store.nodes("Person"))
    assert info["level"] == "person" and info["nodes"] == n_persons  # person level: not an aggregate
    assert _drawn(browser, "network") == (n_persons, n_persons)
    browser.execute_script("window.kgraph.views.network.select('P02')")
    assert '<b onmouseover="window.__pwned=5">Bram</b>' in browser.execute_script(
        "return document.getElementById('network-details').textContent")

    out2 = tmp_path / "network-dept.html"
    info = kgraph.network(kg, out2, aggregate="department")
    seen = _open(browser, out2)
    _assert_offline_and_clean(browser, seen)
    from kgraph.org import Org

    org = kg.snapshot()
    depts = {org.unit_of_person(p, "department") for p in org.persons}
    assert len(depts) == 3
    n_depts, n_open = _aggregated_expected(kg, "D-RUIMTE")
    assert info["nodes"] == n_depts == (3 if min_group_size == 1 else 1)  # default 5: all 3 smaller, merged
    assert _drawn(browser, "network") == (n_depts, n_depts)
    # drill down: the node holding Ruimte opens into its team nodes (Vergunningen, Beleid Ruimte with N = 1)
    node = "dept:D-RUIMTE" if min_group_size == 1 else "dept:(merged)"
    browser.execute_script(f"window.kgraph.views.network.open({json.dumps(node)})")
    assert _drawn(browser, "network") == (n_open,) * 2
    if min_group_size == 1:
        teams = {org.home_team(p) for p in org.persons if org.unit_of_person(p, "department") == "D-RUIMTE"}
        assert n_open == 2 + len(teams)
    else:  # the legend says what was merged
        assert "merged" in browser.execute_script("return document.getElementById('network-legend').textContent")
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    kg.close()


def test_report_offline_and_escaped(browser, xss_kg, tmp_path):
    import kgraph

    out = tmp_path / "report.html"
    info = kgraph.report(xss_kg, out, as_of="2025-12-31")
    assert info["unavailable"] == []
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    expected = _giraffe_expected(xss_kg)
    assert _drawn(browser, "giraffe") == (expected, expected)
    n_persons = len(xss_kg.store.nodes("Person"))
    assert _drawn(browser, "network") == (n_persons, n_persons)
    body = browser.execute_script("return document.body.innerText")
    assert "</script><script>window.__pwned=2</script>Krant" in body  # blind-spot table
    assert browser.execute_script("return document.querySelectorAll('img[src^=\"data:image/png\"]').length") == 2


def test_harness_sees_requests_and_injections(browser, tmp_path):
    """The checks above can fail: a page that loads from a CDN and runs injected markup is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html><body><script src="https://cdn.example.org/x.js"></script>'
                   '<img src="x" onerror="window.__pwned=1"><script>window.kgraphReady = true;</script></body></html>',
                   encoding="utf-8")
    seen = _open(browser, bad)
    assert seen["url"] in seen["requests"]  # the log records requests at all
    assert any(u.startswith("https://cdn.example.org/") for u in seen["requests"])
    assert browser.execute_script("return window.__pwned") == 1
    with pytest.raises(AssertionError):
        _assert_offline_and_clean(browser, seen)


_RING = """
var v = window.kgraph.views.giraffe, net = v.network, id = arguments[0], ring = v.data.marks.overdue;
var canvas = document.querySelector('#giraffe-map canvas'), ctx = canvas.getContext('2d');
var ratio = canvas.width / canvas.clientWidth, scale = net.getScale();
var node = v.data.nodes.find(function (n) { return n.id === id; });
var p = net.canvasToDOM(net.getPositions([id])[id]);
function rgb(x, y) { var d = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data; return [d[0], d[1], d[2]]; }
var r = (node.size + ring.gap + ring.width / 2) * scale, on = [];
for (var k = 0; k < 72; k++) { var a = 2 * Math.PI * k / 72; on.push(rgb(p.x + r * Math.cos(a), p.y + r * Math.sin(a))); }
return {ring: on, centre: rgb(p.x, p.y), colour: ring.colour, overdue: !!node.kg_overdue};
"""


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _near(a, b, tol=40) -> bool:
    return sum((x - y) ** 2 for x, y in zip(a, b)) ** 0.5 <= tol


def test_giraffe_marks_actors_overdue_for_contact(browser, tmp_path):
    """A-DORP (last contact 2025-09-02) and A-KRANT (a blind spot) are overdue on 2025-12-31: an orange
    ring outside the dot, apart from the stance colour inside it; A-PROV, met on 2025-12-20, has none.
    The details say why, and list the interactions and the open follow-up (markup shown as text)."""
    import shutil

    import kgraph

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data" / "xss", data)
    (data / "interactions.csv").write_text(
        "date,person_id,actor_id,issue_id,kind,mode,summary,follow_up,follow_up_due\n"
        '2025-12-20,P01,A-PROV,I-WIND,meeting,co_create,"<img src=x onerror=""window.__pwned=8"">Overleg",'
        "Stukken sturen,2025-12-24\n", encoding="utf-8")
    kg = kgraph.open(tmp_path / "kg.db")
    kgraph.import_data(kg, data)
    out = tmp_path / "giraffe.html"
    kgraph.giraffe(kg, out, as_of="2025-12-31")
    seen = _open(browser, out)
    _assert_offline_and_clean(browser, seen)
    browser.execute_script("window.kgraph.views.giraffe.network.moveTo({scale: 1.2, animation: false});"
                           "window.kgraph.views.giraffe.network.fit({nodes: ['A-PROV', 'A-DORP', 'A-KRANT'], animation: false});")
    import time

    time.sleep(0.4)
    marks = {a: browser.execute_script(_RING, a) for a in ("A-PROV", "A-DORP", "A-KRANT")}
    colour = _hex(marks["A-DORP"]["colour"])
    for actor, m in marks.items():
        hits = sum(_near(px, colour) for px in m["ring"])
        assert m["overdue"] == (actor != "A-PROV"), actor
        if m["overdue"]:
            assert hits >= 48, (actor, hits)  # most of the ring (lines may cross it)
            assert not _near(m["centre"], colour, 80), (actor, m["centre"])  # the fill is the stance colour
        else:
            assert hits == 0, (actor, hits)
    panel = "return document.getElementById('giraffe-details').textContent"
    browser.execute_script("window.kgraph.views.giraffe.select('A-DORP')")
    assert "contact overdue: last contact 2025-09-02, due every month" in browser.execute_script(panel)
    browser.execute_script("window.kgraph.views.giraffe.select('A-KRANT')")
    assert "contact overdue: blind spot" in browser.execute_script(panel)
    browser.execute_script("window.kgraph.views.giraffe.select('A-PROV')")
    text = browser.execute_script(panel)
    assert "contact overdue" not in text and "co-create recommended; used: co-create" in text  # the mode in words
    assert '<img src=x onerror="window.__pwned=8">Overleg' in text and "Stukken sturen" in text and "OVERDUE" in text
    assert "orange ring: contact overdue" in browser.execute_script(
        "return document.getElementById('giraffe-legend').textContent")
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    kg.close()


# -- printing: the report as PDF holds both maps ------------------------------------------------------


def _pdf_tools():
    tools = {t: shutil.which(t) for t in ("pdftotext", "pdftoppm")}
    if not all(tools.values()):
        _missing("pdftotext and pdftoppm (Debian's poppler-utils) not found")
    return tools


def _print_to_pdf(driver, path: Path, out: Path) -> Path:
    """Print ``path`` as Chromium's "Save as PDF" does (A4, backgrounds), through the DevTools protocol."""
    import base64

    _open(driver, path)
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"printBackground": True, "paperWidth": 8.27, "paperHeight": 11.69,
                                                     "preferCSSPageSize": True})
    out.write_bytes(base64.b64decode(pdf["data"]))
    return out


def _pages(pdf: Path) -> list[str]:
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")


def _colour_pixels(pdf: Path, page: int, colour: str, tmp: Path, tol: int = 40) -> int:
    """Pixels of about ``colour`` on ``page`` (1-based) rendered at 100 dpi."""
    import subprocess

    from PIL import Image

    stem = tmp / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "100", "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf), str(stem)],
                   check=True, capture_output=True)
    import numpy as np

    img = np.asarray(Image.open(f"{stem}.png").convert("RGB"), dtype=float)
    return int((np.sqrt(((img - np.array(_hex(colour), dtype=float)) ** 2).sum(axis=-1)) <= tol).sum())


def _check_maps_printed(pdf: Path, tmp: Path, *, actors: list[str], issues: list[str], people: list[str], dots: dict[str, int]):
    """The printed report's giraffe section shows the actors' and issues' names (labels of the drawing: no table
    of that section names them) and the stance colours of their dots; its network section the people's names."""
    pages = _pages(pdf)
    doc = "\f".join(pages)
    g0, n0 = doc.index("Giraffe view"), doc.index("Internal network")
    n1 = doc.index("Figures", n0) if "Figures" in doc[n0:] else len(doc)
    giraffe, network = doc[g0:n0], doc[n0:n1]
    for name in actors + issues:
        assert name in giraffe, f"{name!r} is not on the printed giraffe map"
    for name in people:
        assert name in network, f"{name!r} is not on the printed network map"
    first, last = doc[:g0].count("\f"), doc[:n0].count("\f")  # the pages of the giraffe section
    for colour, least in dots.items():
        found = sum(_colour_pixels(pdf, p + 1, colour, tmp) for p in range(first, last + 1))
        assert found >= least, f"{found} pixels of {colour} on the printed giraffe map, expected {least} or more"


_PRINTED = dict(actors=["Provincie"], issues=["Windpark Noord"], people=["Anna de Vries", "Eva Visser"],
                dots={"#ca0020": 600, "#0571b0": 600})  # the Dorpsraad (strongly against), the Provincie (strongly for)


def test_report_prints_with_both_maps(browser, xss_kg, tmp_path):
    """Print to PDF in headless Chromium: both maps are in it (the canvases print blank: the static SVG is drawn),
    the title names the organisation and the date, and no control is printed."""
    import kgraph

    _pdf_tools()
    out = tmp_path / "report.html"
    kgraph.report(xss_kg, out, as_of="2025-12-31")
    pdf = _print_to_pdf(browser, out, tmp_path / "report.pdf")
    _check_maps_printed(pdf, tmp_path, **_PRINTED)
    pages = _pages(pdf)
    assert "Gemeente Testdorp: kgraph report" in pages[0] and "31 December 2025" in pages[0]  # a date in prose
    text = "\n".join(pages)
    assert "find an actor" not in text and "Open at" not in text and "Click a node on the map" not in text  # no controls
    # a section per page: the giraffe view and the network start pages of their own
    assert sum("Giraffe view" in p[:300] for p in pages) >= 1 and sum("Internal network" in p[:300] for p in pages) == 1


def test_print_check_fails_without_the_static_maps(browser, xss_kg, tmp_path):
    """The check above can fail: the same report without its static maps (the page as it was: canvases only)
    prints no map, and the check says so."""
    import re

    import kgraph

    _pdf_tools()
    out = tmp_path / "report.html"
    kgraph.report(xss_kg, out, as_of="2025-12-31")
    text = out.read_text(encoding="utf-8")
    stripped = re.sub(r'<div class="kg-static[^"]*">.*?</div>(?=\s*<div class="kg-map-wrap">)', "", text, flags=re.S)
    assert stripped.count("<svg class=\"kg-static-map\"") == 0 and stripped != text
    out.write_text(stripped, encoding="utf-8")
    pdf = _print_to_pdf(browser, out, tmp_path / "old.pdf")
    with pytest.raises(AssertionError, match="not on the printed|pixels of"):
        _check_maps_printed(pdf, tmp_path, **_PRINTED)


# -- the giraffe: the blind-spot badge, re-layout per issue --------------------------------------------

_BADGE = """
var v = window.kgraph.views.giraffe, net = v.network, id = arguments[0], badge = v.data.marks.blind_spot;
var canvas = document.querySelector('#giraffe-map canvas'), ctx = canvas.getContext('2d');
var ratio = canvas.width / canvas.clientWidth, scale = net.getScale();
var node = v.data.nodes.find(function (n) { return n.id === id; });
var k = Math.max(1, 6 / scale / badge.radius), br = badge.radius * k, r = node.size + badge.gap + 0.8 * br;
var c = net.getPositions([id])[id];
var centre = net.canvasToDOM({x: c.x + r * Math.cos(badge.angle), y: c.y - r * Math.sin(badge.angle)});
function rgb(x, y) { var d = ctx.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data; return [d[0], d[1], d[2]]; }
var px = [], rad = 0.9 * br * scale;
for (var dx = -rad; dx <= rad + 1e-9; dx += rad / 8) { for (var dy = -rad; dy <= rad + 1e-9; dy += rad / 8) {
  if (dx * dx + dy * dy <= rad * rad) { px.push(rgb(centre.x + dx, centre.y + dy)); } } }
var dot = net.canvasToDOM(c);
return {pixels: px, blind: !!node.kg_blind_spot, dot: rgb(dot.x, dot.y), fill: badge.fill, outline: badge.outline,
        ring: v.data.marks.overdue.colour};
"""


#: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation of color vision deficiency",
#: IEEE TVCG 15(6): protanopia, deuteranopia, tritanopia at severity 1.0, on linear RGB
_CVD = (((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
        ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
        ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)))


def _simulate(rgb, matrix) -> tuple[int, int, int]:
    if matrix is None:
        return tuple(rgb)
    lin = [((c / 255 + 0.055) / 1.055) ** 2.4 if c / 255 > 0.04045 else c / 255 / 12.92 for c in rgb]
    out = [min(1.0, max(0.0, sum(m * v for m, v in zip(row, lin)))) for row in matrix]
    return tuple(round(255 * (1.055 * v ** (1 / 2.4) - 0.055 if v > 0.0031308 else 12.92 * v)) for v in out)


def test_giraffe_blind_spot_badge_is_visible_on_a_strongly_against_actor(browser, tmp_path):
    """The Courant is a blind spot and strongly against (red): its badge (yellow with a black outline and !) shows
    beside the red dot; the Dorpsraad, also strongly against but with a contact, has none. The badge is neither a
    stance colour nor the overdue ring's orange, and the legend explains both marks."""
    import kgraph

    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "data" / "xss", data)
    positions = (data / "positions.csv").read_text(encoding="utf-8")
    (data / "positions.csv").write_text(positions.replace("A-KRANT,I-CENTRUM,0,3,3", "A-KRANT,I-CENTRUM,-2,3,3"),
                                        encoding="utf-8")
    kg = kgraph.open(tmp_path / "kg.db")
    kgraph.import_data(kg, data)
    out = tmp_path / "giraffe.html"
    kgraph.giraffe(kg, out, as_of="2025-12-31")
    _assert_offline_and_clean(browser, _open(browser, out))
    browser.execute_script("window.kgraph.views.giraffe.network.fit({nodes: ['A-KRANT', 'A-DORP'], animation: false});")
    time.sleep(0.4)
    krant, dorp = (browser.execute_script(_BADGE, a) for a in ("A-KRANT", "A-DORP"))
    red = _hex("#ca0020")
    assert krant["blind"] and not dorp["blind"]
    assert _near(krant["dot"], red) and _near(dorp["dot"], red)  # both strongly against: red dots
    fill, outline = _hex(krant["fill"]), _hex(krant["outline"])
    yellow = sum(_near(px, fill) for px in krant["pixels"])
    black = sum(_near(px, outline, 60) for px in krant["pixels"])
    assert yellow >= 0.4 * len(krant["pixels"]), (yellow, len(krant["pixels"]))
    assert black >= 3, black  # the exclamation mark and the outline
    assert not any(_near(px, red) for px in krant["pixels"][len(krant["pixels"]) // 3:-len(krant["pixels"]) // 3])
    assert sum(_near(px, fill) for px in dorp["pixels"]) == 0  # no badge on an actor with a contact
    # apart from every stance colour and from the overdue ring, also as people with a colour-vision deficiency see
    # them (simulated with Machado, Oliveira & Fernandes 2009, full severity): the yellow fill for red-green
    # deficiencies (about 8% of men), the black outline and glyph for every one, tritanopia included
    from kgraph.views import html

    protan, deutan, tritan = _CVD
    for colour in [html.colours()["stance"][k] for k in ("-2", "-1", "0", "1", "2")] + ["#ffffff"]:
        for sim in (None, protan, deutan):
            a, b = (_simulate(c, sim) for c in (fill, _hex(colour)))
            assert not _near(a, b, 60), (colour, sim, a, b)
        for sim in (None, *_CVD):
            a, b = (_simulate(c, sim) for c in (outline, _hex(colour)))
            assert not _near(a, b, 100), (colour, sim, a, b)
    assert not _near(fill, _hex(krant["ring"]), 80) and not _near(outline, _hex(krant["ring"]), 200)
    legend = browser.execute_script("return document.getElementById('giraffe-legend').textContent")
    assert "blind spot" in legend and "contact overdue" in legend
    kg.close()


def test_giraffe_issue_filter_re_lays_the_map_out(browser, xss_kg, tmp_path):
    import kgraph
    from kgraph.app.render import giraffe_data

    out = tmp_path / "giraffe.html"
    kgraph.giraffe(xss_kg, out, as_of="2025-12-31")
    _open(browser, out)
    data = giraffe_data(xss_kg, as_of="2025-12-31")
    base = {n["id"]: [n["x"], n["y"]] for n in data["nodes"]}
    pos = "return window.network.getPositions(arguments[0])"

    def choose(issue):
        browser.execute_script("var s = document.getElementById('giraffe-issue'); s.value = arguments[0];"
                               "s.dispatchEvent(new Event('change'));", issue)

    choose("I-WIND")
    got = browser.execute_script(pos, ["I-WIND", "A-DORP", "A-PROV", "P02"])
    want = data["layouts"]["I-WIND"]
    for node, xy in got.items():  # vis-network reports whole pixels
        assert abs(xy["x"] - want[node][0]) <= 1 and abs(xy["y"] - want[node][1]) <= 1, node
    assert want["I-WIND"] != base["I-WIND"] and want["A-DORP"] != base["A-DORP"]  # it moved: the issue at the centre
    choose("")
    got = browser.execute_script(pos, ["I-WIND", "A-DORP"])
    assert all(abs(v["x"] - base[k][0]) <= 1 and abs(v["y"] - base[k][1]) <= 1 for k, v in got.items())


# -- the network: search ------------------------------------------------------------------------------


def test_network_search_finds_a_person_with_the_keyboard(browser, xss_kg, tmp_path):
    """At department level, typing a name and Enter opens the department and team holding the person, zooms to
    them and selects them; a team is found too; an unknown name says so."""
    import kgraph
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    kg = kgraph.open(xss_kg.location, min_group_size=1)
    out = tmp_path / "network.html"
    kgraph.network(kg, out, aggregate="department")
    _assert_offline_and_clean(browser, _open(browser, out))
    assert browser.execute_script("return window.network.body.data.nodes.get('P05')") is None  # inside a department
    box = browser.find_element(By.ID, "network-search")
    box.click()
    box.send_keys("eva vis", Keys.ENTER)  # part of the name, any case
    time.sleep(0.3)
    assert browser.execute_script("return window.network.getSelectedNodes()") == ["P05"]
    assert "Eva Visser" in browser.find_element(By.ID, "network-details").text
    # zoomed to the person: their dot sits at the centre of the map
    centre = browser.execute_script(
        "var n = window.network, p = n.canvasToDOM(n.getPositions(['P05'])['P05']), c = document.getElementById('network-map');"
        "return [p.x / c.clientWidth, p.y / c.clientHeight, n.getScale()];")
    assert abs(centre[0] - 0.5) < 0.05 and abs(centre[1] - 0.5) < 0.05 and centre[2] >= 1.2
    box.clear()
    box.send_keys("Wmo-loket", Keys.ENTER)
    time.sleep(0.3)
    assert "Wmo-loket" in browser.find_element(By.ID, "network-details").text
    box.clear()
    box.send_keys("Nobody at all", Keys.ENTER)
    assert "Nobody at all" in browser.find_element(By.ID, "network-controls").text
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    kg.close()
