"""Warnings about an input that is valid (imported as it is; the user is told): the
template's example rows still there, and departments without a management team.
:func:`kgraph.ingest.validate.validate_input` adds them to the dataset's warnings; each
takes its checker (``_Checker``: the dataset so far and where each node was defined).
"""

from __future__ import annotations

from operator import methodcaller

from ..errors import Problem
from ..i18n import _
from ..model import model

__all__ = ["EXAMPLE_PREFIXES", "example_rows", "management_warnings"]

#: the ids of the template's example rows start with one of these (``kgraph template``)
EXAMPLE_PREFIXES = ("EXAMPLE-", "VOORBEELD-")


def example_rows(chk) -> list[Problem]:
    """One warning per file that still holds the template's example rows (their ids start with
    :data:`EXAMPLE_PREFIXES`): they are valid data, so they would be imported."""
    files: dict[str, int] = {}
    if not any(map(methodcaller("startswith", EXAMPLE_PREFIXES), map(str.upper, map(str, chk.where)))):
        return []  # none (looked for at C speed)
    for node_id, (label, row, _col) in chk.where.items():
        if str(node_id).upper().startswith(EXAMPLE_PREFIXES) and (label not in files or row < files[label]):
            files[label] = row
    return [Problem(label, row, "id", _("the template's example row: replace it with your own data, or delete it"))
            for label, row in sorted(files.items())]


def management_warnings(chk) -> list[Problem]:
    """A warning per department with several teams and no management team (see :mod:`kgraph.management`)."""
    from ..management import warning, without_management

    ds = chk.ds
    kind = {n: k for n, (k, _p) in ds.nodes.items()}
    part_of = chk.of_rel("PART_OF")
    team_dept = {s: t for (_r, s, t, _k) in part_of if kind.get(s) == "Team"}
    parent = {s: t for (_r, s, t, _k) in part_of if kind.get(s) == "Department"}
    default = model().tables["memberships"].column("role").default
    ms = [(s, t, props.get("role") or default)
          for (_r, s, t, _k), props in chk.of_rel("MEMBER_OF", items=True)]
    out = []
    for dept, leads in without_management(team_dept, parent, ms).items():
        label, row, _col = chk.where.get(dept, ("departments.csv", 0, "id"))
        n = sum(1 for d in team_dept.values() if d == dept)
        out.append(Problem(label, row, "id", warning(ds.nodes[dept][1].get("name") or dept, n, len(leads))))
    return out
