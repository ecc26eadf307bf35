"""The rating queries built for long histories give what the plain ORM history gives: the
latest rating of each skill, each rating's local day, one skill's ratings."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import groupby

import pytest
from sqlalchemy import insert

from planner.services.workspace import Workspace
from planner.store import SkillRating, reads
from planner.store import repository as repo

SKILLS = ("python", "docker", "sql", "kubernetes", "linux")


@pytest.fixture
def local_zone(request: pytest.FixtureRequest) -> Iterator[str]:
    """The computer's time zone set to ``request.param`` for the test (SQLite's localtime and
    Python's astimezone both follow it), and put back afterwards."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = request.param
    time.tzset()
    try:
        yield request.param
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def _store(ws: Workspace, moments: list[datetime], seed: int = 1) -> None:
    rng = random.Random(seed)
    rows = [
        {"skill_id": rng.choice(SKILLS), "level": rng.randint(0, 5), "rated_at": moment}
        for moment in moments
    ]
    with ws.transaction() as session:
        session.execute(insert(SkillRating), rows)


def _tricky_moments(rng: random.Random) -> list[datetime]:
    """Around local midnights and daylight-saving changes, with fractions of a second right
    up to the next second; many on one instant (ties broken by id)."""
    moments = []
    for year in (2019, 2024, 2031):
        for month, day in ((3, 10), (3, 31), (4, 1), (10, 27), (11, 3), (12, 31)):
            base = datetime(year, month, day, tzinfo=UTC)
            for _ in range(12):
                hours = rng.choice([-12, -5, -3, -1, 0, 1, 2, 3, 4, 5, 11, 22, 23])
                moment = base + timedelta(hours=hours, minutes=rng.choice([0, 29, 30, 59]))
                moment += timedelta(
                    seconds=rng.choice([0, 59]),
                    microseconds=rng.choice([0, 999_999, 999_500, 500_000]),
                )
                moments.append(moment)
    for day in (date(2024, 3, 31), date(2024, 10, 27), date(2031, 12, 31)):
        midnight = datetime.combine(day, datetime.min.time()).astimezone(UTC)
        moments += [midnight - timedelta(microseconds=400), midnight]  # just before, at
    moments += [moments[5]] * 3
    return moments


def _expected_days(ws: Workspace) -> list[tuple[date, list[tuple[str, int, int]]]]:
    """The plain way: every ORM rating, its time made local by Python, runs of one day."""
    with ws.transaction() as session:
        history = repo.rating_history(session=session)
    return [
        (day, [(r.skill_id, r.level, day.toordinal()) for r in run])
        for day, run in groupby(history, lambda r: r.rated_at.astimezone().date())
    ]


@pytest.mark.parametrize(
    "local_zone",
    ["Europe/Berlin", "America/St_Johns", "Asia/Kolkata", "Pacific/Chatham", "UTC"],
    indirect=True,
)
def test_rating_days_are_the_local_days_python_gives(workspace: Workspace, local_zone: str) -> None:
    _store(workspace, _tricky_moments(random.Random(local_zone)))
    with workspace.transaction() as session:
        days = repo.rating_days(session=session)
    assert days == _expected_days(workspace)
    assert sum(len(run) for _, run in days) > 200


@pytest.mark.parametrize("local_zone", ["Europe/Berlin", "Pacific/Chatham"], indirect=True)
@pytest.mark.parametrize("early", [False, True], ids=["sqlite", "python"])
def test_rating_days_of_some_skills_are_the_days_with_their_ratings(
    workspace: Workspace, local_zone: str, early: bool
) -> None:
    moments = _tricky_moments(random.Random(local_zone))
    # One rating before 1971 takes the read through Python's local time instead of SQLite's.
    _store(workspace, moments + [datetime(1969, 7, 1, 3, 30, tzinfo=UTC)] * early)
    wanted = {"docker", "sql"}
    with workspace.reading() as connection:
        days = reads.rating_days(connection, wanted)
        everything = reads.rating_days(connection)
        assert reads.rating_days(connection, ()) == []
    expected = [(day, [r for r in run if r[0] in wanted]) for day, run in everything]
    assert days == [(day, run) for day, run in expected if run]
    assert {r[0] for _, run in days for r in run} == wanted
    assert len(days) < len(everything)


@pytest.mark.parametrize("local_zone", ["America/New_York"], indirect=True)
def test_ratings_outside_sqlites_local_time_years_are_made_local_by_python(
    workspace: Workspace, local_zone: str
) -> None:
    # SQLite promises its local time for 1971-2037 only; at 04:30 UTC in a New York summer
    # the day is the next one only if daylight saving is applied.
    moments = [
        datetime(1969, 7, 1, 3, 30, tzinfo=UTC),
        datetime(2030, 7, 1, 3, 30, tzinfo=UTC),
        datetime(2040, 7, 1, 3, 30, tzinfo=UTC),
        datetime(2040, 7, 1, 4, 30, tzinfo=UTC),
    ]
    _store(workspace, moments)
    with workspace.transaction() as session:
        days = repo.rating_days(session=session)
    assert days == _expected_days(workspace)
    assert [day for day, _ in days] == [
        date(1969, 6, 30),
        date(2030, 6, 30),
        date(2040, 6, 30),
        date(2040, 7, 1),
    ]


def test_latest_ratings_are_the_last_of_each_skill_in_the_history(workspace: Workspace) -> None:
    rng = random.Random(7)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    moments = [start + timedelta(hours=rng.randint(0, 2000)) for _ in range(400)]
    _store(workspace, moments + moments[:40])  # the same instants again: the later id wins
    with workspace.transaction() as session:
        history = repo.rating_history(session=session)
        latest = repo.latest_ratings(session=session)
        levels = repo.latest_levels(session=session)
        one = repo.rating_levels(session=session, skill_id="sql")
    expected = {r.skill_id: (r.level, r.rated_at) for r in history}  # oldest first
    assert {s: (lv, at) for s, lv, at in latest} == expected
    assert len(latest) == len(expected) == len(SKILLS)
    assert levels == {s: lv for s, (lv, _) in expected.items()}
    assert one == [(r.rated_at, r.level) for r in history if r.skill_id == "sql"]
    assert all(at.tzinfo is not None for _, _, at in latest)


def test_no_ratings_no_days(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        assert repo.rating_days(session=session) == []
        assert repo.latest_ratings(session=session) == []
        assert repo.latest_levels(session=session) == {}


def test_a_roles_ratings_are_read_along_the_timeline_index(workspace: Workspace) -> None:
    # Time order and every column read in one index (migration 0005): no sort, no lookups.
    _store(workspace, _tricky_moments(random.Random(5)))
    with workspace.reading() as connection:
        traced: list[str] = []
        connection.set_trace_callback(traced.append)
        reads.rating_days(connection, {"docker", "sql"})
        connection.set_trace_callback(None)
        (query,) = [q for q in traced if "ORDER BY rated_at" in q]
        plan = " ".join(row[-1] for row in connection.execute(f"EXPLAIN QUERY PLAN {query}"))
    assert plan == "SCAN skill_rating USING COVERING INDEX ix_skill_rating_timeline", plan
