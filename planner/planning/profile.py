"""What the planning engine knows of a person: plain, immutable data, no storage."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import NamedTuple

DAYS_PER_YEAR = 365.25
_NO_LEVELS: Mapping[str, int] = MappingProxyType({})  # a default no one can change


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for a 29 February that does not recur)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


class HeldCertification(NamedTuple):
    cert_id: str
    earned_on: date | None = None
    expires_on: date | None = None

    def valid_on(self, day: date) -> bool:
        """Held and not expired on ``day`` (a certification is valid through its expiry date)."""
        if self.earned_on is not None and self.earned_on > day:
            return False
        return self.expires_on is None or self.expires_on >= day


class ProfileSnapshot(NamedTuple):
    """A person at one moment: current skill levels, certifications, experience, education."""

    levels: Mapping[str, int] = _NO_LEVELS
    certifications: tuple[HeldCertification, ...] = ()
    years_experience: float = 0.0
    # The day the years figure was given; experience keeps accruing from it.
    years_recorded_on: date | None = None
    education: str = "none"
    current_role_id: str | None = None

    def level(self, skill_id: str) -> int:
        return self.levels.get(skill_id, 0)

    def years_on(self, day: date) -> float:
        """Years of experience on ``day``, counting the time since the figure was recorded."""
        if self.years_recorded_on is None or day <= self.years_recorded_on:
            return self.years_experience
        return self.years_experience + (day - self.years_recorded_on).days / DAYS_PER_YEAR

    def reaches_years_on(self, years: float, default_start: date) -> date:
        """The first day on which the person has ``years`` of experience, counting on from
        the day the figure was recorded (or ``default_start`` when it never was)."""
        recorded = self.years_recorded_on or default_start
        missing = years - self.years_experience
        if missing <= 0:
            return recorded
        return recorded + timedelta(days=math.ceil(missing * DAYS_PER_YEAR - 1e-9))

    def certification(self, cert_id: str) -> HeldCertification | None:
        """The most recent record of a certification, if the person holds or held it."""
        held = [c for c in self.certifications if c.cert_id == cert_id]
        if not held:
            return None
        return max(held, key=lambda c: (c.expires_on or date.max, c.earned_on or date.min))
