"""Deterministic profile databases for the benchmarks, written through the planner's own
services and data functions into a real SQLite file in a given data folder.

- ``populate``: a person who has used the planner for two years — 150 rated skills with their
  rating history, certifications (some about to expire), and three plans, the last one active
  and part-way done.
- ``populate_long_history``: ten years of daily ratings (about 50,000 rows) for the
  progress-over-time chart.

The built-in catalog has fewer skills (97) than the profile rates; the remaining ids are
skills "an earlier catalog had". The planner keeps and shows such ratings (the skills page
lists them by id), so they load, list and draw like any other; they just count towards no role.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import insert

from planner.services import certifications, plans, profile
from planner.services.workspace import Workspace
from planner.store import SkillRating, repository

# Targets of the three plans, in the order they were made (the last one is active).
PLAN_TARGETS = (
    "senior-distributed-systems-engineer",
    "machine-learning-platform-engineer",
    "distributed-systems-architect",
)
CURRENT_ROLE = "software-developer"
RETIRED_PREFIX = "retired-skill"


@dataclass(frozen=True)
class ProfileSize:
    rated_skills: int = 150
    history_days: int = 730
    plans: int = 3
    certifications: int = 6


STANDARD = ProfileSize()


@dataclass(frozen=True)
class PopulatedProfile:
    folder: Path
    rated_skills: int
    ratings: int
    certifications: int
    plans: int
    active_plan_steps: int


def _moment(day: date, rng: random.Random) -> datetime:
    """An evening time on ``day`` in local time, as an aware datetime."""
    local = datetime.combine(day, time(18, rng.randrange(60), rng.randrange(60)))
    return local.astimezone()


def _skill_ids(ws: Workspace, count: int, rng: random.Random) -> list[str]:
    known = sorted(ws.catalog.skills)
    rng.shuffle(known)
    extra = [f"{RETIRED_PREFIX}-{n:03d}" for n in range(max(0, count - len(known)))]
    return (known + extra)[:count]


def _trajectory(rng: random.Random, days: int, today: date) -> list[tuple[date, int]]:
    """A skill's ratings over ``days`` before ``today``: a few, mostly rising."""
    final = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
    count = rng.randint(2, 12)
    offsets = sorted(rng.sample(range(1, days + 1), k=min(count, days)), reverse=True)
    level = max(0, final - rng.randint(1, 3))
    result = []
    for n, offset in enumerate(offsets):
        if n == len(offsets) - 1:
            level = final
        elif rng.random() < 0.5:
            level = min(final, level + 1)
        elif rng.random() < 0.1:
            level = max(0, level - 1)  # now and then a person rates themselves down
        result.append((today - timedelta(days=offset), level))
    return result


def _add_history(ws: Workspace, skill_ids: list[str], days: int, rng: random.Random) -> int:
    today = ws.today()
    rows = 0
    with ws.transaction() as session:
        for skill_id in skill_ids:
            for day, level in _trajectory(rng, days, today):
                repository.add_rating(
                    session=session,
                    skill_id=skill_id,
                    level=level,
                    rated_at=_moment(day, rng),
                    note="benchmark history" if rows % 10 == 0 else "",
                )
                rows += 1
    return rows


def _add_certifications(ws: Workspace, count: int, rng: random.Random) -> int:
    """Held ones (two running out within weeks, one lapsed) and two planned."""
    today = ws.today()
    ids = sorted(ws.catalog.certifications)
    rng.shuffle(ids)
    held, planned = ids[:count], ids[count : count + 2]
    for n, cert_id in enumerate(held):
        earned = today - timedelta(days=200 + 150 * n)
        expires = {0: today + timedelta(days=25), 1: today + timedelta(days=70)}.get(n)
        if n == 2:
            expires = today - timedelta(days=12)
        certifications.add_certification(
            ws,
            certification=cert_id,
            earned_on=earned,
            expires_on=expires,
            credential_id=f"BENCH-{n:04d}",
        )
    for cert_id in planned:
        certifications.add_certification(ws, certification=cert_id, planned=True)
    return len(held) + len(planned)


def _make_plans(ws: Workspace, count: int) -> int:
    """``count`` plans, one per target; the last is active with its first steps done."""
    today = ws.today()
    targets = [t for t in PLAN_TARGETS if t in ws.catalog.roles] or sorted(ws.catalog.roles)
    steps = 0
    for n in range(count):
        profile.set_target(ws, role=targets[n % len(targets)])
        view = plans.generate_plan(ws, hours_per_week=8, start=today - timedelta(days=90))
        steps = len(view.plan.steps)
    view_now = plans.current_plan(ws)
    if view_now is not None:
        open_steps = [s for s in view_now.plan.steps if s.kind == "skill" and not s.finished]
        for step in open_steps[:4]:
            plans.set_step_status(ws, position=step.position, status="done")
        for step in open_steps[4:6]:
            plans.set_step_status(ws, position=step.position, status="in_progress")
            plans.set_step_notes(
                ws, position=step.position, notes="Working through it on Tuesday evenings."
            )
    return steps


def populate(
    folder: Path,
    size: ProfileSize = STANDARD,
    *,
    seed: int = 11,
    today: date | None = None,
) -> PopulatedProfile:
    """Write the populated profile into a new database in ``folder``."""
    rng = random.Random(seed)
    day = today or date.today()
    with Workspace(folder, today=lambda: day) as ws:
        profile.update_settings(
            ws,
            name="Benchmark Person",
            years_experience=4,
            education="bachelor",
            current_role=CURRENT_ROLE if CURRENT_ROLE in ws.catalog.roles else None,
            hours_per_week=8,
        )
        skill_ids = _skill_ids(ws, size.rated_skills, rng)
        ratings = _add_history(ws, skill_ids, size.history_days, rng)
        certs = _add_certifications(ws, size.certifications, rng)
        steps = _make_plans(ws, size.plans)
        with ws.transaction() as session:
            ratings = len(repository.rating_history(session=session))
    return PopulatedProfile(folder, len(skill_ids), ratings, certs, size.plans, steps)


def populate_long_history(
    folder: Path,
    *,
    rows: int = 50_000,
    years: int = 10,
    seed: int = 13,
    today: date | None = None,
    target: str = "distributed-systems-architect",
) -> int:
    """Ten years of daily ratings (``rows`` in all) of the catalog's skills, and a target.

    Written in one transaction as one bulk insert into the store's own table: adding fifty
    thousand rows one flush at a time (``repository.add_rating``) takes most of a minute.
    """
    rng = random.Random(seed)
    day = today or date.today()
    with Workspace(folder, today=lambda: day) as ws:
        skill_ids = sorted(ws.catalog.skills)
        first = day - timedelta(days=round(years * 365.25))
        span = (day - first).days
        levels = dict.fromkeys(skill_ids, 0)
        ratings: list[dict[str, object]] = []
        for n in range(rows):
            when = first + timedelta(days=n * span // rows)
            skill_id = rng.choice(skill_ids)
            step = 1 if rng.random() < 0.7 else -1
            levels[skill_id] = min(5, max(0, levels[skill_id] + step))
            moment = datetime.combine(when, time(8 + n % 12, n % 60), tzinfo=UTC)
            ratings.append({"skill_id": skill_id, "level": levels[skill_id], "rated_at": moment})
        with ws.transaction() as session:
            session.execute(insert(SkillRating), ratings)
        profile.set_target(
            ws, role=target if target in ws.catalog.roles else sorted(ws.catalog.roles)[0]
        )
    return rows
