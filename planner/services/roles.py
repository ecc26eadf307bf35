"""The role catalog seen from the person: readiness for every role, a role's requirements
against their levels, and the roles they are closest to."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog.schema import Role
from planner.planning import Readiness, RoleStanding, rank_roles, role_gap
from planner.planning.readiness import readiness_from_gap
from planner.planning.requirements import RequirementRow, requirement_rows
from planner.services.profile import snapshot
from planner.services.workspace import Workspace


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
    return RoleDetail(
        role=found,
        readiness=readiness_from_gap(cat, gap),
        rows=tuple(requirement_rows(cat, found, gap)),
        family=cat.family_name(found.family),
        comes_from=tuple(cat.roles[r].title for r in found.comes_from),
        leads_to=tuple(cat.roles[r].title for r in found.leads_to),
    )
