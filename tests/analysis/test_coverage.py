"""kgraph.coverage: the matrix behind the coverage figure, on the definitions gaps uses."""

from __future__ import annotations

from kgraph.analysis.coverage import coverage, coverage_matrix
from kgraph.model import Dataset
from kgraph.org import Org


def _org() -> Org:
    nodes = {"D1": ("Department", {"name": "Ruimte"}), "T1": ("Team", {"name": "Vergunningen"}),
             "T2": ("Team", {"name": "Vergunningen"}),  # two teams may share a name (generated organisations do)
             "K1": ("KnowledgeItem", {"name": "Omgevingswet"})}
    edges = {("PART_OF", "T1", "D1", ""): {}, ("PART_OF", "T2", "D1", ""): {},
             ("NEEDS", "D1", "K1", ""): {"min_level": 4, "min_holders": 3}}
    for i in range(1, 7):
        nodes[f"P{i}"] = ("Person", {"name": f"P {i}"})
        edges[("MEMBER_OF", f"P{i}", "T1" if i <= 3 else "T2", "")] = {"role": "member"}
        edges[("KNOWS", f"P{i}", "K1", "")] = {"level": 3 + i % 2}  # P1, P3, P5 at 4; the others at 3
    return Org.from_dataset(Dataset(nodes=nodes, edges=edges), as_of="2026-06-01")


def test_a_department_need_is_its_own_row_and_counts_through_its_teams():
    df = coverage(_org(), min_group_size=1)
    need = df[df.unit_id == "D1"].iloc[0]
    # the department's need counts members of its teams at the need's level (4), not the figure's (3)
    assert (need.holders, need.required, need.level, bool(need.short)) == (3, 3, 4, False)
    teams = df[df.unit_kind == "team"]
    assert set(teams.unit_id) == {"T1", "T2"} and (teams.required == 0).all()  # not copied onto the teams
    assert teams.set_index("unit_id").holders.to_dict() == {"T1": 3, "T2": 3}


def test_units_sharing_a_name_do_not_break_the_matrix():
    h, req = coverage_matrix(coverage(_org(), min_group_size=1))
    assert list(h.index) == ["Ruimte", "Vergunningen", "Vergunningen"]
    assert req.loc["Ruimte", "Omgevingswet"] == 3


def test_small_units_merge_and_their_needs_are_counted_not_shown():
    df = coverage(_org(), min_group_size=4)  # teams of 3: merged; the department (6) keeps its row
    assert df.attrs["merged"] == ["T1", "T2"] and df.attrs["merged_needs"] == 0
    assert list(dict.fromkeys(df.unit_kind)) == ["department", "merged"]
