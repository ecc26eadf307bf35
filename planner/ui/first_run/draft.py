"""The answers of the guided set-up while it is open; nothing is stored until Finish."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from planner.services import first_run_view


@dataclass
class Draft:
    """What the person has entered so far, and what the profile held when the set-up began
    (so that Finish writes only what changed)."""

    role_id: str | None
    levels: dict[str, int]
    years: float
    education: str
    hours: float
    start: date
    shown_skills: tuple[str, ...] = ()  # the skills the rating page shows for role_id
    start_levels: dict[str, int] = field(default_factory=dict)
    start_years: float = 0.0
    start_education: str = "none"

    def changed_levels(self) -> dict[str, int]:
        """The shown skills whose level differs from the one stored."""
        return {
            skill: self.levels[skill]
            for skill in self.shown_skills
            if skill in self.levels and self.levels[skill] != self.start_levels.get(skill, 0)
        }

    def answers(self) -> first_run_view.Answers:
        assert self.role_id is not None
        return first_run_view.Answers(
            role_id=self.role_id,
            levels={s: self.levels.get(s, 0) for s in self.shown_skills},
            years_experience=self.years,
            education=self.education,
            hours_per_week=self.hours,
            start=self.start,
        )
