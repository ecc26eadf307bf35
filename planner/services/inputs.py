"""Checking what a person typed: levels, dates, hours. Bad values raise InvalidInputError."""

from __future__ import annotations

from datetime import date

from planner.catalog.scale import LEVEL_NAMES, MAX_LEVEL, MIN_LEVEL
from planner.errors import InvalidInputError


def parse_level(text: str | int) -> int:
    """A level given as a number (``3``) or a name (``working``)."""
    if isinstance(text, int):
        level = text
    else:
        cleaned = text.strip()
        names = {name.casefold(): i for i, name in enumerate(LEVEL_NAMES)}
        if cleaned.casefold() in names:
            return names[cleaned.casefold()]
        try:
            level = int(cleaned)
        except ValueError:
            raise InvalidInputError(
                f"Level {text!r} is not a number from {MIN_LEVEL} to {MAX_LEVEL} "
                f"or one of {', '.join(LEVEL_NAMES)}."
            ) from None
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise InvalidInputError(f"Level {level} is outside the scale {MIN_LEVEL}–{MAX_LEVEL}.")
    return level


def parse_date(text: str | date) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInputError(f"{text!r} is not a date; write it as YYYY-MM-DD.") from None


def check_hours_per_week(hours: float) -> float:
    if not 0.5 <= hours <= 100:
        raise InvalidInputError(f"Hours per week must be between 0.5 and 100, not {hours:g}.")
    return float(hours)


def check_years(years: float) -> float:
    if not 0 <= years <= 70:
        raise InvalidInputError(f"Years of experience must be between 0 and 70, not {years:g}.")
    return float(years)
