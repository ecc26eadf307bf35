"""The gap between a person and a role: per requirement, what is missing.

Requirements that list alternatives (``any_of``) are resolved to the one alternative the
person is closest to, so the gap and the plan talk about one concrete skill or certification.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from planner.catalog import Catalog
from planner.catalog.schema import (
    EDUCATION_ORDER,
    CertificationRecommendation,
    Importance,
    Requirement,
    Role,
)
from planner.planning.profile import DAYS_PER_YEAR, ProfileSnapshot


class SkillGap(NamedTuple):
    skill_id: str
    alternatives: tuple[str, ...]
    current: int
    target: int
    importance: Importance
    note: str

    @property
    def missing(self) -> int:
        return max(0, self.target - self.current)


class CertificationGap(NamedTuple):
    cert_id: str
    alternatives: tuple[str, ...]
    importance: Importance
    # "valid", "expired" or "missing", judged on the day the gap is taken.
    state: str
    expires_on: date | None

    @property
    def met(self) -> bool:
        return self.state == "valid"


class ExperienceGap(NamedTuple):
    required_years: float
    current_years: float

    @property
    def missing_years(self) -> float:
        missing = self.required_years - self.current_years
        return missing if missing > 1 / DAYS_PER_YEAR else 0.0  # under a day counts as met


class EducationGap(NamedTuple):
    level: str
    fields: tuple[str, ...]
    importance: Importance
    current: str

    @property
    def met(self) -> bool:
        return EDUCATION_ORDER.get(self.current, 0) >= EDUCATION_ORDER[self.level]


class RoleGap(NamedTuple):
    role_id: str
    on: date
    skills: tuple[SkillGap, ...]
    certifications: tuple[CertificationGap, ...]
    experience: ExperienceGap | None
    education: tuple[EducationGap, ...]


def _choose_skill(catalog: Catalog, profile: ProfileSnapshot, requirement: Requirement) -> str:
    """The alternative the person is closest to: most of the target met, then fewest hours."""
    if len(requirement.any_of) == 1:  # most requirements: nothing to weigh (ranking's cost)
        return requirement.any_of[0]

    def cost(position_and_id: tuple[int, str]) -> tuple[int, int, int]:
        position, skill_id = position_and_id
        current = profile.level(skill_id)
        hours = catalog.skills[skill_id].hours_between(current, requirement.level)
        return (-min(current, requirement.level), hours, position)

    return min(enumerate(requirement.any_of), key=cost)[1]


def _choose_certification(
    catalog: Catalog, profile: ProfileSnapshot, rec: CertificationRecommendation, on: date
) -> tuple[str, str, date | None]:
    held = [(cid, profile.certification(cid)) for cid in rec.any_of]
    for cert_id, record in held:
        if record is not None and record.valid_on(on):
            return cert_id, "valid", record.expires_on
    for cert_id, record in held:
        if record is not None and record.expires_on is not None and record.expires_on < on:
            return cert_id, "expired", record.expires_on

    def effort(position_and_id: tuple[int, str]) -> tuple[int, int]:
        position, cert_id = position_and_id
        cert = catalog.certifications[cert_id]
        hours = cert.prep_hours + sum(
            catalog.skills[a.skill].hours_between(profile.level(a.skill), a.level)
            for a in cert.assumes
        )
        return (hours, position)

    return min(enumerate(rec.any_of), key=effort)[1], "missing", None


def role_gap(catalog: Catalog, profile: ProfileSnapshot, role: Role, on: date) -> RoleGap:
    """Everything ``role`` asks for, set against ``profile`` on the day ``on``."""
    skills = []
    for requirement in role.requirements:
        skill_id = _choose_skill(catalog, profile, requirement)
        skills.append(
            SkillGap(
                skill_id=skill_id,
                alternatives=requirement.any_of,
                current=profile.level(skill_id),
                target=requirement.level,
                importance=requirement.importance,
                note=requirement.note,
            )
        )
    certs = []
    for rec in role.certifications:
        cert_id, state, expires = _choose_certification(catalog, profile, rec, on)
        certs.append(CertificationGap(cert_id, rec.any_of, rec.importance, state, expires))
    experience = (
        ExperienceGap(role.min_years_experience, profile.years_on(on))
        if role.min_years_experience > 0
        else None
    )
    education = tuple(
        EducationGap(e.level, e.fields, e.importance, profile.education) for e in role.education
    )
    return RoleGap(role.id, on, tuple(skills), tuple(certs), experience, education)
