"""Regenerating a plan keeps the status and notes of every step that still applies."""

from __future__ import annotations

from datetime import date

from planner.catalog import builtin_catalog
from planner.planning import (
    HeldCertification,
    PlanOptions,
    ProfileSnapshot,
    StepProgress,
    build_plan,
)

from .catalog_factory import MONDAY, catalog, cert, req, role, skill

OPTIONS = PlanOptions(hours_per_week=5, start_date=MONDAY)


def _cat():
    return catalog(
        [skill("a", hours=5), skill("b", hours=5), skill("c", hours=5)],
        [role("r", [req("a", 2), req("b", 2), req("c", 1)])],
    )


def test_progress_follows_the_step_key() -> None:
    progress = {
        "skill:a:2": StepProgress("done", "note", completed_on=date(2024, 1, 5)),
        "skill:b:2": StepProgress("in_progress", "chapter 3"),
    }
    plan = build_plan(_cat(), ProfileSnapshot(), "r", OPTIONS, progress=progress)
    a, b, c = plan.step("skill:a:2"), plan.step("skill:b:2"), plan.step("skill:c:1")
    assert (a.status, a.notes, a.completed_on) == ("done", "note", date(2024, 1, 5))
    assert a.finished
    assert (b.status, b.notes, b.completed_on) == ("in_progress", "chapter 3", None)
    assert not b.finished
    assert (c.status, c.notes) == ("todo", "")


def test_progress_for_a_step_that_no_longer_exists_is_dropped() -> None:
    progress = {
        "skill:a:2": StepProgress("done", "note"),
        "skill:gone:3": StepProgress("done", "old"),
        "cert:nothing": StepProgress("skipped", "never mind"),
    }
    plan = build_plan(_cat(), ProfileSnapshot(), "r", OPTIONS, progress=progress)
    keys = [s.key for s in plan.steps]
    assert keys == ["skill:a:2", "skill:b:2", "skill:c:1", "milestone:r"]
    assert [s.notes for s in plan.steps] == ["note", "", "", ""]
    assert [s.status for s in plan.steps] == ["done", "todo", "todo", "todo"]


def test_regenerating_after_the_profile_changed_keeps_what_still_applies() -> None:
    first = build_plan(_cat(), ProfileSnapshot(), "r", OPTIONS)
    progress = {
        s.key: StepProgress("done", f"notes on {s.key}")
        for s in first.steps
        if s.key in ("skill:a:2", "skill:c:1")
    }
    # c is now rated at the level the role asks: its step (and its progress) goes away.
    second = build_plan(_cat(), ProfileSnapshot(levels={"c": 1}), "r", OPTIONS, progress=progress)
    assert [s.key for s in second.steps] == ["skill:a:2", "skill:b:2", "milestone:r"]
    assert second.step("skill:a:2").status == "done"
    assert second.step("skill:a:2").notes == "notes on skill:a:2"
    assert second.step("skill:b:2").status == "todo"


def test_a_step_whose_levels_changed_gets_a_new_key_and_no_old_progress() -> None:
    progress = {"skill:a:2": StepProgress("done", "old")}
    cat = catalog([skill("a")], [role("r", [req("a", 3)])])
    plan = build_plan(cat, ProfileSnapshot(), "r", OPTIONS, progress=progress)
    assert [(s.key, s.status) for s in plan.steps] == [
        ("skill:a:3", "todo"),
        ("milestone:r", "todo"),
    ]


def test_progress_on_renewal_and_certification_steps_is_kept() -> None:
    cat = catalog(
        [skill("a", hours=50)],
        [
            role(
                "r",
                [req("a", 2)],
                certifications=[
                    {"certification": "x", "importance": "required"},
                    {"certification": "y", "importance": "preferred"},
                ],
            )
        ],
        [cert("x"), cert("y")],
    )
    profile = ProfileSnapshot(
        certifications=(HeldCertification("x", date(2022, 1, 1), date(2024, 3, 1)),)
    )
    progress = {
        "renew:x": StepProgress("in_progress", "booked the exam"),
        "cert:y": StepProgress("skipped", "not worth it"),
    }
    plan = build_plan(cat, profile, "r", OPTIONS, progress=progress)
    assert (plan.step("renew:x").status, plan.step("renew:x").notes) == (
        "in_progress",
        "booked the exam",
    )
    assert (plan.step("cert:y").status, plan.step("cert:y").notes) == ("skipped", "not worth it")


def test_regeneration_on_the_real_catalog_keeps_every_recorded_step() -> None:
    cat = builtin_catalog()
    options = PlanOptions(10, MONDAY)
    first = build_plan(cat, ProfileSnapshot(), "machine-learning-engineer", options)
    progress = {
        s.key: StepProgress("done", f"n{s.position}")
        for s in first.steps
        if s.position % 3 == 0 and s.kind == "skill"
    }
    assert progress
    second = build_plan(
        cat, ProfileSnapshot(), "machine-learning-engineer", options, progress=progress
    )
    assert [s.key for s in second.steps] == [s.key for s in first.steps]
    for key, record in progress.items():
        assert (second.step(key).status, second.step(key).notes) == ("done", record.notes)
    assert second.remaining_hours == first.total_hours - sum(first.step(k).hours for k in progress)
    assert second.eta < first.eta
