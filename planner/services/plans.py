"""The plan: generating it from the profile and target, keeping it, re-dating it, and
recording progress on its steps."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlmodel import Session

from planner.errors import InvalidInputError, NotFoundError
from planner.planning import (
    PlanOptions,
    Step,
    StepProgress,
    build_plan,
    find_route,
)
from planner.planning.model import STATUSES, StepStatus
from planner.planning.schedule import schedule
from planner.services.inputs import check_hours_per_week
from planner.services.plan_reading import PlanView, load_plan, topic_indices
from planner.services.plan_reading import current_plan as current_plan  # where callers look
from planner.services.profile import snapshot
from planner.services.skills import (
    StepState,
    complete_covered_steps,
    open_steps_of,
    restore_steps,
)
from planner.services.workspace import Workspace
from planner.store import Plan as PlanRecord
from planner.store import PlanStep, repository


@dataclass(frozen=True)
class StepChange:
    position: int
    status: StepStatus
    raised_skill: tuple[str, int] | None  # (skill id, new level) when the step raised a rating
    also_done: tuple[int, ...]  # other steps the raised rating completed
    rating_id: int | None = None  # the rating the step added, if any
    before: tuple[StepState, ...] = ()  # every step this change touched, as it was


def _to_row(step: Step, topics_done: frozenset[int] = frozenset()) -> PlanStep:
    return PlanStep(
        position=step.position,
        key=step.key,
        stage=step.stage,
        stage_role_id=step.stage_role_id,
        kind=step.kind,
        phase=step.phase.slug,
        title=step.title,
        skill_id=step.skill_id,
        cert_id=step.cert_id,
        from_level=step.from_level,
        to_level=step.to_level,
        hours=step.hours,
        planned_start=step.planned_start,
        planned_end=step.planned_end,
        deadline=step.deadline,
        years=step.years,
        reason="\n".join(step.reasons),
        status=step.status,
        notes=step.notes,
        completed_on=step.completed_on,
        topics_done=",".join(str(i) for i in sorted(topics_done)),
    )


def _load(ws: Workspace, session: Session) -> PlanView | None:
    return load_plan(ws, repository.driver_connection(session))


def generate_plan(
    ws: Workspace,
    *,
    hours_per_week: float | None = None,
    start: date | None = None,
    follow_ladder: bool = True,
) -> PlanView:
    """Build the plan from the profile to the target and store it as the active plan.

    Status, notes and ticked topics of every step that still applies carry over from the
    previous plan. With a current role set and the target several rungs up, the plan goes
    through the intermediate roles of the ladder, one stage each.
    """
    today = ws.today()
    if hours_per_week is not None:
        check_hours_per_week(hours_per_week)
    with ws.transaction() as session:
        profile_row = repository.get_profile(session=session)
        target = profile_row.target_role_id
        if not target or target not in ws.catalog.roles:
            raise InvalidInputError("Choose a target role first: planner target ROLE.")
        hours = hours_per_week if hours_per_week is not None else profile_row.hours_per_week
        begin = start or max(profile_row.start_date or today, today)
        profile_row.hours_per_week = hours
        if start is not None:
            profile_row.start_date = start
        session.add(profile_row)

        profile = snapshot(session, today)
        via: list[str] = []
        if follow_ladder and profile.current_role_id in ws.catalog.roles:
            route = find_route(ws.catalog, profile.current_role_id or "", target) or []
            via = route[:-1]
        previous = _load(ws, session)
        progress: dict[str, StepProgress] = {}
        topics: dict[str, frozenset[int]] = {}
        if previous is not None:
            for step in previous.plan.steps:
                progress[step.key] = StepProgress(step.status, step.notes, step.completed_on)
            topics = previous.topics_done
        plan = build_plan(
            ws.catalog, profile, target, PlanOptions(hours, begin), via=via, progress=progress
        )
        record = PlanRecord(
            role_id=target,
            route=",".join(plan.stages) if len(plan.stages) > 1 else "",
            hours_per_week=hours,
            start_date=begin,
            eta=plan.eta,
        )
        rows = [_to_row(s, topics.get(s.key, frozenset())) for s in plan.steps]
        repository.replace_active_plan(session=session, plan=record, steps=rows)
        view = _load(ws, session)
    assert view is not None
    return view


def redate_plan(
    ws: Workspace, *, hours_per_week: float | None = None, start: date | None = None
) -> PlanView:
    """Re-date the active plan for new hours per week or a new start, keeping its order."""
    if hours_per_week is not None:
        check_hours_per_week(hours_per_week)
    with ws.transaction() as session:
        view = _load(ws, session)
        if view is None:
            raise InvalidInputError("There is no plan yet: run planner plan.")
        options = PlanOptions(
            hours_per_week if hours_per_week is not None else view.plan.options.hours_per_week,
            start or view.plan.options.start_date,
        )
        dated, eta = schedule(view.plan.steps, options)
        record = repository.active_plan(session=session)
        assert record is not None and record.id is not None
        record.hours_per_week, record.start_date, record.eta = (
            options.hours_per_week,
            options.start_date,
            eta,
        )
        session.add(record)
        rows = {r.key: r for r in repository.plan_steps(session=session, plan_id=record.id)}
        for step in dated:
            row = rows[step.key]
            row.position, row.planned_start, row.planned_end = (
                step.position,
                step.planned_start,
                step.planned_end,
            )
            session.add(row)
        profile_row = repository.get_profile(session=session)
        profile_row.hours_per_week = options.hours_per_week
        if start is not None:
            profile_row.start_date = start
        session.add(profile_row)
        session.flush()
        fresh = _load(ws, session)
    assert fresh is not None
    return fresh


def preview_eta(view: PlanView, hours_per_week: float) -> date:
    """The ETA the active plan would have at other hours per week (nothing is stored)."""
    options = replace(view.plan.options, hours_per_week=check_hours_per_week(hours_per_week))
    return schedule(view.plan.steps, options)[1]


def set_step_status(ws: Workspace, *, position: int, status: str) -> StepChange:
    """Mark a step (by its number) todo, in progress, done or skipped.

    Marking a skill step done raises the skill's rating to the level the step reaches, and
    that in turn completes any other step the new level covers.
    """
    if status not in STATUSES:
        raise InvalidInputError(f"A step status is one of {', '.join(STATUSES)}, not {status!r}.")
    today = ws.today()
    with ws.transaction() as session:
        record = repository.active_plan(session=session)
        if record is None or record.id is None:
            raise InvalidInputError("There is no plan yet: run planner plan.")
        try:
            row = repository.get_step(session=session, plan_id=record.id, position=position)
        except NotFoundError:
            count = len(repository.plan_steps(session=session, plan_id=record.id))
            raise NotFoundError(
                f"There is no step {position}; the plan has steps 1 to {count}."
            ) from None
        before = [StepState(position, row.status, row.completed_on)]
        repository.update_step(
            session=session,
            plan_id=record.id,
            position=position,
            status=status,
            completed_on=today if status == "done" else None,
        )
        raised: tuple[str, int] | None = None
        also: tuple[int, ...] = ()
        rating_id: int | None = None
        if status == "done" and row.kind == "skill" and row.skill_id and row.to_level:
            current = repository.latest_levels(session=session).get(row.skill_id, 0)
            if current < row.to_level:
                others = [s for s in open_steps_of(session, row.skill_id) if s.position != position]
                rating = repository.add_rating(
                    session=session,
                    skill_id=row.skill_id,
                    level=row.to_level,
                    rated_at=datetime.now().astimezone(),
                    source="step",
                    note=f"Step {position} done: {row.title}",
                )
                raised = (row.skill_id, row.to_level)
                rating_id = rating.id
                also = tuple(
                    p
                    for p in complete_covered_steps(session, row.skill_id, row.to_level, today)
                    if p != position
                )
                before += [s for s in others if s.position in also]
        return StepChange(
            position,
            status,  # type: ignore[arg-type]
            raised,
            also,
            rating_id,
            tuple(before),
        )


def undo_step_change(ws: Workspace, change: StepChange) -> None:
    """Put back what ``set_step_status`` changed: the steps, and the rating it added."""
    with ws.transaction() as session:
        if change.rating_id is not None:
            repository.delete_rating(session=session, rating_id=change.rating_id)
        restore_steps(session, change.before)


def set_topic_done(ws: Workspace, *, position: int, index: int, done: bool) -> StepChange | None:
    """Tick (or untick) one topic of a step's checklist. Ticking the last one completes the
    step, as if it had been marked done; returns that change, or None."""
    with ws.transaction() as session:
        record = repository.active_plan(session=session)
        if record is None or record.id is None:
            raise InvalidInputError("There is no plan yet: run planner plan.")
        row = repository.get_step(session=session, plan_id=record.id, position=position)
        total = _topic_count(ws, row)
        if not 0 <= index < total:
            raise InvalidInputError(f"Step {position} has topics 1 to {total}, not {index + 1}.")
        ticked = set(topic_indices(row.topics_done))
        if done:
            ticked.add(index)
        else:
            ticked.discard(index)
        repository.update_step(
            session=session,
            plan_id=record.id,
            position=position,
            topics_done=",".join(str(i) for i in sorted(ticked)),
        )
        complete = len(ticked) == total and row.status != "done"
    if complete:
        return set_step_status(ws, position=position, status="done")
    return None


def _topic_count(ws: Workspace, row: PlanStep) -> int:
    skill = ws.catalog.skills.get(row.skill_id or "")
    if row.kind != "skill" or skill is None or row.to_level is None:
        return 0
    return len(skill.topics_between(row.from_level or 0, row.to_level))


def set_step_notes(ws: Workspace, *, position: int, notes: str) -> None:
    with ws.transaction() as session:
        record = repository.active_plan(session=session)
        if record is None or record.id is None:
            raise InvalidInputError("There is no plan yet: run planner plan.")
        repository.update_step(session=session, plan_id=record.id, position=position, notes=notes)
