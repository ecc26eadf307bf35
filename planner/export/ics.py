"""The plan as an iCalendar file: each step an all-day event over its planned dates, each
milestone an event on its day, so that a calendar program shows the way to the role.

Every event's UID comes from the step's key, which a regenerated plan keeps: importing a newer
export into a calendar updates the events instead of adding copies. The icalendar library
escapes text and folds long lines (at 75 octets) as RFC 5545 asks; control characters, which
the RFC does not allow in text, are removed before that.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from planner import __version__
from planner.export.atomic import write_atomically
from planner.export.formats import format_date, format_hours
from planner.export.report import PlanReport
from planner.planning.model import Step

PRODID = f"-//Learning-path planner//planner {__version__}//EN"
UID_DOMAIN = "learning-path-planner.invalid"  # .invalid: never a real host (RFC 2606)
MILESTONE = "Milestone"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._:-]")
_STATUS_WORDS = {
    "todo": "to do",
    "in_progress": "in progress",
    "done": "done",
    "skipped": "skipped",
}


def clean(text: str) -> str:
    """``text`` as iCalendar text may hold it: line breaks as LF, no other control characters,
    no unpaired surrogates (left by undecodable bytes)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub("", text)


def step_uid(step: Step) -> str:
    """A stable UID: the step key, with anything unusual in it written as ``%XX`` bytes."""
    safe = _UID_UNSAFE.sub(
        lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "replace")), step.key
    )
    return f"step-{safe}@{UID_DOMAIN}"


def _dates(step: Step) -> tuple[date, date] | None:
    """The first day and the day after the last (DTEND is exclusive for all-day events)."""
    if step.planned_start is None and step.planned_end is None:
        return None
    first = step.planned_start or step.planned_end
    last = step.planned_end or step.planned_start
    assert first is not None and last is not None
    if step.kind == "milestone":
        first = last  # a milestone is the day the stage is reached
    return first, max(first, last) + timedelta(days=1)


def _description(report: PlanReport, step: Step) -> str:
    plan = report.plan
    lines = [f"Phase: {step.phase.title}"]
    if len(plan.stages) > 1 and step.stage < len(plan.stages):
        lines.append(
            f"Stage {step.stage + 1} of {len(plan.stages)}: {report.stage_title(step.stage)}"
        )
    if step.hours:
        lines.append(f"Estimated effort: {format_hours(step.hours)}")
    status = _STATUS_WORDS.get(step.status, step.status)
    if step.status == "done" and step.completed_on:
        status += f" on {format_date(step.completed_on)}"
    lines.append(f"Status: {status}")
    if step.reasons:
        lines.append(f"Why: {step.why}")
    if step.notes.strip():
        lines += ["", "Notes:", step.notes.strip()]
    return "\n".join(lines)


def _event(report: PlanReport, step: Step, stamp: datetime) -> Event | None:
    span = _dates(step)
    if span is None:  # never scheduled: nothing to put on a calendar
        return None
    milestone = step.kind == "milestone"
    event = Event()
    event.add("uid", step_uid(step))
    event.add("dtstamp", stamp)
    event.add("dtstart", span[0])
    event.add("dtend", span[1])
    title = f"{MILESTONE}: {step.title}" if milestone else f"Step {step.position}: {step.title}"
    event.add("summary", clean(title))
    event.add("description", clean(_description(report, step)))
    categories = [step.phase.title, MILESTONE] if milestone else [step.phase.title]
    event.add("categories", categories)
    event.add("transp", "TRANSPARENT")  # a study step does not make the person busy all day
    return event


def render_ics(report: PlanReport, *, stamp: datetime) -> bytes:
    """The calendar of ``report``'s plan; ``stamp`` (UTC) is every event's DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", clean(f"Learning plan: {report.role.title}"))
    for step in report.plan.steps:
        event = _event(report, step, stamp)
        if event is not None:
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def export_ics(report: PlanReport, path: Path, *, stamp: datetime) -> None:
    """Write ``report``'s plan to ``path`` as an iCalendar file, all or nothing."""
    write_atomically(Path(path), render_ics(report, stamp=stamp))
