"""The plan as plain data: steps, phases, statuses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Literal, NamedTuple

StepKind = Literal["skill", "certification", "renewal", "experience", "milestone"]
StepStatus = Literal["todo", "in_progress", "done", "skipped"]
STATUSES: tuple[StepStatus, ...] = ("todo", "in_progress", "done", "skipped")
FINISHED: frozenset[str] = frozenset({"done", "skipped"})


class Phase(IntEnum):
    """Groups of steps a person recognises, in the order a plan goes through them."""

    FOUNDATIONS = 0
    CORE = 1
    SPECIALISATION = 2
    CERTIFICATION = 3
    READINESS = 4

    @property
    def title(self) -> str:
        return _PHASE_TITLES[self]

    @property
    def slug(self) -> str:
        return self.name.lower()


_PHASE_TITLES = {
    Phase.FOUNDATIONS: "Foundations",
    Phase.CORE: "Core skills",
    Phase.SPECIALISATION: "Specialisation",
    Phase.CERTIFICATION: "Certification",
    Phase.READINESS: "Role readiness",
}


class Step(NamedTuple):
    key: str  # stable across regenerations: status and notes follow it
    kind: StepKind
    phase: Phase
    title: str
    hours: float
    reasons: tuple[str, ...]
    depends_on: tuple[str, ...] = ()
    skill_id: str | None = None
    cert_id: str | None = None
    from_level: int | None = None
    to_level: int | None = None
    stage: int = 0
    stage_role_id: str = ""
    deadline: date | None = None  # renewals: renew by this day
    years: float | None = None  # experience steps: years still to gain
    suggestions: tuple[str, ...] = ()
    value: float = 0.0  # ordering priority: importance × levels gained per hour
    position: int = 0
    planned_start: date | None = None
    planned_end: date | None = None
    status: StepStatus = "todo"
    notes: str = ""
    completed_on: date | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def why(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True)
class PlanOptions:
    hours_per_week: float
    start_date: date
    include_preferred: bool = True

    def __post_init__(self) -> None:
        if not 0 < self.hours_per_week <= 168:
            raise ValueError("hours per week must be between 0 and 168")


class Plan(NamedTuple):
    role_id: str  # the final target
    stages: tuple[str, ...]  # role ids, one per stage; (role_id,) for a single-role plan
    steps: tuple[Step, ...]
    options: PlanOptions
    eta: date

    @property
    def total_hours(self) -> float:
        return sum(s.hours for s in self.steps)

    @property
    def remaining_hours(self) -> float:
        return sum(s.hours for s in self.steps if not s.finished)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def by_phase(self) -> list[tuple[int, Phase, list[Step]]]:
        """Steps grouped by stage, then phase; within a group, in plan order."""
        groups: dict[tuple[int, Phase], list[Step]] = {}
        for step in self.steps:
            groups.setdefault((step.stage, step.phase), []).append(step)
        return [(stage, phase, groups[(stage, phase)]) for stage, phase in sorted(groups)]
