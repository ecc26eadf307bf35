"""What the dashboard shows, read in one go: readiness, next steps, progress, expiring certs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from planner.catalog.schema import Role
from planner.planning import Plan, ProfileSnapshot, Readiness, RoleGap, Step, role_gap
from planner.planning.readiness import ReadinessTracker, readiness_from_gap
from planner.services.certification_view import (
    EXPIRING_SOON_DAYS,
    CertificationView,
    my_certifications,
)
from planner.services.plan_reading import load_plan
from planner.services.snapshot import snapshot
from planner.services.workspace import Workspace
from planner.store import reads

EXPIRY_WINDOW_DAYS = EXPIRING_SOON_DAYS
NEXT_STEPS = 3


class ExpiringCertification(NamedTuple):
    certification: CertificationView
    days_left: int  # negative once expired

    @property
    def expired(self) -> bool:
        return self.days_left < 0


class DashboardView(NamedTuple):
    today: date
    target: Role | None  # None: no target chosen (or one the catalog no longer has)
    readiness: Readiness | None  # for the target, today
    gap: RoleGap | None
    plan: Plan | None  # the active plan, which may lead to another role than the target
    next_steps: tuple[Step, ...]  # the first unfinished steps, in plan order
    progress: tuple[tuple[date, float], ...]  # (day a rating changed, readiness that day)
    expiring: tuple[ExpiringCertification, ...]  # soonest first, the expired ones first of all

    @property
    def plan_matches_target(self) -> bool:
        return (
            self.plan is not None
            and self.target is not None
            and (self.plan.role_id == self.target.id)
        )


def dashboard(ws: Workspace) -> DashboardView:
    """Everything the dashboard draws, for the person's target role today (one read, with
    no SQLAlchemy: the dashboard is the page a start shows)."""
    today = ws.today()
    catalog = ws.catalog
    with ws.reading() as connection:
        target_id = reads.profile(connection).target_role_id
        target = catalog.roles.get(target_id) if target_id else None
        profile = snapshot(connection, today)
        # Only the role's own skills move its readiness: the other ratings are not read.
        days = reads.rating_days(connection, skills_of(target)) if target is not None else []
        view = load_plan(ws, connection)
    plan = view.plan if view is not None else None
    gap = role_gap(catalog, profile, target, today) if target is not None else None
    return DashboardView(
        today=today,
        target=target,
        readiness=readiness_from_gap(catalog, gap) if gap is not None else None,
        gap=gap,
        plan=plan,
        next_steps=next_steps(plan) if plan is not None else (),
        progress=tuple(readiness_series(profile, target, days)) if target is not None else (),
        expiring=tuple(expiring_certifications(my_certifications(ws), today)),
    )


def next_steps(plan: Plan, count: int = NEXT_STEPS) -> tuple[Step, ...]:
    """The first ``count`` steps not done or skipped, in plan order."""
    return tuple(s for s in plan.steps if not s.finished)[:count]


def readiness_series(
    profile: ProfileSnapshot,
    role: Role,
    days: Iterable[tuple[date, Iterable[tuple[str, int, *tuple[object, ...]]]]],
) -> list[tuple[date, float]]:
    """For every day in ``days``, the readiness for ``role`` at the end of that day.

    ``days`` holds the ratings as ``(skill id, level, ...)``, oldest first, grouped by local
    day (as ``reads.rating_days`` gives them); the dashboard passes the ratings of the role's
    own skills, so a point marks a day on which one of them was rated. ``profile`` supplies
    the rest (certifications, experience, education), judged on each day. One pass over the
    history: each rating re-scores only the requirements it touches, and each day adds one
    point.
    """
    tracker = ReadinessTracker(profile._replace(levels={}), role)
    series: list[tuple[date, float]] = []
    for day, ratings in days:
        tracker.rate(ratings)
        series.append((day, tracker.percent(day)))
    return series


def skills_of(role: Role) -> set[str]:
    """Every skill a requirement of ``role`` accepts."""
    return {skill_id for requirement in role.requirements for skill_id in requirement.any_of}


def expiring_certifications(
    certifications: Iterable[CertificationView],
    today: date,
    window_days: int = EXPIRY_WINDOW_DAYS,
) -> list[ExpiringCertification]:
    """Held certifications that expire within ``window_days`` of ``today``, or have expired.

    A certification held again (a renewal recorded as a new record) counts by its latest
    record only, so an old expired copy does not nag once it has been renewed.
    """
    latest: dict[str, CertificationView] = {}
    for cert in certifications:
        if cert.status == "planned":
            continue
        known = latest.get(cert.cert_id)
        if known is None or _expiry_key(cert) > _expiry_key(known):
            latest[cert.cert_id] = cert
    limit = today + timedelta(days=window_days)
    found = [
        ExpiringCertification(c, (c.expires_on - today).days)
        for c in latest.values()
        if c.expires_on is not None and c.expires_on <= limit
    ]
    return sorted(found, key=lambda e: (e.days_left, e.certification.name))


def _expiry_key(cert: CertificationView) -> tuple[date, date]:
    return (cert.expires_on or date.max, cert.earned_on or date.min)
