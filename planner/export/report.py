"""Everything an export shows, gathered once: the plan and the person (the words for dates,
hours and percentages are planner.export.formats)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from planner.catalog import Catalog
from planner.catalog.schema import Resource, Role
from planner.export.formats import format_date, format_hours, format_percent
from planner.planning.gap import RoleGap
from planner.planning.model import Plan, Step
from planner.planning.readiness import Readiness
from planner.planning.requirements import RequirementRow, requirement_rows

CertificationStatus = Literal["held", "planned", "expired"]


@dataclass(frozen=True)
class CertificationRow:
    name: str
    issuer: str
    status: CertificationStatus
    earned_on: date | None = None
    expires_on: date | None = None
    credential_id: str = ""


@dataclass(frozen=True)
class PlanReport:
    """The input of every exporter. Built by the services layer from the database."""

    plan: Plan
    catalog: Catalog
    readiness: Readiness  # for the target role, today
    gap: RoleGap  # for the target role, today
    person_name: str
    generated_on: date
    certifications: tuple[CertificationRow, ...] = ()
    # Step key -> indices (into step_topics(step)) of the topics the person has ticked.
    topics_done: Mapping[str, frozenset[int]] = field(default_factory=dict)

    @property
    def role(self) -> Role:
        return self.catalog.roles[self.plan.role_id]

    @property
    def done_steps(self) -> int:
        return sum(1 for s in self.plan.steps if s.status == "done")

    def stage_title(self, stage: int) -> str:
        role_id = self.plan.stages[stage]
        role = self.catalog.roles.get(role_id)
        return role.title if role else role_id

    def step_topics(self, step: Step) -> list[str]:
        """A skill step's checklist: the skill's topics for each level it climbs, in order."""
        if step.kind != "skill" or step.skill_id is None:
            return []
        if step.skill_id not in self.catalog.skills:
            return []
        skill = self.catalog.skills[step.skill_id]
        return skill.topics_between(step.from_level or 0, step.to_level or 0)

    def topic_done(self, step: Step, index: int) -> bool:
        return index in self.topics_done.get(step.key, frozenset())

    def step_resources(self, step: Step) -> tuple[Resource, ...]:
        """What to learn from: the skill's resources, or the certification's."""
        if step.skill_id and step.skill_id in self.catalog.skills:
            return self.catalog.skills[step.skill_id].resources
        if step.cert_id and step.cert_id in self.catalog.certifications:
            return self.catalog.certifications[step.cert_id].resources
        return ()

    def summary(self) -> list[tuple[str, str]]:
        """The key figures, in the order every export shows them."""
        plan = self.plan
        steps = len(plan.steps)
        return [
            ("Readiness today", format_percent(self.readiness.percent)),
            ("Ready by (ETA)", format_date(plan.eta)),
            ("Total effort", format_hours(plan.total_hours)),
            ("Still to do", format_hours(plan.remaining_hours)),
            ("Hours per week", format_hours(plan.options.hours_per_week)),
            ("Steps", f"{steps} ({self.done_steps} done)"),
        ]

    def requirement_rows(self) -> list[RequirementRow]:
        """The role's requirements against the person, as of the gap's day."""
        return requirement_rows(self.catalog, self.role, self.gap, format_date)
