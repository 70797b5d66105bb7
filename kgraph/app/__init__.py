"""The application layer (the facade): open a store, load the organisation of one date,
compute its findings once, and hand them to the views, the command line and the web.

::

    cli | web  →  app  →  views     (render results)
                       →  analysis  (pure: f(org, *, options))  →  measures
                 app   →  store     (embedded | neo4j)  →  ingest  →  schema / model / errors

- :mod:`.handle`: ``kgraph.open`` and :class:`KnowledgeGraph`: the store, the
  snapshot of a date (an :class:`~kgraph.org.Org`), the findings of a date;
- :mod:`.findings`: :class:`Findings`, every analysis of one date computed once;
- :mod:`.api` and :mod:`.render`: the public functions the commands call
  (``kgraph.gaps``, ``kgraph.report``, ...);
- :mod:`.lookup`: who-knows' indexed reads of a store;
- :mod:`.data`, :mod:`.template`, :mod:`.demo`: the data commands;
- :mod:`.rights`: erasure, access and the privacy settings.

Importing this package is light (no pandas, networkx or numpy, no analysis): the
command line imports it at start; :class:`Findings` and the analyses load on first use.
"""

from typing import Any

from .handle import KnowledgeGraph, open

__all__ = ["KnowledgeGraph", "Findings", "open"]


def __getattr__(name: str) -> Any:
    if name == "Findings":  # imports every analysis: only when asked for (kgraph who-knows never is)
        from .findings import Findings

        return Findings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")  # i18n: exempt (Python's own wording)
