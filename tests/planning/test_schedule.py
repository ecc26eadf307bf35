"""Schedule: hours per week become dates; re-dating never reorders; experience in parallel."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from planner.catalog import builtin_catalog
from planner.planning import (
    PlanOptions,
    ProfileSnapshot,
    StepProgress,
    build_plan,
    reschedule,
)

from .catalog_factory import MONDAY, catalog, req, role, skill


def _dates(plan, key):
    step = plan.step(key)
    return step.planned_start, step.planned_end


def _two_steps(**role_extra):
    """Two independent required skills of 10 h each (5 h per level, level 2)."""
    return catalog(
        [skill("a", hours=5), skill("b", hours=5)],
        [role("r", [req("a", 2), req("b", 2)], **role_extra)],
    )


def test_ten_hours_at_five_a_week_from_a_monday_take_two_weeks() -> None:
    cat = catalog([skill("a", hours=5)], [role("r", [req("a", 2)])])
    plan = build_plan(cat, ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    step = plan.step("skill:a:2")
    assert step.hours == 10.0
    assert (step.planned_start, step.planned_end) == (date(2024, 1, 1), date(2024, 1, 14))
    # The milestone is reached on the last study day.
    assert _dates(plan, "milestone:r") == (date(2024, 1, 14), date(2024, 1, 14))
    assert plan.eta == date(2024, 1, 14)


def test_study_steps_follow_one_another() -> None:
    plan = build_plan(_two_steps(), ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    assert _dates(plan, "skill:a:2") == (date(2024, 1, 1), date(2024, 1, 14))
    assert _dates(plan, "skill:b:2") == (date(2024, 1, 15), date(2024, 1, 28))
    assert plan.eta == date(2024, 1, 28)


def test_part_days_are_shared_by_consecutive_steps() -> None:
    # 3 h at 14 h/week (2 h a day) is a day and a half: the second step starts on day 2.
    cat = catalog(
        [skill("a", hours=3), skill("b", hours=3)],
        [role("r", [req("a", 1), req("b", 1)])],
    )
    plan = build_plan(cat, ProfileSnapshot(), "r", PlanOptions(14, MONDAY))
    assert _dates(plan, "skill:a:1") == (date(2024, 1, 1), date(2024, 1, 2))
    assert _dates(plan, "skill:b:1") == (date(2024, 1, 2), date(2024, 1, 3))


def test_changing_the_hours_re_dates_without_reordering() -> None:
    plan = build_plan(_two_steps(), ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    faster = reschedule(plan, PlanOptions(10, MONDAY))
    assert [s.key for s in faster.steps] == [s.key for s in plan.steps]
    assert [s.position for s in faster.steps] == [s.position for s in plan.steps]
    assert _dates(faster, "skill:a:2") == (date(2024, 1, 1), date(2024, 1, 7))
    assert _dates(faster, "skill:b:2") == (date(2024, 1, 8), date(2024, 1, 14))
    assert faster.eta == date(2024, 1, 14)
    assert faster.options.hours_per_week == 10


def test_reschedule_matches_a_fresh_build_on_the_real_catalog() -> None:
    cat = builtin_catalog()
    profile = ProfileSnapshot(levels={"python": 2, "sql": 1})
    plan = build_plan(cat, profile, "data-scientist", PlanOptions(6, MONDAY))
    for hours in (1, 3.5, 20, 40):
        new = PlanOptions(hours, date(2025, 3, 5))
        moved = reschedule(plan, new)
        fresh = build_plan(cat, profile, "data-scientist", new)
        assert [s.key for s in moved.steps] == [s.key for s in plan.steps]
        assert [(s.key, s.planned_start, s.planned_end) for s in moved.steps] == [
            (s.key, s.planned_start, s.planned_end) for s in fresh.steps
        ]
        assert moved.eta == fresh.eta


def test_more_hours_never_make_the_plan_later() -> None:
    cat = builtin_catalog()
    plan = build_plan(cat, ProfileSnapshot(), "software-developer", PlanOptions(2, MONDAY))
    etas = [reschedule(plan, PlanOptions(h, MONDAY)).eta for h in (2, 5, 10, 20, 40)]
    assert etas == sorted(etas, reverse=True)
    assert etas[0] > etas[-1]


def test_a_new_start_date_shifts_every_date() -> None:
    plan = build_plan(_two_steps(), ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    shifted = reschedule(plan, PlanOptions(5, MONDAY + timedelta(days=7)))
    week = timedelta(days=7)
    for before, after in zip(plan.steps, shifted.steps, strict=True):
        assert before.planned_start is not None and before.planned_end is not None
        assert (after.planned_start, after.planned_end) == (
            before.planned_start + week,
            before.planned_end + week,
        )


def test_finished_steps_take_no_time() -> None:
    progress = {"skill:a:2": StepProgress("done", "finished early")}
    plan = build_plan(
        _two_steps(), ProfileSnapshot(), "r", PlanOptions(5, MONDAY), progress=progress
    )
    assert plan.step("skill:a:2").status == "done"
    assert _dates(plan, "skill:a:2") == (MONDAY, MONDAY)
    assert _dates(plan, "skill:b:2") == (date(2024, 1, 1), date(2024, 1, 14))
    assert plan.eta == date(2024, 1, 14)
    assert plan.total_hours == 20.0
    assert plan.remaining_hours == 10.0
    skipped = build_plan(
        _two_steps(),
        ProfileSnapshot(),
        "r",
        PlanOptions(5, MONDAY),
        progress={"skill:a:2": StepProgress("skipped"), "skill:b:2": StepProgress("done")},
    )
    assert skipped.eta == MONDAY
    assert skipped.remaining_hours == 0.0


def test_a_step_in_progress_still_takes_its_time() -> None:
    progress = {"skill:a:2": StepProgress("in_progress", "half way")}
    plan = build_plan(
        _two_steps(), ProfileSnapshot(), "r", PlanOptions(5, MONDAY), progress=progress
    )
    assert _dates(plan, "skill:a:2") == (date(2024, 1, 1), date(2024, 1, 14))
    assert plan.eta == date(2024, 1, 28)


def test_experience_runs_alongside_study_and_can_set_the_eta() -> None:
    # 10 h of study at 5 h/week take two weeks; a year of experience takes the year.
    cat = catalog([skill("a", hours=5)], [role("r", [req("a", 2)], min_years_experience=1)])
    plan = build_plan(cat, ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    assert [s.key for s in plan.steps] == ["skill:a:2", "experience:r", "milestone:r"]
    experience = plan.step("experience:r")
    assert experience.years == 1.0
    assert experience.hours == 0.0
    # 2024 is a leap year: 365.25 days from 1 January end on 31 December.
    assert (experience.planned_start, experience.planned_end) == (MONDAY, date(2024, 12, 31))
    assert _dates(plan, "skill:a:2") == (date(2024, 1, 1), date(2024, 1, 14))
    assert _dates(plan, "milestone:r") == (date(2024, 12, 31), date(2024, 12, 31))
    assert plan.eta == date(2024, 12, 31)


def test_study_can_outlast_experience() -> None:
    # 100 h at 5 h/week take 140 days (to 19 May); a quarter year of experience ends 1 April.
    cat = catalog([skill("a", hours=50)], [role("r", [req("a", 2)], min_years_experience=0.25)])
    plan = build_plan(cat, ProfileSnapshot(), "r", PlanOptions(5, MONDAY))
    assert _dates(plan, "experience:r") == (MONDAY, date(2024, 4, 1))
    assert _dates(plan, "skill:a:2") == (MONDAY, date(2024, 5, 19))
    assert _dates(plan, "milestone:r") == (date(2024, 5, 19), date(2024, 5, 19))
    assert plan.eta == date(2024, 5, 19)


def test_experience_only_gap() -> None:
    cat = catalog([skill("a")], [role("r", [req("a", 1)], min_years_experience=2)])
    profile = ProfileSnapshot(levels={"a": 3}, years_experience=1.5)
    plan = build_plan(cat, profile, "r", PlanOptions(10, MONDAY))
    assert [s.key for s in plan.steps] == ["experience:r", "milestone:r"]
    assert plan.step("experience:r").years == 0.5
    # Half a year is 182.625 days: the last day is day 182, 1 July 2024.
    assert plan.eta == MONDAY + timedelta(days=182) == date(2024, 7, 1)


@pytest.mark.parametrize("role_id", ["distributed-systems-architect", "chief-ai-officer"])
def test_eta_is_the_milestone_date_on_the_real_catalog(role_id: str) -> None:
    plan = build_plan(builtin_catalog(), ProfileSnapshot(), role_id, PlanOptions(10, MONDAY))
    milestone = plan.step(f"milestone:{role_id}")
    assert plan.eta == milestone.planned_start == milestone.planned_end
    for step in plan.steps:
        assert step.planned_start is not None and step.planned_end is not None
        assert step.planned_start <= step.planned_end <= plan.eta, step.key
        assert step.planned_start >= MONDAY
