"""Custom skills and roles for the tests: small, valid, and named like real postings' tools."""

from __future__ import annotations

from planner.catalog.schema import Role, Skill
from planner.catalog.validation import validate


def make_skill(skill_id: str, name: str, *, prerequisites: tuple[str, ...] = ()) -> Skill:
    return validate(
        Skill,
        {
            "id": skill_id,
            "name": name,
            "category": "devops",
            "description": f"{name}, as a posting names it.",
            "prerequisites": [{"skill": p, "level": 2} for p in prerequisites],
            "hours": [3, 10, 20, 30, 40],
            "resources": [{"title": f"{name} documentation", "kind": "documentation"}],
            "topics": {str(n): [f"{name} topic {n}"] for n in range(1, 6)},
        },
    )


def make_role(role_id: str, title: str, requirements: list[tuple[str, int, str]]) -> Role:
    return validate(
        Role,
        {
            "id": role_id,
            "title": title,
            "family": "cloud-infrastructure",
            "seniority": "mid",
            "summary": "Builds and runs the platform a posting described.",
            "responsibilities": ["Keep the platform running"],
            "requirements": [
                {"skill": s, "level": lv, "importance": imp} for s, lv, imp in requirements
            ],
            "sources": ["a job posting"],
        },
    )


CROSSPLANE = make_skill("crossplane", "Crossplane", prerequisites=("python",))
PLATFORM = make_role(
    "platform-engineer",
    "Platform Engineer",
    [("crossplane", 3, "required"), ("kubernetes", 3, "required"), ("go", 2, "preferred")],
)
