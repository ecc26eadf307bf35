"""Plain data functions over the tables; each takes the caller's session and never commits.

The caller (a service) owns the transaction: it commits or rolls back what these functions add.
They flush, so new rows have their ids when the function returns.
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from functools import cache
from itertools import groupby
from operator import itemgetter
from typing import Literal

from sqlalchemy import func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from planner.errors import InvalidInputError, NotFoundError
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
    tie), in no particular order.

    One index seek per skill (``ix_skill_rating_skill_id_rated_at`` keeps each skill's
    ratings in time order, ids last): a window over the whole table took 80 ms at 50,000
    ratings, this about 2 ms.
    """
    rows = session.exec(_latest_ratings_query())
    return [(skill_id, level, rated_at) for skill_id, level, rated_at in rows]


@cache
def _latest_ratings_query() -> Select[str, int, datetime]:
    # Built once: putting the statement together costs more than running it on a small
    # history, and every refresh of the window asks for it.
    rated = select(col(SkillRating.skill_id)).distinct().subquery("rated")
    later = aliased(SkillRating, name="later")
    latest_id = (
        select(col(later.id))
        .where(col(later.skill_id) == rated.c.skill_id)
        .order_by(col(later.rated_at).desc(), col(later.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    return select(
        col(SkillRating.skill_id), col(SkillRating.level), col(SkillRating.rated_at)
    ).where(col(SkillRating.id).in_(select(latest_id).select_from(rated)))


def rating_history(*, session: Session, skill_id: str | None = None) -> list[SkillRating]:
    """Every rating (of one skill, if given), oldest first."""
    query = select(SkillRating).order_by(col(SkillRating.rated_at), col(SkillRating.id))
    if skill_id is not None:
        query = query.where(SkillRating.skill_id == skill_id)
    return list(session.exec(query))


# SQLite works out local days with the C library's localtime_r, as Python's astimezone()
# does, but only in these years: outside them it maps a date into another year first. The
# fraction of a second is cut off first (it would round 23:59:59.9996 up into the next day;
# offsets change on whole seconds, so the day is that of the exact time). The day comes as
# Python's date ordinal: a number is made faster than a text, 50,000 times over.
_LOCALTIME_SPAN = (datetime(1971, 1, 1, tzinfo=UTC), datetime(2038, 1, 1, tzinfo=UTC))
_ORDINAL_OF_JULIAN_DAY = 1721424.5  # the Julian day at which date.toordinal() counts 0
_RATING_DAYS_SQL = (
    "SELECT skill_id, level, "
    f"CAST(julianday(substr(rated_at, 1, 19), 'localtime') - {_ORDINAL_OF_JULIAN_DAY} "
    "AS INTEGER) FROM skill_rating ORDER BY rated_at, id"
)


# A rating as the progress chart reads it: (skill id, level, its local day's date ordinal).
RatingOnDay = tuple[str, int, int]


def rating_days(*, session: Session) -> list[tuple[date, list[RatingOnDay]]]:
    """Every rating, oldest first, grouped by the local day it was made on:
    ``(day, [(skill id, level, day.toordinal()), ...])``, one entry per run of ratings on
    the same day.

    Made for long histories (ten years of daily ratings, 50,000 rows): plain tuples straight
    from the driver, each rating's local day worked out by SQLite. ORM rows took 1 s there,
    and converting 50,000 datetimes to local time in Python 100 ms.
    """
    low, high = _LOCALTIME_SPAN
    rated_at = col(SkillRating.rated_at)
    outside = select(func.count()).where((rated_at < low) | (rated_at >= high))
    if session.exec(outside).one():
        query = select(col(SkillRating.skill_id), col(SkillRating.level), rated_at).order_by(
            rated_at, col(SkillRating.id)
        )
        rows = [
            (s, lv, when.astimezone().date().toordinal()) for s, lv, when in session.exec(query)
        ]
    else:
        # The driver's own cursor, in the session's transaction: SQLAlchemy's rows cost as
        # much again as the query itself at this size. Its rows are passed on as they come.
        driver = session.connection().connection.driver_connection
        assert driver is not None  # the session's connection is open: it just ran a query
        rows = driver.execute(_RATING_DAYS_SQL).fetchall()
    return [(date.fromordinal(day), list(run)) for day, run in groupby(rows, itemgetter(2))]


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
