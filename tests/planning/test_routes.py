"""Routes: a climb through intermediate roles, one stage each, skills planned once."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from planner.catalog import builtin_catalog
from planner.planning import (
    HeldCertification,
    PlanOptions,
    ProfileSnapshot,
    build_plan,
    find_route,
)

from .catalog_factory import MONDAY, catalog, cert, req, role, skill
from .plan_checks import check_gap_closed, check_plan

JUNIOR = "junior-distributed-systems-engineer"
ARCHITECT = "distributed-systems-architect"


def _linked(cat, lower: str, upper: str) -> bool:
    return upper in cat.roles[lower].leads_to or lower in cat.roles[upper].comes_from


def test_find_route_from_junior_to_architect_follows_the_ladder() -> None:
    cat = builtin_catalog()
    route = find_route(cat, JUNIOR, ARCHITECT)
    assert route == ["distributed-computing-engineer", ARCHITECT]
    path = [JUNIOR, *route]
    for lower, upper in pairwise(path):
        assert _linked(cat, lower, upper), (lower, upper)


def test_find_route_edge_cases() -> None:
    cat = builtin_catalog()
    assert find_route(cat, ARCHITECT, ARCHITECT) == []
    # The ladder only goes up: nothing leads from the architect back to the junior role.
    assert find_route(cat, ARCHITECT, JUNIOR) is None
    # Three rungs through the data track beat four through machine-learning engineering.
    route = find_route(cat, "data-scientist", "chief-ai-officer")
    assert route == ["lead-data-consultant", "ai-policy-governance-manager", "chief-ai-officer"]
    path = ["data-scientist", *route]
    for lower, upper in pairwise(path):
        assert _linked(cat, lower, upper), (lower, upper)


def test_find_route_is_stable_and_shortest_on_a_hand_made_ladder() -> None:
    roles = [
        role("bottom", [req("a", 1)], leads_to=["mid-b", "mid-a"]),
        role("mid-a", [req("a", 2)], leads_to=["top"]),
        role("mid-b", [req("a", 2)]),
        role("top", [req("a", 3)], comes_from=["mid-b"]),
    ]
    cat = catalog([skill("a")], roles)
    assert find_route(cat, "bottom", "top") == ["mid-a", "top"]
    assert find_route(cat, "top", "bottom") is None


def _route_plan(profile: ProfileSnapshot | None = None):
    cat = builtin_catalog()
    route = find_route(cat, JUNIOR, ARCHITECT)
    assert route
    profile = profile or ProfileSnapshot(current_role_id=JUNIOR)
    plan = build_plan(cat, profile, ARCHITECT, PlanOptions(10, MONDAY), via=route[:-1])
    return cat, profile, plan


def test_route_plan_has_stages_in_order_each_ending_with_its_milestone() -> None:
    cat, profile, plan = _route_plan()
    assert plan.stages == ("distributed-computing-engineer", ARCHITECT)
    assert plan.role_id == ARCHITECT
    stages = [s.stage for s in plan.steps if s.kind != "renewal"]
    assert stages == sorted(stages)
    assert {s.stage for s in plan.steps} == {0, 1}
    first_end = plan.step("milestone:distributed-computing-engineer").planned_end
    assert first_end is not None and first_end < plan.eta
    assert plan.steps[-1].key == f"milestone:{ARCHITECT}"
    check_plan(cat, profile, plan)
    check_gap_closed(cat, profile, plan)


def test_route_plan_plans_shared_skills_once() -> None:
    cat, profile, plan = _route_plan(ProfileSnapshot(levels={"python": 3, "linux": 2}))
    skill_steps = [s for s in plan.steps if s.kind == "skill"]
    reached = [(s.skill_id, s.to_level) for s in skill_steps]
    assert len(reached) == len(set(reached))
    stage0: dict[str, int] = {}
    for s in skill_steps:
        if s.stage == 0:
            stage0[s.skill_id] = max(stage0.get(s.skill_id, 0), s.to_level)
    assert stage0, "the first stage raises some skills"
    shared = 0
    for s in skill_steps:
        if s.stage == 1 and s.skill_id in stage0:
            shared += 1
            assert s.from_level >= stage0[s.skill_id], s.key
            assert s.to_level > stage0[s.skill_id], s.key
    assert shared > 0, "the two stages share skills, raised further in stage 2"
    # A skill both stages want at the same level is planned once, in the first stage.
    both = set(_wanted(cat, "distributed-computing-engineer")) & set(_wanted(cat, ARCHITECT))
    for skill_id in both:
        if (
            _wanted(cat, ARCHITECT)[skill_id]
            <= _wanted(cat, "distributed-computing-engineer")[skill_id]
        ):
            assert not [s for s in skill_steps if s.stage == 1 and s.skill_id == skill_id]
    check_plan(cat, profile, plan)


def _wanted(cat, role_id: str) -> dict[str, int]:
    return {r.any_of[0]: r.level for r in cat.roles[role_id].requirements if len(r.any_of) == 1}


def test_route_on_a_hand_made_ladder() -> None:
    cat = catalog(
        [skill("a", hours=5), skill("b", hours=5)],
        [role("r1", [req("a", 2)], leads_to=["r2"]), role("r2", [req("a", 3), req("b", 1)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r2", PlanOptions(5, MONDAY), via=["r1"])
    assert [(s.key, s.stage) for s in plan.steps] == [
        ("skill:a:2", 0),
        ("milestone:r1", 0),
        ("skill:a:3", 1),
        ("skill:b:1", 1),
        ("milestone:r2", 1),
    ]
    assert plan.step("skill:a:3").from_level == 2
    assert plan.step("skill:a:3").stage_role_id == "r2"
    # 10 h, then 5 h + 5 h at 5 h/week: two weeks, then one week and one week.
    assert plan.step("milestone:r1").planned_end == date(2024, 1, 14)
    assert plan.step("skill:b:1").planned_end == date(2024, 1, 28)
    assert plan.eta == date(2024, 1, 28)


def test_a_certification_earned_in_stage_one_is_not_earned_again_in_stage_two() -> None:
    cat = catalog(
        [skill("a", hours=5)],
        [
            role(
                "r1",
                [req("a", 1)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
            role(
                "r2",
                [req("a", 2)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
        ],
        [cert("x", hours=10, years=3)],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r2", PlanOptions(5, MONDAY), via=["r1"])
    assert [s.key for s in plan.steps if s.kind == "certification"] == ["cert:x"]
    assert plan.step("cert:x").stage == 0


@pytest.mark.parametrize("recorded_on", [None, MONDAY], ids=["years-unrecorded", "years-recorded"])
def test_experience_gained_in_an_earlier_stage_counts_in_the_next(recorded_on) -> None:
    # Both roles ask for one year. Stage one has the person gain that year (1 Jan – 31 Dec
    # 2024), so stage two asks for no more: there must be no second experience step.
    cat = catalog(
        [skill("a", hours=5), skill("b", hours=5)],
        [
            role("r1", [req("a", 2)], min_years_experience=1, leads_to=["r2"]),
            role("r2", [req("b", 2)], min_years_experience=1),
        ],
    )
    profile = ProfileSnapshot(years_experience=0, years_recorded_on=recorded_on)
    plan = build_plan(cat, profile, "r2", PlanOptions(5, MONDAY), via=["r1"])
    assert plan.step("experience:r1").planned_end == date(2024, 12, 31)
    extra = [(s.key, s.years, s.title) for s in plan.steps if s.key == "experience:r2"]
    assert extra == []
    assert plan.eta == date(2024, 12, 31)


def test_a_certification_renewed_during_a_route_is_not_also_earned_again() -> None:
    # x is valid at the start and lapses on 1 March 2024, during stage one; both stages rely
    # on it. The plan renews it before it lapses, so stage two must not earn it from scratch
    # as well (or, if it earns it again, it must not also plan the renewal).
    cat = catalog(
        [skill("a", hours=50), skill("b", hours=50)],
        [
            role(
                "r1",
                [req("a", 2)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
            role(
                "r2",
                [req("b", 2)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
        ],
        [cert("x", hours=40, renewal_hours=10)],
    )
    profile = ProfileSnapshot(
        certifications=(HeldCertification("x", date(2021, 3, 1), date(2024, 3, 1)),)
    )
    plan = build_plan(cat, profile, "r2", PlanOptions(5, MONDAY), via=["r1"])
    about_x = [s.key for s in plan.steps if s.cert_id == "x"]
    assert len(about_x) == 1, about_x


def test_step_keys_stay_unique_when_a_certification_lapses_between_stages() -> None:
    # x (valid one year) is earned in stage one; stage two takes two years of experience;
    # stage three asks for x again. Status and notes follow step keys, so a plan must never
    # hold two steps with the same key (here both would be "cert:x").
    cat = catalog(
        [skill("a", hours=5), skill("b", hours=5), skill("c", hours=5)],
        [
            role(
                "r1",
                [req("a", 1)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
            role("r2", [req("b", 1)], min_years_experience=2),
            role(
                "r3",
                [req("c", 1)],
                certifications=[{"certification": "x", "importance": "required"}],
            ),
        ],
        [cert("x", hours=10, years=1)],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r3", PlanOptions(5, MONDAY), via=["r1", "r2"])
    keys = [s.key for s in plan.steps]
    assert len(keys) == len(set(keys)), keys
