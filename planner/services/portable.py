"""Portable data: the whole profile to and from a JSON file, and the plan as a calendar.

An import goes into a data folder that holds nothing of the person's yet, or, asked to
replace, takes a backup and then swaps everything in one transaction. A file that does not
validate changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from planner import version
from planner.errors import InvalidInputError
from planner.export.atomic import write_atomically
from planner.export.profile_json import (
    PlanWithSteps,
    ProfileData,
    dumps,
    read_document,
    to_document,
)
from planner.services.workspace import Workspace
from planner.store import (
    HeldCertification,
    Plan,
    PlanStep,
    Profile,
    SkillRating,
    UserResource,
    head_revision,
)

# Columns of the profile that a person's use changes; a profile equal to the defaults on all
# of them is a fresh one (its timestamps do not count).
_SETTINGS_COLUMNS = tuple(
    c.name
    for c in Profile.__table__.columns  # type: ignore[attr-defined]
    if c.name not in ("id", "created_at", "updated_at")
)
_USER_TABLES = (SkillRating, HeldCertification, Plan, UserResource)


@dataclass(frozen=True)
class ImportSummary:
    """What an import brought in, for the person to check."""

    path: Path
    ratings: int
    certifications: int
    plans: int
    steps: int
    resources: int
    unknown_ids: tuple[str, ...]  # "skill 'x'", ...: kept, though this catalog lacks them
    backup: Path | None  # the copy taken before replacing, if anything was replaced

    def describe(self) -> str:
        return (
            f"Imported {_count(self.ratings, 'skill rating')}, "
            f"{_count(self.certifications, 'certification')}, "
            f"{_count(self.plans, 'plan')} ({_count(self.steps, 'step')}) and "
            f"{_count(self.resources, 'own resource')} from {self.path}."
        )


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


# --- reading the database ---------------------------------------------------------------------


def _table(model: type[SQLModel]) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _rows(session: Session, model: type[SQLModel]) -> tuple[dict[str, Any], ...]:
    # Core, not ORM objects: every column, generically, and no per-attribute validation.
    table = _table(model)
    result = session.connection().execute(sa.select(table).order_by(table.c.id))
    return tuple(dict(row._mapping) for row in result)


def _load(session: Session) -> ProfileData:
    profiles = _rows(session, Profile)
    if profiles:
        profile = profiles[0]
    else:  # never written: what get_profile would create
        fresh = Profile(id=1)
        profile = {c.name: getattr(fresh, c.name) for c in _table(Profile).columns}
    steps: dict[int, list[dict[str, Any]]] = {}
    for step in _rows(session, PlanStep):
        steps.setdefault(step["plan_id"], []).append(step)
    plans = tuple(PlanWithSteps(p, tuple(steps.get(p["id"], ()))) for p in _rows(session, Plan))
    return ProfileData(
        profile,
        _rows(session, SkillRating),
        _rows(session, HeldCertification),
        plans,
        _rows(session, UserResource),
    )


def _holds_user_data(session: Session) -> bool:
    for model in _USER_TABLES:
        if session.exec(select(model.id).limit(1)).first() is not None:
            return True
    profile = session.get(Profile, 1)
    if profile is None:
        return False
    fresh = Profile(id=1)
    return any(getattr(profile, c) != getattr(fresh, c) for c in _SETTINGS_COLUMNS)


def holds_user_data(ws: Workspace) -> bool:
    """Whether the database holds anything of the person's (an import would replace it)."""
    with ws.transaction() as session:
        return _holds_user_data(session)


# --- export -----------------------------------------------------------------------------------


def profile_document(ws: Workspace) -> dict[str, object]:
    """The whole profile as the JSON document (read in one transaction)."""
    with ws.transaction() as session:
        data = _load(session)
    return to_document(
        data, schema_revision=head_revision(), app_version=version(), exported_on=ws.today()
    )


def export_json_file(ws: Workspace, path: Path) -> Path:
    """Write the whole profile to ``path`` as JSON, all or nothing."""
    write_atomically(Path(path), dumps(profile_document(ws)))
    return Path(path)


def export_ics_file(ws: Workspace, path: Path) -> Path:
    """Write the active plan's steps and milestones to ``path`` as an iCalendar file."""
    from planner.export.ics import export_ics
    from planner.services.exports import plan_report

    export_ics(plan_report(ws), Path(path), stamp=datetime.now(UTC))
    return Path(path)


# --- import -----------------------------------------------------------------------------------

_NOT_EMPTY = (
    "Cannot import {path}: this data folder ({folder}) already holds a profile. Choose an "
    "empty data folder (--data-dir), or replace everything with --replace (a backup is taken "
    "first)."
)


def read_json_file(path: Path) -> ProfileData:
    """Read and validate a profile file without touching the database (InvalidInputError
    names the file and the first problem)."""
    return read_document(Path(path), schema_revision=head_revision())


def import_json_file(ws: Workspace, path: Path, *, replace: bool = False) -> ImportSummary:
    """Bring in the profile exported to ``path``.

    Without ``replace`` the database must hold nothing of the person's yet; with it, a backup
    is taken and everything is replaced in one transaction. The file is read and validated
    before the database is touched, so a bad file changes nothing (InvalidInputError says
    where the first problem is).
    """
    return import_profile(ws, read_json_file(path), path=Path(path), replace=replace)


def import_profile(
    ws: Workspace, data: ProfileData, *, path: Path, replace: bool = False
) -> ImportSummary:
    """Store ``data`` (read from ``path`` by read_json_file); see import_json_file."""
    backup: Path | None = None
    if replace and holds_user_data(ws):
        from planner.services.backups import back_up_now

        backup = back_up_now(ws)
    with ws.transaction() as session:  # checked in the same transaction as the write
        if not replace and _holds_user_data(session):
            raise InvalidInputError(_NOT_EMPTY.format(path=path, folder=ws.folder))
        _replace_everything(session, data)
    return ImportSummary(
        path=path,
        ratings=len(data.ratings),
        certifications=len(data.certifications),
        plans=len(data.plans),
        steps=sum(len(p.steps) for p in data.plans),
        resources=len(data.resources),
        unknown_ids=_unknown_ids(ws, data),
        backup=backup,
    )


def _replace_everything(session: Session, data: ProfileData) -> None:
    connection = session.connection()
    # Children first: the steps refer to their plans.
    for model in (UserResource, PlanStep, Plan, HeldCertification, SkillRating, Profile):
        connection.execute(sa.delete(_table(model)))
    inserts: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (Profile, [{**data.profile, "id": 1}]),
        (SkillRating, [dict(r) for r in data.ratings]),
        (HeldCertification, [dict(r) for r in data.certifications]),
        (UserResource, [dict(r) for r in data.resources]),
        (Plan, [dict(p.plan) for p in data.plans]),  # before the steps that point at them
        (PlanStep, [{**s, "plan_id": p.plan["id"]} for p in data.plans for s in p.steps]),
    ]
    for table_model, rows in inserts:
        if rows:
            connection.execute(sa.insert(_table(table_model)), rows)


def _unknown_ids(ws: Workspace, data: ProfileData) -> tuple[str, ...]:
    known = {
        "skill": ws.catalog.skills,
        "certification": ws.catalog.certifications,
        "role": ws.catalog.roles,
    }
    return tuple(
        f"{kind} {value!r}"
        for kind, values in data.catalog_ids().items()
        for value in sorted(values)
        if value not in known[kind]
    )
