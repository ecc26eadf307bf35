"""The gap: which alternative a requirement resolves to, certification states, experience,
education."""

from __future__ import annotations

from datetime import date

import pytest

from planner.planning import HeldCertification, ProfileSnapshot, build_plan, role_gap
from planner.planning.model import PlanOptions

from .catalog_factory import MONDAY, catalog, cert, req, role, skill

ON = date(2024, 6, 1)


def _gap(cat, profile, role_id="r", on=ON):
    return role_gap(cat, profile, cat.roles[role_id], on)


# --------------------------------------------------------------------- any_of alternatives


def test_any_of_picks_the_alternative_the_person_is_closest_to() -> None:
    cat = catalog(
        [skill("java"), skill("python"), skill("go")],
        [role("r", [req(["java", "python", "go"], 3)])],
    )
    gap = _gap(cat, ProfileSnapshot(levels={"go": 1, "python": 2}))
    (only,) = gap.skills
    assert only.skill_id == "python"
    assert (only.current, only.target, only.missing) == (2, 3, 1)
    assert only.alternatives == ("java", "python", "go")


def test_closeness_beats_fewer_hours() -> None:
    # slow is at 2 of 3 (100 h to go); quick is at 0 of 3 (15 h to go): closest wins.
    cat = catalog(
        [skill("quick", hours=5), skill("slow", hours=100)],
        [role("r", [req(["quick", "slow"], 3)])],
    )
    (only,) = _gap(cat, ProfileSnapshot(levels={"slow": 2})).skills
    assert only.skill_id == "slow"


def test_equally_close_alternatives_go_to_the_one_with_fewest_hours() -> None:
    cat = catalog(
        [skill("long", hours=30), skill("short", hours=5)],
        [role("r", [req(["long", "short"], 2)])],
    )
    (only,) = _gap(cat, ProfileSnapshot(levels={"long": 1, "short": 1})).skills
    assert only.skill_id == "short"


def test_full_tie_goes_to_the_first_listed_alternative_not_the_alphabetical_one() -> None:
    cat = catalog(
        [skill("alpha"), skill("zulu")],
        [role("r", [req(["zulu", "alpha"], 2)])],
    )
    (only,) = _gap(cat, ProfileSnapshot()).skills
    assert only.skill_id == "zulu"


def test_levels_above_the_target_do_not_make_an_alternative_closer() -> None:
    # Both already meet level 2: nothing to gain, so the listed order decides.
    cat = catalog([skill("a"), skill("b")], [role("r", [req(["a", "b"], 2)])])
    (only,) = _gap(cat, ProfileSnapshot(levels={"a": 2, "b": 5})).skills
    assert only.skill_id == "a"
    assert only.missing == 0


def test_the_plan_raises_only_the_chosen_alternative() -> None:
    cat = catalog(
        [skill("java"), skill("python"), skill("go")],
        [role("r", [req(["java", "python", "go"], 3)])],
    )
    plan = build_plan(cat, ProfileSnapshot(levels={"go": 1}), "r", PlanOptions(10, MONDAY))
    assert [s.key for s in plan.steps] == ["skill:go:3", "milestone:r"]
    assert plan.steps[0].from_level == 1


# --------------------------------------------------------------------- certifications


def _cert_catalog():
    return catalog(
        [skill("a")],
        [
            role(
                "r",
                [req("a", 1)],
                certifications=[{"certification": "x", "importance": "required"}],
            )
        ],
        [cert("x")],
    )


@pytest.mark.parametrize(
    ("held", "state", "met"),
    [
        (HeldCertification("x", date(2022, 1, 1), date(2025, 1, 1)), "valid", True),
        (HeldCertification("x", date(2020, 1, 1), None), "valid", True),
        # Valid through its expiry date, expired the day after.
        (HeldCertification("x", date(2021, 6, 1), ON), "valid", True),
        (HeldCertification("x", date(2021, 5, 31), date(2024, 5, 31)), "expired", False),
        (HeldCertification("x", date(2019, 1, 1), date(2022, 1, 1)), "expired", False),
    ],
)
def test_certification_state_on_the_day(held, state, met) -> None:
    gap = _gap(_cert_catalog(), ProfileSnapshot(certifications=(held,)))
    (c,) = gap.certifications
    assert (c.cert_id, c.state, c.met) == ("x", state, met)
    assert c.expires_on == held.expires_on


def test_certification_not_held_is_missing() -> None:
    (c,) = _gap(_cert_catalog(), ProfileSnapshot()).certifications
    assert (c.state, c.met, c.expires_on) == ("missing", False, None)


def test_a_certification_earned_after_the_day_is_not_called_expired() -> None:
    # Recorded with an earned date after the day of the gap (say, an exam booked for March):
    # not valid yet, but it never lapsed either, so it is not "expired on 2027-03-01".
    upcoming = HeldCertification("x", date(2024, 9, 1), date(2027, 9, 1))
    profile = ProfileSnapshot(certifications=(upcoming,))
    (c,) = _gap(_cert_catalog(), profile).certifications
    assert not c.met
    assert c.state != "expired"
    plan = build_plan(_cert_catalog(), profile, "r", PlanOptions(10, ON))
    step = plan.step("cert:x")
    assert not step.title.startswith("Earn again")
    assert not any("expired" in reason for reason in step.reasons)


def test_the_latest_record_of_a_certification_decides() -> None:
    old = HeldCertification("x", date(2018, 1, 1), date(2021, 1, 1))
    renewed = HeldCertification("x", date(2021, 1, 1), date(2027, 1, 1))
    (c,) = _gap(_cert_catalog(), ProfileSnapshot(certifications=(renewed, old))).certifications
    assert (c.state, c.expires_on) == ("valid", date(2027, 1, 1))


def test_certification_alternatives_prefer_valid_then_expired_then_cheapest() -> None:
    cat = catalog(
        [skill("a", hours=10)],
        [
            role(
                "r",
                [req("a", 1)],
                certifications=[{"any_of": ["dear", "cheap", "held"], "importance": "required"}],
            )
        ],
        [
            cert("dear", hours=100),
            cert("cheap", hours=10, assumes=[("a", 2)]),
            cert("held", hours=50),
        ],
    )
    # Nothing held: the least total effort (preparation + assumed skills) wins: cheap = 10 + 20.
    (c,) = _gap(cat, ProfileSnapshot()).certifications
    assert (c.cert_id, c.state) == ("cheap", "missing")
    # An expired record beats a missing one …
    expired = HeldCertification("dear", date(2018, 1, 1), date(2021, 1, 1))
    (c,) = _gap(cat, ProfileSnapshot(certifications=(expired,))).certifications
    assert (c.cert_id, c.state) == ("dear", "expired")
    # … and a valid one beats both.
    valid = HeldCertification("held", date(2023, 1, 1), date(2026, 1, 1))
    (c,) = _gap(cat, ProfileSnapshot(certifications=(expired, valid))).certifications
    assert (c.cert_id, c.state) == ("held", "valid")


# --------------------------------------------------------------------- experience


def _experience_catalog(years: float = 3):
    return catalog([skill("a")], [role("r", [req("a", 1)], min_years_experience=years)])


def test_experience_accrues_from_the_day_it_was_recorded() -> None:
    profile = ProfileSnapshot(years_experience=1.0, years_recorded_on=date(2022, 1, 1))
    cat = _experience_catalog(3)
    one_year_on = _gap(cat, profile, on=date(2023, 1, 1)).experience
    assert one_year_on is not None
    assert one_year_on.current_years == pytest.approx(1 + 365 / 365.25)
    assert one_year_on.missing_years == pytest.approx(2 - 365 / 365.25)
    # 2022-01-01 + 731 days = 2024-01-02: a little over two years later, three in all.
    later = _gap(cat, profile, on=date(2024, 1, 2)).experience
    assert later is not None
    assert later.current_years == pytest.approx(1 + 731 / 365.25)
    assert later.missing_years == 0.0


def test_experience_does_not_accrue_without_a_recording_date_or_before_it() -> None:
    cat = _experience_catalog(3)
    unrecorded = _gap(cat, ProfileSnapshot(years_experience=1.0), on=date(2030, 1, 1)).experience
    assert unrecorded is not None and unrecorded.current_years == 1.0
    future = ProfileSnapshot(years_experience=1.0, years_recorded_on=date(2025, 1, 1))
    before = _gap(cat, future, on=date(2024, 1, 1)).experience
    assert before is not None and before.current_years == 1.0


def test_accrued_experience_removes_the_experience_step() -> None:
    cat = _experience_catalog(3)
    profile = ProfileSnapshot(years_experience=1.0, years_recorded_on=date(2022, 1, 1))
    early = build_plan(cat, profile, "r", PlanOptions(10, date(2023, 1, 1)))
    assert early.step("experience:r").years == pytest.approx(2 - 365 / 365.25, abs=0.01)
    late = build_plan(cat, profile, "r", PlanOptions(10, date(2024, 1, 2)))
    assert "experience:r" not in [s.key for s in late.steps]


def test_role_without_minimum_years_has_no_experience_gap() -> None:
    assert _gap(_experience_catalog(0), ProfileSnapshot()).experience is None


# --------------------------------------------------------------------- education


@pytest.mark.parametrize(
    ("education", "met"),
    [("none", False), ("associate", False), ("bachelor", True), ("master", True), ("phd", True)],
)
def test_education_is_met_at_or_above_the_level(education: str, met: bool) -> None:
    cat = catalog(
        [skill("a")],
        [
            role(
                "r",
                [req("a", 1)],
                education=[{"level": "bachelor", "fields": ["CS"], "importance": "required"}],
            )
        ],
    )
    (ed,) = _gap(cat, ProfileSnapshot(education=education)).education
    assert (ed.level, ed.current, ed.met) == ("bachelor", education, met)
