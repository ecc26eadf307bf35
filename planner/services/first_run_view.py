"""What the guided set-up shows: the roles to choose from, the skills a role asks for with the
person's levels, and a preview of the plan the answers would give (nothing is stored)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from planner.catalog.schema import EDUCATION_NAMES, EDUCATION_ORDER
from planner.planning import PlanOptions, build_plan, find_route
from planner.services.inputs import check_hours_per_week, check_years
from planner.services.profile import snapshot
from planner.services.workspace import Workspace


@dataclass(frozen=True)
class RoleChoice:
    role_id: str
    title: str
    family: str  # the family's name
    seniority: str  # "Entry", "Mid", "Senior", …
    also_called: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class SkillChoice:
    skill_id: str
    name: str
    description: str
    level: int  # the person's current level (0 when never rated)


@dataclass(frozen=True)
class RequirementChoice:
    """One requirement of a role: one skill, or alternatives of which one suffices."""

    alternatives: tuple[SkillChoice, ...]
    level: int  # the level the role asks
    importance: str  # required | preferred
    note: str


@dataclass(frozen=True)
class RoleAsks:
    role_id: str
    title: str
    requirements: tuple[RequirementChoice, ...]
    min_years: float
    education: str  # e.g. "Bachelor's degree (required)", "" when the role names none
    fields: str  # the fields of study it names, "" when none


@dataclass(frozen=True)
class Answers:
    """What the person entered in the set-up, before any of it is stored."""

    role_id: str
    levels: Mapping[str, int]  # skill id -> level, the ones shown in the set-up
    years_experience: float
    education: str
    hours_per_week: float
    start: date


@dataclass(frozen=True)
class PlanPreview:
    steps: int
    hours: float
    eta: date
    via: tuple[str, ...]  # titles of the roles the plan goes through before the target


def role_choices(ws: Workspace) -> list[RoleChoice]:
    """Every catalog role, by title."""
    cat = ws.catalog
    return sorted(
        (
            RoleChoice(
                r.id,
                r.title,
                cat.family_name(r.family),
                r.seniority.capitalize(),
                r.also_called,
                r.summary,
            )
            for r in cat.roles.values()
        ),
        key=lambda c: c.title.casefold(),
    )


def current_years(ws: Workspace) -> float:
    """Years of experience today (the recorded figure plus the time since), to one decimal."""
    with ws.transaction() as session:
        profile = snapshot(session, ws.today())
    return round(profile.years_on(ws.today()), 1)


def role_asks(ws: Workspace, *, role: str) -> RoleAsks:
    """What a role (id, title or alias) asks for, each skill with the person's level."""
    cat = ws.catalog
    found = cat.find_role(role)
    with ws.transaction() as session:
        levels = snapshot(session, ws.today()).levels
    requirements = tuple(
        RequirementChoice(
            tuple(
                SkillChoice(s, cat.skills[s].name, cat.skills[s].description, levels.get(s, 0))
                for s in req.any_of
            ),
            req.level,
            req.importance,
            req.note,
        )
        for req in found.requirements
    )
    education = ", ".join(f"{EDUCATION_NAMES[e.level]} ({e.importance})" for e in found.education)
    fields = sorted({f for e in found.education for f in e.fields})
    return RoleAsks(
        found.id,
        found.title,
        requirements,
        found.min_years_experience,
        education,
        ", ".join(fields),
    )


def preview_plan(ws: Workspace, answers: Answers) -> PlanPreview:
    """The plan the answers would give, as generate_plan would build it; nothing is stored."""
    cat = ws.catalog
    hours = check_hours_per_week(answers.hours_per_week)
    years = check_years(answers.years_experience)
    today = ws.today()
    with ws.transaction() as session:
        profile = snapshot(session, today)
    if round(profile.years_on(today), 1) != round(years, 1):
        profile = profile._replace(years_experience=years, years_recorded_on=today)
    if answers.education in EDUCATION_ORDER:
        profile = profile._replace(education=answers.education)
    profile = profile._replace(levels={**profile.levels, **answers.levels})
    via: list[str] = []
    if profile.current_role_id in cat.roles:
        route = find_route(cat, profile.current_role_id or "", answers.role_id) or []
        via = route[:-1]
    plan = build_plan(
        cat, profile, answers.role_id, PlanOptions(hours, max(answers.start, today)), via=via
    )
    return PlanPreview(
        len(plan.steps),
        plan.total_hours,
        plan.eta,
        tuple(cat.roles[r].title for r in via),
    )
