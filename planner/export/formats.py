"""How the planner writes dates, hours, percentages and a step's span: the same words in the
window and in every export. (Its own module: the dashboard, drawn at start-up, needs these and
none of the report's classes.)"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.planning.model import Step

# English month names, fixed: strftime("%b") follows the C locale, which Qt sets from the
# environment, and the rest of the document is English.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(day: date | None) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else "—"


def format_hours(hours: float) -> str:
    return f"{hours:,.0f} h" if hours == int(hours) else f"{hours:,.1f} h"


def format_percent(percent: float) -> str:
    """Same form as the readiness gauge: ``42 %`` or ``6.6 %``."""
    rounded = round(percent, 1)
    return f"{rounded:.0f} %" if rounded == int(rounded) else f"{rounded:.1f} %"


def format_span(step: Step) -> str:
    if step.planned_start is None:
        return "not scheduled"
    if step.kind == "milestone" or step.planned_start == step.planned_end:
        return format_date(step.planned_start)
    return f"{format_date(step.planned_start)} – {format_date(step.planned_end)}"
