"""The readiness tracker gives, rating after rating and day after day, exactly the percentage
``readiness()`` gives for the same levels on the same day."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from planner.catalog import Catalog, builtin_catalog
from planner.planning import HeldCertification, ProfileSnapshot, readiness
from planner.planning.readiness import ReadinessTracker

from .catalog_factory import catalog, cert, req, role, skill
from .test_ranking_equivalence import generated_catalog

START = date(2024, 1, 1)


def _person(rng: random.Random, cat: Catalog) -> ProfileSnapshot:
    """Certifications that start, lapse or never lapse within the replayed years, and
    experience still accruing: the items that change with the day, not with ratings."""
    certs = []
    for cert_id in rng.sample(sorted(cat.certifications), k=min(4, len(cat.certifications))):
        earned = START + timedelta(days=rng.randint(-400, 600))
        expires = rng.choice([None, earned + timedelta(days=rng.randint(30, 900))])
        certs.append(HeldCertification(cert_id, earned, expires))
    return ProfileSnapshot(
        levels={s: rng.randint(0, 5) for s in rng.sample(sorted(cat.skills), k=5)},
        certifications=tuple(certs),
        years_experience=rng.choice([0.0, 1.5, 3.0]),
        years_recorded_on=rng.choice([None, START - timedelta(days=100)]),
        education=rng.choice(["none", "bachelor", "master"]),
    )


def replay(cat: Catalog, seed: int, role_ids: list[str], days: int = 60) -> int:
    """Random ratings over ``days`` days, checked against ``readiness()`` at each day's end.
    Returns how many days were checked."""
    rng = random.Random(seed)
    profile = _person(rng, cat)
    skill_ids = sorted(cat.skills)
    checked = 0
    for role_id in role_ids:
        target = cat.roles[role_id]
        # Most ratings touch the role's skills (and their alternatives), some do not.
        wanted = sorted({s for r in target.requirements for s in r.any_of}) or skill_ids
        tracker = ReadinessTracker(profile, target)
        levels = dict(profile.levels)
        day = START
        for _ in range(days):
            day += timedelta(days=rng.choice([1, 1, 2, 30]))
            ratings = [
                (rng.choice(wanted if rng.random() < 0.8 else skill_ids), rng.randint(0, 5))
                for _ in range(rng.randint(0, 4))
            ]
            tracker.rate(ratings)
            levels.update(ratings)
            expected = readiness(cat, profile._replace(levels=levels), target, day).percent
            assert tracker.percent(day) == expected, (role_id, day, ratings)
            checked += 1
    return checked


@pytest.mark.parametrize("seed", range(3))
def test_matches_readiness_on_every_builtin_role(seed: int) -> None:
    cat = builtin_catalog()
    assert replay(cat, seed, sorted(cat.roles), days=25) == 25 * len(cat.roles)


@pytest.mark.parametrize("seed", range(4))
def test_matches_readiness_on_generated_catalogs(seed: int) -> None:
    cat = generated_catalog(seed, skills=60, roles=12)
    replay(cat, seed, sorted(cat.roles))


def test_alternatives_count_the_one_closest_to_its_target() -> None:
    cat = catalog(
        [skill("a"), skill("b"), skill("c")],
        [role("r", [req(["a", "b"], 4), req("c", 2, "preferred")])],
    )
    target = cat.roles["r"]
    tracker = ReadinessTracker(ProfileSnapshot(), target)
    for ratings, levels in [
        ([("a", 3)], {"a": 3}),
        ([("b", 4)], {"a": 3, "b": 4}),  # b now carries the requirement
        ([("b", 1)], {"a": 3, "b": 1}),  # and a again, once b falls back
        ([("c", 5), ("a", 0)], {"a": 0, "b": 1, "c": 5}),
    ]:
        tracker.rate(ratings)
        expected = readiness(cat, ProfileSnapshot(levels=levels), target, START).percent
        assert tracker.percent(START) == expected
    # b at 1 of 4 for the required three quarters, c met for the preferred quarter.
    assert tracker.percent(START) == round(75 * 1 / 4 + 25, 1)


def test_a_certification_and_experience_count_by_the_day() -> None:
    cat = catalog(
        [skill("a")],
        [
            role(
                "r",
                [req("a", 2)],
                certifications=[{"certification": "x", "importance": "required"}],
                min_years_experience=2,
            )
        ],
        [cert("x")],
    )
    held = HeldCertification("x", date(2024, 3, 1), date(2024, 9, 1))
    person = ProfileSnapshot(
        certifications=(held,), years_experience=1, years_recorded_on=date(2024, 1, 1)
    )
    tracker = ReadinessTracker(person, cat.roles["r"])
    days = [date(2024, 2, 1), date(2024, 6, 1), date(2025, 6, 1)]
    percents = [tracker.percent(day) for day in days]
    assert percents[0] < percents[1]  # earned in March, and half a year more experience
    assert percents[2] != percents[1]  # lapsed in September; experience met
    for day, percent in zip(days, percents, strict=True):
        assert percent == readiness(cat, person, cat.roles["r"], day).percent
