"""The person's profile: reading it as the planning engine sees it, and changing settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.catalog.schema import EDUCATION_ORDER
from planner.errors import InvalidInputError
from planner.services.inputs import check_hours_per_week, check_years
from planner.services.snapshot import snapshot
from planner.services.workspace import Workspace
from planner.store import repository

__all__ = [
    "ProfileSettings",
    "clear_target",
    "set_target",
    "settings",
    "snapshot",
    "update_settings",
]


@dataclass(frozen=True)
class ProfileSettings:
    name: str
    years_experience: float
    education: str
    current_role_id: str | None
    target_role_id: str | None
    hours_per_week: float
    start_date: date | None


def settings(ws: Workspace) -> ProfileSettings:
    with ws.transaction() as session:
        p = repository.get_profile(session=session)
        return ProfileSettings(
            p.name,
            p.years_experience,
            p.education,
            p.current_role_id,
            p.target_role_id,
            p.hours_per_week,
            p.start_date,
        )


def update_settings(
    ws: Workspace,
    *,
    name: str | None = None,
    years_experience: float | None = None,
    education: str | None = None,
    current_role: str | None = None,
    hours_per_week: float | None = None,
    start_date: date | None = None,
) -> ProfileSettings:
    """Change any of the profile's settings in one transaction; roles by id, name or alias."""
    current_role_id = ws.catalog.find_role(current_role).id if current_role else None
    if education is not None and education not in EDUCATION_ORDER:
        raise InvalidInputError(
            f"Education {education!r} is not one of {', '.join(EDUCATION_ORDER)}."
        )
    with ws.transaction() as session:
        p = repository.get_profile(session=session)
        if name is not None:
            p.name = name.strip()
        if years_experience is not None:
            p.years_experience = check_years(years_experience)
            p.years_recorded_on = ws.today()
        if education is not None:
            p.education = education
        if current_role_id is not None:
            p.current_role_id = current_role_id
        if hours_per_week is not None:
            p.hours_per_week = check_hours_per_week(hours_per_week)
        if start_date is not None:
            p.start_date = start_date
        session.add(p)
    return settings(ws)


def set_target(ws: Workspace, *, role: str) -> str:
    """Make ``role`` (id, title or alias) the target; returns its id."""
    role_id = ws.catalog.find_role(role).id
    with ws.transaction() as session:
        p = repository.get_profile(session=session)
        p.target_role_id = role_id
        session.add(p)
    return role_id


def clear_target(ws: Workspace) -> None:
    """No target role (undoing the first choice of one)."""
    with ws.transaction() as session:
        p = repository.get_profile(session=session)
        p.target_role_id = None
        session.add(p)
