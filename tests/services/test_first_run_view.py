"""What the guided set-up reads: roles, a role's asks with the person's levels, the preview."""

from __future__ import annotations

from datetime import date

import pytest

from planner.errors import InvalidInputError, NotFoundError
from planner.services import first_run_view, plans, profile, skills
from planner.services.workspace import Workspace

TODAY = date(2026, 11, 23)


def _answers(**changes: object) -> first_run_view.Answers:
    base: dict[str, object] = {
        "role_id": "distributed-systems-architect",
        "levels": {},
        "years_experience": 0.0,
        "education": "none",
        "hours_per_week": 6.0,
        "start": TODAY,
    }
    base.update(changes)
    return first_run_view.Answers(**base)  # type: ignore[arg-type]


def test_role_choices_cover_the_catalog_by_title(workspace: Workspace) -> None:
    choices = first_run_view.role_choices(workspace)
    assert {c.role_id for c in choices} == set(workspace.catalog.roles)
    titles = [c.title.casefold() for c in choices]
    assert titles == sorted(titles)
    architect = next(c for c in choices if c.role_id == "distributed-systems-architect")
    assert (architect.family, architect.seniority) == ("Distributed systems", "Senior")


def test_role_asks_carries_current_levels_and_alternatives(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="python", level=3)
    asks = first_run_view.role_asks(workspace, role="Distributed Systems Architect")
    assert asks.role_id == "distributed-systems-architect"
    assert asks.min_years == 5
    assert "Bachelor's degree (required)" in asks.education
    languages = next(r for r in asks.requirements if len(r.alternatives) == 3 and r.level == 4)
    assert [(s.skill_id, s.level) for s in languages.alternatives] == [
        ("java", 0),
        ("python", 3),
        ("go", 0),
    ]
    with pytest.raises(NotFoundError):
        first_run_view.role_asks(workspace, role="astronaut")


def test_current_years_grow_with_time(workspace: Workspace) -> None:
    profile.update_settings(workspace, years_experience=3)
    assert first_run_view.current_years(workspace) == 3.0
    later = Workspace(workspace.folder, today=lambda: date(2027, 11, 23))
    try:
        assert first_run_view.current_years(later) == 4.0
    finally:
        later.close()


def test_preview_matches_the_generated_plan_and_stores_nothing(workspace: Workspace) -> None:
    answers = _answers(levels={"kubernetes": 3, "python": 4}, years_experience=2.0)
    preview = first_run_view.preview_plan(workspace, answers)
    assert profile.settings(workspace).target_role_id is None
    assert skills.my_skills(workspace) == []
    assert plans.current_plan(workspace) is None

    profile.update_settings(workspace, years_experience=2.0, hours_per_week=6.0)
    profile.set_target(workspace, role="distributed-systems-architect")
    skills.rate_skill(workspace, skill="kubernetes", level=3)
    skills.rate_skill(workspace, skill="python", level=4)
    view = plans.generate_plan(workspace, hours_per_week=6.0, start=TODAY)
    assert preview.steps == len(view.plan.steps)
    assert preview.hours == pytest.approx(view.plan.total_hours)
    assert preview.eta == view.plan.eta


def test_preview_gets_shorter_with_more_hours_and_follows_the_ladder(
    workspace: Workspace,
) -> None:
    slow = first_run_view.preview_plan(workspace, _answers(hours_per_week=4))
    fast = first_run_view.preview_plan(workspace, _answers(hours_per_week=40))
    assert fast.steps == slow.steps
    assert fast.eta < slow.eta
    profile.update_settings(workspace, current_role="junior-distributed-systems-engineer")
    routed = first_run_view.preview_plan(workspace, _answers())
    assert routed.via  # a senior target from an entry role climbs through the rungs between


def test_preview_rejects_bad_hours(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError):
        first_run_view.preview_plan(workspace, _answers(hours_per_week=0))
