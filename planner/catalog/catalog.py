"""The loaded catalog: every skill, certification and role, with lookups by id, name or alias."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, NamedTuple, TypeVar

from planner.catalog.schema import Category, Certification, Family, Role, Skill
from planner.errors import NotFoundError

T = TypeVar("T")


def normalise_name(text: str) -> str:
    """The form names are compared in: case-folded, inner whitespace collapsed."""
    return " ".join(text.casefold().split())


class NameIndex(NamedTuple, Generic[T]):
    """Finds entries by id, name or alias, case-insensitively, and suggests near misses."""

    kind: str
    entries: Mapping[str, T]
    names: Mapping[str, str]  # normalised name or alias -> id

    @classmethod
    def build(
        cls, kind: str, entries: Mapping[str, T], names: Iterable[tuple[str, str]]
    ) -> NameIndex[T]:
        index: dict[str, str] = {}
        for key, name in names:
            index.setdefault(normalise_name(name), key)
        for key in entries:
            index[normalise_name(key)] = key
        return cls(kind, entries, index)

    def find(self, query: str) -> T:
        key = self.names.get(normalise_name(query))
        if key is None:
            raise NotFoundError(self._unknown_message(query))
        return self.entries[key]

    def suggestions(self, query: str, limit: int = 3) -> list[str]:
        """Known ids or names closest to ``query``."""
        wanted = normalise_name(query)
        import difflib  # only for a name that is not known: not at every start

        close = difflib.get_close_matches(wanted, list(self.names), n=limit * 3, cutoff=0.6)
        # Prefix and substring matches are what a person usually means by a short name.
        close += [n for n in self.names if wanted and (n.startswith(wanted) or wanted in n)]
        seen: dict[str, None] = {}
        for name in close:
            seen.setdefault(self.names[name], None)
        return list(seen)[:limit]

    def _unknown_message(self, query: str) -> str:
        hints = self.suggestions(query)
        hint = f" Did you mean: {', '.join(hints)}?" if hints else ""
        return f"Unknown {self.kind} {query!r}.{hint}"


@dataclass(frozen=True)
class Catalog:
    """Everything the planner knows about roles, skills and certifications."""

    skills: Mapping[str, Skill]
    certifications: Mapping[str, Certification]
    roles: Mapping[str, Role]
    categories: Mapping[str, Category] = field(default_factory=dict)
    families: Mapping[str, Family] = field(default_factory=dict)
    # The entries that are the person's own (from their database), not shipped with the app.
    custom_skill_ids: frozenset[str] = frozenset()
    custom_role_ids: frozenset[str] = frozenset()

    # The name indexes are built on first use: a start draws the dashboard without them.
    @cached_property
    def skill_index(self) -> NameIndex[Skill]:
        skills = self.skills.values()
        names = [(s.id, s.name) for s in skills] + [(s.id, a) for s in skills for a in s.aliases]
        return NameIndex.build("skill", self.skills, names)

    @cached_property
    def certification_index(self) -> NameIndex[Certification]:
        certs = self.certifications.values()
        names = [(c.id, c.name) for c in certs] + [(c.id, a) for c in certs for a in c.aliases]
        return NameIndex.build("certification", self.certifications, names)

    @cached_property
    def role_index(self) -> NameIndex[Role]:
        roles = self.roles.values()
        names = [(r.id, r.title) for r in roles] + [(r.id, a) for r in roles for a in r.also_called]
        return NameIndex.build("role", self.roles, names)

    def find_skill(self, query: str) -> Skill:
        return self.skill_index.find(query)

    def find_certification(self, query: str) -> Certification:
        return self.certification_index.find(query)

    def find_role(self, query: str) -> Role:
        return self.role_index.find(query)

    def is_custom_role(self, role_id: str) -> bool:
        return role_id in self.custom_role_ids

    def is_custom_skill(self, skill_id: str) -> bool:
        return skill_id in self.custom_skill_ids

    def category_name(self, category_id: str) -> str:
        category = self.categories.get(category_id)
        return category.name if category else category_id

    def family_name(self, family_id: str) -> str:
        family = self.families.get(family_id)
        return family.name if family else family_id
