"""Reads the catalog's TOML files, validates them, and checks every cross-reference.

Layout of a catalog folder:
  catalog.toml          [[categories]] and [[families]]
  skills/*.toml         [[skills]] entries
  certifications.toml   [[certifications]] entries
  roles/*.toml          one role per file

Every problem is reported with the file, the entry and what is wrong, all at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from planner.catalog.catalog import Catalog, normalise_name
from planner.catalog.schema import Category, Certification, Family, Role, Skill
from planner.errors import CatalogError

M = TypeVar("M", bound=BaseModel)


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self, root: Path) -> None:
        if self.lines:
            shown = "\n  ".join(self.lines[:50])
            more = f"\n  … and {len(self.lines) - 50} more" if len(self.lines) > 50 else ""
            raise CatalogError(f"The catalog in {root} is not valid:\n  {shown}{more}")


class _Located:
    """Adds the file an entry came from to problems found after loading (cross-references)."""

    def __init__(self, problems: _Problems, origins: dict[str, str]) -> None:
        self._problems = problems
        self._origins = origins

    def add(self, where: str, message: str) -> None:
        origin = self._origins.get(where)
        self._problems.add(f"{origin}, {where}" if origin else where, message)


def _read_toml(path: Path, problems: _Problems) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problems.add(str(path), f"cannot be read: {exc}")
        return {}


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "entry"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def _entries(
    model: type[M], data: dict[str, Any], key: str, path: Path, problems: _Problems
) -> Iterator[M]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        problems.add(str(path), f"'{key}' must be a list of tables ([[{key}]])")
        return
    for position, item in enumerate(raw, start=1):
        label = item.get("id", f"#{position}") if isinstance(item, dict) else f"#{position}"
        try:
            yield model.model_validate(item)
        except ValidationError as exc:
            problems.add(f"{path}, {key} {label!r}", _describe(exc))


def _unique(
    items: Iterable[tuple[str, M]], kind: str, problems: _Problems, origins: dict[str, str]
) -> dict[str, M]:
    """Entries by id; ``origins`` learns the file each id came from, for later messages."""
    result: dict[str, M] = {}
    for where, item in items:
        item_id = item.id  # type: ignore[attr-defined]
        if item_id in result:
            problems.add(where, f"duplicate {kind} id {item_id!r}")
        else:
            result[item_id] = item
            origins[f"{kind} {item_id!r}"] = where
    return result


def load_catalog(root: Path) -> Catalog:
    """Load and validate the catalog in ``root``; raise CatalogError listing every problem."""
    problems = _Problems()
    origins: dict[str, str] = {}
    if not root.is_dir():
        raise CatalogError(f"The catalog folder {root} does not exist.")

    meta_path = root / "catalog.toml"
    meta = _read_toml(meta_path, problems)
    categories = _unique(
        ((str(meta_path), c) for c in _entries(Category, meta, "categories", meta_path, problems)),
        "category",
        problems,
        origins,
    )
    families = _unique(
        ((str(meta_path), f) for f in _entries(Family, meta, "families", meta_path, problems)),
        "family",
        problems,
        origins,
    )

    skill_items: list[tuple[str, Skill]] = []
    for path in sorted((root / "skills").glob("*.toml")):
        data = _read_toml(path, problems)
        skill_items += [(str(path), s) for s in _entries(Skill, data, "skills", path, problems)]
    skills = _unique(skill_items, "skill", problems, origins)

    cert_path = root / "certifications.toml"
    cert_data = _read_toml(cert_path, problems) if cert_path.exists() else {}
    certs = _unique(
        (
            (str(cert_path), c)
            for c in _entries(Certification, cert_data, "certifications", cert_path, problems)
        ),
        "certification",
        problems,
        origins,
    )

    role_items: list[tuple[str, Role]] = []
    for path in sorted((root / "roles").glob("*.toml")):
        data = _read_toml(path, problems)
        try:
            role_items.append((str(path), Role.model_validate(data)))
        except ValidationError as exc:
            problems.add(f"{path}, role {data.get('id', path.stem)!r}", _describe(exc))
    roles = _unique(role_items, "role", problems, origins)

    _check_references(root, skills, certs, roles, categories, families, _Located(problems, origins))
    problems.raise_if_any(root)
    ordered_roles = dict(sorted(roles.items(), key=lambda kv: kv[1].title.casefold()))
    return Catalog(
        skills=dict(sorted(skills.items())),
        certifications=dict(sorted(certs.items())),
        roles=ordered_roles,
        categories=categories,
        families=families,
    )


def _check_references(
    root: Path,
    skills: dict[str, Skill],
    certs: dict[str, Certification],
    roles: dict[str, Role],
    categories: dict[str, Category],
    families: dict[str, Family],
    problems: _Located,
) -> None:
    names: dict[str, str] = {}
    for skill in skills.values():
        where = f"skill {skill.id!r}"
        if categories and skill.category not in categories:
            problems.add(where, f"unknown category {skill.category!r}")
        for prereq in skill.prerequisites:
            if prereq.skill == skill.id:
                problems.add(where, "lists itself as a prerequisite")
            elif prereq.skill not in skills:
                problems.add(where, f"prerequisite {prereq.skill!r} is not a known skill")
        for name in (skill.name, *skill.aliases):
            owner = names.setdefault(normalise_name(name), skill.id)
            if owner != skill.id:
                problems.add(where, f"name or alias {name!r} is already used by skill {owner!r}")

    for cert in certs.values():
        for assumed in cert.assumes:
            if assumed.skill not in skills:
                problems.add(
                    f"certification {cert.id!r}", f"assumes unknown skill {assumed.skill!r}"
                )

    for role in roles.values():
        where = f"role {role.id!r}"
        if families and role.family not in families:
            problems.add(where, f"unknown family {role.family!r}")
        seen: set[str] = set()
        for requirement in role.requirements:
            for skill_id in requirement.any_of:
                if skill_id not in skills:
                    problems.add(where, f"requires unknown skill {skill_id!r}")
                if skill_id in seen:
                    problems.add(where, f"names skill {skill_id!r} in more than one requirement")
                seen.add(skill_id)
        for recommendation in role.certifications:
            for cert_id in recommendation.any_of:
                if cert_id not in certs:
                    problems.add(where, f"recommends unknown certification {cert_id!r}")
        for neighbour in (*role.comes_from, *role.leads_to):
            if neighbour not in roles:
                problems.add(where, f"ladder neighbour {neighbour!r} is not a known role")
            if neighbour == role.id:
                problems.add(where, "lists itself as a ladder neighbour")

    cycle = find_prerequisite_cycle(skills)
    if cycle:
        problems.add(str(root / "skills"), "prerequisite cycle: " + " -> ".join(cycle))


def find_prerequisite_cycle(skills: dict[str, Skill]) -> list[str]:
    """A cycle in the prerequisite graph as a list of ids, or [] when there is none."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(skill_id: str) -> list[str]:
        state[skill_id] = 1
        path.append(skill_id)
        for prereq in skills[skill_id].prerequisites:
            nxt = prereq.skill
            if nxt not in skills:
                continue
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[skill_id] = 2
        return []

    for skill_id in sorted(skills):
        if skill_id not in state:
            found = visit(skill_id)
            if found:
                return found
    return []
