"""Order: topological; among free steps phase first, then value, then key; deterministic."""

from __future__ import annotations

from datetime import date

import pytest

from planner.catalog import Catalog, builtin_catalog
from planner.planning import (
    HeldCertification,
    Phase,
    Plan,
    PlanOptions,
    ProfileSnapshot,
    build_plan,
)

from .catalog_factory import MONDAY, catalog, cert, req, role, skill

OPTIONS = PlanOptions(hours_per_week=10, start_date=MONDAY)


def _keys(plan: Plan) -> list[str]:
    return [s.key for s in plan.steps]


def _fingerprint(plan: Plan) -> tuple[tuple[object, ...], ...]:
    return tuple((s.key, s.position, s.planned_start, s.planned_end) for s in plan.steps)


def test_each_kind_of_step_lands_in_its_phase() -> None:
    cat = catalog(
        [
            skill("base"),
            skill("core", prereqs=[("base", 1)]),
            skill("extra"),
            skill("exam-topic"),
        ],
        [
            role(
                "r",
                [req("core", 1, "required"), req("extra", 1, "preferred")],
                certifications=[{"certification": "x", "importance": "preferred"}],
                min_years_experience=1,
            )
        ],
        [cert("x", assumes=[("exam-topic", 1)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    phases = {s.key: s.phase for s in plan.steps}
    assert phases == {
        "skill:base:1": Phase.FOUNDATIONS,
        "skill:core:1": Phase.CORE,
        "skill:extra:1": Phase.SPECIALISATION,
        "skill:exam-topic:1": Phase.CERTIFICATION,
        "cert:x": Phase.CERTIFICATION,
        "experience:r": Phase.READINESS,
        "milestone:r": Phase.READINESS,
    }
    assert _keys(plan) == [
        "skill:base:1",
        "skill:core:1",
        "skill:extra:1",
        "skill:exam-topic:1",
        "cert:x",
        "experience:r",
        "milestone:r",
    ]


def test_free_steps_of_one_phase_go_by_value() -> None:
    # value = weight × levels gained / hours: quick 3×1/5 = 0.6, mid 3×2/20 = 0.3,
    # slow 3×1/40 = 0.075.
    cat = catalog(
        [skill("slow", hours=40), skill("mid", hours=10), skill("quick", hours=5)],
        [role("r", [req("slow", 1), req("mid", 2), req("quick", 1)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == ["skill:quick:1", "skill:mid:2", "skill:slow:1", "milestone:r"]
    assert [s.value for s in plan.steps[:3]] == pytest.approx([0.6, 0.3, 0.075])


def test_phase_comes_before_value() -> None:
    # The preferred skill is worth 1×1/1 = 1.0, the required one 3×1/40 = 0.075;
    # the required one still goes first because core skills come before specialisation.
    cat = catalog(
        [skill("slow", hours=40), skill("nice", hours=1)],
        [role("r", [req("nice", 1, "preferred"), req("slow", 1, "required")])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == ["skill:slow:1", "skill:nice:1", "milestone:r"]
    assert plan.step("skill:nice:1").value > plan.step("skill:slow:1").value


def test_equal_steps_go_by_key_not_by_listing_order() -> None:
    cat = catalog(
        [skill("yak"), skill("xen"), skill("zed")],
        [role("r", [req("zed", 2), req("yak", 2), req("xen", 2)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == ["skill:xen:2", "skill:yak:2", "skill:zed:2", "milestone:r"]


def test_a_prerequisite_inherits_the_value_of_what_it_unlocks() -> None:
    # Both prerequisites are foundations worth nothing on their own; "zp" unlocks a step
    # worth 3×1/1 = 3, "bp" one worth 3×1/100 = 0.03, so zp goes first despite its key.
    cat = catalog(
        [
            skill("quick", hours=1, prereqs=[("zp", 1)]),
            skill("slow", hours=100, prereqs=[("bp", 1)]),
            skill("zp"),
            skill("bp"),
        ],
        [role("r", [req("quick", 1), req("slow", 1)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == [
        "skill:zp:1",
        "skill:bp:1",
        "skill:quick:1",
        "skill:slow:1",
        "milestone:r",
    ]
    assert plan.step("skill:zp:1").value == pytest.approx(3.0)
    assert plan.step("skill:bp:1").value == pytest.approx(0.03)
    assert plan.step("skill:zp:1").phase == Phase.FOUNDATIONS


def _real_profile() -> ProfileSnapshot:
    return ProfileSnapshot(
        levels={"python": 3, "java": 1, "linux": 2, "kubernetes": 1, "sql": 3, "docker": 2},
        certifications=(HeldCertification("ckad", date(2023, 3, 1), date(2025, 3, 1)),),
        years_experience=2,
        years_recorded_on=date(2024, 1, 1),
        education="bachelor",
    )


def test_same_inputs_give_an_identical_plan() -> None:
    cat = builtin_catalog()
    options = PlanOptions(hours_per_week=8, start_date=date(2024, 1, 1))
    for role_id in cat.roles:
        first = build_plan(cat, _real_profile(), role_id, options)
        second = build_plan(cat, _real_profile(), role_id, options)
        assert _fingerprint(first) == _fingerprint(second), role_id
        assert first == second, role_id


def test_catalog_insertion_order_does_not_change_the_plan() -> None:
    cat = builtin_catalog()
    shuffled = Catalog(
        skills=dict(reversed(list(cat.skills.items()))),
        certifications=dict(reversed(list(cat.certifications.items()))),
        roles=dict(reversed(list(cat.roles.items()))),
    )
    options = PlanOptions(hours_per_week=8, start_date=date(2024, 1, 1))
    for role_id in ("distributed-systems-architect", "data-scientist", "cloud-architect"):
        assert _fingerprint(build_plan(cat, _real_profile(), role_id, options)) == _fingerprint(
            build_plan(shuffled, _real_profile(), role_id, options)
        )


def test_order_is_topological_and_phases_never_go_back_on_the_real_catalog() -> None:
    cat = builtin_catalog()
    options = PlanOptions(hours_per_week=12, start_date=date(2024, 1, 1))
    for profile in (ProfileSnapshot(), _real_profile()):
        for role_id in cat.roles:
            plan = build_plan(cat, profile, role_id, options)
            position = {s.key: s.position for s in plan.steps}
            assert [s.position for s in plan.steps] == list(range(1, len(plan.steps) + 1))
            for step in plan.steps:
                for dep in step.depends_on:
                    assert position[dep] < step.position, (role_id, step.key, dep)
            phases = [s.phase for s in plan.steps if s.kind != "renewal"]
            assert phases == sorted(phases), role_id
            assert plan.steps[-1].key == f"milestone:{role_id}"


def _assert_rank_relation(cat: Catalog, role_id: str) -> None:
    """A prerequisite is never in a later phase than what needs it."""
    plan = build_plan(cat, ProfileSnapshot(), role_id, OPTIONS)
    by_key = {s.key: s for s in plan.steps}
    for step in plan.steps:
        if step.kind == "milestone":
            continue
        for dep in step.depends_on:
            assert by_key[dep].phase <= step.phase, (step.key, dep)


def test_a_prerequisite_is_never_in_a_later_phase_than_its_dependant() -> None:
    cat = builtin_catalog()
    for role_id in cat.roles:
        _assert_rank_relation(cat, role_id)
