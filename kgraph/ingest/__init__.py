"""Ingest: read the input format (CSV folder or Excel workbook) and validate it.

>>> import tempfile, kgraph
>>> folder = tempfile.mkdtemp()
>>> names = kgraph.template(folder)  # one example row per table: a tiny organisation
>>> load_dataset(folder).counts()["Person"]
2
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from .._gc import paused
from ..model import Dataset, model
from .reader import InputFiles, RawInput, RawTable, read_files, read_input
from .validate import validate_input

__all__ = ["load_dataset", "read_files", "read_input", "validate_input", "input_digest", "InputFiles", "RawInput",
           "RawTable"]


def load_dataset(path: str | Path | InputFiles, aside=None) -> Dataset:
    """Read and validate the dataset at ``path`` (or in the files :func:`read_files` read);
    raise ValidationError with every problem.

    With ``aside`` (:class:`kgraph.ingest.aside.Aside`, for a new store's first import) and
    the files read, the largest table of a large folder is validated by a forked process that
    then writes its rows; the dataset's :attr:`~kgraph.model.Dataset.pending` says so. The
    process is forked once the node tables are validated: the other tables are parsed after
    that, each where it is validated (``read_input``'s ``defer``).

    The cyclic garbage collector pauses meanwhile: a large input becomes millions of
    cells, dicts and tuples, none of them garbage (see :mod:`kgraph._gc`)."""
    defer = aside.choose(path.entries) if aside is not None and isinstance(path, InputFiles) else frozenset()
    if defer:  # the other tables after the node tables are parsed where they are validated: after the fork
        defer |= {name for name, table in model().tables.items() if not table.node}
    with paused():
        return validate_input(read_input(path, defer), aside if defer else None)


def input_digest(src: InputFiles, **options) -> str | None:
    """A digest of what an import of ``src`` writes: the input's names and bytes
    (``src.digest``), this kgraph (its version and its code, :func:`code_digest`), the
    language its messages are in, and ``options`` (the source, the date, ...). None when a
    file could not be read. Equal digests: the same dataset and the same warnings.

    >>> a = InputFiles(Path("x"), digest="00")
    >>> input_digest(a, day="2026-01-01") == input_digest(a, day="2026-01-01") != input_digest(a, day="2026-01-02")
    True
    """
    if src.digest is None:
        return None
    from .. import __version__
    from ..i18n import current_language

    h = hashlib.blake2b(digest_size=32)
    for part in ("kgraph", __version__, code_digest(), current_language(), src.digest,
                 *(f"{k}={v!s}" for k, v in sorted(options.items()))):
        h.update(f"{len(part)}:{part}|".encode())
    return h.hexdigest()


@functools.cache
def code_digest() -> str:
    """A digest of kgraph's own files (its modules, message catalogues and ``schema/``),
    so that a changed kgraph never trusts a digest an older one stored, even at the
    same version number (an editable install)."""
    from ..resources import asset_dir

    root = Path(__file__).resolve().parent.parent
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".py", ".mo", ".toml"))
    paths += sorted(asset_dir("schema").rglob("*.toml"))
    h = hashlib.blake2b(digest_size=32)
    for p in paths:
        data = p.read_bytes()
        h.update(f"{p.name}|{len(data)}:".encode())
        h.update(data)
    return h.hexdigest()
