"""kgraph: an organisation as a knowledge graph.

Library first: every ``kgraph`` command is one function here, taking the graph
handle from :func:`kgraph.open` first (``kgraph who-knows`` ↔ ``kgraph.who_knows``).
The measures (``brokerage``, ``betweenness``, ``constraint``, ...) take any
networkx graph. Names are loaded on first use, so ``import kgraph`` stays fast.

>>> import kgraph
>>> kgraph.KgraphError.__name__
'KgraphError'
"""

from __future__ import annotations

import importlib
from typing import Any

from .errors import (
    InputError,
    KgraphError,
    NotFound,
    OptionError,
    PrivacyError,
    Problem,
    QueryError,
    StoreError,
    StoreUnavailable,
    ValidationError,
)

__version__ = "0.1.0"

#: public name -> module that defines it (imported on first use)
_LAZY: dict[str, str] = {
    # graph handle and data commands
    "open": "kgraph.graph",
    "KnowledgeGraph": "kgraph.graph",
    "info": "kgraph.graph",
    "validate": "kgraph.graph",
    "import_data": "kgraph.graph",
    "to_networkx": "kgraph.graph",
    "template": "kgraph.templates",
    "generate": "kgraph.synthetic",
    "demo": "kgraph.demodata",
    # knowledge
    "gaps": "kgraph.analysis.gaps",
    "who_knows": "kgraph.analysis.whoknows",
    "what_if": "kgraph.analysis.whatif",
    "recommend": "kgraph.analysis.recommend",
    # analyses of a stored organisation
    "linking_pins": "kgraph.analysis.linking",
    "formal_pins": "kgraph.analysis.linking",
    # measures on any networkx graph
    "brokerage": "kgraph.measures",
    "brokerage_global": "kgraph.measures",
    "betweenness": "kgraph.measures",
    "constraint": "kgraph.measures",
    "effective_size": "kgraph.measures",
    "articulation_points": "kgraph.measures",
    "bridges": "kgraph.measures",
    # Neo4j: named queries and exports
    "export": "kgraph.exports",  # not kgraph.export: the submodule would shadow the function
    "query": "kgraph.queries",
    # privacy: settings, suppressed aggregates, data subjects' rights
    "aggregates": "kgraph.analysis.aggregates",
    "forget": "kgraph.privacy",
    "person_report": "kgraph.privacy",
    "privacy_settings": "kgraph.privacy",
    "min_group_size": "kgraph.privacy",
    "suppress_small_groups": "kgraph.privacy",
    # stakeholders and views
    "stakeholders": "kgraph.analysis.stakeholders",
    "giraffe": "kgraph.views.giraffe",
    "network": "kgraph.views.network",
    "report": "kgraph.views.report",
    "power_interest_grid": "kgraph.views.plots",
    "coverage_heatmap": "kgraph.views.plots",
    # ties from calendars and mail headers
    "ties_from_calendar": "kgraph.collect",
    "ties_from_mail": "kgraph.collect",
    "write_ties": "kgraph.collect",
    "import_ties": "kgraph.collect",
}

__all__ = [
    "KgraphError", "OptionError", "InputError", "ValidationError", "Problem", "StoreError", "StoreUnavailable",
    "QueryError", "NotFound", "PrivacyError", "__version__", *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
