"""The PNG figures' helpers (kgraph.views.plots)."""

from __future__ import annotations

import pytest

from kgraph.views import plots


def _fig():
    fig = plots._figure((6, 4))
    axes = fig.subplots(2, 2)
    for k, ax in enumerate(axes.flat):
        ax.set_title(f"panel {k}")
        ax.set_xlabel("interest" * (k + 1))
        ax.set_yticks(range(5))
        ax.set_yticklabels([f"label {i * k}" for i in range(5)])
    fig.suptitle("a title")
    return fig


@pytest.mark.parametrize("rect", [(0, 0, 1, 1), (0, 0.06, 1, 0.96), (0.1, 0.2, 0.9, 0.8)])
def test_tight_places_the_axes_as_tight_layout_does(rect):
    ours, theirs = _fig(), _fig()
    plots._tight(ours, rect=rect)
    theirs.tight_layout(rect=rect)
    assert [ax.get_position().bounds for ax in ours.axes] == [ax.get_position().bounds for ax in theirs.axes]
    assert all("get_tightbbox" not in vars(ax) for ax in ours.axes)  # nothing left on the axes


def test_measured_once_measures_once_per_arguments():
    calls = []

    def measure(renderer, *, for_layout_only=False):
        calls.append((renderer, for_layout_only))
        return len(calls)

    once = plots._measured_once(measure)
    r, other = object(), object()
    assert once(r, for_layout_only=True) == once(r, for_layout_only=True) == 1
    assert once(other, for_layout_only=True) == 2
    assert once(r) == 3
    assert len(calls) == 3


def test_grid_panels_from_one_background_are_the_pixels_of_each_drawing_its_own(monkeypatch):
    import io

    import numpy as np
    import pandas as pd
    from PIL import Image

    rows = [{"issue_id": f"i{k}", "issue": f"issue {k}" * (k + 1), "actor": f"actor {k}.{j}", "influence": 1 + (j + k) % 5,
             "interest": 1 + (2 * j + k) % 5, "stance": (j % 5) - 2 if j != 3 else None, "blind_spot": j == 1}
            for k in range(5) for j in range(4)]  # five panels: two rows of three
    df = pd.DataFrame(rows)

    def draw():
        out = plots.InMemory()
        info = plots.power_interest_png(df, out, as_of="2026-01-01", dpi=72)
        return np.asarray(Image.open(io.BytesIO(out.getvalue())).convert("RGBA")), {k: info[k] for k in ("labels", "keyed")}

    once = draw()
    monkeypatch.setattr(plots, "ONE_BACKGROUND", False)
    each = draw()
    assert once[1] == each[1]
    assert once[0].shape == each[0].shape and (once[0] == each[0]).all()
