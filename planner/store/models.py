"""The planner's tables: the profile, skill ratings, certifications, plans and their steps.

Datetimes are stored as UTC and come back timezone-aware (UTC); a naive datetime given to a
column is taken as local time. Dates are plain calendar dates.
"""

from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

# The allowed values and defaults live apart, so the start-up reads need no SQLAlchemy.
from planner.store.columns import (
    CERTIFICATION_STATUSES,
    DEFAULT_BACKUPS_TO_KEEP,
    DEFAULT_HOURS_PER_WEEK,
    EDUCATION_LEVELS,
    MAX_BACKUPS_TO_KEEP,
    MAX_LEVEL,
    MIN_LEVEL,
    RATING_SOURCES,
    STEP_KINDS,
    STEP_STATUSES,
)

# Re-exported: the tables' users import them from here.
__all__ = [
    "CERTIFICATION_STATUSES",
    "EDUCATION_LEVELS",
    "MAX_BACKUPS_TO_KEEP",
    "RATING_SOURCES",
    "STEP_KINDS",
    "CustomRole",
    "CustomSkill",
    "HeldCertification",
    "Plan",
    "PlanStep",
    "Profile",
    "SkillRating",
    "UTCDateTime",
    "UserResource",
    "utc_now",
]

# Named constraints, so that later migrations (batch mode on SQLite) can refer to them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A datetime stored as naive UTC text (SQLite has no time zones), read back aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]


class Profile(SQLModel, table=True):
    """The person using the planner; a single row with id 1."""

    __table_args__ = (
        sa.CheckConstraint("id = 1", name="single_row"),
        sa.CheckConstraint(
            f"backups_to_keep BETWEEN 1 AND {MAX_BACKUPS_TO_KEEP}", name="backups_to_keep_range"
        ),
    )

    id: int = Field(default=1, primary_key=True)
    name: str = ""
    years_experience: float = 0.0
    years_recorded_on: date | None = None  # the day years_experience was given
    education: str = "none"  # one of EDUCATION_LEVELS
    current_role_id: str | None = None
    target_role_id: str | None = None
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    start_date: date | None = None
    backups_to_keep: int = Field(
        default=DEFAULT_BACKUPS_TO_KEEP,
        sa_column_kwargs={"server_default": str(DEFAULT_BACKUPS_TO_KEEP)},
    )
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class SkillRating(SQLModel, table=True):
    """One rating of a skill; the history is every row, the current level the latest one."""

    __tablename__ = "skill_rating"
    __table_args__ = (
        sa.CheckConstraint(f"level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}", name="level_range"),
        sa.Index("ix_skill_rating_skill_id_rated_at", "skill_id", "rated_at"),
        # The history in time order with what the progress chart reads (reads.rating_days).
        sa.Index("ix_skill_rating_timeline", "rated_at", "id", "skill_id", "level"),
    )

    id: int | None = Field(default=None, primary_key=True)
    skill_id: str = Field(index=True)
    level: int
    rated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    source: str = "manual"  # one of RATING_SOURCES
    note: str = ""


class HeldCertification(SQLModel, table=True):
    """A certification the person holds or plans to earn."""

    __tablename__ = "held_certification"

    id: int | None = Field(default=None, primary_key=True)
    cert_id: str = Field(index=True)
    status: str = "held"  # one of CERTIFICATION_STATUSES
    earned_on: date | None = None
    expires_on: date | None = None
    credential_id: str = ""
    note: str = ""


class Plan(SQLModel, table=True):
    """A generated plan; at most one is active (a rule the caller keeps)."""

    id: int | None = Field(default=None, primary_key=True)
    role_id: str  # the final target
    route: str = ""  # comma-separated role ids of the stages in order; "" for one role
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )
    hours_per_week: float
    start_date: date
    eta: date | None = None
    is_active: bool = False


class PlanStep(SQLModel, table=True):
    """One step of a plan; ``key`` is stable across regenerations of the plan."""

    __tablename__ = "plan_step"
    __table_args__ = (
        sa.UniqueConstraint("plan_id", "key"),
        sa.CheckConstraint(
            "status IN ({})".format(", ".join(f"'{s}'" for s in STEP_STATUSES)), name="status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    # None only until the step is stored with its plan (replace_active_plan sets it).
    plan_id: int | None = Field(
        default=None, foreign_key="plan.id", ondelete="CASCADE", index=True, nullable=False
    )
    position: int
    key: str
    stage: int = 0
    stage_role_id: str = ""
    kind: str  # one of STEP_KINDS
    phase: str
    title: str
    skill_id: str | None = None
    cert_id: str | None = None
    from_level: int | None = None
    to_level: int | None = None
    hours: float
    planned_start: date | None = None
    planned_end: date | None = None
    deadline: date | None = None  # renewals: renew by this day
    years: float | None = None  # experience steps: years still to gain
    reason: str  # one reason per line
    status: str = "todo"  # one of STEP_STATUSES
    notes: str = ""
    completed_on: date | None = None
    topics_done: str = ""  # comma-separated indices of the ticked topic items


class UserResource(SQLModel, table=True):
    """Something the person found useful for a step; kept by step key, across plans."""

    __tablename__ = "user_resource"

    id: int | None = Field(default=None, primary_key=True)
    step_key: str = Field(index=True)
    title: str
    link: str = ""
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class CustomSkill(SQLModel, table=True):
    """A skill the person added; ``definition`` is the catalog's Skill model as JSON, checked
    against the schema each time it is read (a row that no longer fits is skipped)."""

    __tablename__ = "custom_skill"

    id: str = Field(primary_key=True)
    definition: str
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )


class CustomRole(SQLModel, table=True):
    """A role the person added or copied; ``definition`` is the catalog's Role model as JSON."""

    __tablename__ = "custom_role"

    id: str = Field(primary_key=True)
    definition: str
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(
        default_factory=utc_now, sa_type=UTCDateTime, sa_column_kwargs={"onupdate": utc_now}
    )
