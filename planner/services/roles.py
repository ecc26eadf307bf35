"""The role catalog seen from the person: readiness for every role, a role's requirements
against their levels, and the roles they are closest to."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog.schema import EDUCATION_NAMES, Role
from planner.planning import Readiness, RoleStanding, rank_roles, role_gap
from planner.planning.readiness import readiness_from_gap
from planner.services.profile import snapshot
from planner.services.workspace import Workspace


@dataclass(frozen=True)
class RequirementRow:
    kind: str  # skill | certification | experience | education
    name: str
    importance: str
    wanted: str
    have: str
    state: str  # met | short | missing


@dataclass(frozen=True)
class RoleDetail:
    role: Role
    readiness: Readiness
    rows: tuple[RequirementRow, ...]
    family: str
    comes_from: tuple[str, ...]  # titles
    leads_to: tuple[str, ...]


def standings(ws: Workspace) -> list[RoleStanding]:
    """Every catalog role, closest first."""
    with ws.transaction() as session:
        profile = snapshot(session, ws.today())
    return rank_roles(ws.catalog, profile, ws.today())


def role_detail(ws: Workspace, *, role: str) -> RoleDetail:
    """A role (id, title or alias) with each requirement set against the person."""
    found = ws.catalog.find_role(role)
    today = ws.today()
    with ws.transaction() as session:
        profile = snapshot(session, today)
    gap = role_gap(ws.catalog, profile, found, today)
    cat = ws.catalog
    rows: list[RequirementRow] = []
    for s in gap.skills:
        names = [cat.skills[a].name for a in s.alternatives]
        name = " or ".join(names) if len(names) > 1 else names[0]
        state = "met" if s.current >= s.target else ("short" if s.current > 0 else "missing")
        have = f"{s.current}" + (f" ({cat.skills[s.skill_id].name})" if len(names) > 1 else "")
        rows.append(RequirementRow("skill", name, s.importance, str(s.target), have, state))
    for c in gap.certifications:
        name = " or ".join(cat.certifications[a].name for a in c.alternatives)
        have = {"valid": "held", "expired": f"expired {c.expires_on}", "missing": "—"}[c.state]
        state = "met" if c.met else "missing"
        rows.append(RequirementRow("certification", name, c.importance, "held", have, state))
    if gap.experience is not None:
        e = gap.experience
        state = "met" if e.missing_years == 0 else ("short" if e.current_years > 0 else "missing")
        rows.append(
            RequirementRow(
                "experience",
                "Years of experience",
                "required",
                f"{e.required_years:g}",
                f"{e.current_years:.1f}",
                state,
            )
        )
    for ed in gap.education:
        name = EDUCATION_NAMES[ed.level] + (f" ({', '.join(ed.fields)})" if ed.fields else "")
        rows.append(
            RequirementRow(
                "education",
                name,
                ed.importance,
                EDUCATION_NAMES[ed.level],
                EDUCATION_NAMES.get(ed.current, ed.current),
                "met" if ed.met else "missing",
            )
        )
    return RoleDetail(
        role=found,
        readiness=readiness_from_gap(cat, gap),
        rows=tuple(rows),
        family=cat.family_name(found.family),
        comes_from=tuple(cat.roles[r].title for r in found.comes_from),
        leads_to=tuple(cat.roles[r].title for r in found.leads_to),
    )
