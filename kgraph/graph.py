"""The graph handle: ``kgraph.open(store)`` and the functions behind the data commands."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .ingest import load_dataset
from .model import Dataset, model
from .store import ImportReport, Store, open_store

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd

__all__ = ["KnowledgeGraph", "open", "info", "validate", "import_data", "to_networkx"]


class KnowledgeGraph:
    """A handle on one kgraph store.

    Lookups (who-knows, a person's teams) go to the store's indexes; analyses
    call :meth:`dataset`, which loads the whole graph once and caches it.
    """

    #: the ``min_group_size`` given to :func:`open` (None: the store's setting)
    _min_group_size: int | None = None

    def __init__(self, store: Store):
        self.store = store
        self._dataset: Dataset | None = None

    @property
    def location(self) -> str:
        return self.store.location

    @property
    def min_group_size(self) -> int:
        """The smallest group an aggregate may describe (see :func:`kgraph.privacy.min_group_size`)."""
        from .privacy import min_group_size

        return min_group_size(self)

    def dataset(self) -> Dataset:
        """The whole stored dataset (cached until the next import)."""
        if self._dataset is None:
            self._dataset = self.store.read_dataset()
        return self._dataset

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.store.backend} {self.location}>"


def open(store: str | os.PathLike | Store | None = None, *, create: bool = True, database: str | None = None,  # noqa: A001
         pseudonymize: bool = False, min_group_size: int | None = None) -> KnowledgeGraph:
    """Open a kgraph store and return its handle.

    Parameters
    ----------
    store : str, path or Store, optional
        A file path (embedded store, created when missing), a ``bolt://`` or
        ``neo4j://`` URL (Neo4j store), or an open :class:`~kgraph.store.Store`.
        Default: ``$KGRAPH_STORE``, else ``./kgraph.db``.
    create : bool
        Create a missing embedded store (default True).
    database : str, optional
        Neo4j database name.
    pseudonymize : bool
        Show every person under a keyed pseudonym (key from
        ``KGRAPH_PSEUDONYM_KEY``); the handle is then read-only. See ``docs/privacy.md``.
    min_group_size : int, optional
        Smallest group an aggregate may describe (default: the store's
        ``privacy.min_group_size``, else 5).

    A store in aggregate-only mode (``kgraph privacy --aggregate-only on``)
    refuses person-level reads through this handle.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
    >>> int(kgraph.info(kg)["count"].sum())
    0
    >>> kg.close()
    """
    from .privacy import protect

    opened = store if isinstance(store, Store) else open_store(store, create=create, database=database)
    try:
        kg = KnowledgeGraph(protect(opened, pseudonymize=pseudonymize, min_group_size=min_group_size))
    except BaseException:
        if opened is not store:
            opened.close()
        raise
    kg._min_group_size = min_group_size
    return kg


def info(kg: KnowledgeGraph) -> pd.DataFrame:
    """Counts per node kind and relation type (zero rows included).

    Returns
    -------
    pandas.DataFrame
        Columns ``category`` (node / relation), ``kind``, ``count``.
    """
    import pandas as pd

    counts = kg.store.counts()
    m = model()
    rows = [{"category": "node", "kind": k, "count": counts.get(k, 0)} for k in m.node_kinds]
    rows += [{"category": "relation", "kind": r, "count": counts.get(r, 0)} for r in m.relation_types]
    return pd.DataFrame(rows, columns=["category", "kind", "count"])


def validate(path: str | os.PathLike) -> dict[str, int]:
    """Check the input at ``path`` without writing anything.

    Returns the number of nodes per kind and edges per relation the import
    would write; raises :class:`~kgraph.errors.ValidationError` listing every
    problem (``file:row:column: message``).
    """
    return load_dataset(Path(path)).counts()


def import_data(kg: KnowledgeGraph, path: str | os.PathLike, *, progress=None) -> ImportReport:
    """Validate the input at ``path`` and make the store hold exactly that data.

    All-or-nothing: a problem anywhere writes nothing; a killed process leaves
    the store as it was. Importing the same data again changes nothing
    (``report.unchanged``). The CLI command is ``kgraph import``.
    """
    dataset = load_dataset(Path(path))
    report = kg.store.replace(dataset, progress=progress)
    kg._dataset = None
    return report


def to_networkx(
    kg: KnowledgeGraph,
    *,
    kinds: list[str] | None = None,
    relations: list[str] | None = None,
) -> nx.MultiDiGraph:
    """The stored graph as a :class:`networkx.MultiDiGraph`.

    Nodes carry their properties and ``label`` (the node kind: Person, Team,
    ...; ``kind`` is a property of knowledge items and actors); edges carry
    ``relation`` and their properties, keyed by ``(relation, key)``. ``kinds`` and
    ``relations`` restrict what is included.

    Examples
    --------
    >>> import kgraph, tempfile, os
    >>> kg = kgraph.open(os.path.join(tempfile.mkdtemp(), "kg.db"))
    >>> kgraph.to_networkx(kg).number_of_nodes()
    0
    """
    import networkx as nx

    ds = kg.dataset()
    G = nx.MultiDiGraph()
    keep_kinds = set(kinds) if kinds else None
    for node_id, (kind, props) in ds.nodes.items():
        if keep_kinds is None or kind in keep_kinds:
            G.add_node(node_id, **props, label=kind)
    keep_rels = set(relations) if relations else None
    for (rel, s, t, key), props in ds.edges.items():
        if (keep_rels is None or rel in keep_rels) and s in G and t in G:
            G.add_edge(s, t, key=(rel, key), relation=rel, **props)
    return G
