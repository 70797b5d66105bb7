"""Ingest: read the input format (CSV folder or Excel workbook) and validate it.

>>> import tempfile, kgraph
>>> folder = tempfile.mkdtemp()
>>> names = kgraph.template(folder)  # one example row per table: a tiny organisation
>>> load_dataset(folder).counts()["Person"]
2
"""

from __future__ import annotations

from pathlib import Path

from .._gc import paused
from ..model import Dataset
from .reader import RawInput, RawTable, read_input
from .validate import validate_input

__all__ = ["load_dataset", "read_input", "validate_input", "RawInput", "RawTable"]


def load_dataset(path: str | Path) -> Dataset:
    """Read and validate the dataset at ``path``; raise ValidationError with every problem.

    The cyclic garbage collector pauses meanwhile: a large input becomes millions of
    cells, dicts and tuples, none of them garbage (see :mod:`kgraph._gc`)."""
    with paused():
        return validate_input(read_input(path))
