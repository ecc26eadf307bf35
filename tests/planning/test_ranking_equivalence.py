"""The fast ranking gives exactly what each role's full plan steps give.

``ranking.Standings`` works out readiness, hours and steps from the gap and a shared expansion
of prerequisites, without building steps. These tests hold it against the plain way (the gap,
``build_steps``, the explained readiness) on the built-in catalog and on generated catalogs,
for many people.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.catalog import Catalog, builtin_catalog
from planner.catalog.schema import Certification, Role, Skill
from planner.planning import HeldCertification, ProfileSnapshot, rank_roles, standing
from planner.planning.gap import role_gap
from planner.planning.graph import build_steps
from planner.planning.ranking import RoleStanding
from planner.planning.readiness import readiness_from_gap

from .catalog_factory import catalog, cert, req, role, skill

ON = date(2026, 11, 23)
BUILTIN = builtin_catalog()


def from_full_steps(cat: Catalog, profile: ProfileSnapshot, role_id: str) -> RoleStanding:
    """The standing the slow way: every step of the plan built, the study ones added up."""
    gap = role_gap(cat, profile, cat.roles[role_id], ON)
    steps = build_steps(cat, profile, cat.roles[role_id], gap)
    study = [s for s in steps if s.kind not in ("milestone", "experience")]
    return RoleStanding(
        role_id, readiness_from_gap(cat, gap).percent, sum(s.hours for s in study), len(study)
    )


def check_every_role(cat: Catalog, profile: ProfileSnapshot) -> list[RoleStanding]:
    ranking = rank_roles(cat, profile, ON)
    assert sorted(s.role_id for s in ranking) == sorted(cat.roles)
    for fast in ranking:
        assert fast == from_full_steps(cat, profile, fast.role_id), fast.role_id
    one = next(iter(cat.roles))
    assert standing(cat, profile, one, ON) == from_full_steps(cat, profile, one)
    return ranking


def _held(rng: random.Random, cert_ids: list[str]) -> tuple[HeldCertification, ...]:
    """Some certifications: valid, lapsed, not yet earned, or without expiry."""
    held = []
    for cert_id in rng.sample(cert_ids, k=min(len(cert_ids), rng.randint(0, 4))):
        earned = ON - timedelta(days=rng.randint(-200, 2000))
        expires = rng.choice([None, earned + timedelta(days=rng.randint(30, 1500))])
        held.append(HeldCertification(cert_id, earned, expires))
    return tuple(held)


def _random_profile(rng: random.Random, cat: Catalog, rated: int) -> ProfileSnapshot:
    skill_ids = sorted(cat.skills)
    levels = {s: rng.randint(0, 5) for s in rng.sample(skill_ids, k=min(rated, len(skill_ids)))}
    return ProfileSnapshot(
        levels=levels,
        certifications=_held(rng, sorted(cat.certifications)),
        years_experience=rng.choice([0, 1.5, 4, 12]),
        years_recorded_on=rng.choice([None, ON - timedelta(days=400)]),
        education=rng.choice(["none", "bachelor", "master", "phd"]),
    )


@settings(max_examples=30, deadline=None)
@given(
    levels=st.dictionaries(
        st.sampled_from(sorted(BUILTIN.skills)), st.integers(min_value=0, max_value=5), max_size=60
    ),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_builtin_catalog_matches_full_plans(levels: dict[str, int], seed: int) -> None:
    rng = random.Random(seed)
    profile = ProfileSnapshot(
        levels=levels,
        certifications=_held(rng, sorted(BUILTIN.certifications)),
        years_experience=rng.choice([0, 2, 6]),
        education=rng.choice(["none", "bachelor", "master"]),
    )
    check_every_role(BUILTIN, profile)


def test_builtin_catalog_matches_for_the_empty_and_the_expert_profile() -> None:
    expert = ProfileSnapshot(levels=dict.fromkeys(BUILTIN.skills, 5), years_experience=30)
    no_certificate = [
        s for s in check_every_role(BUILTIN, expert) if not BUILTIN.roles[s.role_id].certifications
    ]
    assert no_certificate and all(s.hours_needed == 0 == s.steps for s in no_certificate)
    nobody = check_every_role(BUILTIN, ProfileSnapshot())
    assert all(s.hours_needed > 0 and s.steps > 0 for s in nobody)


def generated_catalog(seed: int, skills: int = 120, roles: int = 30) -> Catalog:
    """A random catalog in layers (prerequisites point down, so there is no cycle): several
    prerequisites per skill at mixed levels, requirements with alternatives, certifications
    assuming skills, recommended once, twice, or as alternatives of one another."""
    rng = random.Random(seed)
    ids = [f"s{n:03d}" for n in range(skills)]
    made: list[Skill] = []
    for n, sid in enumerate(ids):
        below = ids[: n - n % 10]  # the layers beneath this one
        prereqs = rng.sample(below, k=min(len(below), rng.randint(0, 4)))
        made.append(
            skill(
                sid,
                prereqs=[(p, rng.randint(1, 5)) for p in prereqs],
                hours=[rng.randint(1, 90) for _ in range(5)],
            )
        )
    certs: list[Certification] = [
        cert(
            f"c{n}",
            assumes=[(s, rng.randint(1, 5)) for s in rng.sample(ids, k=rng.randint(0, 3))],
            hours=rng.randint(5, 200),
            years=rng.choice([None, 2, 3]),
        )
        for n in range(8)
    ]
    cert_ids = [c.id for c in certs]
    made_roles: list[Role] = []
    for n in range(roles):
        wanted = rng.sample(ids, k=rng.randint(1, 14))
        requirements = []
        for k, sid in enumerate(wanted):
            alternatives = [sid] + ([rng.choice(ids)] if rng.random() < 0.2 else [])
            alternatives = list(dict.fromkeys(alternatives))
            importance = rng.choice(["required", "preferred"])
            requirements.append(req(alternatives, rng.randint(1, 5), importance, f"Note {k}."))
        recommended = [
            {
                "any_of": rng.sample(cert_ids, k=rng.randint(1, 2)),
                "importance": rng.choice(["required", "preferred"]),
            }
            for _ in range(rng.randint(0, 3))
        ]
        education = [{"level": "bachelor", "importance": "preferred"}] if n % 3 == 0 else []
        made_roles.append(
            role(
                f"r{n:02d}",
                requirements,
                certifications=recommended,
                education=education,
                min_years_experience=float(n % 5),
            )
        )
    return catalog(made, made_roles, certs)


@pytest.mark.parametrize("seed", range(4))
def test_generated_catalogs_match_full_plans(seed: int) -> None:
    cat = generated_catalog(seed)
    rng = random.Random(1000 + seed)
    for _ in range(10):
        check_every_role(cat, _random_profile(rng, cat, rated=rng.randint(0, 100)))


def test_a_requirement_repeated_through_alternatives_counts_its_steps_once() -> None:
    cat = catalog(
        [skill("a", prereqs=[("b", 3)], hours=[1, 2, 4, 8, 16]), skill("b", hours=3)],
        [
            role(
                "r",
                [req("a", 4), req(["b", "a"], 2, "preferred"), req("b", 5, "preferred")],
                certifications=[
                    {"any_of": ["x"], "importance": "required"},
                    {"any_of": ["y", "x"], "importance": "preferred"},  # x: the less work
                ],
            )
        ],
        [cert("x", assumes=[("a", 2)], hours=40), cert("y", hours=500)],
    )
    result = check_every_role(cat, ProfileSnapshot(levels={"a": 1}))[0]
    # a 1→2→4 (2 + 4 + 8 h), b 0→2→3→5 (5 × 3 h), x once (40 h): 2 + 3 + 1 steps.
    assert (result.hours_needed, result.steps) == (69.0, 6)


def test_a_long_chain_of_prerequisites_is_expanded_without_recursion() -> None:
    ids = [f"k{n:04d}" for n in range(3000)]
    chain = [skill(ids[0])] + [skill(s, prereqs=[(p, 1)]) for p, s in itertools.pairwise(ids)]
    cat = catalog(chain, [role("top", [req(ids[-1], 1)])])
    result = standing(cat, ProfileSnapshot(), "top", ON)
    assert result == from_full_steps(cat, ProfileSnapshot(), "top")
    assert (result.steps, result.hours_needed) == (3000, 30_000.0)


def test_a_prerequisite_cycle_is_refused_rather_than_looped_on() -> None:
    # The loader refuses cycles; a catalog built by hand can still hold one.
    cat = catalog(
        [skill("a", prereqs=[("b", 2)]), skill("b", prereqs=[("a", 2)])],
        [role("r", [req("a", 2)])],
    )
    with pytest.raises(AssertionError, match="cycle"):
        standing(cat, ProfileSnapshot(), "r", ON)
