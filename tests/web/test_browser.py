"""The intranet in headless Chromium against a real server: a staff member finds who knows
"omgevingswet", a respondent fills in the survey with the keyboard alone (JavaScript off),
an analyst opens the giraffe view; no request leaves the server (Chrome's performance
log) and no page logs an error. Needs Debian's chromium and chromium-driver."""

from __future__ import annotations

import json
import os
import shutil
import time

import pytest

from .conftest import ACCOUNTS, AS_OF, WAVE

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {why}")
    pytest.skip(why)


def _driver(tmp_path_factory, *, javascript: bool = True):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    chrome = next((p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium")) if p and os.path.exists(p)), None)
    driver_path = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
    if not chrome or not driver_path:
        _missing("chromium or chromedriver not found")
    opts = webdriver.ChromeOptions()
    opts.binary_location = chrome
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1300,900",
                # every request to anywhere but this machine fails: a proxy that is not there, no names
                "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        opts.add_argument(arg)
    if not javascript:
        opts.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    d = webdriver.Chrome(service=Service(executable_path=driver_path), options=opts)
    d.set_page_load_timeout(60)
    return d


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    d = _driver(tmp_path_factory)
    yield d
    d.quit()


def _requests(driver) -> list[str]:
    out = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] in ("Network.requestWillBeSent", "Network.webSocketCreated"):
            out.append(msg["params"].get("request", {}).get("url") or msg["params"].get("url", ""))
    return out


def _clean(driver, base: str) -> None:
    """Nothing was requested from outside the server; no error in the console (CSP violations included)."""
    # chrome:// and the like are the browser's own pages (its new-tab page), never the network
    outside = [u for u in _requests(driver) if u.startswith(("http:", "https:", "ws:", "wss:", "ftp:"))
               and not u.startswith(base)]
    assert outside == [], f"requests left the server: {outside}"
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def _login(driver, base: str, name: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.delete_all_cookies()
    driver.get(base + "login")
    driver.find_element(By.ID, "login-name").send_keys(name)
    driver.find_element(By.ID, "login-password").send_keys(ACCOUNTS[name][2], Keys.ENTER)
    deadline = time.time() + 30
    while driver.current_url.endswith("/login") and time.time() < deadline:
        time.sleep(0.05)


def _until(driver, test, what: str, timeout: float = 30):
    """Wait for ``test(driver)`` to hold: a key press or a click starts a navigation that
    WebDriver does not wait for, so the next lookup may otherwise see the old page (seen on
    a loaded CI machine)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        test, f"not seen within {timeout} s: {what}")


def test_staff_member_finds_who_knows_omgevingswet(browser, demo_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    base = demo_server.url
    browser.get_log("performance")
    _login(browser, base, "eline")
    assert browser.current_url == base
    box = browser.find_element(By.ID, "q")
    box.send_keys("omgevingswet", Keys.ENTER)
    _until(browser, lambda d: d.find_element(By.ID, "results"), "the results")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.kg-table tbody tr")
    assert len(rows) == 25
    first = [c.text for c in rows[0].find_elements(By.TAG_NAME, "td")]
    import kgraph

    with kgraph.open(demo_server.path) as kg:
        expected = kgraph.who_knows(kg, "omgevingswet", from_person="P0150", limit=25)
    assert first[0] == expected.loc[0, "name"] and first[1] == expected.loc[0, "knowledge"]
    assert first[-1].startswith("Eline van 't Hof →")  # the introduction path starts at her
    rows[0].find_element(By.TAG_NAME, "a").click()  # the colleague's page
    _until(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == expected.loc[0, "name"], "the colleague's page")
    _clean(browser, base)


def test_respondent_fills_in_the_survey_with_the_keyboard_only(demo_server, tmp_path_factory):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    import kgraph

    base = demo_server.url
    d = _driver(tmp_path_factory, javascript=False)
    try:
        d.get(base + "s/" + demo_server.links["P0170"])
        assert "Who do you work with" in d.page_source

        def press(*keys):
            ActionChains(d).send_keys(*keys).perform()

        def tab_to(test, limit=400):
            for _i in range(limit):
                press(Keys.TAB)
                el = d.switch_to.active_element
                if test(el):
                    return el
            raise AssertionError("not reached with the Tab key")

        tab_to(lambda el: el.get_attribute("id") == "q")
        press("Femke Ramdin", Keys.ENTER)  # Enter in the search field searches (and keeps the answers)
        _until(d, lambda d: "1 colleague found" in d.page_source, "the search's answer")
        tab_to(lambda el: el.get_attribute("name") == "tie.advice" and el.get_attribute("value") == "P0024")
        press(Keys.SPACE)
        tab_to(lambda el: el.get_attribute("name") == "tie.information")
        press(Keys.SPACE)
        level = tab_to(lambda el: (el.get_attribute("name") or "").startswith("level."))
        item = level.get_attribute("name")[len("level."):]
        press("4")  # the option "4 proficient"
        tab_to(lambda el: el.get_attribute("name") == "need")
        press(Keys.SPACE)
        tab_to(lambda el: el.get_attribute("id") == "send")
        press(Keys.ENTER)
        _until(d, lambda d: d.find_element("id", "saved").is_displayed(), "the saved message")
        _clean(d, base)
    finally:
        d.quit()
    with kgraph.open(demo_server.path) as kg:
        answer = kg.store.get_record(f"survey.response.{WAVE}", "P0170")
    assert {"target_id": "P0024", "kind": "advice"} in answer["ties"] and len(answer["ties"]) == 2
    assert {"knowledge_id": item, "level": 4} in answer["skills"] and len(answer["needs"]) == 1


def test_analyst_opens_the_giraffe_view(browser, demo_server):
    base = demo_server.url
    browser.get_log("performance")
    _login(browser, base, "ana")
    browser.get(base + f"analyst/giraffe?as_of={AS_OF}")
    deadline = time.time() + 30
    while time.time() < deadline and not browser.execute_script("return window.kgraphReady === true"):
        time.sleep(0.05)
    assert browser.execute_script("return window.kgraphReady === true")
    import kgraph

    with kgraph.open(demo_server.path) as kg:
        data = kgraph.app.render.giraffe_data(kg, as_of=AS_OF)
    drawn = browser.execute_script("var n = window.kgraph.views.giraffe.network;"
                                   "return [n.body.data.nodes.length, n.body.nodeIndices.length];")
    # the demo's 43 actors do not fit one readable map: it opens on the most salient issue, drawing what concerns it
    from kgraph.views.giraffe import issue_view

    opening = data["controls"]["issue"]
    assert opening == "I-WIND"
    assert drawn == [len(data["nodes"]), len(issue_view(data, opening)[0])]
    assert "As of 1 December 2026" in browser.find_element("tag name", "main").text  # a date in prose
    browser.execute_script("window.kgraph.views.giraffe.select('I-WIND')")
    assert "Windpark" in browser.find_element("id", "giraffe-details").text
    _clean(browser, base)
