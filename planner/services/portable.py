"""Portable data: the whole profile to and from a JSON file, and the plan as a calendar.

An import goes into a data folder that holds nothing of the person's yet, or, asked to
replace, takes a backup and then swaps everything (custom roles and skills included) in one
transaction. A file that does not validate changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from planner import version
from planner.catalog import Catalog
from planner.catalog.custom import merge_custom, parse_definitions
from planner.catalog.schema import Role, Skill
from planner.catalog.validation import to_json
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
from planner.store.models import CustomRole, CustomSkill

# Columns of the profile that a person's use changes; a profile equal to the defaults on all
# of them is a fresh one (its timestamps do not count).
_SETTINGS_COLUMNS = tuple(
    c.name
    for c in Profile.__table__.columns  # type: ignore[attr-defined]
    if c.name not in ("id", "created_at", "updated_at")
)
# Every table a JSON import replaces, children first (the steps refer to their plans).
EVERY_TABLE_CHILDREN_FIRST: tuple[type[SQLModel], ...] = (
    UserResource,
    PlanStep,
    Plan,
    HeldCertification,
    SkillRating,
    Profile,
    CustomRole,
    CustomSkill,
)
_USER_TABLES = (SkillRating, HeldCertification, Plan, UserResource, CustomSkill, CustomRole)

log = logging.getLogger(__name__)


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
    custom_skills: int = 0
    custom_roles: int = 0

    def describe(self) -> str:
        parts = [
            _count(self.ratings, "skill rating"),
            _count(self.certifications, "certification"),
            f"{_count(self.plans, 'plan')} ({_count(self.steps, 'step')})",
            _count(self.resources, "own resource"),
        ]
        # Said only when there are some: most profiles have none.
        if self.custom_skills:
            parts.append(_count(self.custom_skills, "custom skill"))
        if self.custom_roles:
            parts.append(_count(self.custom_roles, "custom role"))
        return f"Imported {', '.join(parts[:-1])} and {parts[-1]} from {self.path}."


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


# --- reading the database ---------------------------------------------------------------------


def _table(model: type[SQLModel]) -> sa.Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


def _rows(session: Session, model: type[SQLModel]) -> tuple[dict[str, Any], ...]:
    # Core, not ORM objects: every column, generically, and no per-attribute validation.
    table = _table(model)
    # Custom entries' ids are text: their rows keep the order they were added in (rowid),
    # which an import, adding them in the file's order, gives them again.
    order = sa.literal_column("rowid") if model in (CustomSkill, CustomRole) else table.c.id
    result = session.connection().execute(sa.select(table).order_by(order))
    return tuple(dict(row._mapping) for row in result)


def _load(session: Session, base: Catalog) -> ProfileData:
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
    custom_skills, custom_roles = _fitting_custom(
        base, _rows(session, CustomSkill), _rows(session, CustomRole)
    )
    return ProfileData(
        profile,
        _rows(session, SkillRating),
        _rows(session, HeldCertification),
        plans,
        _rows(session, UserResource),
        custom_skills,
        custom_roles,
    )


def _fitting_custom(
    base: Catalog, skills: tuple[dict[str, Any], ...], roles: tuple[dict[str, Any], ...]
) -> tuple[tuple[dict[str, Any], ...], tuple[dict[str, Any], ...]]:
    """The stored custom rows the catalog takes in, their definitions as the schema dumps
    them. The others (no longer valid, or naming what the catalog lost) are left out, as the
    planner itself leaves them out: a file with them could not be imported anywhere."""
    if not skills and not roles:
        return (), ()
    skipped: list[str] = []
    parsed_skills = parse_definitions(Skill, "skill", _pairs(skills), skipped)
    parsed_roles = parse_definitions(Role, "role", _pairs(roles), skipped)
    merged = merge_custom(base, parsed_skills, parsed_roles, skipped)
    for line in merged.skipped:
        log.warning("planner: warning: not exported: %s", line)
    kept = merged.catalog
    return (
        _as_dumped(skills, parsed_skills, kept.custom_skill_ids),
        _as_dumped(roles, parsed_roles, kept.custom_role_ids),
    )


def _pairs(rows: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(r["id"], r["definition"]) for r in rows]


def _as_dumped(
    rows: tuple[dict[str, Any], ...], entries: Sequence[Skill | Role], kept: AbstractSet[str]
) -> tuple[dict[str, Any], ...]:
    by_id = {e.id: e for e in entries}
    return tuple({**r, "definition": to_json(by_id[r["id"]])} for r in rows if r["id"] in kept)


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
    base = ws.base_catalog  # loaded before the transaction, which holds the write lock
    with ws.transaction() as session:
        data = _load(session, base)
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
    _check_custom(ws, data, path)
    backup: Path | None = None
    if replace and holds_user_data(ws):
        from planner.services.backups import back_up_now

        backup = back_up_now(ws)
    with ws.transaction() as session:  # checked in the same transaction as the write
        if not replace and _holds_user_data(session):
            raise InvalidInputError(_NOT_EMPTY.format(path=path, folder=ws.folder))
        _replace_everything(session, data)
    ws.reload_catalog()  # the custom entries just stored join it; plans for them resolve
    return ImportSummary(
        path=path,
        ratings=len(data.ratings),
        certifications=len(data.certifications),
        plans=len(data.plans),
        steps=sum(len(p.steps) for p in data.plans),
        resources=len(data.resources),
        unknown_ids=_unknown_ids(ws, data),
        backup=backup,
        custom_skills=len(data.custom_skills),
        custom_roles=len(data.custom_roles),
    )


_UNFIT = (
    "Cannot import {path}: {where}: {problem}. Nothing was changed; the custom roles and "
    "skills in it must fit this planner's catalog: import it into the planner version that "
    "exported it."
)


def _check_custom(ws: Workspace, data: ProfileData, path: Path) -> None:
    """Refuse custom entries that the catalog would not take in: an id of the shipped
    catalog, or a skill, certification, family or role they name that neither the catalog
    nor the file has. (The file replaces every custom entry, so only the shipped catalog
    counts.)"""
    if not data.custom_skills and not data.custom_roles:
        return
    base = ws.base_catalog
    places: dict[str, str] = {}
    for key, kind, rows, shipped in (
        ("custom_skills", "skill", data.custom_skills, base.skills),
        ("custom_roles", "role", data.custom_roles, base.roles),
    ):
        for n, row in enumerate(rows):
            places[f"custom {kind} {row['id']!r}"] = f"{key}[{n}]"
            if row["id"] in shipped:
                raise InvalidInputError(
                    _UNFIT.format(
                        path=path,
                        where=f"{key}[{n}].id",
                        problem=f"{row['id']!r} is a {kind} of the catalog that comes with "
                        "the planner",
                    )
                )
    skipped: list[str] = []
    skills = parse_definitions(Skill, "skill", _pairs(data.custom_skills), skipped)
    roles = parse_definitions(Role, "role", _pairs(data.custom_roles), skipped)
    merged = merge_custom(base, skills, roles, skipped)
    if merged.skipped:
        # "custom role 'x': requirement names unknown skill 'y'" -> the entry's place
        entry, _, problem = merged.skipped[0].partition(": ")
        raise InvalidInputError(
            _UNFIT.format(path=path, where=places.get(entry, entry), problem=problem)
        )


def _replace_everything(session: Session, data: ProfileData) -> None:
    connection = session.connection()
    for model in EVERY_TABLE_CHILDREN_FIRST:
        connection.execute(sa.delete(_table(model)))
    inserts: list[tuple[type[SQLModel], list[dict[str, Any]]]] = [
        (Profile, [{**data.profile, "id": 1}]),
        (SkillRating, [dict(r) for r in data.ratings]),
        (HeldCertification, [dict(r) for r in data.certifications]),
        (UserResource, [dict(r) for r in data.resources]),
        (Plan, [dict(p.plan) for p in data.plans]),  # before the steps that point at them
        (PlanStep, [{**s, "plan_id": p.plan["id"]} for p in data.plans for s in p.steps]),
        (CustomSkill, [dict(r) for r in data.custom_skills]),
        (CustomRole, [dict(r) for r in data.custom_roles]),
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
