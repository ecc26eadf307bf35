"""Certification lifecycle: earn again when expired, renew before expiry, nothing when valid."""

from __future__ import annotations

from datetime import date

from planner.catalog import builtin_catalog
from planner.planning import HeldCertification, PlanOptions, ProfileSnapshot, build_plan, readiness

from .catalog_factory import MONDAY, catalog, cert, req, role, skill

OPTIONS = PlanOptions(hours_per_week=5, start_date=MONDAY)


def _cat(importance: str = "required", **cert_extra):
    """Three required skills of 70 days each at 5 h/week, and certification x (40 h)."""
    return catalog(
        [skill("a", hours=50), skill("b", hours=50), skill("c", hours=50)],
        [
            role(
                "r",
                [req("a", 1), req("b", 1), req("c", 1)],
                certifications=[{"certification": "x", "importance": importance}],
            )
        ],
        [cert("x", hours=40, renewal_hours=10, **cert_extra)],
    )


def _held(expires: date | None, earned: date = date(2021, 1, 1)) -> ProfileSnapshot:
    return ProfileSnapshot(certifications=(HeldCertification("x", earned, expires),))


def test_an_expired_certification_is_earned_again() -> None:
    cat = _cat()
    profile = _held(date(2023, 6, 30))
    plan = build_plan(cat, profile, "r", OPTIONS)
    step = plan.step("cert:x")
    assert step.kind == "certification"
    assert step.title.startswith("Earn again")
    assert step.hours == 40.0
    assert any("2023-06-30" in reason for reason in step.reasons)
    assert "renew:x" not in [s.key for s in plan.steps]
    # and it counts for nothing in readiness
    result = readiness(cat, profile, cat.roles["r"], MONDAY)
    assert result.percent == readiness(cat, ProfileSnapshot(), cat.roles["r"], MONDAY).percent
    assert result.percent == 0.0


def test_a_certification_never_held_is_earned_not_earned_again() -> None:
    plan = build_plan(_cat(), ProfileSnapshot(), "r", OPTIONS)
    step = plan.step("cert:x")
    assert step.title.startswith("Earn ")
    assert not step.title.startswith("Earn again")


def test_a_certification_expiring_before_the_eta_is_renewed_in_time() -> None:
    # Study: a, b, c take 70 days each (to 10 March, 19 May, 28 July); x lapses on 15 April.
    plan = build_plan(_cat(), _held(date(2024, 4, 15)), "r", OPTIONS)
    keys = [s.key for s in plan.steps]
    assert "cert:x" not in keys
    renewal = plan.step("renew:x")
    assert renewal.kind == "renewal"
    assert renewal.deadline == date(2024, 4, 15)
    assert renewal.hours == 10.0
    assert renewal.planned_end is not None and renewal.planned_end <= renewal.deadline
    assert renewal.planned_start is not None and renewal.planned_start >= MONDAY
    assert keys[-1] == "milestone:r"
    assert plan.eta == plan.step("milestone:r").planned_end
    # The renewal's two weeks push the study back, the milestone follows.
    assert plan.eta == date(2024, 8, 11)


def test_renewal_uses_a_quarter_of_the_preparation_by_default() -> None:
    cat = catalog(
        [skill("a", hours=50)],
        [role("r", [req("a", 2)], certifications=[{"certification": "y"}])],
        [cert("y", hours=42)],
    )
    profile = ProfileSnapshot(
        certifications=(HeldCertification("y", date(2022, 1, 1), date(2024, 3, 1)),)
    )
    plan = build_plan(cat, profile, "r", OPTIONS)
    renewal = plan.step("renew:y")
    assert renewal.hours == 10.0  # round(42 / 4)
    assert renewal.planned_end is not None and renewal.planned_end <= date(2024, 3, 1)


def test_a_renewal_that_cannot_finish_in_time_goes_first() -> None:
    # Two weeks of renewal work, but the certification lapses on day three.
    plan = build_plan(_cat(), _held(date(2024, 1, 3)), "r", OPTIONS)
    renewal = plan.steps[0]
    assert renewal.key == "renew:x"
    assert renewal.planned_start == MONDAY
    assert renewal.deadline == date(2024, 1, 3)


def test_a_certification_valid_past_the_eta_needs_no_renewal() -> None:
    plan = build_plan(_cat(), _held(date(2030, 1, 1)), "r", OPTIONS)
    keys = [s.key for s in plan.steps]
    assert not any(k.startswith(("renew:", "cert:")) for k in keys)
    assert plan.eta == date(2024, 7, 28)


def test_a_certification_valid_one_day_past_the_eta_needs_no_renewal() -> None:
    no_renewal = build_plan(_cat(), _held(None), "r", OPTIONS)
    assert no_renewal.eta == date(2024, 7, 28)
    plan = build_plan(_cat(), _held(date(2024, 7, 29)), "r", OPTIONS)
    assert not any(s.key.startswith(("renew:", "cert:")) for s in plan.steps)
    assert plan.eta == date(2024, 7, 28)


def test_a_certification_without_expiry_needs_no_renewal() -> None:
    plan = build_plan(_cat(years=None), _held(None), "r", OPTIONS)
    assert not any(s.key.startswith(("renew:", "cert:")) for s in plan.steps)


def test_a_certification_the_role_does_not_rely_on_is_not_renewed() -> None:
    cat = catalog(
        [skill("a", hours=50)],
        [role("r", [req("a", 2)])],
        [cert("x")],
    )
    plan = build_plan(cat, _held(date(2024, 2, 1)), "r", OPTIONS)
    assert [s.key for s in plan.steps] == ["skill:a:2", "milestone:r"]


def test_renewal_on_the_real_catalog() -> None:
    cat = builtin_catalog()
    # A CKAD that lapses five months into a plan for a role that recommends it.
    role_id = next(
        r.id for r in cat.roles.values() if any("ckad" in rec.any_of for rec in r.certifications)
    )
    profile = ProfileSnapshot(
        certifications=(HeldCertification("ckad", date(2022, 6, 1), date(2024, 6, 1)),)
    )
    plan = build_plan(cat, profile, role_id, PlanOptions(10, MONDAY))
    renewal = plan.step("renew:ckad")
    assert renewal.deadline == date(2024, 6, 1)
    assert renewal.planned_end is not None and renewal.planned_end <= date(2024, 6, 1)
    assert "cert:ckad" not in [s.key for s in plan.steps]
    expired = ProfileSnapshot(
        certifications=(HeldCertification("ckad", date(2021, 6, 1), date(2023, 6, 1)),)
    )
    again = build_plan(cat, expired, role_id, PlanOptions(10, MONDAY))
    assert again.step("cert:ckad").title.startswith("Earn again")
    assert "renew:ckad" not in [s.key for s in again.steps]
