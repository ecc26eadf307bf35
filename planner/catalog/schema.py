"""The shape of the role catalog: skills, certifications and roles, as frozen dataclasses.

Catalog files are TOML; these classes are what they must parse into. The constraints are
written as small metadata markers (``Bound``, ``Check``) that pydantic reads when
``planner.catalog.validation`` validates outside data; this module never imports pydantic, so
the start-up cache (``planner.catalog.cache``) builds a catalog without loading it.
Constructing a class directly checks nothing: it is for trusted data (code, the cache).
Cross-references (a role naming a skill, a prerequisite naming a skill) are checked by
``planner.catalog.loader``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from planner.catalog.scale import MAX_LEVEL

# Upper bounds on the figures planning does date arithmetic with: far above any real value
# (Python to Expert is 400 hours a level), low enough that a plan's dates stay in range.
MAX_HOURS = 5000
MAX_YEARS = 50


class Bound:
    """Annotated metadata: a bound pydantic checks (``ge``, ``gt``, ``le`` or
    ``min_length``), reported in its own words ("Input should be greater than 0").

    WORKAROUND: annotated_types' Ge/Le/MinLen say the same, but importing that package (and
    typing_extensions with it) cost the start some 14 ms; this is the hook pydantic offers
    any metadata, setting the same key on the field's core schema.
    """

    __slots__ = ("key", "value")

    def __init__(self, key: Literal["ge", "gt", "le", "min_length"], value: int) -> None:
        self.key = key
        self.value = value

    def __repr__(self) -> str:
        return f"Bound({self.key!r}, {self.value!r})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = dict(handler(source))
        schema[self.key] = self.value
        return schema


def Ge(value: int) -> Bound:  # named as the constraint it is
    return Bound("ge", value)


def Gt(value: int) -> Bound:
    return Bound("gt", value)


def Le(value: int) -> Bound:
    return Bound("le", value)


def MinLen(value: int) -> Bound:
    return Bound("min_length", value)


Level = Annotated[int, Ge(0), Le(MAX_LEVEL)]
Hours = Annotated[int, Gt(0), Le(MAX_HOURS)]
TargetLevel = Annotated[int, Ge(1), Le(MAX_LEVEL)]
Text = Annotated[str, MinLen(1)]
Importance = Literal["required", "preferred"]
Seniority = Literal["entry", "mid", "senior", "lead", "executive"]
ResourceKind = Literal["documentation", "book", "course", "practice"]
EducationLevel = Literal["none", "associate", "bachelor", "master", "phd"]

EDUCATION_ORDER: dict[str, int] = {"none": 0, "associate": 1, "bachelor": 2, "master": 3, "phd": 4}
EDUCATION_NAMES: dict[str, str] = {
    "none": "No degree",
    "associate": "Associate degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "phd": "Doctorate (PhD)",
}

# inf and nan are valid TOML floats; no figure in a catalog can be either. A plain dict, read
# by pydantic when it validates a class (pydantic's ConfigDict is a TypedDict of these keys).
_CONFIG: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True, "allow_inf_nan": False}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Check:
    """Annotated metadata: ``check(value)`` returns the value or raises ValueError.

    Pydantic runs it after the field's own validation, so the problem is reported at the
    field's place (``id: Value error, ...``) along with every other problem of the entry.
    WORKAROUND: pydantic's AfterValidator would do the same, but importing it here would load
    pydantic at start-up; this is the hook AfterValidator itself uses. A plain class, as
    Bound is: a dataclass costs every start about a millisecond to create.
    """

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __repr__(self) -> str:
        return f"Check({self.check.__name__})"

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id (lower-case words joined by '-')")
    return value


def _check_hours(value: tuple[int, ...]) -> tuple[int, ...]:
    if any(h <= 0 for h in value):
        raise ValueError("every level needs a positive number of hours")
    if any(h > MAX_HOURS for h in value):
        raise ValueError(f"no level takes more than {MAX_HOURS} hours")
    return value


def _check_topics(value: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    missing = [lv for lv in range(1, MAX_LEVEL + 1) if not value.get(lv)]
    if missing:
        raise ValueError(f"topics are missing for level(s) {missing}")
    return value


Slug = Annotated[str, Check(_check_slug)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """Something to learn from. The link is shown as text; the app never opens it itself."""

    __pydantic_config__ = _CONFIG

    title: Text
    kind: ResourceKind
    link: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SkillLevel:
    """A skill at a minimum level (a prerequisite, or what a certification assumes)."""

    __pydantic_config__ = _CONFIG

    skill: str
    level: TargetLevel


@dataclass(frozen=True, slots=True, kw_only=True)
class Skill:
    __pydantic_config__ = _CONFIG

    id: Slug
    name: Text
    category: Slug
    description: Text
    aliases: tuple[str, ...] = ()
    prerequisites: tuple[SkillLevel, ...] = ()
    # hours[i] is the typical effort to climb from level i to level i + 1.
    hours: Annotated[tuple[int, int, int, int, int], Check(_check_hours)]
    resources: Annotated[tuple[Resource, ...], MinLen(1)]
    # topics[level] is the checklist a learner works through to reach that level (1..5).
    topics: Annotated[dict[TargetLevel, tuple[str, ...]], Check(_check_topics)]

    def topics_between(self, start: int, end: int) -> list[str]:
        """The checklist for climbing from ``start`` to ``end``: each level's topics in turn."""
        return [t for level in range(start + 1, end + 1) for t in self.topics.get(level, ())]

    def hours_between(self, start: int, end: int) -> int:
        """Typical hours to climb from ``start`` to ``end`` (0 when already there)."""
        return sum(self.hours[start:end]) if end > start else 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Category:
    __pydantic_config__ = _CONFIG

    id: Slug
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    __pydantic_config__ = _CONFIG

    id: Slug
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Certification:
    __pydantic_config__ = _CONFIG

    id: Slug
    name: Text
    issuer: Text
    description: str = ""
    aliases: tuple[str, ...] = ()
    assumes: tuple[SkillLevel, ...] = ()
    prep_hours: Hours
    # None where the issuer sets no expiry.
    validity_years: Annotated[int, Ge(1), Le(MAX_YEARS)] | None = None
    # Hours to prepare a renewal; defaults to a quarter of the preparation.
    renewal_hours: Hours | None = None
    resources: tuple[Resource, ...] = ()

    @property
    def renewal_effort(self) -> int:
        return self.renewal_hours or max(1, round(self.prep_hours / 4))


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """A skill the role needs at a level. ``any_of`` lists alternatives: one of them suffices.

    Catalog files may write ``skill = "x"`` for ``any_of = ["x"]``;
    ``planner.catalog.validation`` expands it before validating.
    """

    __pydantic_config__ = _CONFIG

    any_of: Annotated[tuple[str, ...], MinLen(1)]
    level: TargetLevel
    importance: Importance
    # The role text's own wording, in our words: "deep understanding", "familiarity with".
    note: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificationRecommendation:
    """A certification (or one of several) the role recommends; ``certification = "x"`` is
    shorthand for ``any_of = ["x"]``, expanded as for Requirement."""

    __pydantic_config__ = _CONFIG

    any_of: Annotated[tuple[str, ...], MinLen(1)]
    importance: Importance = "preferred"


@dataclass(frozen=True, slots=True, kw_only=True)
class EducationRequirement:
    __pydantic_config__ = _CONFIG

    level: EducationLevel
    fields: tuple[str, ...] = ()
    importance: Importance


@dataclass(frozen=True, slots=True, kw_only=True)
class SalaryRange:
    __pydantic_config__ = _CONFIG

    label: str
    low: Annotated[int, Gt(0)]
    high: Annotated[int, Gt(0)]
    currency: str = "USD"
    region: str = "US"
    year: int | None = None

    def __post_init__(self) -> None:
        # Pydantic reports this ValueError as a problem of the whole entry, as it did before.
        if self.high < self.low:
            raise ValueError("salary 'high' is below 'low'")


@dataclass(frozen=True, slots=True, kw_only=True)
class Role:
    __pydantic_config__ = _CONFIG

    id: Slug
    title: Text
    also_called: tuple[str, ...] = ()
    family: Slug
    seniority: Seniority
    summary: Text
    responsibilities: Annotated[tuple[str, ...], MinLen(1)]
    requirements: Annotated[tuple[Requirement, ...], MinLen(1)]
    certifications: tuple[CertificationRecommendation, ...] = ()
    education: tuple[EducationRequirement, ...] = ()
    min_years_experience: Annotated[float, Ge(0), Le(MAX_YEARS)] = 0.0
    experience_note: str = ""
    experience_suggestions: tuple[str, ...] = ()
    salary: tuple[SalaryRange, ...] = ()
    comes_from: tuple[str, ...] = ()
    leads_to: tuple[str, ...] = ()
    sources: Annotated[tuple[str, ...], MinLen(1)]


# Every class of the catalog, for the validation adapters and the cache's decoder.
ENTRY_CLASSES: tuple[type, ...] = (
    Resource,
    SkillLevel,
    Skill,
    Category,
    Family,
    Certification,
    Requirement,
    CertificationRecommendation,
    EducationRequirement,
    SalaryRange,
    Role,
)
