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
