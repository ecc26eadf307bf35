"""Every role ranked by how close a person is: readiness first, then the hours still needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.catalog import Catalog
from planner.planning.gap import role_gap
from planner.planning.graph import build_steps
from planner.planning.profile import ProfileSnapshot
from planner.planning.readiness import readiness_from_gap


@dataclass(frozen=True)
class RoleStanding:
    role_id: str
    readiness: float
    hours_needed: float
    steps: int


def standing(catalog: Catalog, profile: ProfileSnapshot, role_id: str, on: date) -> RoleStanding:
    role = catalog.roles[role_id]
    gap = role_gap(catalog, profile, role, on)
    steps = build_steps(catalog, profile, role, gap)
    study = [s for s in steps if s.kind not in ("milestone", "experience")]
    return RoleStanding(
        role_id=role_id,
        readiness=readiness_from_gap(catalog, gap).percent,
        hours_needed=sum(s.hours for s in study),
        steps=len(study),
    )


def rank_roles(catalog: Catalog, profile: ProfileSnapshot, on: date) -> list[RoleStanding]:
    """All catalog roles, closest first (highest readiness, then fewest hours, then title)."""
    standings = [standing(catalog, profile, role_id, on) for role_id in catalog.roles]
    return sorted(
        standings,
        key=lambda s: (-s.readiness, s.hours_needed, catalog.roles[s.role_id].title.casefold()),
    )
