"""The whole profile as a JSON document, written and read back without losing anything.

The document is generic over the tables' columns (a column added to a model is exported and
imported with no change here) and validated strictly on reading: every field's type, the value
ranges and choices of planner.store.models, and the references between rows. A problem is
reported with its place in the document, e.g. ``plans[0].steps[3].status``.

Catalog ids (skills, certifications, roles) that the running catalog does not know are kept:
the data is the person's, and a later catalog may know them again. The importer reports them.
The person's own skills and roles are different: each definition is validated here through
the catalog schema, and the importer checks that what they name exists (planner.services).

Format 2 (format 1, still read, is the same without the two custom lists)::

    {"kind": KIND, "format": 2, "schema_revision": "0004", "app_version": "...",
     "exported_on": "YYYY-MM-DD",
     "profile": {column: value, ...},                      # every column but id
     "skill_ratings": [{column: value, ...}, ...],         # every column, id included
     "certifications": [...], "user_resources": [...],
     "plans": [{column: value, ..., "steps": [...]}],      # steps: every column but plan_id
     "custom_skills": [{column: value, ..., "definition": {...}}],  # the catalog's Skill
     "custom_roles": [...]}                                         # ... and Role, as JSON

Dates are ``YYYY-MM-DD``; times are ISO 8601 in UTC with their offset; ids are kept, so the
order of rows (and which rating is the latest on a tie) survives the round trip. Custom
entries, whose ids are names, are listed in the order they were added and imported in it.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from planner.catalog.schema import Role, Skill
from planner.catalog.validation import to_json
from planner.errors import InvalidInputError
from planner.export.profile_checks import (
    READERS,
    RULES,
    DefinitionProblem,
    key_place,
    read_day,
    read_definition,
    show,
)
from planner.store.models import (
    CustomRole,
    CustomSkill,
    HeldCertification,
    Plan,
    PlanStep,
    Profile,
    SkillRating,
    UserResource,
    UTCDateTime,
)

KIND = "learning-path-planner profile"
FORMAT = 2
FORMATS_READ = (1, 2)
MAX_BYTES = 50 * 1024 * 1024  # far above any real profile; a bigger file is refused unread
_HEADER = ("kind", "format", "schema_revision", "app_version", "exported_on")


Row = Mapping[str, Any]
"""One row of a table: column name -> value, as SQLAlchemy reads and writes it."""


@dataclass(frozen=True)
class PlanWithSteps:
    plan: Row
    steps: tuple[Row, ...]  # without plan_id: the plan they belong to gives it


@dataclass(frozen=True)
class ProfileData:
    """Every row the person owns (ids included), as plain column values: cheap to build and
    to insert, where table models would validate every attribute."""

    profile: Row  # without id: there is one profile, id 1
    ratings: tuple[Row, ...]
    certifications: tuple[Row, ...]
    plans: tuple[PlanWithSteps, ...]
    resources: tuple[Row, ...]
    # The definition column holds the entry as the catalog schema dumps it to JSON text.
    custom_skills: tuple[Row, ...] = ()
    custom_roles: tuple[Row, ...] = ()

    def catalog_ids(self) -> dict[str, set[str]]:
        """The catalog ids the data refers to, by kind (skill, certification, role)."""
        skills = {r["skill_id"] for r in self.ratings}
        certs = {c["cert_id"] for c in self.certifications}
        roles = {self.profile["current_role_id"] or "", self.profile["target_role_id"] or ""}
        for item in self.plans:
            roles.add(item.plan["role_id"])
            roles.update(item.plan["route"].split(","))
            for step in item.steps:
                skills.add(step["skill_id"] or "")
                certs.add(step["cert_id"] or "")
                roles.add(step["stage_role_id"])
        return {"skill": skills - {""}, "certification": certs - {""}, "role": roles - {""}}


class DocumentError(Exception):
    """The first problem found in a document: where it is, and what is wrong."""

    def __init__(self, where: str, problem: str, *, remedy: str = "") -> None:
        super().__init__(f"{where}: {problem}" if where else problem)
        # What the person can do about it; the default suits a damaged or foreign file.
        self.remedy = remedy or "choose a profile written by 'planner export --json'"


# --- the tables, as the document sees them -----------------------------------------------------


@dataclass(frozen=True)
class _Section:
    key: str
    model: type[SQLModel]
    skipped: frozenset[str] = frozenset()  # columns the document does not carry

    @property
    def columns(self) -> list[sa.Column[Any]]:
        table: sa.Table = self.model.__table__  # type: ignore[attr-defined]
        return [c for c in table.columns if c.name not in self.skipped]


PROFILE = _Section("profile", Profile, frozenset({"id"}))  # one row, always id 1
RATINGS = _Section("skill_ratings", SkillRating)
CERTIFICATIONS = _Section("certifications", HeldCertification)
PLANS = _Section("plans", Plan)
STEPS = _Section("steps", PlanStep, frozenset({"plan_id"}))  # implied by nesting
RESOURCES = _Section("user_resources", UserResource)
_LISTS = (RATINGS, CERTIFICATIONS, PLANS, RESOURCES)
# The definition is carried as a JSON object, not as the text the column stores.
CUSTOM_SKILLS = _Section("custom_skills", CustomSkill, frozenset({"definition"}))
CUSTOM_ROLES = _Section("custom_roles", CustomRole, frozenset({"definition"}))
_CUSTOM = (CUSTOM_SKILLS, CUSTOM_ROLES)


def column_kind(column: sa.Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return "datetime"
    if isinstance(kind, sa.TypeDecorator):  # e.g. SQLModel's AutoString, a String underneath
        kind = kind.impl_instance
    for sa_type, name in (
        (sa.Boolean, "bool"),
        (sa.Integer, "int"),
        (sa.Float, "float"),
        (sa.Date, "date"),
        (sa.String, "str"),
    ):
        if isinstance(kind, sa_type):
            return name
    raise TypeError(f"column {column} has a type the JSON format does not know: {kind!r}")


# --- writing -----------------------------------------------------------------------------------


def _to_json(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row_to_json(section: _Section, row: Row) -> dict[str, object]:
    out: dict[str, object] = {}
    for column in section.columns:
        value = row[column.name]
        if value is not None and column_kind(column) == "float":
            value = float(value)  # 6 and 6.0 are one value; the document always says 6.0
        out[column.name] = _to_json(value)
    return out


def to_document(
    data: ProfileData, *, schema_revision: str, app_version: str, exported_on: date
) -> dict[str, object]:
    """``data`` as the JSON-ready document (rows in id order; custom entries as given)."""
    by_id: Callable[[Row], int] = lambda r: r["id"]  # noqa: E731
    plans = []
    for item in sorted(data.plans, key=lambda p: by_id(p.plan)):
        row = _row_to_json(PLANS, item.plan)
        row["steps"] = [_row_to_json(STEPS, s) for s in sorted(item.steps, key=by_id)]
        plans.append(row)
    custom = {
        section.key: [
            {**_row_to_json(section, r), "definition": json.loads(r["definition"])}
            for r in rows  # in the order they were added (ids are names, not numbers)
        ]
        for section, rows in (
            (CUSTOM_SKILLS, data.custom_skills),
            (CUSTOM_ROLES, data.custom_roles),
        )
    }
    return {
        "kind": KIND,
        "format": FORMAT,
        "schema_revision": schema_revision,
        "app_version": app_version,
        "exported_on": exported_on.isoformat(),
        "profile": _row_to_json(PROFILE, data.profile),
        "skill_ratings": [_row_to_json(RATINGS, r) for r in sorted(data.ratings, key=by_id)],
        "certifications": [
            _row_to_json(CERTIFICATIONS, c) for c in sorted(data.certifications, key=by_id)
        ],
        "plans": plans,
        "user_resources": [_row_to_json(RESOURCES, r) for r in sorted(data.resources, key=by_id)],
        **custom,
    }


def dumps(document: Mapping[str, object]) -> bytes:
    """The document as UTF-8 JSON text, indented so that a person can read it."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _default(model: type[SQLModel], name: str) -> tuple[bool, object]:
    field = model.model_fields.get(name)
    if field is None or field.is_required():
        return False, None
    if field.default_factory is not None:
        return True, field.default_factory()  # type: ignore[call-arg]
    return True, field.default


def _read_row(
    section: _Section, obj: Any, where: str, other_schema: bool, extra: frozenset[str] = frozenset()
) -> dict[str, object]:
    """The row at ``where`` as column values. ``other_schema``: the document comes from
    another schema revision, so a column it lacks takes the model's default (it was added
    since the document was written)."""
    if not isinstance(obj, dict):
        raise DocumentError(where, f"expected an object, found {_type_name(obj)}")
    columns = section.columns
    names = {c.name for c in columns} | extra
    for key in obj:
        if key not in names:
            raise DocumentError(key_place(where, key), "is not a field this planner knows")
    values: dict[str, object] = {}
    rules = RULES.get(section.key, {})
    for column in columns:
        place = f"{where}.{column.name}"
        if column.name not in obj:
            has_default, default = _default(section.model, column.name)
            # Ids are never filled in: rows refer to them, and their order is the data's.
            usable = has_default and (default is not None or column.nullable)
            if other_schema and usable and not column.primary_key:
                values[column.name] = default
                continue
            raise DocumentError(place, "is missing")
        raw = obj[column.name]
        if raw is None:
            if not column.nullable:
                raise DocumentError(place, "must have a value (null is not allowed)")
            values[column.name] = None
            continue
        try:
            value = READERS[column_kind(column)](raw)
        except (ValueError, OverflowError) as exc:
            raise DocumentError(place, str(exc)) from None
        rule = rules.get(column.name)
        problem = rule(value) if rule else None
        if problem:
            raise DocumentError(place, problem)
        values[column.name] = value
    return values


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _list(document: dict[str, Any], key: str, where: str) -> list[Any]:
    if key not in document:
        raise DocumentError(f"{where}{key}", "is missing")
    items = document[key]
    if not isinstance(items, list):
        raise DocumentError(f"{where}{key}", f"expected a list, found {_type_name(items)}")
    return items


class _Unique:
    """Remembers values seen in one scope and reports the second of any."""

    def __init__(self, what: str) -> None:
        self.what, self.seen = what, set[object]()

    def add(self, value: object, where: str) -> None:
        if value in self.seen:
            raise DocumentError(where, f"{self.what} {show(value)} appears twice")
        self.seen.add(value)


# --- reading: the document ---------------------------------------------------------------------


def parse_document(raw: bytes, *, schema_revision: str) -> ProfileData:
    """Validate ``raw`` (the file's bytes) and return its rows; DocumentError on a problem.

    ``schema_revision`` is the running planner's: a document from another revision may lack
    columns added since (they take their defaults) but may not carry unknown ones.
    """
    document = _decode(raw)
    if not isinstance(document, dict):
        raise DocumentError("", f"the file holds {_type_name(document)}, not a planner profile")
    if document.get("kind") != KIND:
        raise DocumentError("kind", f"this is not a planner profile (its kind is not {KIND!r})")
    version = document.get("format")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DocumentError("format", f"{show(version)} is not a format number")
    if version > FORMAT:
        raise DocumentError(
            "format",
            f"{version} is newer than this planner reads ({FORMAT})",
            remedy="update the planner to import it",
        )
    if version not in FORMATS_READ:
        raise DocumentError("format", f"{version} is not a format this planner reads ({FORMAT})")
    for key in ("schema_revision", "app_version"):
        if not isinstance(document.get(key), str):
            raise DocumentError(key, f"{show(document.get(key))} is not text")
    try:
        read_day(document.get("exported_on"))
    except ValueError as exc:
        raise DocumentError("exported_on", str(exc)) from None
    custom_keys = {s.key for s in _CUSTOM}
    with_custom = version >= 2  # format 1 came before custom roles and skills
    known = {*_HEADER, PROFILE.key, *(s.key for s in _LISTS), *(custom_keys if with_custom else ())}
    for key in document:
        if key in custom_keys and not with_custom:
            raise DocumentError(key, f"is not a field of a format {version} profile")
        if key not in known:
            raise DocumentError(key_place("", key), "is not a field this planner knows")
    other_schema = document["schema_revision"] != schema_revision
    if PROFILE.key not in document:
        raise DocumentError(PROFILE.key, "is missing")
    profile = _read_row(PROFILE, document[PROFILE.key], PROFILE.key, other_schema)
    ratings = _read_rows(RATINGS, document, other_schema)
    certifications = _read_rows(CERTIFICATIONS, document, other_schema)
    resources = _read_rows(RESOURCES, document, other_schema)
    plans = _read_plans(document, other_schema)
    skills = _read_custom(CUSTOM_SKILLS, Skill, document, other_schema) if with_custom else ()
    roles = _read_custom(CUSTOM_ROLES, Role, document, other_schema) if with_custom else ()
    return ProfileData(profile, ratings, certifications, plans, resources, skills, roles)


def _decode(raw: bytes) -> object:
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark from a text editor is harmless
    except UnicodeDecodeError as exc:
        raise DocumentError("", f"byte {exc.start} is not UTF-8 text") from None

    def constant(name: str) -> object:
        raise DocumentError("", f"{name} is not a number JSON allows")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for key, value in pairs:
            if key in obj:
                raise DocumentError("", f"the field {show(key)} appears twice in one object")
            obj[key] = value
        return obj

    try:
        return json.loads(text, parse_constant=constant, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            "", f"not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise DocumentError("", "the JSON is nested too deeply") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise DocumentError("", f"not valid JSON ({exc})") from None


def _read_rows(section: _Section, document: dict[str, Any], other_schema: bool) -> tuple[Row, ...]:
    ids = _Unique("id")
    rows = []
    for n, obj in enumerate(_list(document, section.key, "")):
        where = f"{section.key}[{n}]"
        row = _read_row(section, obj, where, other_schema)
        ids.add(row["id"], f"{where}.id")
        rows.append(row)
    return tuple(rows)


def _read_custom(
    section: _Section,
    model: type[Skill] | type[Role],
    document: dict[str, Any],
    other_schema: bool,
) -> tuple[Row, ...]:
    """The custom entries of one kind, each definition validated and stored as the catalog
    schema dumps it (so that what is stored reads back the way the planner wrote it)."""
    ids = _Unique("id")
    rows = []
    for n, obj in enumerate(_list(document, section.key, "")):
        where = f"{section.key}[{n}]"
        row = _read_row(section, obj, where, other_schema, extra=frozenset({"definition"}))
        ids.add(row["id"], f"{where}.id")
        if "definition" not in obj:
            raise DocumentError(f"{where}.definition", "is missing")
        try:
            entry = read_definition(model, obj["definition"])
        except DefinitionProblem as exc:
            raise DocumentError(f"{where}.definition{exc.inside}", exc.problem) from None
        if entry.id != row["id"]:
            raise DocumentError(
                f"{where}.definition.id", f"{show(entry.id)} is not the id of its entry"
            )
        rows.append({**row, "definition": to_json(entry)})
    return tuple(rows)


def _read_plans(document: dict[str, Any], other_schema: bool) -> tuple[PlanWithSteps, ...]:
    plan_ids, step_ids = _Unique("id"), _Unique("id")
    plans: list[PlanWithSteps] = []
    active = 0
    for n, obj in enumerate(_list(document, PLANS.key, "")):
        where = f"plans[{n}]"
        row = _read_row(PLANS, obj, where, other_schema, extra=frozenset({"steps"}))
        plan_ids.add(row["id"], f"{where}.id")
        if row["is_active"]:
            active += 1
            if active > 1:
                raise DocumentError(f"{where}.is_active", "only one plan may be active")
        stages = len(row["route"].split(",")) if row["route"] else 1  # type: ignore[attr-defined]
        keys, positions = _Unique("step key"), _Unique("position")
        steps = []
        for m, step_obj in enumerate(_list(obj, "steps", f"{where}.")):
            place = f"{where}.steps[{m}]"
            step = _read_row(STEPS, step_obj, place, other_schema)
            step_ids.add(step["id"], f"{place}.id")
            keys.add(step["key"], f"{place}.key")
            positions.add(step["position"], f"{place}.position")
            if step["stage"] >= stages:  # type: ignore[operator]
                raise DocumentError(
                    f"{place}.stage", f"the plan has {stages} stage(s), numbered from 0"
                )
            steps.append(step)
        plans.append(PlanWithSteps(row, tuple(steps)))
    return tuple(plans)


def read_document(path: Path, *, schema_revision: str) -> ProfileData:
    """Read and validate the profile file at ``path``; InvalidInputError names the file and
    the first problem. At most MAX_BYTES are read."""
    path = Path(path)
    try:
        # Non-blocking: opening a named pipe must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InvalidInputError(f"Cannot import {path}: there is no such file.") from None
    except OSError as exc:
        raise InvalidInputError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # a folder, a pipe, a device: nothing a profile is kept in
        os.close(fd)
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InvalidInputError(f"Cannot import {path}: it is {what}; choose a profile file.")
    with os.fdopen(fd, "rb") as file:
        try:
            raw = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InvalidInputError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(raw) > MAX_BYTES:
        raise InvalidInputError(
            f"Cannot import {path}: it is larger than {MAX_BYTES // 2**20} MB, far more than "
            "any planner profile; check that it is the right file."
        )
    try:
        return parse_document(raw, schema_revision=schema_revision)
    except DocumentError as exc:
        raise InvalidInputError(
            f"Cannot import {path}: {exc}. Nothing was changed; {exc.remedy}."
        ) from None


@cache
def fields_of(section_key: str) -> tuple[tuple[str, str, bool], ...]:
    """(name, kind, nullable) of each field a section carries, for tests and tools."""
    section = {s.key: s for s in (PROFILE, STEPS, *_LISTS, CUSTOM_SKILLS, CUSTOM_ROLES)}[
        section_key
    ]
    return tuple((c.name, column_kind(c), bool(c.nullable)) for c in section.columns)
