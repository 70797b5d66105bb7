"""The choices of :func:`kgraph.analysis.gaps.gaps` (kinds, severities, ``stale_by``).

Kept apart from the analysis so that the command line can offer them as option choices
without importing the organisation model (``kgraph who-knows`` shares a module with
``kgraph gaps`` and must start quickly).

>>> "single_holder" in KINDS, SEVERITIES[0], STALE_BY[0]
(True, 'high', 'family')
"""

__all__ = ["KINDS", "SEVERITIES", "STALE_BY"]

#: the kinds of finding, in the order the docs list them
KINDS = ("unmet_need", "single_holder", "orphan", "at_risk", "stale", "silo", "unlinked_issue")

#: severities, most urgent first
SEVERITIES = ("high", "medium", "low")

#: how stale skills are reported: one row per knowledge family (and severity), per person and
#: family, or per skill
STALE_BY = ("family", "person", "skill")
