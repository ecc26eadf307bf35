"""Plain data functions over the tables; each takes the caller's session and never commits.

The caller (a service) owns the transaction: it commits or rolls back what these functions add.
They flush, so new rows have their ids when the function returns.
"""

from __future__ import annotations

import enum
import sqlite3
from datetime import date, datetime
from typing import Literal

from sqlalchemy import update
from sqlmodel import Session, col, select

from planner.errors import InvalidInputError, NotFoundError
from planner.store import reads
from planner.store.models import (
    CERTIFICATION_STATUSES,
    MAX_LEVEL,
    MIN_LEVEL,
    RATING_SOURCES,
    STEP_STATUSES,
    HeldCertification,
    Plan,
    PlanStep,
    Profile,
    SkillRating,
    UserResource,
)
from planner.store.reads import RatingOnDay


class _Keep(enum.Enum):
    KEEP = enum.auto()


KEEP = _Keep.KEEP
"""Default of ``update_step`` arguments that may be set to None: leave the value as it is."""


def get_profile(*, session: Session) -> Profile:
    """The profile row, created with its defaults if there is none yet."""
    profile = session.get(Profile, 1)
    if profile is None:
        profile = Profile(id=1)
        session.add(profile)
        session.flush()
    return profile


def latest_levels(*, session: Session) -> dict[str, int]:
    """The current level of every rated skill: its latest rating (the later id on a tie)."""
    return {skill_id: level for skill_id, level, _ in latest_ratings(session=session)}


def latest_ratings(*, session: Session) -> list[tuple[str, int, datetime]]:
    """(skill id, level, rated at) of every rated skill's latest rating (the later id on a
    tie), in no particular order."""
    return reads.latest_ratings(driver_connection(session))


def driver_connection(session: Session) -> sqlite3.Connection:
    """The driver's own connection under ``session``, in its transaction, for the plain reads
    of ``planner.store.reads``; what the session holds back is flushed first, so they see it."""
    session.flush()
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def rating_history(*, session: Session, skill_id: str | None = None) -> list[SkillRating]:
    """Every rating (of one skill, if given), oldest first."""
    query = select(SkillRating).order_by(col(SkillRating.rated_at), col(SkillRating.id))
    if skill_id is not None:
        query = query.where(SkillRating.skill_id == skill_id)
    return list(session.exec(query))


def rating_days(*, session: Session) -> list[tuple[date, list[RatingOnDay]]]:
    """Every rating, oldest first, grouped by local day (see ``reads.rating_days``)."""
    return reads.rating_days(driver_connection(session))


def rating_levels(*, session: Session, skill_id: str) -> list[tuple[datetime, int]]:
    """(rated at, level) of every rating of one skill, oldest first: plain pairs, no rows."""
    query = (
        select(col(SkillRating.rated_at), col(SkillRating.level))
        .where(SkillRating.skill_id == skill_id)
        .order_by(col(SkillRating.rated_at), col(SkillRating.id))
    )
    return [(rated_at, level) for rated_at, level in session.exec(query)]


def add_rating(
    *,
    session: Session,
    skill_id: str,
    level: int,
    rated_at: datetime,
    source: str = "manual",
    note: str = "",
) -> SkillRating:
    """Record a rating; it becomes the current level unless a later one exists."""
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise InvalidInputError(f"A level is between {MIN_LEVEL} and {MAX_LEVEL}, not {level}.")
    _check_choice("rating source", source, RATING_SOURCES)
    rating = SkillRating(
        skill_id=skill_id, level=level, rated_at=rated_at, source=source, note=note
    )
    session.add(rating)
    session.flush()
    return rating


def delete_rating(*, session: Session, rating_id: int) -> None:
    """Remove one rating (undoing it); the skill's level falls back to the one before."""
    rating = session.get(SkillRating, rating_id)
    if rating is None:
        raise NotFoundError(f"There is no rating {rating_id}.")
    session.delete(rating)
    session.flush()


def list_certifications(*, session: Session) -> list[HeldCertification]:
    """The certifications held or planned, in the order they were added."""
    return list(session.exec(select(HeldCertification).order_by(col(HeldCertification.id))))


def add_certification(
    *,
    session: Session,
    cert_id: str,
    status: str = "held",
    earned_on: date | None = None,
    expires_on: date | None = None,
    credential_id: str = "",
    note: str = "",
) -> HeldCertification:
    """Record a certification held (or planned)."""
    _check_choice("certification status", status, CERTIFICATION_STATUSES)
    certification = HeldCertification(
        cert_id=cert_id,
        status=status,
        earned_on=earned_on,
        expires_on=expires_on,
        credential_id=credential_id,
        note=note,
    )
    session.add(certification)
    session.flush()
    return certification


def remove_certification(*, session: Session, certification_id: int) -> HeldCertification:
    """Delete one certification row by its id; returns what was removed."""
    certification = session.get(HeldCertification, certification_id)
    if certification is None:
        raise NotFoundError(f"There is no certification record {certification_id}.")
    session.delete(certification)
    session.flush()
    return certification


def active_plan(*, session: Session) -> Plan | None:
    """The active plan (the latest one, should the one-active rule ever be broken)."""
    query = select(Plan).where(col(Plan.is_active)).order_by(col(Plan.id).desc()).limit(1)
    return session.exec(query).first()


def plan_steps(*, session: Session, plan_id: int) -> list[PlanStep]:
    """The steps of a plan in order."""
    query = select(PlanStep).where(PlanStep.plan_id == plan_id).order_by(col(PlanStep.position))
    return list(session.exec(query))


def replace_active_plan(*, session: Session, plan: Plan, steps: list[PlanStep]) -> Plan:
    """Store ``plan`` with ``steps`` as the active plan; earlier plans stay, inactive."""
    session.exec(update(Plan).where(col(Plan.is_active)).values(is_active=False))
    plan.is_active = True
    session.add(plan)
    session.flush()
    assert plan.id is not None
    for step in steps:
        step.plan_id = plan.id
    session.add_all(steps)
    session.flush()
    return plan


def get_step(*, session: Session, plan_id: int, position: int) -> PlanStep:
    """The step at ``position`` in a plan."""
    query = select(PlanStep).where(PlanStep.plan_id == plan_id, PlanStep.position == position)
    step = session.exec(query).first()
    if step is None:
        raise NotFoundError(f"Plan {plan_id} has no step {position}.")
    return step


def update_step(
    *,
    session: Session,
    plan_id: int,
    position: int,
    status: str | None = None,
    notes: str | None = None,
    completed_on: date | Literal[_Keep.KEEP] | None = KEEP,
    topics_done: str | None = None,
) -> PlanStep:
    """Change what the user tracks on a step; arguments left out keep their value."""
    step = get_step(session=session, plan_id=plan_id, position=position)
    if status is not None:
        _check_choice("step status", status, STEP_STATUSES)
        step.status = status
    if notes is not None:
        step.notes = notes
    if completed_on is not KEEP:
        step.completed_on = completed_on
    if topics_done is not None:
        step.topics_done = topics_done
    session.add(step)
    session.flush()
    return step


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidInputError(f"A {what} is one of {', '.join(choices)}, not {value!r}.")


def user_resources(*, session: Session, step_key: str | None = None) -> list[UserResource]:
    """The person's own resources (of one step, if given), in the order they were added."""
    query = select(UserResource).order_by(col(UserResource.id))
    if step_key is not None:
        query = query.where(UserResource.step_key == step_key)
    return list(session.exec(query))


def add_user_resource(
    *, session: Session, step_key: str, title: str, link: str = ""
) -> UserResource:
    resource = UserResource(step_key=step_key, title=title, link=link)
    session.add(resource)
    session.flush()
    return resource


def remove_user_resource(*, session: Session, resource_id: int) -> UserResource:
    resource = session.get(UserResource, resource_id)
    if resource is None:
        raise NotFoundError(f"There is no resource {resource_id}.")
    session.delete(resource)
    session.flush()
    return resource
