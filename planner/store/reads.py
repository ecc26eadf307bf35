"""The reads a start needs (the profile, ratings, certifications, the active plan), in plain
SQL on the driver's own connection.

Importing SQLAlchemy and SQLModel costs about 350 ms and 50 MB, more than a window's whole
start; the dashboard can be drawn without them. Every function here takes an open
``sqlite3.Connection`` (a light one of its own at start, or a session's, see
``repository.driver_connection``) and returns plain values with the tables' own column names.
Rows are named tuples (a dataclass costs a start about a millisecond to create, each);
the tables are declared in ``planner.store.models``; tests/services/test_start_reads.py holds these
reads equal to the ORM's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection
from datetime import UTC, date, datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from planner.store.backup import read_only_uri
from planner.store.columns import (
    DEFAULT_BACKUPS_TO_KEEP,
    DEFAULT_HOURS_PER_WEEK,
)

# A rating as the progress chart reads it: (skill id, level, its local day's date ordinal).
RatingOnDay = tuple[str, int, int]


class ProfileFacts(NamedTuple):
    """The profile row (its defaults when there is none yet)."""

    name: str = ""
    years_experience: float = 0.0
    years_recorded_on: date | None = None
    education: str = "none"
    current_role_id: str | None = None
    target_role_id: str | None = None
    hours_per_week: float = DEFAULT_HOURS_PER_WEEK
    start_date: date | None = None
    backups_to_keep: int = DEFAULT_BACKUPS_TO_KEEP


class CertificationRecord(NamedTuple):
    id: int
    cert_id: str
    status: str
    earned_on: date | None
    expires_on: date | None
    credential_id: str
    note: str


class PlanRecord(NamedTuple):
    id: int
    role_id: str
    route: str
    created_at: datetime
    hours_per_week: float
    start_date: date
    eta: date | None


class StepRecord(NamedTuple):
    position: int
    key: str
    stage: int
    stage_role_id: str
    kind: str
    phase: str
    title: str
    skill_id: str | None
    cert_id: str | None
    from_level: int | None
    to_level: int | None
    hours: float
    planned_start: date | None
    planned_end: date | None
    deadline: date | None
    years: float | None
    reason: str
    status: str
    notes: str
    completed_on: date | None
    topics_done: str


def connect_for_reading(path: Path) -> sqlite3.Connection:
    """A connection that only reads the database at ``path`` (vetted by the caller), in
    autocommit mode: each ``read`` below is its own snapshot of the last committed state."""
    connection = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    connection.isolation_level = None
    connection.execute("PRAGMA busy_timeout=5000")
    return connection


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _moment(text: str) -> datetime:
    # Stored as naive UTC text by models.UTCDateTime.
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


_PROFILE_COLUMNS = (
    "name, years_experience, years_recorded_on, education, current_role_id, "
    "target_role_id, hours_per_week, start_date, backups_to_keep"
)


def profile(connection: sqlite3.Connection) -> ProfileFacts:
    row = connection.execute(f"SELECT {_PROFILE_COLUMNS} FROM profile WHERE id = 1").fetchone()
    if row is None:
        return ProfileFacts()
    name, years, recorded, education, current, target, hours, start, keep = row
    return ProfileFacts(
        name, years, _day(recorded), education, current, target, hours, _day(start), keep
    )


# Each rated skill's latest rating (the later id on a tie): one seek per skill on the
# (skill_id, rated_at) index; a window over the table took 80 ms at 50,000 ratings.
_LATEST_RATINGS_SQL = """
SELECT skill_id, level, rated_at FROM skill_rating WHERE id IN (
    SELECT (SELECT later.id FROM skill_rating AS later
            WHERE later.skill_id = rated.skill_id
            ORDER BY later.rated_at DESC, later.id DESC LIMIT 1)
    FROM (SELECT DISTINCT skill_id FROM skill_rating) AS rated)
"""


def latest_ratings(connection: sqlite3.Connection) -> list[tuple[str, int, datetime]]:
    """(skill id, level, rated at) of every rated skill's latest rating, in no order."""
    rows = connection.execute(_LATEST_RATINGS_SQL)
    return [(skill_id, level, _moment(rated_at)) for skill_id, level, rated_at in rows]


def latest_levels(connection: sqlite3.Connection) -> dict[str, int]:
    """The current level of every rated skill."""
    return {skill_id: level for skill_id, level, _ in connection.execute(_LATEST_RATINGS_SQL)}


# SQLite works out local days with the C library's localtime_r, as Python's astimezone()
# does, but only in these years: outside them it maps a date into another year first. The
# fraction of a second is cut off first (it would round 23:59:59.9996 up into the next day;
# offsets change on whole seconds, so the day is that of the exact time). The day comes as
# Python's date ordinal: a number is made faster than a text, 50,000 times over.
_LOCALTIME_SPAN = ("1971-01-01 00:00:00", "2038-01-01 00:00:00")
_ORDINAL_OF_JULIAN_DAY = 1721424.5  # the Julian day at which date.toordinal() counts 0
_RATING_DAYS_SQL = (
    "SELECT skill_id, level, "
    f"CAST(julianday(substr(rated_at, 1, 19), 'localtime') - {_ORDINAL_OF_JULIAN_DAY} "
    "AS INTEGER) FROM skill_rating WHERE {of_skills} ORDER BY rated_at, id"
)
_RATED_AT_SQL = (
    "SELECT skill_id, level, rated_at FROM skill_rating WHERE {of_skills} ORDER BY rated_at, id"
)
_OUTSIDE_SPAN_SQL = (
    "SELECT count(*) FROM skill_rating WHERE (rated_at < ? OR rated_at >= ?) AND {of_skills}"
)


def rating_days(
    connection: sqlite3.Connection, skills: Collection[str] | None = None
) -> list[tuple[date, list[RatingOnDay]]]:
    """Every rating (of ``skills`` only, when given), oldest first, grouped by the local day
    it was made on: ``(day, [(skill id, level, day.toordinal()), ...])``, one entry per run
    of ratings on the same day.

    Made for long histories (ten years of daily ratings, 50,000 rows): plain tuples, each
    rating's local day worked out by SQLite (converting 50,000 datetimes to local time in
    Python took 100 ms), and only the skills asked for (a role's progress reads the ratings
    of its own skills; each row costs about a microsecond to make and to read).
    """
    wanted: tuple[str, ...] = () if skills is None else tuple(skills)
    # "+skill_id": no index on the skill for this term, so SQLite walks the timeline index
    # (time order, every column read) instead of sorting the skills' rows by time.
    of_skills = "1" if skills is None else f"+skill_id IN ({', '.join('?' * len(wanted))})"
    (outside,) = connection.execute(
        _OUTSIDE_SPAN_SQL.format(of_skills=of_skills), _LOCALTIME_SPAN + wanted
    ).fetchone()
    rows: list[RatingOnDay]
    if outside:
        rows = [
            (s, lv, _moment(at).astimezone().date().toordinal())
            for s, lv, at in connection.execute(_RATED_AT_SQL.format(of_skills=of_skills), wanted)
        ]
    else:
        rows = connection.execute(_RATING_DAYS_SQL.format(of_skills=of_skills), wanted).fetchall()
    return [(date.fromordinal(day), list(run)) for day, run in groupby(rows, itemgetter(2))]


def certifications(connection: sqlite3.Connection) -> list[CertificationRecord]:
    """Every certification record, held or planned, in the order they were added."""
    query = (
        "SELECT id, cert_id, status, earned_on, expires_on, credential_id, note "
        "FROM held_certification ORDER BY id"
    )
    return [
        CertificationRecord(i, cert, status, _day(earned), _day(expires), credential, note)
        for i, cert, status, earned, expires, credential, note in connection.execute(query)
    ]


def active_plan(connection: sqlite3.Connection) -> PlanRecord | None:
    """The active plan (the latest one, should the one-active rule ever be broken)."""
    row = connection.execute(
        "SELECT id, role_id, route, created_at, hours_per_week, start_date, eta FROM plan "
        "WHERE is_active ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if row is None:
        return None
    plan_id, role_id, route, created_at, hours, start, eta = row
    start_date = _day(start)
    assert start_date is not None  # NOT NULL in the table
    return PlanRecord(plan_id, role_id, route, _moment(created_at), hours, start_date, _day(eta))


_STEP_COLUMNS = (
    "position, key, stage, stage_role_id, kind, phase, title, skill_id, cert_id, from_level, "
    "to_level, hours, planned_start, planned_end, deadline, years, reason, status, notes, "
    "completed_on, topics_done"
)


def plan_steps(connection: sqlite3.Connection, plan_id: int) -> list[StepRecord]:
    """The steps of a plan in order."""
    rows = connection.execute(
        f"SELECT {_STEP_COLUMNS} FROM plan_step WHERE plan_id = ? ORDER BY position", (plan_id,)
    )
    steps = []
    for row in rows:
        values = list(row)
        for i in (12, 13, 14, 19):  # planned_start, planned_end, deadline, completed_on
            values[i] = _day(values[i])
        steps.append(StepRecord._make(values))
    return steps


class StoredDefinitions(NamedTuple):
    """Every custom row as (id, definition), by id (the definitions are the catalog's JSON,
    validated by planner.catalog when read)."""

    skills: tuple[tuple[str, str], ...]
    roles: tuple[tuple[str, str], ...]


def custom_definitions(connection: sqlite3.Connection) -> StoredDefinitions:
    """Every custom skill and role the person stored."""
    skills = connection.execute("SELECT id, definition FROM custom_skill ORDER BY id")
    skill_rows = tuple((str(i), str(d)) for i, d in skills.fetchall())
    roles = connection.execute("SELECT id, definition FROM custom_role ORDER BY id")
    return StoredDefinitions(skill_rows, tuple((str(i), str(d)) for i, d in roles.fetchall()))
