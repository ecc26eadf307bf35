"""The dashboard's data: readiness over time from the rating history, next steps, expiries."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import groupby

import pytest

from planner.planning import readiness
from planner.planning.readiness import ReadinessTracker
from planner.services import certifications, dashboard_view, plans, profile, skills
from planner.services.certifications import CertificationView
from planner.services.dashboard_view import (
    dashboard,
    expiring_certifications,
    next_steps,
    skills_of,
)
from planner.services.workspace import Workspace
from planner.store import repository

ROLE = "distributed-systems-architect"


def _rate_on(ws: Workspace, day: date, levels: dict[str, int], hour: int = 12) -> None:
    with ws.transaction() as session:
        for skill_id, level in levels.items():
            repository.add_rating(
                session=session,
                skill_id=skill_id,
                level=level,
                rated_at=datetime(day.year, day.month, day.day, hour, tzinfo=UTC).astimezone(),
            )


def test_no_target_means_no_readiness_and_no_series(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="python", level=3)
    view = dashboard(workspace)
    assert view.target is None and view.readiness is None and view.gap is None
    assert view.progress == () and view.next_steps == () and view.plan is None


def test_one_point_per_day_a_rating_changed_with_that_days_readiness(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile.set_target(workspace, role=ROLE)
    _rate_on(workspace, date(2026, 3, 2), {"python": 2, "docker": 1}, hour=9)
    _rate_on(workspace, date(2026, 3, 2), {"python": 3}, hour=15)  # same day: one point
    _rate_on(workspace, date(2026, 6, 10), {"system-design": 3, "docker": 2})
    _rate_on(workspace, date(2026, 9, 1), {"python": 4})

    calls: list[date] = []
    real_gap = dashboard_view.role_gap

    def counting_gap(*args: object) -> object:
        calls.append(args[3])  # type: ignore[arg-type]
        return real_gap(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard_view, "role_gap", counting_gap)
    per_day: list[date] = []
    real_percent = ReadinessTracker.percent

    def counting_percent(tracker: ReadinessTracker, on: date) -> float:
        per_day.append(on)
        return real_percent(tracker, on)

    monkeypatch.setattr(ReadinessTracker, "percent", counting_percent)
    view = dashboard(workspace)

    days = [day for day, _ in view.progress]
    assert days == [date(2026, 3, 2), date(2026, 6, 10), date(2026, 9, 1)]
    # One readiness per distinct day (numbers only), plus the full one for today's gauge.
    assert per_day == days and calls == [workspace.today()]

    catalog, role = workspace.catalog, workspace.catalog.roles[ROLE]
    with workspace.transaction() as session:
        now = profile.snapshot(session, workspace.today())
    expected = [
        {"python": 3, "docker": 1},
        {"python": 3, "docker": 2, "system-design": 3},
        {"python": 4, "docker": 2, "system-design": 3},
    ]
    for (day, percent), levels in zip(view.progress, expected, strict=True):
        assert percent == readiness(catalog, now._replace(levels=levels), role, day).percent
    assert view.progress[0][1] < view.progress[1][1] < view.progress[2][1]
    assert view.readiness is not None and view.readiness.percent == view.progress[-1][1]


def test_a_lowered_rating_lowers_the_series(workspace: Workspace) -> None:
    profile.set_target(workspace, role=ROLE)
    _rate_on(workspace, date(2026, 4, 1), {"system-design": 4})
    _rate_on(workspace, date(2026, 5, 1), {"system-design": 1})
    (_, before), (_, after) = dashboard(workspace).progress
    assert after < before


def test_ratings_of_skills_the_role_does_not_ask_for_add_no_point(workspace: Workspace) -> None:
    profile.set_target(workspace, role=ROLE)
    asked = skills_of(workspace.catalog.roles[ROLE])
    other = next(s for s in sorted(workspace.catalog.skills) if s not in asked)
    _rate_on(workspace, date(2026, 4, 1), {"system-design": 2})
    _rate_on(workspace, date(2026, 4, 2), {other: 4})
    _rate_on(workspace, date(2026, 4, 3), {"system-design": 3, other: 1})
    assert [day for day, _ in dashboard(workspace).progress] == [
        date(2026, 4, 1),
        date(2026, 4, 3),
    ]


def test_next_steps_are_the_first_three_unfinished_in_plan_order(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="python", level=2)
    profile.set_target(workspace, role=ROLE)
    view = plans.generate_plan(workspace)
    first = view.plan.steps[0].position
    plans.set_step_status(workspace, position=first, status="skipped")
    board = dashboard(workspace)
    assert board.plan is not None and board.plan_matches_target
    unfinished = [s.position for s in board.plan.steps if not s.finished]
    assert [s.position for s in board.next_steps] == unfinished[:3]
    assert first not in [s.position for s in board.next_steps]
    assert len(next_steps(board.plan, count=1)) == 1


def test_plan_for_another_role_is_flagged(workspace: Workspace) -> None:
    profile.set_target(workspace, role=ROLE)
    plans.generate_plan(workspace)
    profile.set_target(workspace, role="machine-learning-platform-engineer")
    board = dashboard(workspace)
    assert board.plan is not None and not board.plan_matches_target


def _cert(
    cert_id: str, expires: date | None, status: str = "held", earned: date | None = None
) -> CertificationView:
    return CertificationView(1, cert_id, cert_id.upper(), "", status, earned, expires, "")


def test_expiring_within_ninety_days_or_expired_soonest_first() -> None:
    today = date(2026, 11, 23)
    found = expiring_certifications(
        [
            _cert("soon", today + timedelta(days=30)),
            _cert("later", today + timedelta(days=200)),
            _cert("edge", today + timedelta(days=90)),
            _cert("gone", today - timedelta(days=5), status="expired"),
            _cert("never", None),
            _cert("planned", today + timedelta(days=10), status="planned"),
        ],
        today,
    )
    assert [(e.certification.cert_id, e.days_left) for e in found] == [
        ("gone", -5),
        ("soon", 30),
        ("edge", 90),
    ]
    assert found[0].expired and not found[1].expired


def test_a_renewed_certification_does_not_nag() -> None:
    today = date(2026, 11, 23)
    found = expiring_certifications(
        [
            _cert("cka", today - timedelta(days=40), "expired", date(2022, 1, 1)),
            _cert("cka", today + timedelta(days=700), "held", date(2026, 1, 1)),
        ],
        today,
    )
    assert found == []


def test_dashboard_lists_expiring_certifications(workspace: Workspace) -> None:
    today = workspace.today()
    certifications.add_certification(
        workspace, certification="cka", earned_on=date(2025, 1, 1), expires_on=today + timedelta(30)
    )
    certifications.add_certification(
        workspace,
        certification="terraform-associate",
        earned_on=date(2025, 1, 1),
        expires_on=today + timedelta(200),
    )
    names = [e.certification.cert_id for e in dashboard(workspace).expiring]
    assert names == ["cka"]


def test_a_long_history_gives_each_days_readiness_as_a_full_readiness_would(
    workspace: Workspace,
) -> None:
    """Years of ratings, with a certification earned and lapsing and experience accruing on
    the way: every point is what readiness() says for that day's levels."""
    profile.set_target(workspace, role=ROLE)
    profile.update_settings(workspace, years_experience=3)
    with workspace.transaction() as session:  # 3 years on 1 Jan 2023, and counting since
        repository.get_profile(session=session).years_recorded_on = date(2023, 1, 1)
    certifications.add_certification(
        workspace,
        certification="aws-solutions-architect-associate",
        earned_on=date(2024, 5, 1),
        expires_on=date(2025, 9, 1),
    )
    catalog, role = workspace.catalog, workspace.catalog.roles[ROLE]
    wanted = sorted({s for r in role.requirements for s in r.any_of})
    rng = random.Random(3)
    day = date(2023, 1, 2)
    while day < date(2026, 11, 1):
        _rate_on(
            workspace,
            day,
            {rng.choice(wanted): rng.randint(0, 5) for _ in range(rng.randint(1, 3))},
            hour=rng.randint(0, 23),
        )
        day += timedelta(days=rng.choice([1, 3, 9, 30]))

    view = dashboard(workspace)

    with workspace.transaction() as session:
        now = profile.snapshot(session, workspace.today())
        history = repository.rating_history(session=session)
    expected: list[tuple[date, float]] = []
    levels: dict[str, int] = {}
    for rated_on, run in groupby(history, lambda r: r.rated_at.astimezone().date()):
        levels.update((r.skill_id, r.level) for r in run)
        as_of = now._replace(levels=dict(levels))
        expected.append((rated_on, readiness(catalog, as_of, role, rated_on).percent))
    assert list(view.progress) == expected
    assert len(expected) > 100
    assert len({percent for _, percent in expected}) > 20
