"""The person's own roles and skills: save, duplicate, delete, export to and import from a
file in the catalog's TOML format.

They are stored in the database (never in the shipped catalog) and joined to the catalog by
the workspace, so planning, ranking, comparing and exporting treat them as catalog entries.
Every change is one transaction, checked against the whole catalog first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from planner import __version__
from planner.catalog.custom import (
    addition_problems,
    builtin_part,
    free_id,
    name_clashes,
    parse_definitions,
    role_problems,
    skill_problems,
    slug,
    text_problems,
    title_clashes,
    to_toml,
)
from planner.catalog.loader import find_prerequisite_cycle, read_custom_file
from planner.catalog.schema import Role, Skill
from planner.catalog.validation import InvalidEntry, to_data, to_json, validate
from planner.errors import InvalidInputError, NotFoundError
from planner.export.atomic import write_atomically
from planner.services.workspace import Workspace
from planner.store import custom_catalog as store
from planner.store import repository
from planner.store.reads import custom_definitions

# At most this many problems are quoted in one message; the rest are counted.
_QUOTED = 5


def custom_roles(ws: Workspace) -> list[Role]:
    """The person's own roles, by title."""
    cat = ws.catalog
    return [role for role in cat.roles.values() if role.id in cat.custom_role_ids]


def custom_skills(ws: Workspace) -> list[Skill]:
    """The person's own skills, by name."""
    cat = ws.catalog
    found = [s for s in cat.skills.values() if s.id in cat.custom_skill_ids]
    return sorted(found, key=lambda s: s.name.casefold())


def _stored_ids(ws: Workspace) -> tuple[set[str], set[str]]:
    """Ids of every stored custom skill and role, those left out of the catalog included."""
    with ws.transaction() as session:
        return store.custom_skill_ids(session=session), store.custom_role_ids(session=session)


def new_role_id(ws: Workspace, title: str) -> str:
    """A free id for a role called ``title``: its slug, numbered if need be."""
    taken = {*ws.catalog.roles, *_stored_ids(ws)[1]}
    return free_id(slug(title, "role"), taken)


def new_skill_id(ws: Workspace, name: str) -> str:
    """A free id for a skill called ``name``: its slug, numbered if need be."""
    taken = {*ws.catalog.skills, *_stored_ids(ws)[0]}
    return free_id(slug(name, "skill"), taken)


def _listed(problems: Sequence[str]) -> str:
    shown = "; ".join(problems[:_QUOTED])
    more = f" (and {len(problems) - _QUOTED} more)" if len(problems) > _QUOTED else ""
    return shown + more


def _refuse_taken_id(
    ws: Workspace, kind: str, entry_id: str, stored: set[str], replace: bool
) -> None:
    """Raise unless ``entry_id`` may be written: never a catalog id; a stored custom id only
    with ``replace``. The message suggests a free id."""
    base = ws.base_catalog
    builtin = base.roles if kind == "role" else base.skills
    taken = {*ws.catalog.roles, *stored} if kind == "role" else {*ws.catalog.skills, *stored}
    if entry_id in builtin:
        name = getattr(builtin[entry_id], "title", None) or getattr(builtin[entry_id], "name", "")
        raise InvalidInputError(
            f"The id {entry_id!r} belongs to the catalog's {kind} {name!r}; save yours under "
            f"another id, such as {free_id(entry_id, taken)!r}."
        )
    if entry_id in stored and not replace:
        raise InvalidInputError(
            f"You already have a custom {kind} with the id {entry_id!r}; replace it, or save "
            f"yours under another id, such as {free_id(entry_id, taken)!r}."
        )


def save_role(ws: Workspace, role: Role, *, replace: bool = False) -> Role:
    """Store ``role`` as one of the person's own; returns it as the catalog now holds it.

    Everything it names (skills, certifications, family, ladder neighbours) must exist in the
    catalog with the custom skills; its title must be free. InvalidInputError says what to
    change, and nothing is stored.
    """
    problems = text_problems(role)
    problems += role_problems(role, ws.catalog.skills, {*ws.catalog.roles, role.id}, ws.catalog)
    problems += title_clashes(role, ws.catalog.roles)
    with ws.transaction() as session:
        _refuse_taken_id(ws, "role", role.id, store.custom_role_ids(session=session), replace)
        if problems:
            raise InvalidInputError(f"Cannot save the role {role.title!r}: {_listed(problems)}.")
        store.put_role(session=session, role_id=role.id, definition=to_json(role))
    return ws.reload_catalog().roles[role.id]


def save_skill(ws: Workspace, skill: Skill, *, replace: bool = False) -> Skill:
    """Store ``skill`` as one of the person's own; returns it as the catalog now holds it.
    The same rules as ``save_role``: known category and prerequisites, a free name, no cycle."""
    skills = {**ws.catalog.skills, skill.id: skill}
    problems = text_problems(skill) + skill_problems(skill, skills, ws.catalog)
    problems += name_clashes(skill, skills)
    cycle = find_prerequisite_cycle(skills)
    if cycle:
        problems.append("prerequisite cycle: " + " -> ".join(cycle))
    with ws.transaction() as session:
        _refuse_taken_id(ws, "skill", skill.id, store.custom_skill_ids(session=session), replace)
        if problems:
            raise InvalidInputError(f"Cannot save the skill {skill.name!r}: {_listed(problems)}.")
        store.put_skill(session=session, skill_id=skill.id, definition=to_json(skill))
    return ws.reload_catalog().skills[skill.id]


def duplicate_role(ws: Workspace, role_id: str, title: str) -> Role:
    """A custom copy of a catalog or custom role (id, title or alias) under a new title, to
    change as the person likes: "start from Cloud Architect"."""
    source = ws.catalog.find_role(role_id)
    title = " ".join(title.split())
    if not title:
        raise InvalidInputError("Give the copy a title.")
    data = to_data(source)
    # Other names stay with the original: a search for them should find one role.
    data.update(id=new_role_id(ws, title), title=title, also_called=())
    try:
        copy = validate(Role, data)
    except InvalidEntry as exc:  # the title is the only thing that changed
        raise InvalidInputError(f"The copy cannot be made: {exc}.") from None
    return save_role(ws, copy)


def _custom_id(ws: Workspace, kind: str, entry_id: str, stored: set[str]) -> str:
    """``entry_id`` if it is a stored custom entry (left out of the catalog or not)."""
    if entry_id in stored:
        return entry_id
    base = ws.base_catalog.roles if kind == "role" else ws.base_catalog.skills
    if entry_id in base:
        raise InvalidInputError(
            f"{entry_id!r} is a {kind} of the catalog that comes with the planner; only your "
            f"own {kind}s can be changed or deleted."
        )
    raise NotFoundError(f"You have no custom {kind} {entry_id!r}.")


def plans_made_for(ws: Workspace, role_id: str) -> int:
    """How many stored plans are for ``role_id`` (or pass through it): what deleting it takes."""
    with ws.transaction() as session:
        return len(store.plans_for_role(session=session, role_id=role_id))


def delete_role(ws: Workspace, role_id: str) -> int:
    """Delete a custom role with the plans made for it; returns how many plans went.

    Refused while it is the target role. Other custom roles stop naming it as a ladder
    neighbour; a current role of this id is cleared.
    """
    with ws.transaction() as session:
        role_id = _custom_id(ws, "role", role_id, store.custom_role_ids(session=session))
        title = ws.catalog.roles[role_id].title if role_id in ws.catalog.roles else role_id
        profile = repository.get_profile(session=session)
        if profile.target_role_id == role_id:
            raise InvalidInputError(
                f"{title!r} is your target role; choose another target before deleting it."
            )
        if profile.current_role_id == role_id:
            profile.current_role_id = None
            session.add(profile)
        plans = store.delete_plans(
            session=session, plan_ids=store.plans_for_role(session=session, role_id=role_id)
        )
        for other in custom_roles(ws):
            if other.id != role_id and role_id in (*other.comes_from, *other.leads_to):
                kept = replace(
                    other,
                    comes_from=tuple(r for r in other.comes_from if r != role_id),
                    leads_to=tuple(r for r in other.leads_to if r != role_id),
                )
                store.put_role(session=session, role_id=kept.id, definition=to_json(kept))
        store.delete_role(session=session, role_id=role_id)
    ws.reload_catalog()
    return plans


def delete_skill(ws: Workspace, skill_id: str) -> Skill | None:
    """Delete a custom skill; ratings of it are kept. Refused while a custom role requires
    it or a custom skill builds on it (the message names them). Returns what was deleted
    (None for a stored definition that was already left out of the catalog)."""
    needed_by = [
        r.title for r in custom_roles(ws) if any(skill_id in q.any_of for q in r.requirements)
    ]
    built_on = [
        s.name for s in custom_skills(ws) if any(p.skill == skill_id for p in s.prerequisites)
    ]
    with ws.transaction() as session:
        skill_id = _custom_id(ws, "skill", skill_id, store.custom_skill_ids(session=session))
        skill = ws.catalog.skills.get(skill_id) if ws.catalog.is_custom_skill(skill_id) else None
        name = skill.name if skill else skill_id
        if needed_by:
            raise InvalidInputError(
                f"Cannot delete {name!r}: your custom role(s) {_names(needed_by)} require it; "
                "remove it from them, or delete them, first."
            )
        if built_on:
            raise InvalidInputError(
                f"Cannot delete {name!r}: your custom skill(s) {_names(built_on)} build on it; "
                "remove it from their prerequisites first."
            )
        store.delete_skill(session=session, skill_id=skill_id)
    ws.reload_catalog()
    return skill


def _names(names: Iterable[str]) -> str:
    return ", ".join(repr(n) for n in names)


# --- export and import ------------------------------------------------------------------------


@dataclass(frozen=True)
class CustomExport:
    path: Path
    skill_ids: tuple[str, ...]
    role_ids: tuple[str, ...]


def _needed_skills(ws: Workspace, roles: Iterable[Role], skill_ids: Iterable[str]) -> list[Skill]:
    """The custom skills given, those the roles require, and their custom prerequisites."""
    cat = ws.catalog
    wanted = [*skill_ids, *(s for r in roles for q in r.requirements for s in q.any_of)]
    found: dict[str, Skill] = {}
    while wanted:
        skill_id = wanted.pop()
        if skill_id in found or not cat.is_custom_skill(skill_id):
            continue
        found[skill_id] = cat.skills[skill_id]
        wanted += [p.skill for p in found[skill_id].prerequisites]
    return sorted(found.values(), key=lambda s: s.id)


def _standing_alone(ws: Workspace, roles: list[Role]) -> list[Role]:
    """The roles without ladder neighbours of the person's own that the file leaves out:
    where it is imported, those would not exist."""
    known = {*ws.base_catalog.roles, *(r.id for r in roles)}
    return [
        replace(
            r,
            comes_from=tuple(n for n in r.comes_from if n in known),
            leads_to=tuple(n for n in r.leads_to if n in known),
        )
        for r in roles
    ]


def export_custom(
    ws: Workspace,
    path: Path,
    role_ids: Sequence[str] | None = None,
    skill_ids: Sequence[str] | None = None,
) -> CustomExport:
    """Write custom roles and skills to ``path`` (TOML, the catalog's format), all or nothing.

    With neither ``role_ids`` nor ``skill_ids``, everything custom; otherwise those given
    (roles by id, title or alias) and the custom skills they need, so the file stands alone.
    """
    cat = ws.catalog
    if role_ids is None and skill_ids is None:
        roles = custom_roles(ws)
        skill_ids = sorted(cat.custom_skill_ids)
    else:
        roles = []
        for wanted in role_ids or ():
            role = cat.find_role(wanted)
            if not cat.is_custom_role(role.id):
                raise InvalidInputError(
                    f"{role.title!r} comes with the planner; only your own roles are exported "
                    "(duplicate it first to make it yours)."
                )
            roles.append(role)
        for skill_id in skill_ids or ():
            if not cat.is_custom_skill(skill_id):
                raise InvalidInputError(f"{skill_id!r} is not one of your custom skills.")
    skills = _needed_skills(ws, roles, skill_ids or ())
    roles = _standing_alone(ws, roles)
    if not roles and not skills:
        raise InvalidInputError("You have no custom roles or skills to export yet.")
    header = (
        f"Custom roles and skills exported by the learning-path planner {__version__}.\n"
        "Import them with 'planner custom import FILE'."
    )
    write_atomically(Path(path), to_toml(skills, roles, header).encode("utf-8"))
    return CustomExport(Path(path), tuple(s.id for s in skills), tuple(r.id for r in roles))


class ImportClashError(InvalidInputError):
    """An import refused because entries of the file differ from the person's own entries of
    the same ids; ``import_custom(..., replace=True)`` would overwrite them."""

    def __init__(self, message: str, ids: tuple[str, ...]) -> None:
        super().__init__(message)
        self.ids = ids


@dataclass(frozen=True)
class ImportResult:
    added_skills: tuple[str, ...] = ()
    added_roles: tuple[str, ...] = ()
    replaced_skills: tuple[str, ...] = ()
    replaced_roles: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()  # entries identical to ones already there

    def describe(self) -> str:
        parts = [
            _count(len(self.added_roles), "role", "added"),
            _count(len(self.added_skills), "skill", "added"),
            _count(len(self.replaced_roles), "role", "replaced"),
            _count(len(self.replaced_skills), "skill", "replaced"),
            _count(len(self.unchanged), "entry", "already there", plural="entries"),
        ]
        said = [p for p in parts if p]
        return "Imported: " + ", ".join(said) + "." if said else "Nothing to import."


def _count(n: int, thing: str, what: str, plural: str = "") -> str:
    if not n:
        return ""
    return f"{n} {thing if n == 1 else plural or thing + 's'} {what}"


def _stored(ws: Workspace) -> tuple[dict[str, Skill], dict[str, Role]]:
    """Every stored custom definition that still validates, by id."""
    with ws.reading() as connection:
        rows = custom_definitions(connection)
    ignored: list[str] = []
    skills = parse_definitions(Skill, "skill", rows.skills, ignored)
    roles = parse_definitions(Role, "role", rows.roles, ignored)
    return {s.id: s for s in skills}, {r.id: r for r in roles}


def import_custom(ws: Workspace, path: Path, *, replace: bool = False) -> ImportResult:
    """Add the roles and skills of a file written by ``export_custom`` (or a single role file
    in the catalog's format): all of them, or none.

    An id of the shipped catalog is never taken; one of the person's own entries is only
    replaced with ``replace`` (an identical entry is simply already there). Every reference
    is checked against the catalog with the file's skills before anything is stored.
    """
    path = Path(path)
    entries, problems = read_custom_file(path)
    if problems:
        raise InvalidInputError(f"Nothing was imported from {path}: {_listed(problems)}.")
    base = builtin_part(ws.catalog)
    old_skills, old_roles = _stored(ws)
    clashes: list[str] = []
    own: list[str] = []  # ids of the person's own entries that the file would change
    unchanged: list[str] = []
    new: dict[str, list[str]] = {"skill": [], "role": []}
    again: dict[str, list[str]] = {"skill": [], "role": []}
    kinds: list[tuple[str, Sequence[Skill | Role], dict[str, Skill] | dict[str, Role], set[str]]]
    kinds = [
        ("skill", entries.skills, old_skills, set(base.skills)),
        ("role", entries.roles, old_roles, set(base.roles)),
    ]
    for kind, items, old, builtin in kinds:
        for item in items:
            if item.id in builtin:
                clashes.append(f"the {kind} id {item.id!r} belongs to the catalog; rename it")
            elif item.id not in old:
                new[kind].append(item.id)
            elif old[item.id] == item:
                unchanged.append(item.id)
            elif replace:
                again[kind].append(item.id)
            else:
                own.append(item.id)
    if clashes:
        raise InvalidInputError(f"Nothing was imported from {path}: {_listed(clashes)}.")
    if own:
        raise ImportClashError(
            f"Nothing was imported from {path}: you already have different custom entries "
            f"{_names(own)}; import with replace to overwrite them.",
            tuple(own),
        )
    problems = addition_problems(ws.catalog, entries.skills, entries.roles)
    if problems:
        raise InvalidInputError(f"Nothing was imported from {path}: {_listed(problems)}.")
    with ws.transaction() as session:
        for skill in entries.skills:
            store.put_skill(session=session, skill_id=skill.id, definition=to_json(skill))
        for role in entries.roles:
            store.put_role(session=session, role_id=role.id, definition=to_json(role))
    ws.reload_catalog()
    return ImportResult(
        added_skills=tuple(new["skill"]),
        added_roles=tuple(new["role"]),
        replaced_skills=tuple(again["skill"]),
        replaced_roles=tuple(again["role"]),
        unchanged=tuple(unchanged),
    )
