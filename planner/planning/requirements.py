"""A role's requirements set against a person, one row each, in words every view can show
(the role page, the command line, the PDF and Markdown exports)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from planner.catalog import Catalog
from planner.catalog.scale import level_label
from planner.catalog.schema import EDUCATION_NAMES, Role
from planner.planning.gap import RoleGap

RequirementState = Literal["met", "short", "missing"]


@dataclass(frozen=True)
class RequirementRow:
    kind: str  # skill | certification | experience | education
    label: str
    importance: str
    wanted: str
    current: str
    state: RequirementState
    note: str = ""
    skill_id: str | None = None  # skills: the alternative the person is measured on
    target: int | None = None  # skills: the level asked for
    level: int | None = None  # skills: the person's level


def requirement_rows(
    catalog: Catalog,
    role: Role,
    gap: RoleGap,
    format_date: Callable[[date], str] = date.isoformat,
) -> list[RequirementRow]:
    """Every requirement of ``role`` against the person the ``gap`` was taken for."""
    rows: list[RequirementRow] = []
    skills = catalog.skills
    for s in gap.skills:
        others = [skills[a].name for a in s.alternatives if a != s.skill_id and a in skills]
        label = skills[s.skill_id].name + (f" (or {', '.join(others)})" if others else "")
        state: RequirementState = (
            "met" if s.current >= s.target else "short" if s.current > 0 else "missing"
        )
        rows.append(
            RequirementRow(
                "skill",
                label,
                s.importance,
                level_label(s.target),
                level_label(s.current),
                state,
                s.note,
                skill_id=s.skill_id,
                target=s.target,
                level=s.current,
            )
        )
    certs = catalog.certifications
    for c in gap.certifications:
        others = [certs[a].name for a in c.alternatives if a != c.cert_id and a in certs]
        label = certs[c.cert_id].name + (f" (or {', '.join(others)})" if others else "")
        if c.state == "valid":
            current = f"held until {format_date(c.expires_on)}" if c.expires_on else "held"
        elif c.state == "expired" and c.expires_on:
            current = f"expired on {format_date(c.expires_on)}"
        else:
            current = "not held"
        state = "met" if c.met else "short" if c.state == "expired" else "missing"
        rows.append(RequirementRow("certification", label, c.importance, "held", current, state))
    if (e := gap.experience) is not None:
        state = "met" if e.missing_years == 0 else "short" if e.current_years > 0 else "missing"
        rows.append(
            RequirementRow(
                "experience",
                "Experience",
                "required",
                f"{e.required_years:g} years",
                f"{e.current_years:.1f} years",
                state,
                role.experience_note,
            )
        )
    for ed in gap.education:
        label = EDUCATION_NAMES[ed.level] + (f" in {', '.join(ed.fields)}" if ed.fields else "")
        rows.append(
            RequirementRow(
                "education",
                label,
                ed.importance,
                EDUCATION_NAMES[ed.level],
                EDUCATION_NAMES.get(ed.current, ed.current),
                "met" if ed.met else "missing",
            )
        )
    return rows
