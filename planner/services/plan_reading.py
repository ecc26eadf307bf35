"""The stored active plan, read back as the planning engine's Plan (without SQLAlchemy: the
dashboard shows it at start; see store.reads)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from planner.errors import NotFoundError
from planner.planning import Plan, PlanOptions, Readiness, Step, readiness
from planner.planning.model import Phase
from planner.services.snapshot import snapshot
from planner.store import reads
from planner.store.reads import StepRecord

if TYPE_CHECKING:
    from planner.services.workspace import Workspace


class PlanView(NamedTuple):
    plan_id: int
    plan: Plan
    readiness: Readiness  # for the target, today
    topics_done: dict[str, frozenset[int]]
    created_at: datetime


def current_plan(ws: Workspace) -> PlanView | None:
    """The stored active plan, or None when none has been made yet."""
    with ws.reading() as connection:
        return load_plan(ws, connection)


def load_plan(ws: Workspace, connection: sqlite3.Connection) -> PlanView | None:
    """The active plan as stored, read on ``connection`` (a session's, inside a change)."""
    record = reads.active_plan(connection)
    if record is None:
        return None
    rows = reads.plan_steps(connection, record.id)
    roles = ws.catalog.roles
    steps = tuple(
        step_from_record(
            r,
            roles[r.stage_role_id].experience_suggestions
            if r.kind == "experience" and r.stage_role_id in roles
            else (),
        )
        for r in rows
    )
    stages = tuple(record.route.split(",")) if record.route else (record.role_id,)
    options = PlanOptions(record.hours_per_week, record.start_date)
    plan = Plan(record.role_id, stages, steps, options, record.eta or record.start_date)
    today = ws.today()
    target = roles.get(record.role_id)
    if target is None:
        raise NotFoundError(
            f"The stored plan is for role {record.role_id!r}, which this catalog no longer has; "
            "choose a new target and regenerate."
        )
    return PlanView(
        plan_id=record.id,
        plan=plan,
        readiness=readiness(ws.catalog, snapshot(connection, today), target, today),
        topics_done={r.key: topic_indices(r.topics_done) for r in rows if r.topics_done},
        created_at=record.created_at,
    )


def step_from_record(row: StepRecord, suggestions: tuple[str, ...]) -> Step:
    return Step(
        key=row.key,
        kind=row.kind,  # type: ignore[arg-type]
        phase=Phase[row.phase.upper()],
        title=row.title,
        hours=row.hours,
        reasons=tuple(row.reason.split("\n")) if row.reason else (),
        skill_id=row.skill_id,
        cert_id=row.cert_id,
        from_level=row.from_level,
        to_level=row.to_level,
        stage=row.stage,
        stage_role_id=row.stage_role_id,
        deadline=row.deadline,
        years=row.years,
        suggestions=suggestions,
        position=row.position,
        planned_start=row.planned_start,
        planned_end=row.planned_end,
        status=row.status,  # type: ignore[arg-type]
        notes=row.notes,
        completed_on=row.completed_on,
    )


def topic_indices(text: str) -> frozenset[int]:
    """The ticked topic items of a step, as stored ("0,2,5")."""
    return frozenset(int(t) for t in text.split(",") if t.strip().isdigit())
