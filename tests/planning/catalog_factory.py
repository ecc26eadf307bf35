"""Small hand-made catalogs for the planning tests, built from the real schema models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from planner.catalog import Catalog
from planner.catalog.schema import Certification, Role, Skill
from planner.catalog.validation import validate


def skill(
    skill_id: str,
    *,
    prereqs: Iterable[tuple[str, int]] = (),
    hours: int | Sequence[int] = 10,
    aliases: Sequence[str] = (),
) -> Skill:
    """A skill; ``hours`` is either the effort of every level or the five efforts in turn."""
    per_level = (hours,) * 5 if isinstance(hours, int) else tuple(hours)
    return validate(
        Skill,
        {
            "id": skill_id,
            "name": skill_id.replace("-", " ").title(),
            "category": "general",
            "description": f"The {skill_id} skill.",
            "aliases": tuple(aliases),
            "hours": per_level,
            "prerequisites": [{"skill": s, "level": lv} for s, lv in prereqs],
            "resources": [{"title": f"{skill_id} docs", "kind": "documentation"}],
            "topics": {
                lv: (f"{skill_id} topic {lv}a", f"{skill_id} topic {lv}b") for lv in range(1, 6)
            },
        },
    )


def cert(
    cert_id: str,
    *,
    assumes: Iterable[tuple[str, int]] = (),
    hours: int = 20,
    years: int | None = 3,
    renewal_hours: int | None = None,
) -> Certification:
    return validate(
        Certification,
        {
            "id": cert_id,
            "name": cert_id.upper(),
            "issuer": "Issuer",
            "assumes": [{"skill": s, "level": lv} for s, lv in assumes],
            "prep_hours": hours,
            "validity_years": years,
            "renewal_hours": renewal_hours,
        },
    )


def req(
    skills: str | Sequence[str], level: int, importance: str = "required", note: str = ""
) -> dict[str, Any]:
    """One requirement of a role: a skill id, or a list of alternatives (``any_of``)."""
    any_of = [skills] if isinstance(skills, str) else list(skills)
    return {"any_of": any_of, "level": level, "importance": importance, "note": note}


def role(role_id: str, requirements: list[dict[str, Any]], **extra: Any) -> Role:
    return validate(
        Role,
        {
            "id": role_id,
            "title": role_id.replace("-", " ").title(),
            "family": "general",
            "seniority": "mid",
            "summary": "A role.",
            "responsibilities": ["Work"],
            "requirements": requirements,
            "sources": ["test"],
            **extra,
        },
    )


def catalog(skills: list[Skill], roles: list[Role], certs: Iterable[Certification] = ()) -> Catalog:
    return Catalog(
        skills={s.id: s for s in skills},
        certifications={c.id: c for c in certs},
        roles={r.id: r for r in roles},
    )


# A Monday, so that week arithmetic in the schedule tests is easy to read.
MONDAY = date(2024, 1, 1)
