"""Readiness: 0–100 %, required weighs more than preferred, explained item by item."""

from __future__ import annotations

from datetime import date

import pytest

from planner.catalog import builtin_catalog
from planner.planning import HeldCertification, ProfileSnapshot, readiness

from .catalog_factory import catalog, cert, req, role, skill

ON = date(2024, 6, 1)


def _tiny():
    """A required skill and a preferred one, both wanted at level 2."""
    return catalog(
        [skill("a"), skill("b")],
        [role("r", [req("a", 2, "required"), req("b", 2, "preferred")])],
    )


def _full_role_catalog():
    """Two skills, a certification, experience and two education items."""
    return catalog(
        [skill("a"), skill("b")],
        [
            role(
                "r",
                [req("a", 3, "required"), req("b", 2, "preferred")],
                certifications=[{"certification": "x", "importance": "preferred"}],
                min_years_experience=2,
                education=[
                    {"level": "bachelor", "importance": "required"},
                    {"level": "master", "fields": ["CS"], "importance": "preferred"},
                ],
            )
        ],
        [cert("x")],
    )


def test_empty_profile_is_zero_ready_for_a_skills_only_role() -> None:
    result = readiness(_tiny(), ProfileSnapshot(), _tiny().roles["r"], ON)
    assert result.percent == 0.0
    assert all(item.points == 0.0 for item in result.items)


def test_empty_profile_is_zero_ready_for_every_skills_only_role_of_the_real_catalog() -> None:
    cat = builtin_catalog()
    skills_only = [
        r
        for r in cat.roles.values()
        if not r.certifications and not r.education and r.min_years_experience == 0
    ]
    for r in skills_only:
        assert readiness(cat, ProfileSnapshot(), r, ON).percent == 0.0, r.id


def test_everything_met_is_one_hundred() -> None:
    cat = _full_role_catalog()
    profile = ProfileSnapshot(
        levels={"a": 3, "b": 4},
        certifications=(HeldCertification("x", date(2023, 1, 1), date(2026, 1, 1)),),
        years_experience=2,
        education="master",
    )
    result = readiness(cat, profile, cat.roles["r"], ON)
    assert result.percent == 100.0
    assert all(item.score == 1.0 for item in result.items)


@pytest.mark.parametrize(
    ("levels", "percent"),
    [
        ({}, 0.0),
        ({"a": 2}, 75.0),  # the required item alone: 3 of 4 weights
        ({"b": 2}, 25.0),  # the preferred item alone: 1 of 4 weights
        ({"a": 1, "b": 2}, 62.5),  # half of 75 plus 25
        ({"a": 1}, 37.5),
        ({"a": 2, "b": 1}, 87.5),
        ({"a": 2, "b": 2}, 100.0),
    ],
)
def test_required_weighs_three_times_preferred(levels: dict[str, int], percent: float) -> None:
    cat = _tiny()
    assert readiness(cat, ProfileSnapshot(levels=levels), cat.roles["r"], ON).percent == percent


def test_item_points_for_the_tiny_role() -> None:
    cat = _tiny()
    result = readiness(cat, ProfileSnapshot(levels={"a": 1, "b": 2}), cat.roles["r"], ON)
    a, b = result.items
    assert (a.kind, a.importance, a.score, a.points, a.max_points) == (
        "skill",
        "required",
        0.5,
        37.5,
        75.0,
    )
    assert (b.kind, b.importance, b.score, b.points, b.max_points) == (
        "skill",
        "preferred",
        1.0,
        25.0,
        25.0,
    )


def test_explanation_has_one_item_per_requirement_cert_experience_and_education() -> None:
    cat = _full_role_catalog()
    profile = ProfileSnapshot(levels={"a": 1, "b": 2}, years_experience=1, education="bachelor")
    result = readiness(cat, profile, cat.roles["r"], ON)
    assert [(i.kind, i.importance) for i in result.items] == [
        ("skill", "required"),
        ("skill", "preferred"),
        ("certification", "preferred"),
        ("experience", "required"),
        ("education", "required"),
        ("education", "preferred"),
    ]
    assert [i.score for i in result.items] == pytest.approx([1 / 3, 1.0, 0.0, 0.5, 1.0, 0.0])
    # Weights 3 + 1 + 1 + 3 + 3 + 1 = 12.
    assert [i.max_points for i in result.items] == pytest.approx(
        [25.0, 100 / 12, 100 / 12, 25.0, 25.0, 100 / 12]
    )
    assert sum(i.max_points for i in result.items) == pytest.approx(100.0)
    assert sum(i.points for i in result.items) == pytest.approx(result.percent, abs=0.05)
    assert result.percent == pytest.approx(100 * (1 + 1 + 1.5 + 3) / 12, abs=0.05)
    lines = result.explain()
    assert len(lines) == 6
    assert all("points" in line for line in lines)


def test_points_sum_to_the_percentage_on_the_real_catalog() -> None:
    cat = builtin_catalog()
    profile = ProfileSnapshot(
        levels={"python": 3, "linux": 2, "sql": 4, "kubernetes": 1, "communication": 3},
        years_experience=3,
        education="bachelor",
    )
    for r in cat.roles.values():
        result = readiness(cat, profile, r, ON)
        expected_items = (
            len(r.requirements)
            + len(r.certifications)
            + (1 if r.min_years_experience > 0 else 0)
            + len(r.education)
        )
        assert len(result.items) == expected_items, r.id
        assert sum(i.points for i in result.items) == pytest.approx(result.percent, abs=0.05)
        assert 0.0 <= result.percent <= 100.0, r.id


def test_an_expired_certification_counts_for_nothing() -> None:
    cat = catalog(
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
    expired = HeldCertification("x", date(2020, 1, 1), date(2023, 1, 1))
    valid = HeldCertification("x", date(2023, 1, 1), date(2026, 1, 1))
    with_expired = readiness(
        cat, ProfileSnapshot(levels={"a": 1}, certifications=(expired,)), cat.roles["r"], ON
    )
    with_valid = readiness(
        cat, ProfileSnapshot(levels={"a": 1}, certifications=(valid,)), cat.roles["r"], ON
    )
    without = readiness(cat, ProfileSnapshot(levels={"a": 1}), cat.roles["r"], ON)
    assert with_expired.percent == without.percent == 50.0
    assert with_valid.percent == 100.0
    cert_item = with_expired.items[1]
    assert (cert_item.kind, cert_item.points) == ("certification", 0.0)
    assert "2023-01-01" in cert_item.detail
