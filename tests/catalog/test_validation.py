"""Validating outside data into catalog entries: the rules and the words of the problems."""

from __future__ import annotations

from typing import Any

import pytest

from planner.catalog import builtin_catalog
from planner.catalog.schema import Certification, Requirement, Role, SalaryRange, Skill
from planner.catalog.validation import InvalidEntry, to_data, to_json, validate, validate_json


def _role(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "r",
        "title": " A role ",
        "family": "general",
        "seniority": "mid",
        "summary": "Does things.",
        "responsibilities": ["Work"],
        "requirements": [{"skill": "go", "level": 3, "importance": "required"}],
        "certifications": [{"certification": "cka"}],
        "sources": ["test"],
    }
    return {**data, **changes}


def _problems(cls: type, data: object) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(InvalidEntry) as caught:
        validate(cls, data)
    return [(e.loc, e.msg) for e in caught.value.errors]


def test_the_shorthands_of_catalog_files_are_expanded() -> None:
    role = validate(Role, _role())
    assert role.title == "A role"  # stripped
    assert role.requirements == (Requirement(any_of=("go",), level=3, importance="required"),)
    assert role.certifications[0].any_of == ("cka",)
    assert validate(Requirement, {"skill": "go", "level": 1, "importance": "preferred"}).any_of == (
        "go",
    )


def test_a_shorthand_with_any_of_is_a_problem_at_its_place() -> None:
    both = {"skill": "go", "any_of": ["rust"], "level": 9, "importance": "required"}
    problems = _problems(Role, _role(requirements=[both]))
    assert (
        ("requirements", 0),
        "Value error, give either 'skill' or 'any_of', not both",
    ) in problems
    # Reported along with the rest of what is wrong.
    assert any(loc == ("requirements", 0, "level") for loc, _ in problems)


def test_problems_are_reported_at_their_field_all_at_once() -> None:
    problems = _problems(Role, _role(id="Not A Slug", family="", seniority="boss", colour=1))
    places = {loc: msg for loc, msg in problems}
    assert places[("id",)].startswith("Value error, 'Not A Slug' is not a valid id")
    assert places[("family",)].startswith("Value error, '' is not a valid id")
    assert places[("seniority",)].startswith("Input should be 'entry'")
    assert places[("colour",)] == "Extra inputs are not permitted"


@pytest.mark.parametrize(
    ("changes", "where", "message"),
    [
        ({"hours": [1, 2, 0, 4, 5]}, ("hours",), "every level needs a positive number of hours"),
        ({"hours": [1, 2, 3, 4, 5001]}, ("hours",), "no level takes more than 5000 hours"),
        ({"topics": {"1": ["a"]}}, ("topics",), "topics are missing for level(s) [2, 3, 4, 5]"),
        ({"resources": []}, ("resources",), "Tuple should have at least 1 item"),
        ({"topics": {"9": ["x"]}}, ("topics", "9", "[key]"), "less than or equal to 5"),
    ],
)
def test_a_skill_s_rules(changes: dict[str, Any], where: tuple[Any, ...], message: str) -> None:
    data = {
        "id": "go",
        "name": "Go",
        "category": "languages",
        "description": "A language.",
        "hours": [1, 2, 3, 4, 5],
        "resources": [{"title": "Docs", "kind": "documentation"}],
        "topics": {str(n): [f"t{n}"] for n in range(1, 6)},
    }
    validate(Skill, data)  # valid as it stands
    problems = _problems(Skill, {**data, **changes})
    assert any(loc == where and message in msg for loc, msg in problems), problems


def test_figures_are_finite_and_salaries_ordered() -> None:
    cert = {"id": "c", "name": "C", "issuer": "I", "prep_hours": 10}
    assert validate(Certification, cert).renewal_effort == 2
    assert _problems(Certification, {**cert, "prep_hours": float("inf")})
    assert _problems(Role, _role(min_years_experience=float("nan")))
    salary = {"label": "US", "low": 10, "high": 5}
    assert _problems(SalaryRange, salary) == [((), "Value error, salary 'high' is below 'low'")]


def test_something_that_is_not_a_table_is_named_as_such() -> None:
    assert _problems(Role, [1, 2]) == [
        ((), "Input should be a valid dictionary or instance of Role")
    ]
    assert (
        ("requirements", 0),
        "Input should be a valid dictionary or instance of Requirement",
    ) in _problems(Role, _role(requirements=[5]))


def test_json_in_and_out() -> None:
    role = builtin_catalog().roles["cloud-architect"]
    text = to_json(role)
    assert validate_json(Role, text) == role
    assert to_json(validate_json(Role, text)) == text
    assert validate(Role, to_data(role)) == role
    with pytest.raises(InvalidEntry) as caught:
        validate_json(Role, "[" * 10_000)
    assert caught.value.errors[0].type == "json_invalid"
