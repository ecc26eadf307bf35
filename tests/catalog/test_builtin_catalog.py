"""The catalog shipped with the app: it loads, every reference resolves, it is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.catalog import builtin_catalog
from planner.catalog.loader import find_prerequisite_cycle
from planner.catalog.scale import MAX_LEVEL

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

SEED_ROLES = [
    "distributed-systems-architect",
    "software-developer",
    "systems-analyst",
    "distributed-computing-engineer",
    "junior-distributed-systems-engineer",
    "senior-distributed-systems-engineer",
    "engineering-manager",
    "chief-technology-officer",
    "machine-learning-platform-engineer",
    "data-scientist",
    "machine-learning-engineer",
    "lead-machine-learning-engineer",
    "chief-ai-officer",
    "cloud-architect",
    "big-data-engineer",
    "devops-engineer",
    "iot-developer",
    "systems-engineer",
    "ai-policy-governance-manager",
    "analytics-engineer",
    "associate-data-quality-engineer",
    "big-data-architect",
    "machine-learning-engineer-asr",
    "lead-data-quality-analyst",
    "machine-learning-engineer-game-technology",
    "lead-data-consultant",
]


def test_the_builtin_catalog_loads() -> None:
    cat = builtin_catalog()
    assert len(cat.skills) >= 97
    assert len(cat.certifications) >= 31
    assert len(cat.roles) >= 26
    assert cat.categories and cat.families
    assert builtin_catalog() is cat  # loaded once per process


@pytest.mark.parametrize("role_id", SEED_ROLES)
def test_every_seed_role_is_present(role_id: str) -> None:
    role = builtin_catalog().roles[role_id]
    assert role.id == role_id
    assert role.title and role.summary and role.responsibilities and role.requirements


def test_every_reference_resolves() -> None:
    cat = builtin_catalog()
    for skill in cat.skills.values():
        assert skill.category in cat.categories, skill.id
        for prereq in skill.prerequisites:
            assert prereq.skill in cat.skills, (skill.id, prereq.skill)
            assert prereq.skill != skill.id
    for cert in cat.certifications.values():
        for assumed in cert.assumes:
            assert assumed.skill in cat.skills, (cert.id, assumed.skill)
    for role in cat.roles.values():
        assert role.family in cat.families, role.id
        for requirement in role.requirements:
            for skill_id in requirement.any_of:
                assert skill_id in cat.skills, (role.id, skill_id)
        for rec in role.certifications:
            for cert_id in rec.any_of:
                assert cert_id in cat.certifications, (role.id, cert_id)
        for neighbour in (*role.comes_from, *role.leads_to):
            assert neighbour in cat.roles and neighbour != role.id, (role.id, neighbour)


def test_no_skill_is_named_twice_in_one_role() -> None:
    for role in builtin_catalog().roles.values():
        named = [s for requirement in role.requirements for s in requirement.any_of]
        assert len(named) == len(set(named)), role.id


def test_there_is_no_prerequisite_cycle() -> None:
    assert find_prerequisite_cycle(dict(builtin_catalog().skills)) == []


def test_every_skill_has_resources_and_topics_for_every_level() -> None:
    for skill in builtin_catalog().skills.values():
        assert len(skill.resources) >= 1, skill.id
        assert all(r.title.strip() for r in skill.resources), skill.id
        for level in range(1, MAX_LEVEL + 1):
            topics = skill.topics.get(level, ())
            assert topics and all(t.strip() for t in topics), (skill.id, level)
        assert len(skill.hours) == MAX_LEVEL and all(h > 0 for h in skill.hours), skill.id


def test_every_role_names_a_seed_file_that_exists() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed folder {SEEDS} is not present")
    for role in builtin_catalog().roles.values():
        assert role.sources, role.id
        for source in role.sources:
            assert (SEEDS / source).is_file(), (role.id, source)


def test_every_seed_file_is_used_by_some_role() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed folder {SEEDS} is not present")
    used = {source for role in builtin_catalog().roles.values() for source in role.sources}
    assert {p.name for p in SEEDS.iterdir() if p.is_file()} <= used


def test_ladder_links_agree_in_both_directions() -> None:
    # If A names B among the roles it leads to, B names A among the roles it comes from,
    # and the other way round, so the ladder reads the same from either end.
    cat = builtin_catalog()
    for role in cat.roles.values():
        for upper in role.leads_to:
            assert role.id in cat.roles[upper].comes_from, (role.id, upper)
        for lower in role.comes_from:
            assert role.id in cat.roles[lower].leads_to, (lower, role.id)
