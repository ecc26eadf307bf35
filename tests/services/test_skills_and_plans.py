"""The services as the window and the CLI use them, on a real database file."""

from __future__ import annotations

from datetime import date

import pytest

from planner.errors import InvalidInputError, NotFoundError
from planner.services import certifications, plans, profile, roles, skills
from planner.services.workspace import Workspace


def test_rating_by_alias_keeps_history(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="k8s", level=2)
    change = skills.rate_skill(workspace, skill="Kubernetes", level="working")
    assert (change.skill_id, change.previous, change.level) == ("kubernetes", 2, 3)
    assert [lv for _, lv in skills.skill_history(workspace, skill="kubernetes")] == [2, 3]
    assert [(r.skill_id, r.level) for r in skills.my_skills(workspace)] == [("kubernetes", 3)]


@pytest.mark.parametrize("level", [6, -1, "expertish"])
def test_bad_level_changes_nothing(workspace: Workspace, level: object) -> None:
    with pytest.raises(InvalidInputError):
        skills.rate_skill(workspace, skill="python", level=level)  # type: ignore[arg-type]
    assert skills.my_skills(workspace) == []


def test_unknown_skill_suggests_near_names(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="kubernetes"):
        skills.rate_skill(workspace, skill="kubernets", level=2)


def test_certification_expiry_follows_issuer_validity(workspace: Workspace) -> None:
    view = certifications.add_certification(
        workspace, certification="CKA", earned_on=date(2025, 6, 1)
    )
    assert view.expires_on == date(2027, 6, 1)  # the catalog says CKA is valid 2 years
    assert view.status == "held"
    old = certifications.add_certification(
        workspace, certification="cka", earned_on=date(2020, 1, 10)
    )
    assert old.status == "expired"


def test_future_earned_date_is_refused(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError):
        certifications.add_certification(workspace, certification="cka", earned_on=date(2030, 1, 1))
    assert certifications.my_certifications(workspace) == []


def test_plan_needs_a_target(workspace: Workspace) -> None:
    with pytest.raises(InvalidInputError, match="target"):
        plans.generate_plan(workspace)


def _plan_for_architect(ws: Workspace) -> plans.PlanView:
    skills.rate_skill(ws, skill="python", level=3)
    skills.rate_skill(ws, skill="docker", level=2)
    profile.set_target(ws, role="Distributed Systems Architect")
    return plans.generate_plan(ws, hours_per_week=10, start=date(2026, 12, 1), follow_ladder=False)


def test_generated_plan_is_stored_and_reloads_identically(workspace: Workspace) -> None:
    made = _plan_for_architect(workspace)
    again = plans.current_plan(workspace)
    assert again is not None
    assert made.plan.steps == again.plan.steps
    assert made.plan.eta == again.plan.eta
    assert made.plan.steps[-1].kind == "milestone"
    assert made.plan.options.start_date == date(2026, 12, 1)


def test_marking_a_skill_step_done_raises_the_rating(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    step = next(s for s in view.plan.steps if s.kind == "skill")
    change = plans.set_step_status(workspace, position=step.position, status="done")
    assert change.raised_skill == (step.skill_id, step.to_level)
    levels = {r.skill_id: r.level for r in skills.my_skills(workspace)}
    assert levels[step.skill_id] == step.to_level
    reloaded = plans.current_plan(workspace)
    assert reloaded is not None
    assert reloaded.plan.step(step.key).status == "done"
    assert reloaded.plan.step(step.key).completed_on == date(2026, 11, 23)


def test_rating_up_marks_covered_steps_done(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    covered = [s for s in view.plan.steps if s.skill_id == "communication"]
    assert covered, "the architect role asks for communication"
    top = max(s.to_level or 0 for s in covered)
    change = skills.rate_skill(workspace, skill="communication", level=top)
    assert sorted(change.steps_done) == sorted(s.position for s in covered)


def test_regenerate_keeps_status_and_notes(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    kept = next(s for s in view.plan.steps if s.kind == "skill")
    plans.set_step_status(workspace, position=kept.position, status="in_progress")
    plans.set_step_notes(workspace, position=kept.position, notes="Course at work <b>ok</b>")
    again = plans.generate_plan(workspace)
    step = again.plan.step(kept.key)
    assert (step.status, step.notes) == ("in_progress", "Course at work <b>ok</b>")


def test_redate_changes_dates_not_order(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    faster = plans.redate_plan(workspace, hours_per_week=20)
    assert [s.key for s in faster.plan.steps] == [s.key for s in view.plan.steps]
    assert faster.plan.eta < view.plan.eta
    assert plans.preview_eta(faster, 10) == view.plan.eta


def test_unknown_step_number_is_refused(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    with pytest.raises(NotFoundError, match=f"1 to {len(view.plan.steps)}"):
        plans.set_step_status(workspace, position=999, status="done")


def test_ladder_route_from_current_role(workspace: Workspace) -> None:
    profile.update_settings(workspace, current_role="junior distributed systems engineer")
    profile.set_target(workspace, role="distributed-systems-architect")
    view = plans.generate_plan(workspace, hours_per_week=10, start=date(2026, 12, 1))
    assert view.plan.stages[0] == "distributed-computing-engineer"
    assert view.plan.stages[-1] == "distributed-systems-architect"
    milestones = [s.key for s in view.plan.steps if s.kind == "milestone"]
    assert milestones == [f"milestone:{r}" for r in view.plan.stages]


def test_role_detail_and_closest(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="python", level=3)
    detail = roles.role_detail(workspace, role="software developer")
    assert detail.role.id == "software-developer"
    assert any(row.state == "met" for row in detail.rows) or any(
        row.state == "short" for row in detail.rows
    )
    ranked = roles.standings(workspace)
    assert len(ranked) == len(workspace.catalog.roles)
    assert ranked == sorted(
        ranked,
        key=lambda s: (
            -s.readiness,
            s.hours_needed,
            workspace.catalog.roles[s.role_id].title.casefold(),
        ),
    )


def test_undo_rating_restores_level_and_steps(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    covered = [s for s in view.plan.steps if s.skill_id == "communication"]
    top = max(s.to_level or 0 for s in covered)
    change = skills.rate_skill(workspace, skill="communication", level=top)
    assert change.steps_done
    skills.undo_rating(workspace, change)
    assert "communication" not in {r.skill_id for r in skills.my_skills(workspace)}
    again = plans.current_plan(workspace)
    assert again is not None
    assert all(again.plan.step(s.key).status == "todo" for s in covered)


def test_undo_step_done_removes_the_rating_it_added(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    step = next(s for s in view.plan.steps if s.kind == "skill" and s.from_level == 0)
    change = plans.set_step_status(workspace, position=step.position, status="done")
    assert change.rating_id is not None
    plans.undo_step_change(workspace, change)
    levels = {r.skill_id: r.level for r in skills.my_skills(workspace)}
    assert step.skill_id not in levels
    again = plans.current_plan(workspace)
    assert again is not None and again.plan.step(step.key).status == "todo"


def test_ticking_every_topic_completes_the_step(workspace: Workspace) -> None:
    view = _plan_for_architect(workspace)
    step = next(s for s in view.plan.steps if s.kind == "skill")
    skill = workspace.catalog.skills[step.skill_id or ""]
    count = len(skill.topics_between(step.from_level or 0, step.to_level or 0))
    results = [
        plans.set_topic_done(workspace, position=step.position, index=i, done=True)
        for i in range(count)
    ]
    assert all(r is None for r in results[:-1])
    assert results[-1] is not None and results[-1].status == "done"
    again = plans.current_plan(workspace)
    assert again is not None
    assert again.topics_done[step.key] == frozenset(range(count))
    with pytest.raises(InvalidInputError):
        plans.set_topic_done(workspace, position=step.position, index=count, done=True)


def test_own_resources_follow_the_step_into_a_regenerated_plan(workspace: Workspace) -> None:
    from planner.services import resources

    view = _plan_for_architect(workspace)
    step = next(s for s in view.plan.steps if s.kind == "skill")
    added = resources.add_step_resource(
        workspace, step_key=step.key, title="  Team wiki page ", link="wiki/dist-sys"
    )
    assert (added.title, added.link) == ("Team wiki page", "wiki/dist-sys")
    plans.generate_plan(workspace)
    assert [r.title for r in resources.step_resources(workspace, step_key=step.key)] == [
        "Team wiki page"
    ]
    with pytest.raises(InvalidInputError):
        resources.add_step_resource(workspace, step_key=step.key, title="   ")
    resources.remove_step_resource(workspace, resource_id=added.resource_id)
    assert resources.step_resources(workspace, step_key=step.key) == []
