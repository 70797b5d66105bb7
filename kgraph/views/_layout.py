"""Deterministic layout helpers for the maps (no randomness, no physics)."""

from __future__ import annotations

import math

__all__ = ["circular_mean", "spread_angles", "ring"]


def circular_mean(angles: list[float]) -> float:
    """Mean direction of angles in radians (0 for none).

    >>> round(circular_mean([0.1, -0.1]), 6)
    0.0
    """
    if not angles:
        return 0.0
    return math.atan2(sum(math.sin(a) for a in angles), sum(math.cos(a) for a in angles))


def spread_angles(desired: list[float], radius: float, min_arc: float) -> list[float]:
    """Angles as close to ``desired`` as possible, at least ``min_arc`` apart on a
    circle of ``radius`` (evenly spread when they do not fit). Same input, same output.

    >>> sorted(round(a, 2) for a in spread_angles([0.0, 0.0], 100, 50))
    [-0.25, 0.25]
    """
    n = len(desired)
    if n == 0:
        return []
    two_pi = 2 * math.pi
    gap = min(min_arc / max(radius, 1e-9), two_pi / n)
    order = sorted(range(n), key=lambda i: (desired[i] % two_pi, i))
    want = [desired[i] % two_pi for i in order]
    # cut the circle at the widest empty gap so clusters are not split
    if n > 1:
        gaps = [(want[(k + 1) % n] - want[k]) % two_pi or (two_pi if n == 1 else 0.0) for k in range(n)]
        cut = max(range(n), key=lambda k: (gaps[k], -k))
        order = order[cut + 1:] + order[: cut + 1]
        want = want[cut + 1:] + want[: cut + 1]
        base = want[0]
        want = [base + ((w - base) % two_pi) for w in want]
    got = list(want)
    for k in range(1, n):
        got[k] = max(got[k], got[k - 1] + gap)
    # centre the block on the wanted angles
    shift = sum(w - g for w, g in zip(want, got)) / n
    got = [g + shift for g in got]
    out = [0.0] * n
    for i, g in zip(order, got):
        out[i] = math.atan2(math.sin(g), math.cos(g))
    return out


def ring(n: int, radius: float, start: float = -math.pi / 2) -> list[tuple[float, float]]:
    """``n`` points evenly on a circle (the first at the top).

    >>> [(round(x), round(y)) for x, y in ring(2, 10)]
    [(0, -10), (0, 10)]
    """
    if n == 1:
        return [(0.0, 0.0)]
    return [(radius * math.cos(start + 2 * math.pi * k / n), radius * math.sin(start + 2 * math.pi * k / n)) for k in range(n)]


def spread_blocks(centres: list[float], widths: list[float]) -> list[float]:
    """Start angles of blocks of the given angular ``widths``, each as near its
    wanted centre as possible without overlapping (squeezed when they do not
    fit the circle). Deterministic.

    >>> sorted(round(a, 2) for a in spread_blocks([0.0, 0.0], [1.0, 1.0]))
    [-1.0, 0.0]
    """
    n = len(centres)
    if n == 0:
        return []
    two_pi = 2 * math.pi
    total = sum(widths)
    squeeze = min(1.0, two_pi / total) if total else 1.0
    w = [x * squeeze for x in widths]
    order = sorted(range(n), key=lambda i: (centres[i] % two_pi, i))
    want = [centres[i] % two_pi for i in order]
    if n > 1:  # cut at the widest empty gap
        gaps = [(want[(k + 1) % n] - want[k]) % two_pi for k in range(n)]
        cut = max(range(n), key=lambda k: (gaps[k], -k))
        order = order[cut + 1:] + order[: cut + 1]
        want = want[cut + 1:] + want[: cut + 1]
        want = [want[0] + ((x - want[0]) % two_pi) for x in want]
    starts = []
    end = -math.inf
    for k, i in enumerate(order):
        s = max(want[k] - w[i] / 2, end)
        starts.append(s)
        end = s + w[i]
    shift = sum(want[k] - (starts[k] + w[i] / 2) for k, i in enumerate(order)) / n
    out = [0.0] * n
    for k, i in enumerate(order):
        out[i] = starts[k] + shift
    return out
