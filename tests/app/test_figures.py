"""Views made once per date inside ``shared_views()`` (kgraph demo), and the report's figures."""

from __future__ import annotations

import base64
import re

import pytest

import kgraph
from kgraph.app import figures, render
from kgraph.errors import KgraphError
from kgraph.views import plots

AS_OF = "2025-12-31"


def _report_pngs(path) -> list[bytes]:
    text = path.read_text(encoding="utf-8")
    return [base64.b64decode(x) for x in re.findall(r'<img alt="[^"]*" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', text)]


def test_the_report_embeds_the_figures_kgraph_plot_draws(tiny_kg, tmp_path):
    kgraph.power_interest_grid(tiny_kg, tmp_path / "pi.png", as_of=AS_OF)
    kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov.png", as_of=AS_OF)
    kgraph.report(tiny_kg, tmp_path / "report.html", as_of=AS_OF)
    assert _report_pngs(tmp_path / "report.html") == [(tmp_path / "pi.png").read_bytes(),
                                                       (tmp_path / "cov.png").read_bytes()]


def test_shared_views_draw_each_figure_and_map_once(tiny_kg, tmp_path, monkeypatch):
    calls: list[str] = []
    for name in ("power_interest_png", "coverage_png"):
        original = getattr(plots, name)
        monkeypatch.setattr(plots, name, lambda *a, _o=original, _n=name, **k: calls.append(_n) or _o(*a, **k))
    with render.shared_views():
        pi = kgraph.power_interest_grid(tiny_kg, tmp_path / "pi.png", as_of=AS_OF)
        kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov.png", as_of=AS_OF)
        r = kgraph.report(tiny_kg, tmp_path / "report.html", as_of=AS_OF)
        assert render.network_data(tiny_kg, as_of=AS_OF) is render.network_data(tiny_kg, as_of=AS_OF)
        assert render.giraffe_data(tiny_kg, as_of=AS_OF) is render.giraffe_data(tiny_kg, as_of=AS_OF)
    assert sorted(calls) == ["coverage_png", "power_interest_png"]
    assert pi["path"] == str(tmp_path / "pi.png") and pi["bytes"] == (tmp_path / "pi.png").stat().st_size
    assert (pi["panels"], pi["points"], pi["blind_spots"]) == (2, 3, 1)
    assert _report_pngs(tmp_path / "report.html") == [(tmp_path / "pi.png").read_bytes(),
                                                       (tmp_path / "cov.png").read_bytes()]
    assert "Figures" in r["sections"]
    # outside the block nothing is kept
    assert render.network_data(tiny_kg, as_of=AS_OF) is not render.network_data(tiny_kg, as_of=AS_OF)


def test_figures_drawn_ahead_are_the_same_bytes(tiny_kg, tmp_path):
    kgraph.power_interest_grid(tiny_kg, tmp_path / "pi-here.png", as_of=AS_OF)
    kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov-here.png", as_of=AS_OF)
    with render.shared_views():
        started = render.draw_ahead(tiny_kg, as_of=AS_OF)
        pi = kgraph.power_interest_grid(tiny_kg, tmp_path / "pi.png", as_of=AS_OF)
        kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov.png", as_of=AS_OF)
        with pytest.raises(KgraphError, match="no objectives to plot") as err:  # the tiny organisation has none
            kgraph.objectives_chart(tiny_kg, tmp_path / "o.png", as_of=AS_OF)
    assert started in (0, 4)  # 0 where processes cannot be forked or there is one core
    assert err.value.hint
    assert (tmp_path / "pi.png").read_bytes() == (tmp_path / "pi-here.png").read_bytes()
    assert (tmp_path / "cov.png").read_bytes() == (tmp_path / "cov-here.png").read_bytes()
    assert (pi["panels"], pi["points"]) == (2, 3) and not (tmp_path / "o.png").exists()


def test_draw_ahead_outside_shared_views_does_nothing(tiny_kg):
    assert figures.draw_ahead(tiny_kg, as_of=AS_OF) == 0


def test_draw_ahead_needs_a_handle(tiny_kg):
    org = tiny_kg.snapshot(AS_OF)
    with render.shared_views():
        assert render.draw_ahead(org, as_of=AS_OF) == 0


def test_figures_drawn_by_the_early_process_are_the_same_bytes(tiny_kg, tmp_path):
    # kgraph demo: start_drawing forks the figures' process first; draw_ahead hands it all four,
    # drawn there in two processes (_draw_split); the same bytes as drawn here, errors raised when asked for
    kgraph.power_interest_grid(tiny_kg, tmp_path / "pi-here.png", as_of=AS_OF)
    kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov-here.png", as_of=AS_OF)
    with render.shared_views():
        early = render.start_drawing()
        started = render.draw_ahead(tiny_kg, as_of=AS_OF)
        pi = kgraph.power_interest_grid(tiny_kg, tmp_path / "pi.png", as_of=AS_OF)
        kgraph.coverage_heatmap(tiny_kg, tmp_path / "cov.png", as_of=AS_OF)
        with pytest.raises(KgraphError, match="no objectives to plot") as err:
            kgraph.objectives_chart(tiny_kg, tmp_path / "o.png", as_of=AS_OF)
    assert (early, started) in ((False, 0), (True, 4))  # not where processes cannot be forked or there is one core
    assert err.value.hint
    assert (tmp_path / "pi.png").read_bytes() == (tmp_path / "pi-here.png").read_bytes()
    assert (tmp_path / "cov.png").read_bytes() == (tmp_path / "cov-here.png").read_bytes()
    assert (pi["panels"], pi["points"]) == (2, 3) and not (tmp_path / "o.png").exists()


@pytest.mark.parametrize("fork", [False, True])
def test_draw_split_gives_what_each_figure_gives_alone(tiny_kg, monkeypatch, fork):
    from kgraph import _fork

    monkeypatch.setattr(_fork, "_allowed", fork)  # True: the first and third in a forked child, where one can be
    started = []
    monkeypatch.setattr(_fork, "start", lambda *a, _s=_fork.start, **k: started.append(_s(*a, **k)) or started[-1])
    f = tiny_kg.findings(AS_OF)
    opts = {"as_of": f.as_of, "dpi": 60}
    jobs = [("power_interest", render.select_stakeholders(f.org, f.stakeholders(midpoint=3)), opts, None),
            ("coverage", f.coverage(min_level=3, max_units=40, max_items=40), opts, None),
            ("objectives", f.objectives(target_group=None), opts, None)]
    split = figures._draw_split(jobs)
    assert [png for png, _info in split[:2]] == [figures._draw_bytes(*job)[0] for job in jobs[:2]]
    assert isinstance(split[2], KgraphError)  # the tiny organisation has no objectives: handed back, not raised
    assert [job.forked for job in started] == [fork and _fork.can_fork()] and not started[0].failed
    part = figures._Part(type("Done", (), {"result": lambda self: split})(), 2)
    with pytest.raises(KgraphError, match="no objectives to plot"):
        part.result()


def test_the_demo_imports_igraph_without_matplotlib():
    import subprocess
    import sys

    code = ("import sys; from kgraph.app.demo import _import_igraph_without_drawing as imp; imp(); "
            "assert 'igraph' in sys.modules and 'matplotlib' not in sys.modules; "
            "import igraph; assert igraph.Graph(n=3, edges=[(0, 1), (1, 2)]).betweenness() == [0.0, 1.0, 0.0]; "
            "import matplotlib.figure; print('ok')")  # matplotlib still imports afterwards
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "ok", out.stderr


def test_the_grid_panels_drawn_from_one_background_are_the_same_pixels(tiny_kg, tmp_path, monkeypatch):
    import io

    import numpy as np
    from PIL import Image

    once = kgraph.power_interest_grid(tiny_kg, tmp_path / "once.png", as_of=AS_OF)
    monkeypatch.setattr(plots, "ONE_BACKGROUND", False)
    each = kgraph.power_interest_grid(tiny_kg, tmp_path / "each.png", as_of=AS_OF)
    assert once["panels"] == 2
    assert {k: v for k, v in once.items() if k not in ("path", "bytes")} == \
        {k: v for k, v in each.items() if k not in ("path", "bytes")}
    pixels = [np.asarray(Image.open(io.BytesIO((tmp_path / name).read_bytes())).convert("RGBA"))
              for name in ("once.png", "each.png")]
    assert pixels[0].shape == pixels[1].shape and (pixels[0] == pixels[1]).all()
