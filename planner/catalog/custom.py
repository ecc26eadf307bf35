"""The person's own skills and roles joined to the shipped catalog.

Custom entries are ordinary catalog entries (the same schema classes, the same rules) that
live in the person's database. Here they are checked against the catalog they join, merged
into it, and written in the catalog's TOML format. Pure: no database, no Qt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, replace
from typing import TypeVar

import tomli_w

from planner.catalog.catalog import Catalog, normalise_name
from planner.catalog.loader import check_role, find_prerequisite_cycle
from planner.catalog.schema import Role, Skill
from planner.catalog.validation import InvalidEntry, to_data, validate_json

M = TypeVar("M", Skill, Role)

MAX_ID_LENGTH = 60


class _Problems:
    def __init__(self) -> None:
        self.by_entry: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.by_entry.setdefault(where, []).append(message)

    def lines(self) -> list[str]:
        return [f"{where}: {message}" for where, ms in self.by_entry.items() for message in ms]


# --- ids ------------------------------------------------------------------------------------


def slug(text: str, fallback: str) -> str:
    """An id made from a title or name: ASCII lower-case words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.casefold().replace("+", " plus "))
    result = "-".join(words)[:MAX_ID_LENGTH].strip("-")
    return result or fallback


def free_id(wanted: str, taken: Set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… whichever is not taken."""
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


# --- checks ---------------------------------------------------------------------------------


def skill_problems(skill: Skill, skills: Mapping[str, Skill], catalog: Catalog) -> list[str]:
    """What is wrong with ``skill`` joining ``skills`` (the catalog's and the custom ones,
    itself included): an unknown category or prerequisite, or itself as one."""
    problems = []
    if catalog.categories and skill.category not in catalog.categories:
        problems.append(f"unknown category {skill.category!r}")
    for prereq in skill.prerequisites:
        if prereq.skill == skill.id:
            problems.append("lists itself as a prerequisite")
        elif prereq.skill not in skills:
            problems.append(f"prerequisite {prereq.skill!r} is not a known skill")
    return problems


def role_problems(
    role: Role, skills: Mapping[str, Skill], role_ids: Set[str], catalog: Catalog
) -> list[str]:
    """What is wrong with ``role`` among these skills and roles (the loader's own checks)."""
    problems = _Problems()
    check_role(role, skills, catalog.certifications, role_ids, catalog.families, problems)
    return [m for ms in problems.by_entry.values() for m in ms]


def name_clashes(
    skill: Skill, skills: Mapping[str, Skill], *, ignore: Set[str] = frozenset()
) -> list[str]:
    """The names and aliases of ``skill`` that another skill already uses (ids in ``ignore``
    are left out: the entry being replaced, or those arriving with it)."""
    used: dict[str, str] = {}
    for other in skills.values():
        if other.id != skill.id and other.id not in ignore:
            for name in (other.name, *other.aliases):
                used.setdefault(normalise_name(name), other.id)
    return [
        f"the name {name!r} is already used by skill {used[normalise_name(name)]!r}"
        for name in dict.fromkeys((skill.name, *skill.aliases))
        if normalise_name(name) in used
    ]


def title_clashes(
    role: Role, roles: Mapping[str, Role], *, ignore: Set[str] = frozenset()
) -> list[str]:
    """Another role's title that ``role``'s title repeats. (A title may repeat another
    role's other name: a search by that name finds the role with the title.)"""
    wanted = normalise_name(role.title)
    return [
        f"the title {role.title!r} is already used by role {other.id!r}"
        for other in roles.values()
        if other.id != role.id and other.id not in ignore and normalise_name(other.title) == wanted
    ][:1]


# What a person's own entry may hold: titles that fit a list and words a line can wrap at
# (one unbreakable run of hundreds of characters would widen the window beyond any screen).
MAX_TITLE = 120
MAX_WORD = 60


def text_problems(entry: Skill | Role) -> list[str]:
    """Titles, names and text of a custom entry that the window could not lay out."""
    title = entry.title if isinstance(entry, Role) else entry.name
    texts = [title, entry.summary if isinstance(entry, Role) else entry.description]
    if isinstance(entry, Role):
        texts += [
            *entry.responsibilities,
            *entry.also_called,
            *(q.note for q in entry.requirements),
        ]
    else:
        texts += [*entry.aliases, *(r.title for r in entry.resources)]
    problems = []
    if len(title) > MAX_TITLE:
        problems.append(f"its title is {len(title)} characters long (at most {MAX_TITLE})")
    longest = max((w for text in texts for w in text.split()), key=len, default="")
    if len(longest) > MAX_WORD:
        problems.append(
            f"it holds a word of {len(longest)} characters ({longest[:20]!r}…); "
            f"break it up (at most {MAX_WORD})"
        )
    return problems


def addition_problems(
    catalog: Catalog, skills: Iterable[Skill] = (), roles: Iterable[Role] = ()
) -> list[str]:
    """Every problem of adding (or replacing) these entries in ``catalog``, as lines naming
    the entry; [] when they all fit. Ids the entries share with ``catalog`` are replaced."""
    new_skills = {s.id: s for s in skills}
    new_roles = {r.id: r for r in roles}
    all_skills = {**catalog.skills, **new_skills}
    role_ids = {*catalog.roles, *new_roles}
    problems = _Problems()
    for skill in new_skills.values():
        for message in text_problems(skill):
            problems.add(f"skill {skill.id!r}", message)
        for message in skill_problems(skill, all_skills, catalog):
            problems.add(f"skill {skill.id!r}", message)
        for message in name_clashes(skill, all_skills):
            problems.add(f"skill {skill.id!r}", message)
    cycle = find_prerequisite_cycle(all_skills)
    if cycle:
        problems.add(f"skill {cycle[0]!r}", "prerequisite cycle: " + " -> ".join(cycle))
    all_roles = {**catalog.roles, **new_roles}
    for role in new_roles.values():
        for message in text_problems(role):
            problems.add(f"role {role.id!r}", message)
        for message in role_problems(role, all_skills, role_ids, catalog):
            problems.add(f"role {role.id!r}", message)
        for message in title_clashes(role, all_roles):
            problems.add(f"role {role.id!r}", message)
    return problems.lines()


# --- reading stored definitions and merging ---------------------------------------------------


@dataclass(frozen=True)
class Merged:
    """The catalog with the custom entries that fit, and why the others were left out."""

    catalog: Catalog
    skipped: tuple[str, ...]


def parse_definitions(
    model: type[M], kind: str, rows: Iterable[tuple[str, str]], skipped: list[str]
) -> list[M]:
    """The stored JSON definitions that still validate (and carry their row's id)."""
    entries = []
    for row_id, text in rows:
        try:
            entry = validate_json(model, text)
        except InvalidEntry as exc:
            first = exc.errors[0]
            where = ".".join(str(p) for p in first.loc) or "definition"
            skipped.append(f"custom {kind} {row_id!r}: {where}: {first.msg}")
            continue
        if getattr(entry, "id", None) != row_id:
            skipped.append(f"custom {kind} {row_id!r}: its definition has another id")
            continue
        entries.append(entry)
    return entries


def merge_custom(
    base: Catalog,
    skills: Iterable[Skill],
    roles: Iterable[Role],
    skipped: Iterable[str] = (),
) -> Merged:
    """``base`` with the custom ``skills`` and ``roles`` added, each checked as the loader
    checks the catalog. An entry that does not fit (any more) is left out with a line saying
    why, and so is whatever needs it: one bad row never stops the planner."""
    left_out = list(skipped)
    custom_skills: dict[str, Skill] = {}
    for skill in skills:
        if skill.id in base.skills:
            left_out.append(f"custom skill {skill.id!r}: the catalog now has a skill of this id")
        else:
            custom_skills[skill.id] = skill
    while True:  # leaving one out may leave out another that needs it
        all_skills = {**base.skills, **custom_skills}
        bad = {
            s.id: problems[0]
            for s in custom_skills.values()
            if (problems := skill_problems(s, all_skills, base))
        }
        cycle = find_prerequisite_cycle(all_skills)
        if not bad and cycle:
            bad = {c: "prerequisite cycle: " + " -> ".join(cycle) for c in cycle[:1]}
        if not bad:
            break
        for skill_id, message in bad.items():
            left_out.append(f"custom skill {skill_id!r}: {message}")
            del custom_skills[skill_id]

    custom_roles: dict[str, Role] = {}
    for role in roles:
        if role.id in base.roles:
            left_out.append(f"custom role {role.id!r}: the catalog now has a role of this id")
        else:
            custom_roles[role.id] = role
    while True:
        role_ids = {*base.roles, *custom_roles}
        bad = {
            r.id: problems[0]
            for r in custom_roles.values()
            if (problems := role_problems(r, all_skills, role_ids, base))
        }
        if not bad:
            break
        for role_id, message in bad.items():
            left_out.append(f"custom role {role_id!r}: {message}")
            del custom_roles[role_id]

    if not custom_skills and not custom_roles:
        return Merged(base, tuple(left_out))
    merged_roles = {**base.roles, **custom_roles}
    catalog = replace(
        base,
        skills=dict(sorted(all_skills.items())),
        roles=dict(sorted(merged_roles.items(), key=lambda kv: kv[1].title.casefold())),
        custom_skill_ids=frozenset(custom_skills),
        custom_role_ids=frozenset(custom_roles),
    )
    return Merged(catalog, tuple(left_out))


def builtin_part(catalog: Catalog) -> Catalog:
    """``catalog`` without its custom entries."""
    if not catalog.custom_skill_ids and not catalog.custom_role_ids:
        return catalog
    return replace(
        catalog,
        skills={k: v for k, v in catalog.skills.items() if k not in catalog.custom_skill_ids},
        roles={k: v for k, v in catalog.roles.items() if k not in catalog.custom_role_ids},
        custom_skill_ids=frozenset(),
        custom_role_ids=frozenset(),
    )


# --- writing ----------------------------------------------------------------------------------


def _table(entry: Skill | Role) -> dict[str, object]:
    # JSON-ready values are TOML-ready (topic levels as string keys); unset optional values
    # and defaults are left out, as a hand-written catalog file leaves them out.
    data = to_data(entry, leave_out_defaults=True)
    # One alternative is written as the catalog writes it: skill = "x", not any_of = ["x"].
    for key, single in (("requirements", "skill"), ("certifications", "certification")):
        items = data.get(key)
        if isinstance(items, list):
            data[key] = [_shorthand(item, single) for item in items]
    return data


def _shorthand(item: dict[str, object], single: str) -> dict[str, object]:
    alternatives = item.get("any_of")
    if not isinstance(alternatives, list) or len(alternatives) != 1:
        return item
    rest = {k: v for k, v in item.items() if k != "any_of"}
    return {single: alternatives[0], **rest}


def to_toml(skills: Iterable[Skill], roles: Iterable[Role], header: str = "") -> str:
    """The entries as one TOML file of [[skills]] and [[roles]] tables, in the catalog's own
    keys, which ``planner.catalog.loader.read_custom_file`` reads back."""
    document: dict[str, object] = {}
    skill_tables = [_table(s) for s in skills]
    role_tables = [_table(r) for r in roles]
    if skill_tables:
        document["skills"] = skill_tables
    if role_tables:
        document["roles"] = role_tables
    comment = "".join(f"# {line}\n".replace("# \n", "#\n") for line in header.splitlines())
    return comment + ("\n" if comment else "") + tomli_w.dumps(document)
