"""Rating skills and reading them back, with the history of every rating."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from planner.services.inputs import parse_level
from planner.services.workspace import Workspace
from planner.store import repository


@dataclass(frozen=True)
class SkillRow:
    skill_id: str
    name: str
    category: str
    level: int
    last_rated: datetime


@dataclass(frozen=True)
class StepState:
    """A step's tracked state before a change, so the change can be undone."""

    position: int
    status: str
    completed_on: date | None


@dataclass(frozen=True)
class RatingChange:
    """What ``rate_skill`` changed, so a view knows what to redraw and undo can revert it."""

    skill_id: str
    previous: int
    level: int
    steps_done: tuple[int, ...]  # positions of plan steps this rating completed
    rating_id: int = 0
    steps_before: tuple[StepState, ...] = ()


def rate_skill(ws: Workspace, *, skill: str, level: int | str, note: str = "") -> RatingChange:
    """Record the person's level in a skill (by id, name or alias) as of now.

    Raising a rating marks done the active plan's steps it covers.
    """
    skill_id = ws.catalog.find_skill(skill).id
    value = parse_level(level)
    with ws.transaction() as session:
        previous = repository.latest_levels(session=session).get(skill_id, 0)
        rating = repository.add_rating(
            session=session,
            skill_id=skill_id,
            level=value,
            rated_at=datetime.now().astimezone(),
            note=note,
        )
        before = open_steps_of(session, skill_id)
        done = complete_covered_steps(session, skill_id, value, ws.today())
    assert rating.id is not None
    changed = tuple(s for s in before if s.position in done)
    return RatingChange(skill_id, previous, value, done, rating.id, changed)


def undo_rating(ws: Workspace, change: RatingChange) -> None:
    """Take a rating back: its row goes, and the steps it completed are as they were."""
    with ws.transaction() as session:
        repository.delete_rating(session=session, rating_id=change.rating_id)
        restore_steps(session, change.steps_before)


def open_steps_of(session: Session, skill_id: str) -> tuple[StepState, ...]:
    """The state of the active plan's steps for ``skill_id`` (to restore them on undo)."""
    plan = repository.active_plan(session=session)
    if plan is None or plan.id is None:
        return ()
    return tuple(
        StepState(s.position, s.status, s.completed_on)
        for s in repository.plan_steps(session=session, plan_id=plan.id)
        if s.skill_id == skill_id
    )


def restore_steps(session: Session, states: tuple[StepState, ...]) -> None:
    plan = repository.active_plan(session=session)
    if plan is None or plan.id is None:
        return
    for state in states:
        repository.update_step(
            session=session,
            plan_id=plan.id,
            position=state.position,
            status=state.status,
            completed_on=state.completed_on,
        )


def complete_covered_steps(
    session: Session, skill_id: str, level: int, today: date
) -> tuple[int, ...]:
    """Mark done the open steps of the active plan that ``level`` in ``skill_id`` reaches."""
    plan = repository.active_plan(session=session)
    if plan is None or plan.id is None:
        return ()
    done = []
    for step in repository.plan_steps(session=session, plan_id=plan.id):
        if (
            step.skill_id == skill_id
            and step.kind == "skill"
            and step.to_level is not None
            and step.to_level <= level
            and step.status not in ("done", "skipped")
        ):
            repository.update_step(
                session=session,
                plan_id=plan.id,
                position=step.position,
                status="done",
                completed_on=today,
            )
            done.append(step.position)
    return tuple(done)


def my_skills(ws: Workspace) -> list[SkillRow]:
    """Every skill the person has rated, with its current level, by category then name."""
    with ws.transaction() as session:
        latest = repository.latest_ratings(session=session)
    rows = []
    for skill_id, level, when in latest:
        skill = ws.catalog.skills.get(skill_id)
        if skill is None:  # a skill a newer catalog dropped: still shown, by its id
            rows.append(SkillRow(skill_id, skill_id, "", level, when))
            continue
        rows.append(
            SkillRow(skill_id, skill.name, ws.catalog.category_name(skill.category), level, when)
        )
    return sorted(rows, key=lambda r: (r.category.casefold(), r.name.casefold(), r.skill_id))


def skill_history(ws: Workspace, *, skill: str) -> list[tuple[datetime, int]]:
    skill_id = ws.catalog.find_skill(skill).id
    with ws.transaction() as session:
        return repository.rating_levels(session=session, skill_id=skill_id)
