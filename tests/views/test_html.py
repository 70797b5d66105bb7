"""The HTML views without a browser: self-contained, escaped, deterministic."""

from __future__ import annotations

import json
import re

import pytest

import kgraph
from kgraph import resources
from kgraph.views import html
from kgraph.app.render import giraffe_data
from kgraph.app.render import network_data

AS_OF = "2025-12-31"


def test_script_json_cannot_break_out_of_a_script():
    text = html.script_json({"a": "</script><script>alert(1)</script>", "b": "&<>\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "&<>\u2028"}


def test_escape():
    assert html.escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;"
    assert html.escape('"a" & \'b\'') == "&quot;a&quot; &amp; &#x27;b&#x27;"


def test_vis_network_comes_from_the_installed_pyvis():
    js, css = html.vis_assets()
    assert "vis-network" in js[:2000] or "vis" in js[:200]
    assert len(js) > 100_000 and ".vis-network" in css


def _no_remote(text: str) -> None:
    # nothing is loaded from elsewhere: no src/href to a URL, no @import/url() to http
    assert not re.search(r'''(?:src|href)\s*=\s*["']?(?:https?:)?//''', text, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text, re.I)
    assert not re.search(r"@import", text, re.I)
    assert not re.search(r"jsdelivr|cdnjs|unpkg|bootstrapcdn|googleapis|cloudflare", text, re.I)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text


def test_giraffe_page_is_self_contained_and_escaped(xss_kg, tmp_path):
    info = kgraph.giraffe(xss_kg, tmp_path / "g.html", as_of=AS_OF)
    text = (tmp_path / "g.html").read_text(encoding="utf-8")
    _no_remote(text)
    assert len(re.findall(r"^<script", text, re.M)) == 3
    assert "__pwned" in text  # the payloads are there, as data ...
    assert "<img src=x" not in text and "<svg onload" not in text and "</script><script>window" not in text  # ... never as markup
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in text
    # tiny + xss: 2 issues, 3 actors, 3 contact persons (P01, P05, P02), 2 departments (D-ORG, D-RUIMTE)
    assert (info["issues"], info["actors"], info["persons"], info["departments"]) == (2, 3, 3, 2)
    assert info["nodes"] == 10
    assert info["edges"] == 3 + 3 + 3 + 1  # positions, contacts, person-department, one alliance


def test_giraffe_is_deterministic_and_filters_by_issue(tiny_kg, tmp_path):
    a = kgraph.giraffe(tiny_kg, tmp_path / "a.html", as_of=AS_OF)
    b = kgraph.giraffe(tiny_kg, tmp_path / "b.html", as_of=AS_OF)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert a["nodes"] == b["nodes"]
    one = kgraph.giraffe(tiny_kg, tmp_path / "w.html", issue="I-WIND", as_of=AS_OF)
    assert (one["issues"], one["actors"]) == (1, 2)


def test_giraffe_data_colours_and_sizes(tiny_kg):
    d = giraffe_data(tiny_kg, as_of=AS_OF)
    nodes = {n["id"]: n for n in d["nodes"]}
    pal = html.colours()["stance"]
    assert nodes["A-DORP"]["color"]["background"] == pal["-2"]
    assert nodes["A-PROV"]["color"]["background"] == pal["2"]
    assert nodes["A-PROV"]["size"] > nodes["A-DORP"]["size"]  # influence 5 > 3
    # the blind spot: a badge outside the dot (the page draws it), not a border in a stance colour
    assert nodes["A-KRANT"]["kg_blind_spot"] is True and "shapeProperties" not in nodes["A-KRANT"]
    assert not any(n.get("kg_blind_spot") for k, n in nodes.items() if k != "A-KRANT")
    badge = d["marks"]["blind_spot"]
    assert badge["fill"] == html.colours()["blind_spot"]["fill"]
    legend = [it["label"] for g in d["legend"]["groups"] for it in g["items"]]
    assert html.legends()["giraffe"]["blind_spot"] in legend and html.legends()["giraffe"]["overdue"] in legend
    assert all("x" in n and "y" in n for n in d["nodes"])  # fixed layout
    assert d["options"]["physics"]["enabled"] is False
    assert not any("title" in n for n in d["nodes"])  # tooltips are built as text in the page


def test_network_levels(tiny_kg, tmp_path):
    r = kgraph.network(tiny_kg, tmp_path / "n.html")
    assert (r["level"], r["nodes"], r["edges"]) == ("person", 8, 8)  # 9 ties, P02-P03 twice
    # minimum group size 5 (the default): every team and department of the tiny organisation has fewer
    # than 5 people (8 in all), so each level is one merged node; with 1 every unit has its own node
    assert tiny_kg.min_group_size == 5
    assert kgraph.network(tiny_kg, tmp_path / "t.html", aggregate="team")["nodes"] == 1
    assert kgraph.network(tiny_kg, tmp_path / "d.html", aggregate="department")["nodes"] == 1
    with kgraph.open(tiny_kg.location, min_group_size=1) as kg1:
        assert kgraph.network(kg1, tmp_path / "t.html", aggregate="team")["nodes"] == 4
        assert kgraph.network(kg1, tmp_path / "d.html", aggregate="department")["nodes"] == 3
    _no_remote((tmp_path / "n.html").read_text(encoding="utf-8"))
    d = network_data(tiny_kg)
    persons = {n["id"]: n for n in d["persons"]}
    assert persons["P02"]["borderWidth"] == 3  # formal pin: leads Vergunningen, member of the MT


def test_network_auto_aggregates_large_organisations(tiny_kg, monkeypatch):
    from kgraph.views import network as net

    monkeypatch.setattr(net, "AUTO_PERSONS", 5)
    assert network_data(tiny_kg)["start"] == "team"
    monkeypatch.setattr(net, "AUTO_TEAMS", 5)
    assert network_data(tiny_kg)["start"] == "department"


def test_plots(tiny_kg, tmp_path):
    r = kgraph.power_interest_grid(tiny_kg, tmp_path / "pi.png", as_of=AS_OF)
    assert (r["panels"], r["points"]) == (2, 3)
    assert (r["blind_spots"], r["keyed"]) == (1, 0)  # De Testdorper Courant; three names fit beside their dots
    assert (tmp_path / "pi.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    c = kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov.png")
    # minimum group size 5: the four teams (3, 3, 2 and 3 members, 8 persons) and D-SOC (3) are merged into
    # one row, which shows no needs (those of a small unit are in `kgraph gaps`), and the caption says so
    assert c["short"] == 0 and c["teams"] == 1 and c["merged"] == ["D-SOC", "T-BELEID", "T-MT", "T-VERG", "T-WMO"]
    assert "needs of merged units are not shown" in c["caption"]
    with kgraph.open(tiny_kg.location, min_group_size=1) as kg1:
        c = kgraph.coverage_heatmap(kg1, tmp_path / "cov.png", as_of=AS_OF)
        unmet = kgraph.gaps(kg1, as_of=AS_OF).query("kind == 'unmet_need'")
    # T-VERG needs Omgevingswet (2 holders at >= 3: P02, P03) and DSO (1 of 2: short); T-WMO needs Excel (0 of 2: short); D-SOC needs Wmo (P06, P07)
    assert c["short"] == len(unmet) == 2 and c["teams"] == 5 and c["merged"] == []


def test_report_sections(xss_kg, tmp_path):
    r = kgraph.report(xss_kg, tmp_path / "r.html", as_of=AS_OF)
    assert r["unavailable"] == []
    assert r["views"] == ["giraffe", "network"]
    for s in ("Linking pins", "Knowledge gaps", "Knowledge at risk", "Stakeholder quadrants", "Blind spots", "Figures"):
        assert s in r["sections"]
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    _no_remote(text)
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt;Krant" in text  # blind-spot table, escaped


def test_report_without_stakeholders_says_not_available(tmp_path):
    from kgraph.examples import example_graph

    kg = example_graph(str(tmp_path))
    r = kgraph.report(kg, tmp_path / "r.html")
    assert "Stakeholder quadrants" in r["unavailable"] and "Blind spots" in r["unavailable"]
    assert "Not available" in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["page.html", "view.html", "header.html", "style.css", "kgraph.js", "giraffe.js", "network.js",
                                  "colours.toml", "legends.toml"])
def test_visual_assets_are_read_through_resources(name):
    from kgraph import resources

    text = resources.read_text("visuals", name)
    assert "innerHTML" not in text and "insertAdjacentHTML" not in text and "document.write" not in text


def _rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def test_blind_spot_badge_colour_is_apart_from_the_stance_colours_and_the_ring():
    """The badge's fill is no stance colour and not the overdue ring's orange; its outline is black."""
    col = html.colours()
    fill = _rgb(col["blind_spot"]["fill"])
    others = [col["stance"][k] for k in ("-2", "-1", "0", "1", "2")] + [col["engage"]["overdue"]]
    assert min(sum((a - b) ** 2 for a, b in zip(fill, _rgb(c))) ** 0.5 for c in others) > 80
    assert col["blind_spot"]["outline"] == col["blind_spot"]["glyph"] == "#000000"


def test_giraffe_layout_per_issue_and_opening_issue(tiny_kg, monkeypatch):
    d = giraffe_data(tiny_kg, as_of=AS_OF)
    # two issues: a layout each, with the issue at the centre and only what concerns it
    assert sorted(d["layouts"]) == ["I-CENTRUM", "I-WIND"]
    assert d["layouts"]["I-WIND"]["I-WIND"] == [0.0, 0.0]
    assert "A-KRANT" not in d["layouts"]["I-WIND"] and "A-DORP" in d["layouts"]["I-WIND"]
    assert d["controls"]["issue"] == ""  # 3 actors fit one map
    from kgraph.views import giraffe

    nodes, edges = giraffe.issue_view(d, "I-WIND")
    assert {n["id"] for n in nodes} >= {"I-WIND", "A-DORP", "A-PROV"} and "A-KRANT" not in {n["id"] for n in nodes}
    assert all([n["x"], n["y"]] == d["layouts"]["I-WIND"][n["id"]] for n in nodes)
    assert giraffe_data(tiny_kg, as_of=AS_OF) == d  # deterministic
    # more actors than fit: the map opens on the issue with the most key players, and says so
    sizes = html.sizes()
    monkeypatch.setattr(html, "sizes", lambda: {**sizes, "giraffe": {**sizes["giraffe"], "open_all_max_actors": 2}})
    d = giraffe_data(tiny_kg, as_of=AS_OF)
    assert d["controls"]["issue"] == "I-WIND" and "Opened on Windpark Noord" in d["controls"]["note"]


def test_static_maps_are_drawn_from_the_view_data(xss_kg, tmp_path):
    """The page carries a static SVG of each map: the same nodes at the same places, escaped, no script."""
    kgraph.giraffe(xss_kg, tmp_path / "g.html", as_of=AS_OF)
    text = (tmp_path / "g.html").read_text(encoding="utf-8")
    svgs = re.findall(r'<svg class="kg-static-map".*?</svg>', text, re.S)
    d = giraffe_data(xss_kg, as_of=AS_OF)
    assert len(svgs) == 2  # one panel per issue
    wind = next(s for s in svgs if "Windpark Noord" in s)
    for node in ("A-DORP", "A-PROV"):
        x, y = d["layouts"]["I-WIND"][node]
        assert f'cx="{x:g}" cy="{y:g}"' in wind.replace(".0\"", "\"")
    assert "onerror" not in "".join(re.findall(r"<[^>]*onerror[^>]*>", "".join(svgs)))
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Dorpsraad" in wind  # a label, escaped
    assert "<script" not in "".join(svgs)
    krant = next(s for s in svgs if "Windpark Noord" not in s)
    assert 'class="kg-blind-badge"' in krant and 'class="kg-blind-badge"' not in wind  # the blind spot A-KRANT is on Centrum
    kgraph.network(xss_kg, tmp_path / "n.html")
    text = (tmp_path / "n.html").read_text(encoding="utf-8")
    svg = re.findall(r'<svg class="kg-static-map".*?</svg>', text, re.S)
    assert len(svg) == 1 and svg[0].count("<circle") + svg[0].count("<polygon") == 8  # 8 people
    assert "kg-static-legend" in text


def test_network_legend_says_divisions_when_it_colours_divisions(tmp_path):
    """More departments than colours: a division (right under the top) colours its departments, and the
    legend and the intro say divisions; otherwise departments."""
    from kgraph.model import Dataset
    from kgraph.org import Org
    from kgraph.analysis.linking import linking_pins
    from kgraph.analysis.suppress import home_groups
    from kgraph.views import network

    def org_of(n_depts):
        nodes = {"D-TOP": ("Department", {"name": "Top"}), "D-A": ("Department", {"name": "Divisie A"})}
        edges = {("PART_OF", "D-A", "D-TOP", ""): {}}
        for k in range(n_depts):
            nodes[f"D{k}"] = ("Department", {"name": f"Afdeling {k}"})
            nodes[f"T{k}"] = ("Team", {"name": f"Team {k}"})
            nodes[f"P{k}"] = ("Person", {"name": f"Persoon {k}"})
            edges[("PART_OF", f"D{k}", "D-A", "")] = {}
            edges[("PART_OF", f"T{k}", f"D{k}", "")] = {}
            edges[("MEMBER_OF", f"P{k}", f"T{k}", "")] = {"role": "member"}
        return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-06-01")

    leg = html.legends()["network"]
    for n, heading, intro in ((3, leg["departments_heading"], leg["colour_departments"]),
                              (12, leg["divisions_heading"], leg["colour_divisions"])):
        org = org_of(n)
        d = network.network_data(org, linking_pins(org), home_groups(org, min_group_size=1))
        assert d["legend"]["groups"][0]["heading"] == heading
        assert network.network_intro(d).startswith(intro)
    assert "division" in leg["divisions_heading"].lower() and "department" in leg["departments_heading"].lower()


def test_network_search_and_labels_data(tiny_kg):
    d = network_data(tiny_kg)
    # pins and articulation points keep a label: articulation points first
    ap = {n["id"] for n in d["persons"] if n["shape"] == "star"}
    assert set(d["labels"][:len(ap)]) == ap and "P02" in d["labels"]
    names = {name for _i, name in d["search"]}
    assert {"Vergunningen", "Ruimte", "Sociaal Domein"} <= names  # teams and departments (persons come from the map)


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_power_interest_labels_do_not_overlap_and_blind_spots_are_marked(demo_kg, tmp_path):
    """On the demo (60 positions on 9 issues, some crowded) no two labels of a panel overlap, every label and key
    lies inside the figure, names that fit nowhere are numbered in a key, and each blind spot has its badge."""
    r = kgraph.power_interest_grid(demo_kg, tmp_path / "grid.png", as_of="2026-12-01", dpi=60)
    sh = kgraph.stakeholders(demo_kg, as_of="2026-12-01")
    assert r["blind_spots"] == int(sh["blind_spot"].sum()) == 3
    assert r["keyed"] > 0  # crowded panels have a key
    by_panel: dict = {}
    for panel, text, box in r["labels"]:
        assert 0 <= box[0] < box[2] <= 1 and 0 <= box[1] < box[3] <= 1, (panel, text, box)
        by_panel.setdefault(panel, []).append((text, box))
    for panel, boxes in by_panel.items():
        for i, (ta, a) in enumerate(boxes):
            for tb, b in boxes[i + 1:]:
                assert not _overlap(a, b), (panel, ta, tb)
    # every position has a name or a number beside its dot (and numbered ones a line in the key)
    assert sum(1 for _p, t, _b in r["labels"] if t != "Key") == r["points"] == len(sh)


def test_report_title_and_lists_that_say_they_are_cut(demo_kg, tmp_path):
    """The title names the organisation and the date; a list cut short says how long it is and where it is whole."""
    r = kgraph.report(demo_kg, tmp_path / "r.html", as_of="2026-12-01", top=5, organisation="Gemeente Lindenhoven")
    text = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<title>Gemeente Lindenhoven: kgraph report · 1 December 2026</title>" in text and r["title"].startswith("Gemeente")
    gaps = kgraph.gaps(demo_kg, as_of="2026-12-01")
    n_now = int((gaps["kind"] != "at_risk").sum())
    assert f"5 of {n_now}, see <code>kgraph gaps --as-of 2026-12-01</code>" in text
    assert "5 of 364, see <code>kgraph linking-pins --as-of 2026-12-01</code>" in text
    assert "see <code>kgraph stakeholders --as-of 2026-12-01</code>" in text
    # the handover of Bianca van der Meulen's relationships is in the blind-spot table
    assert "Bianca van der Meulen, 2027-02-28" in text
    # without a name: the top department's
    r = kgraph.report(demo_kg, tmp_path / "r2.html", as_of="2026-12-01")
    assert r["title"] == "Directie: kgraph report"


def test_the_stored_script_messages_are_current():
    # visuals/script_messages.json spares every page Babel's JavaScript extractor; after changing a view
    # script, run `python tools/i18n.py update` (a stale entry is only slower: the script is read with Babel)
    stored = json.loads(resources.read_text("visuals", html.SCRIPT_MESSAGES))
    assert stored == html.script_ids_table()


def test_script_ids_from_the_table_or_from_babel_agree():
    for name in ("kgraph.js", "giraffe.js", "network.js"):
        assert html._script_ids(name) == html.extract_script_ids(resources.read_text("visuals", name))
