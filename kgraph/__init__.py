"""kgraph: an organisation as a knowledge graph.

Library first: every ``kgraph`` command is one function here, taking the graph
handle from :func:`kgraph.open` first (``kgraph who-knows`` ↔ ``kgraph.who_knows``)
and the date it looks at (``as_of``, default today). The analyses are pure functions
of the organisation on a date (:class:`kgraph.Org`, see ``docs/architecture.md``);
the measures (``brokerage``, ``betweenness``, ``constraint``, ...) take any
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
    # the graph handle, the organisation of a date, its findings
    "open": "kgraph.app.handle",
    "KnowledgeGraph": "kgraph.app.handle",
    "Findings": "kgraph.app.findings",
    "Org": "kgraph.org",
    # data commands
    "info": "kgraph.app.data",
    "validate": "kgraph.app.data",
    "import_data": "kgraph.app.data",
    "import_dataset": "kgraph.app.data",
    "history": "kgraph.app.data",
    "to_networkx": "kgraph.app.data",
    "export": "kgraph.app.data",
    "query": "kgraph.app.data",
    "template": "kgraph.app.template",
    "generate": "kgraph.synthetic",
    "demo": "kgraph.app.demo",
    "list_nodes": "kgraph.app.listing",
    "settings": "kgraph.app.settings",
    # analyses of an organisation on a date
    "linking_pins": "kgraph.app.api",
    "formal_pins": "kgraph.app.api",
    "gaps": "kgraph.app.api",
    "who_knows": "kgraph.app.lookup",
    "what_if": "kgraph.app.api",
    "recommend": "kgraph.app.api",
    "stakeholders": "kgraph.app.api",
    "coverage": "kgraph.app.api",
    "aggregates": "kgraph.app.api",
    "monitor": "kgraph.app.api",
    "objectives": "kgraph.app.api",
    "factors": "kgraph.app.api",
    "compare": "kgraph.app.api",
    "engage": "kgraph.app.api",
    "interactions": "kgraph.app.api",
    # the interaction log and the engagement rule of a store
    "log_interaction": "kgraph.app.engagement",
    "engage_settings": "kgraph.app.engagement",
    # measures on any networkx graph
    "brokerage": "kgraph.measures",
    "brokerage_global": "kgraph.measures",
    "betweenness": "kgraph.measures",
    "constraint": "kgraph.measures",
    "effective_size": "kgraph.measures",
    "articulation_points": "kgraph.measures",
    "bridges": "kgraph.measures",
    # views
    "giraffe": "kgraph.app.render",
    "network": "kgraph.app.render",
    "report": "kgraph.app.render",
    "power_interest_grid": "kgraph.app.render",
    "coverage_heatmap": "kgraph.app.render",
    "objectives_chart": "kgraph.app.render",
    "signals_chart": "kgraph.app.render",
    # privacy: settings, data subjects' rights, small groups
    "privacy_settings": "kgraph.app.rights",
    "forget": "kgraph.app.rights",
    "person_report": "kgraph.app.rights",
    "suppress_small_groups": "kgraph.analysis.suppress",
    # ties from calendars and mail headers
    "ties_from_calendar": "kgraph.collect",
    "ties_from_mail": "kgraph.collect",
    "write_ties": "kgraph.collect",
    "import_ties": "kgraph.collect",
    # the intranet: accounts, the survey, the web server
    "user_add": "kgraph.app.accounts",
    "user_list": "kgraph.app.accounts",
    "user_remove": "kgraph.app.accounts",
    "survey_create": "kgraph.app.survey",
    "survey_status": "kgraph.app.survey",
    "survey_close": "kgraph.app.survey",
    "survey_import": "kgraph.app.survey",
    "survey_waves": "kgraph.app.survey",
    "survey_form": "kgraph.app.survey",
    "survey_submit": "kgraph.app.survey",
    "serve": "kgraph.web.server",
}

__all__ = [
    "KgraphError", "OptionError", "InputError", "ValidationError", "Problem", "StoreError", "StoreUnavailable",
    "QueryError", "NotFound", "PrivacyError", "__version__", *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")  # i18n: exempt (Python's own wording)
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
