"""Reads the catalog's TOML files, validates them, and checks every cross-reference.

Layout of a catalog folder:
  catalog.toml          [[categories]] and [[families]]
  skills/*.toml         [[skills]] entries
  certifications.toml   [[certifications]] entries
  roles/*.toml          one role per file

A file of the person's own roles and skills (what `planner custom export` writes) holds
[[skills]] and [[roles]] tables in the same format; a single role file is read as well.

Every problem is reported with the file, the entry and what is wrong, all at once. A file
that is damaged in any way (not TOML, not UTF-8, a folder, a pipe, huge, absurdly nested)
is a problem like any other: the loader raises CatalogError, never anything else.
"""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from planner.catalog.catalog import Catalog, normalise_name
from planner.catalog.schema import Category, Certification, Family, Role, Skill
from planner.catalog.validation import InvalidEntry, validate
from planner.errors import CatalogError

M = TypeVar("M")

# The largest shipped file is about 65 kB; anything this big is not a catalog file, and
# reading it whole would only cost memory before failing anyway.
MAX_FILE_BYTES = 2 * 1024 * 1024


def _printable(text: str, limit: int = 400) -> str:
    """``text`` on one line, control characters escaped, cut at ``limit``: problem lines
    quote keys and values from a damaged file, which may hold anything."""
    text = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.lines.append(_printable(f"{where}: {message}"))

    def raise_if_any(self, what: str) -> None:
        if self.lines:
            shown = "\n  ".join(self.lines[:50])
            more = f"\n  … and {len(self.lines) - 50} more" if len(self.lines) > 50 else ""
            raise CatalogError(f"{_printable(what)} is not valid:\n  {shown}{more}")


class _Located:
    """Adds the file an entry came from to problems found after loading (cross-references)."""

    def __init__(self, problems: _Problems, origins: dict[str, str]) -> None:
        self._problems = problems
        self._origins = origins

    def add(self, where: str, message: str) -> None:
        origin = self._origins.get(where)
        self._problems.add(f"{origin}, {where}" if origin else where, message)


class ProblemSink(Protocol):
    """Where cross-reference checks report: ``where`` names the entry, ``message`` the fault."""

    def add(self, where: str, message: str) -> None: ...


def _label(value: object) -> str:
    """An entry's id as quoted in a message, cut short: a damaged file can put anything there."""
    text = repr(value) if isinstance(value, str) else f"of type {type(value).__name__}"
    return text if len(text) <= 80 else text[:77] + "…"


def _parse_toml(data: bytes) -> dict[str, Any]:
    return tomllib.loads(data.decode("utf-8"))


def _read_toml(path: Path, problems: _Problems, *, optional: bool = False) -> dict[str, Any] | None:
    """The file's table, or None (with the problem recorded) when it cannot be used.

    An ``optional`` file that does not exist is an empty table; one that exists but cannot
    be read (a dangling or looping link, no permission) is still a problem.
    """
    try:
        # Only a regular file is read: opening a pipe or a device could wait forever.
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.add(str(path), "is not a regular file")
            return None
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            problems.add(str(path), f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
            return None
        return _parse_toml(data)
    except FileNotFoundError as exc:
        if optional and not path.is_symlink():
            return {}
        problems.add(str(path), f"cannot be read: {exc.strerror or exc}")
    except OSError as exc:
        problems.add(str(path), f"cannot be read: {exc.strerror or exc}")
    except UnicodeDecodeError as exc:
        problems.add(str(path), f"is not UTF-8 text (bad byte at offset {exc.start})")
    except tomllib.TOMLDecodeError as exc:
        problems.add(str(path), f"is not valid TOML: {exc}")
    except RecursionError:
        # WORKAROUND: Python 3.11's tomllib has no nesting limit and recurses per level.
        problems.add(str(path), "nests arrays or tables too deeply")
    return None


def _describe(error: InvalidEntry) -> str:
    parts = []
    for item in error.errors:
        where = ".".join(str(p) for p in item.loc) or "entry"
        parts.append(f"{where}: {item.msg}")
    return "; ".join(parts)


def _entries(
    model: type[M], data: dict[str, Any], key: str, path: Path, problems: _Problems
) -> Iterator[M]:
    raw = data.get(key, [])
    if not isinstance(raw, list):
        problems.add(str(path), f"'{key}' must be a list of tables ([[{key}]])")
        return
    for position, item in enumerate(raw, start=1):
        label = _label(item.get("id", f"#{position}") if isinstance(item, dict) else f"#{position}")
        try:
            yield validate(model, item)
        except InvalidEntry as exc:
            problems.add(f"{path}, {key} {label}", _describe(exc))


def _read_role(path: Path, problems: _Problems) -> Role | None:
    data = _read_toml(path, problems)
    return None if data is None else _read_role_table(data, path, problems)


def _read_role_table(data: dict[str, Any], path: Path, problems: _Problems) -> Role | None:
    try:
        return validate(Role, data)
    except InvalidEntry as exc:
        problems.add(f"{path}, role {_label(data.get('id', path.stem))}", _describe(exc))
        return None


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


def load_role_file(path: Path, catalog: Catalog | None = None) -> Role:
    """Read and validate one role file on its own (a role a person brings in).

    With ``catalog``, everything the role names (skills, certifications, family, ladder
    neighbours) must exist there. Raises CatalogError naming the file and every problem.
    """
    problems = _Problems()
    role = _read_role(path, problems)
    if role is not None and catalog is not None:
        check_role(
            role,
            catalog.skills,
            catalog.certifications,
            {*catalog.roles, role.id},
            catalog.families,
            _Located(problems, {f"role {role.id!r}": str(path)}),
        )
    problems.raise_if_any(f"The role file {path}")
    assert role is not None  # raise_if_any raised otherwise
    return role


@dataclass(frozen=True)
class CustomEntries:
    """The skills and roles of a custom file, in file order; references not yet checked."""

    skills: tuple[Skill, ...]
    roles: tuple[Role, ...]


_CUSTOM_KEYS = frozenset({"skills", "roles"})


def read_custom_file(path: Path) -> tuple[CustomEntries, list[str]]:
    """The entries of a custom file and the problems found reading it (none: all is well).

    Each entry is validated on its own; whether the skills and roles it names exist is for
    the caller to check against the catalog the entries join (planner.catalog.custom).
    """
    problems = _Problems()
    data = _read_toml(path, problems)
    if data is None:
        return CustomEntries((), ()), problems.lines
    if "id" in data and not data.keys() & _CUSTOM_KEYS:  # one role, as in roles/*.toml
        role = _read_role_table(data, path, problems)
        return CustomEntries((), (role,) if role else ()), problems.lines
    for key in sorted(data.keys() - _CUSTOM_KEYS):
        problems.add(str(path), f"unexpected key {_label(key)} (only [[skills]] and [[roles]])")
    origins: dict[str, str] = {}
    skills = _unique(
        ((str(path), s) for s in _entries(Skill, data, "skills", path, problems)),
        "skill",
        problems,
        origins,
    )
    roles = _unique(
        ((str(path), r) for r in _entries(Role, data, "roles", path, problems)),
        "role",
        problems,
        origins,
    )
    if not problems.lines and not skills and not roles:
        problems.add(str(path), "holds no [[skills]] or [[roles]]")
    return CustomEntries(tuple(skills.values()), tuple(roles.values())), problems.lines


def load_custom_file(path: Path) -> CustomEntries:
    """``read_custom_file``, raising CatalogError naming the file and every problem."""
    entries, lines = read_custom_file(path)
    if lines:
        problems = _Problems()
        problems.lines = lines
        problems.raise_if_any(f"The file {path}")
    return entries


def load_catalog(root: Path) -> Catalog:
    """Load and validate the catalog in ``root``; raise CatalogError listing every problem."""
    problems = _Problems()
    origins: dict[str, str] = {}
    if not root.is_dir():
        raise CatalogError(f"The catalog folder {root} does not exist.")

    meta_path = root / "catalog.toml"
    meta = _read_toml(meta_path, problems) or {}
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
        data = _read_toml(path, problems) or {}
        skill_items += [(str(path), s) for s in _entries(Skill, data, "skills", path, problems)]
    skills = _unique(skill_items, "skill", problems, origins)

    cert_path = root / "certifications.toml"
    cert_data = _read_toml(cert_path, problems, optional=True) or {}
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
        role = _read_role(path, problems)
        if role is not None:
            role_items.append((str(path), role))
    roles = _unique(role_items, "role", problems, origins)

    _check_references(skills, certs, roles, categories, families, _Located(problems, origins))
    problems.raise_if_any(f"The catalog in {root}")
    ordered_roles = dict(sorted(roles.items(), key=lambda kv: kv[1].title.casefold()))
    return Catalog(
        skills=dict(sorted(skills.items())),
        certifications=dict(sorted(certs.items())),
        roles=ordered_roles,
        categories=categories,
        families=families,
    )


def _check_references(
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
        check_role(role, skills, certs, set(roles), families, problems)

    cycle = find_prerequisite_cycle(skills)
    if cycle:  # reported on the first skill of the cycle, so the message names its file
        problems.add(f"skill {cycle[0]!r}", "prerequisite cycle: " + " -> ".join(cycle))


def check_role(
    role: Role,
    skills: Mapping[str, Skill],
    certs: Mapping[str, Certification],
    role_ids: Set[str],
    families: Mapping[str, Family],
    problems: ProblemSink,
) -> None:
    """Everything a role names exists: skills, certifications, family, ladder neighbours."""
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
        if neighbour not in role_ids:
            problems.add(where, f"ladder neighbour {neighbour!r} is not a known role")
        if neighbour == role.id:
            problems.add(where, "lists itself as a ladder neighbour")


def find_prerequisite_cycle(skills: Mapping[str, Skill]) -> list[str]:
    """A cycle in the prerequisite graph as a list of ids, or [] when there is none.

    Depth-first with an explicit stack: a long chain of prerequisites must not exhaust
    Python's recursion limit.
    """
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in sorted(skills):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        pending = [iter(skills[start].prerequisites)]
        while pending:
            nxt = next(pending[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                pending.pop()
                continue
            skill_id = nxt.skill
            if skill_id not in skills:
                continue
            if state.get(skill_id) == 1:
                return [*path[path.index(skill_id) :], skill_id]
            if skill_id not in state:
                state[skill_id] = 1
                path.append(skill_id)
                pending.append(iter(skills[skill_id].prerequisites))
    return []
