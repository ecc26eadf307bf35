"""Finding skills, certifications and roles by id, name or alias, with suggestions."""

from __future__ import annotations

import pytest

from planner.catalog import builtin_catalog
from planner.errors import NotFoundError, PlannerError


@pytest.mark.parametrize(
    ("query", "skill_id"),
    [
        ("k8s", "kubernetes"),
        ("K8S", "kubernetes"),
        ("  k8s ", "kubernetes"),
        ("Kubernetes", "kubernetes"),
        ("kubernetes", "kubernetes"),
        ("GCP", "gcp"),
        ("gcp", "gcp"),
        ("Google Cloud Platform", "gcp"),
        ("google   cloud", "gcp"),
        ("PySpark", "spark"),
        ("pyspark", "spark"),
        ("PYSPARK", "spark"),
        ("Apache Spark", "spark"),
    ],
)
def test_skills_are_found_by_alias_name_or_id_case_insensitively(query: str, skill_id: str) -> None:
    assert builtin_catalog().find_skill(query).id == skill_id


def test_certifications_and_roles_are_found_by_alias() -> None:
    cat = builtin_catalog()
    assert cat.find_certification("ckad").id == "ckad"
    assert cat.find_certification("saa-c03").id == "aws-solutions-architect-associate"
    assert cat.find_role("software engineer").id == "software-developer"
    assert cat.find_role("Distributed Systems Architect").id == "distributed-systems-architect"


def test_an_unknown_skill_gives_suggestions() -> None:
    cat = builtin_catalog()
    with pytest.raises(NotFoundError) as caught:
        cat.find_skill("kubernets")
    assert isinstance(caught.value, PlannerError)
    message = str(caught.value)
    assert "'kubernets'" in message
    assert "Did you mean" in message and "kubernetes" in message
    assert cat.skill_index.suggestions("kubernets")[0] == "kubernetes"
    assert "python" in cat.skill_index.suggestions("pyhton")


def test_an_unknown_role_gives_suggestions() -> None:
    cat = builtin_catalog()
    suggestions = cat.role_index.suggestions("architect")
    assert "distributed-systems-architect" in suggestions
    assert len(suggestions) <= 3
    with pytest.raises(NotFoundError, match="Did you mean"):
        cat.find_role("Distributed Sytems Architect")


def test_a_name_like_nothing_gives_no_suggestions() -> None:
    cat = builtin_catalog()
    assert cat.skill_index.suggestions("qwertyuiop") == []
    with pytest.raises(NotFoundError) as caught:
        cat.find_skill("qwertyuiop")
    assert "Did you mean" not in str(caught.value)
