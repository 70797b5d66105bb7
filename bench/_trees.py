"""The trees a benchmark compares: this one, and a baseline commit checked out beside it.

>>> with trees(None) as t:
...     list(t)
['this tree']
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def trees(baseline: str | None, *, labels: tuple[str, str] = ("baseline", "this tree")) -> Iterator[dict[str, Path]]:
    """``{label: source folder}``: this tree alone when ``baseline`` is None or ``"none"``,
    else first ``baseline`` checked out with ``git worktree`` (removed afterwards), then
    this tree."""
    if baseline in (None, "none"):
        yield {labels[1]: ROOT}
        return
    old = Path(tempfile.mkdtemp(prefix="kgraph-bench-")) / "baseline"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), baseline], check=True)
    try:
        yield {labels[0]: old, labels[1]: ROOT}
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], capture_output=True)
        shutil.rmtree(old.parent, ignore_errors=True)
