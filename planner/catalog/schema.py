"""The shape of the role catalog: skills, certifications and roles, validated with pydantic.

Catalog files are TOML; these models are what they must parse into. Cross-references (a role
naming a skill, a prerequisite naming a skill) are checked by ``planner.catalog.loader``.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.catalog.scale import MAX_LEVEL

# Upper bounds on the figures planning does date arithmetic with: far above any real value
# (Python to Expert is 400 hours a level), low enough that a plan's dates stay in range.
MAX_HOURS = 5000
MAX_YEARS = 50

Level = Annotated[int, Field(ge=0, le=MAX_LEVEL)]
Hours = Annotated[int, Field(gt=0, le=MAX_HOURS)]
TargetLevel = Annotated[int, Field(ge=1, le=MAX_LEVEL)]
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

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    # inf and nan are valid TOML floats; no figure in a catalog can be either.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a valid id (lower-case words joined by '-')")
    return value


class Resource(_Strict):
    """Something to learn from. The link is shown as text; the app never opens it itself."""

    title: str = Field(min_length=1)
    kind: ResourceKind
    link: str | None = None


class SkillLevel(_Strict):
    """A skill at a minimum level (a prerequisite, or what a certification assumes)."""

    skill: str
    level: TargetLevel


class Skill(_Strict):
    id: str
    name: str = Field(min_length=1)
    category: str
    description: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    prerequisites: tuple[SkillLevel, ...] = ()
    # hours[i] is the typical effort to climb from level i to level i + 1.
    hours: tuple[int, int, int, int, int]
    resources: tuple[Resource, ...] = Field(min_length=1)
    # topics[level] is the checklist a learner works through to reach that level (1..5).
    topics: dict[TargetLevel, tuple[str, ...]]

    _id = field_validator("id", "category")(_check_slug)

    @field_validator("hours")
    @classmethod
    def _positive_hours(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(h <= 0 for h in value):
            raise ValueError("every level needs a positive number of hours")
        if any(h > MAX_HOURS for h in value):
            raise ValueError(f"no level takes more than {MAX_HOURS} hours")
        return value

    @field_validator("topics")
    @classmethod
    def _every_level_has_topics(
        cls, value: dict[int, tuple[str, ...]]
    ) -> dict[int, tuple[str, ...]]:
        missing = [lv for lv in range(1, MAX_LEVEL + 1) if not value.get(lv)]
        if missing:
            raise ValueError(f"topics are missing for level(s) {missing}")
        return value

    def topics_between(self, start: int, end: int) -> list[str]:
        """The checklist for climbing from ``start`` to ``end``: each level's topics in turn."""
        return [t for level in range(start + 1, end + 1) for t in self.topics.get(level, ())]

    def hours_between(self, start: int, end: int) -> int:
        """Typical hours to climb from ``start`` to ``end`` (0 when already there)."""
        return sum(self.hours[start:end]) if end > start else 0


class Category(_Strict):
    id: str
    name: str
    _id = field_validator("id")(_check_slug)


class Family(_Strict):
    id: str
    name: str
    _id = field_validator("id")(_check_slug)


class Certification(_Strict):
    id: str
    name: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    description: str = ""
    aliases: tuple[str, ...] = ()
    assumes: tuple[SkillLevel, ...] = ()
    prep_hours: Hours
    # None where the issuer sets no expiry.
    validity_years: int | None = Field(default=None, ge=1, le=MAX_YEARS)
    # Hours to prepare a renewal; defaults to a quarter of the preparation.
    renewal_hours: Hours | None = None
    resources: tuple[Resource, ...] = ()

    _id = field_validator("id")(_check_slug)

    @property
    def renewal_effort(self) -> int:
        return self.renewal_hours or max(1, round(self.prep_hours / 4))


def _one_or_many(data: object, key: str) -> object:
    """Accept ``key = "x"`` as shorthand for ``any_of = ["x"]``."""
    if isinstance(data, dict) and key in data:
        data = dict(data)
        if "any_of" in data:
            raise ValueError(f"give either '{key}' or 'any_of', not both")
        data["any_of"] = [data.pop(key)]
    return data


class Requirement(_Strict):
    """A skill the role needs at a level. ``any_of`` lists alternatives: one of them suffices."""

    any_of: tuple[str, ...] = Field(min_length=1)
    level: TargetLevel
    importance: Importance
    # The role text's own wording, in our words: "deep understanding", "familiarity with".
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return _one_or_many(data, "skill")


class CertificationRecommendation(_Strict):
    any_of: tuple[str, ...] = Field(min_length=1)
    importance: Importance = "preferred"

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        return _one_or_many(data, "certification")


class EducationRequirement(_Strict):
    level: EducationLevel
    fields: tuple[str, ...] = ()
    importance: Importance


class SalaryRange(_Strict):
    label: str
    low: int = Field(gt=0)
    high: int = Field(gt=0)
    currency: str = "USD"
    region: str = "US"
    year: int | None = None

    @model_validator(mode="after")
    def _ordered(self) -> SalaryRange:
        if self.high < self.low:
            raise ValueError("salary 'high' is below 'low'")
        return self


class Role(_Strict):
    id: str
    title: str = Field(min_length=1)
    also_called: tuple[str, ...] = ()
    family: str
    seniority: Seniority
    summary: str = Field(min_length=1)
    responsibilities: tuple[str, ...] = Field(min_length=1)
    requirements: tuple[Requirement, ...] = Field(min_length=1)
    certifications: tuple[CertificationRecommendation, ...] = ()
    education: tuple[EducationRequirement, ...] = ()
    min_years_experience: float = Field(default=0, ge=0, le=MAX_YEARS)
    experience_note: str = ""
    experience_suggestions: tuple[str, ...] = ()
    salary: tuple[SalaryRange, ...] = ()
    comes_from: tuple[str, ...] = ()
    leads_to: tuple[str, ...] = ()
    sources: tuple[str, ...] = Field(min_length=1)

    _id = field_validator("id", "family")(_check_slug)
