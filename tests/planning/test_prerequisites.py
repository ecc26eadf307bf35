"""Prerequisites: expanded transitively, split by level, skipped when already met."""

from __future__ import annotations

from planner.planning import Plan, PlanOptions, ProfileSnapshot, build_plan

from .catalog_factory import MONDAY, catalog, cert, req, role, skill

OPTIONS = PlanOptions(hours_per_week=10, start_date=MONDAY)


def _keys(plan: Plan) -> list[str]:
    return [s.key for s in plan.steps]


def _chain(**role_extra):
    """a needs b at 3, b needs c at 3; the role requires a at 3."""
    return catalog(
        [skill("a", prereqs=[("b", 3)]), skill("b", prereqs=[("c", 3)]), skill("c")],
        [role("r", [req("a", 3)], **role_extra)],
    )


def test_prerequisites_are_expanded_transitively_in_order() -> None:
    plan = build_plan(_chain(), ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == ["skill:c:3", "skill:b:3", "skill:a:3", "milestone:r"]
    c, b, a, _ = plan.steps
    assert (c.from_level, c.to_level, c.hours) == (0, 3, 30.0)
    assert b.depends_on == ("skill:c:3",)
    assert a.depends_on == ("skill:b:3",)
    assert [s.position for s in plan.steps] == [1, 2, 3, 4]
    # Each step says why it is there: c is there for b (named "B"), b for a.
    assert c.reasons and any("B" in reason for reason in c.reasons)
    assert b.reasons and any("A" in reason for reason in b.reasons)


def test_prerequisite_level_is_capped_at_the_level_of_what_needs_it() -> None:
    # The role only wants a at 2, so b (wanted at 3 by a) is needed at min(3, 2) = 2 and c at 2.
    cat = catalog(
        [skill("a", prereqs=[("b", 3)]), skill("b", prereqs=[("c", 3)]), skill("c")],
        [role("r", [req("a", 2)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    assert _keys(plan) == ["skill:c:2", "skill:b:2", "skill:a:2", "milestone:r"]
    assert all(s.to_level == 2 for s in plan.steps[:3])


def test_a_skill_wanted_at_two_levels_is_raised_in_two_steps() -> None:
    # b is needed at 3 before a can reach 4, and at 5 by the role itself.
    cat = catalog(
        [skill("a", prereqs=[("b", 3)]), skill("b", hours=(1, 2, 3, 4, 5))],
        [role("r", [req("a", 4), req("b", 5)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    b3, b5, a4 = plan.step("skill:b:3"), plan.step("skill:b:5"), plan.step("skill:a:4")
    assert (b3.from_level, b3.to_level, b3.hours) == (0, 3, 6.0)
    assert (b5.from_level, b5.to_level, b5.hours) == (3, 5, 9.0)
    assert a4.depends_on == ("skill:b:3",)
    assert b5.depends_on == ("skill:b:3",)
    assert b3.position < a4.position
    assert b3.position < b5.position
    assert len([s for s in plan.steps if s.skill_id == "b"]) == 2


def test_a_prerequisite_already_held_produces_no_step() -> None:
    plan = build_plan(_chain(), ProfileSnapshot(levels={"b": 3}), "r", OPTIONS)
    assert _keys(plan) == ["skill:a:3", "milestone:r"]
    assert plan.step("skill:a:3").depends_on == ()


def test_a_prerequisite_held_above_the_need_produces_no_step() -> None:
    plan = build_plan(_chain(), ProfileSnapshot(levels={"b": 5}), "r", OPTIONS)
    assert _keys(plan) == ["skill:a:3", "milestone:r"]


def test_a_prerequisite_partly_held_is_raised_from_where_the_person_is() -> None:
    plan = build_plan(_chain(), ProfileSnapshot(levels={"b": 1, "c": 3}), "r", OPTIONS)
    assert _keys(plan) == ["skill:b:3", "skill:a:3", "milestone:r"]
    b = plan.step("skill:b:3")
    assert (b.from_level, b.to_level, b.hours) == (1, 3, 20.0)


def test_no_step_for_a_requirement_already_met() -> None:
    cat = catalog(
        [skill("a", prereqs=[("b", 3)]), skill("b"), skill("d")],
        [role("r", [req("a", 3), req("d", 2)])],
    )
    # a is met (so its prerequisite b is not asked for either); d is short by one level.
    plan = build_plan(cat, ProfileSnapshot(levels={"a": 4, "d": 1}), "r", OPTIONS)
    assert _keys(plan) == ["skill:d:2", "milestone:r"]
    met = build_plan(cat, ProfileSnapshot(levels={"a": 3, "d": 2}), "r", OPTIONS)
    assert _keys(met) == ["milestone:r"]
    assert met.total_hours == 0.0


def test_skills_a_certification_assumes_come_before_it() -> None:
    cat = catalog(
        [skill("a"), skill("k", prereqs=[("a", 2)])],
        [
            role(
                "r",
                [req("a", 1)],
                certifications=[{"certification": "x", "importance": "required"}],
            )
        ],
        [cert("x", assumes=[("k", 2)], hours=30)],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS)
    keys = _keys(plan)
    assert set(keys) == {"skill:a:1", "skill:a:2", "skill:k:2", "cert:x", "milestone:r"}
    assert plan.step("cert:x").depends_on == ("skill:k:2",)
    assert plan.step("skill:k:2").depends_on == ("skill:a:2",)
    assert keys.index("skill:a:2") < keys.index("skill:k:2") < keys.index("cert:x")
    assert keys[-1] == "milestone:r"


def test_the_milestone_depends_on_every_other_step() -> None:
    plan = build_plan(_chain(min_years_experience=1), ProfileSnapshot(), "r", OPTIONS)
    milestone = plan.step("milestone:r")
    assert set(milestone.depends_on) == {s.key for s in plan.steps} - {"milestone:r"}
    assert "experience:r" in milestone.depends_on
