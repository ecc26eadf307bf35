"""Ranking: readiness first (highest), then the hours still needed (fewest), then title."""

from __future__ import annotations

from datetime import date

from planner.catalog import Catalog, builtin_catalog
from planner.catalog.schema import EDUCATION_ORDER, Role
from planner.planning import HeldCertification, ProfileSnapshot, rank_roles, standing

from .catalog_factory import catalog, req, role, skill

ON = date(2024, 6, 1)


def _meeting(cat: Catalog, target: Role) -> ProfileSnapshot:
    """A person who meets every item of ``target`` exactly."""
    levels = {r.any_of[0]: r.level for r in target.requirements}
    certs = tuple(
        HeldCertification(rec.any_of[0], date(2023, 1, 1), None) for rec in target.certifications
    )
    education = max(
        (e.level for e in target.education), key=EDUCATION_ORDER.__getitem__, default="none"
    )
    return ProfileSnapshot(
        levels=levels,
        certifications=certs,
        years_experience=target.min_years_experience,
        education=education,
    )


def test_rank_orders_by_readiness_then_hours_then_title() -> None:
    cat = catalog(
        [skill("a", hours=10), skill("b", hours=10), skill("c", hours=40)],
        [
            role("far", [req("a", 5)]),  # 1 of 5 met: 20 %, 40 h to go
            role("near-slow", [req("c", 2)]),  # 0 of 2 met: 0 %, 80 h
            role("near-quick", [req("b", 2)]),  # 0 of 2 met: 0 %, 20 h
            role("beta", [req("b", 1)]),  # 0 %, 10 h
            role("alpha", [req("a", 1)]),  # met: 100 %, 0 h
            role("zeta", [req(["b", "a"], 1)]),  # met through a: 100 %, 0 h
        ],
    )
    ranking = rank_roles(cat, ProfileSnapshot(levels={"a": 1}), ON)
    assert [(s.role_id, s.readiness, s.hours_needed) for s in ranking] == [
        ("alpha", 100.0, 0.0),
        ("zeta", 100.0, 0.0),
        ("far", 20.0, 40.0),
        ("beta", 0.0, 10.0),
        ("near-quick", 0.0, 20.0),
        ("near-slow", 0.0, 80.0),
    ]
    assert [s.steps for s in ranking] == [0, 0, 1, 1, 1, 1]


def test_hours_needed_include_prerequisites_but_not_experience() -> None:
    cat = catalog(
        [skill("a", hours=10, prereqs=[("b", 2)]), skill("b", hours=5)],
        [role("r", [req("a", 2)], min_years_experience=3)],
    )
    result = standing(cat, ProfileSnapshot(), "r", ON)
    assert (result.hours_needed, result.steps) == (30.0, 2)
    assert result.readiness == 0.0


def test_rank_on_the_real_catalog_is_sorted() -> None:
    cat = builtin_catalog()
    profile = ProfileSnapshot(
        levels={"python": 3, "sql": 3, "probability-statistics": 2, "linux": 2},
        years_experience=2,
        education="bachelor",
    )
    ranking = rank_roles(cat, profile, ON)
    assert sorted(s.role_id for s in ranking) == sorted(cat.roles)
    keys = [(-s.readiness, s.hours_needed) for s in ranking]
    assert keys == sorted(keys)


def test_a_role_met_in_full_comes_first_with_no_hours() -> None:
    cat = builtin_catalog()
    target = cat.roles["software-developer"]
    ranking = rank_roles(cat, _meeting(cat, target), ON)
    first = ranking[0]
    assert (first.readiness, first.hours_needed, first.steps) == (100.0, 0.0, 0)
    met_in_full = [s.role_id for s in ranking if s.readiness == 100.0]
    assert "software-developer" in met_in_full
    assert first.role_id in met_in_full
    assert all(s.hours_needed == 0.0 for s in ranking if s.readiness == 100.0)
    assert all(s.readiness < 100.0 for s in ranking[len(met_in_full) :])


def test_every_real_role_met_in_full_ranks_first() -> None:
    cat = builtin_catalog()
    for target in cat.roles.values():
        profile = _meeting(cat, target)
        mine = standing(cat, profile, target.id, ON)
        assert (mine.readiness, mine.hours_needed) == (100.0, 0.0), target.id
        ranking = rank_roles(cat, profile, ON)
        assert ranking[0].readiness == 100.0 and ranking[0].hours_needed == 0.0
        top = [s.role_id for s in ranking if (s.readiness, s.hours_needed) == (100.0, 0.0)]
        assert target.id in top, target.id
