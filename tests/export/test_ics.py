"""The plan as an iCalendar file, read back with the icalendar library: one all-day event per
step over its planned dates, milestones on their day, text that survives escaping, lines
folded at 75 octets, and UIDs that stay the same when the plan is regenerated."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar, Event

from planner.catalog import Catalog
from planner.errors import ExportError
from planner.export.ics import MILESTONE, PRODID, clean, export_ics, render_ics
from planner.export.report import PlanReport

from .sample import MARKUP_NOTE, make_report

STAMP = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# Every character iCalendar must escape (RFC 5545 §3.3.11), line breaks, non-ASCII, a
# character outside the BMP, and control characters the format does not allow.
AWKWARD = 'Chapters 3,4; then "review"\\done\nsecond line\r\nthird · Zoë 日本 🎯\x07\x00 end'


def events(data: bytes) -> list[Event]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


@pytest.fixture
def awkward_report(catalog: Catalog) -> PlanReport:
    return make_report(catalog, notes={0: AWKWARD, 2: MARKUP_NOTE})


def test_one_event_per_step_and_milestone_on_the_planned_days(
    awkward_report: PlanReport,
) -> None:
    plan = awkward_report.plan
    found = events(render_ics(awkward_report, stamp=STAMP))
    milestones = [s for s in plan.steps if s.kind == "milestone"]
    others = [s for s in plan.steps if s.kind != "milestone"]
    assert milestones and others  # the plan has both kinds
    assert len(found) == len(others) + len(milestones)
    by_uid = {str(e["UID"]): e for e in found}
    assert len(by_uid) == len(found)  # every UID different
    for step, event in zip(plan.steps, found, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and type(end) is date  # all-day events
        if step.kind == "milestone":
            assert start == step.planned_end and end == start + timedelta(days=1)
            assert str(event["SUMMARY"]) == f"{MILESTONE}: {step.title}"
            assert MILESTONE in event["CATEGORIES"].cats
        else:
            assert (start, end) == (step.planned_start, step.planned_end + timedelta(days=1))
            assert str(event["SUMMARY"]) == f"Step {step.position}: {step.title}"
        description = str(event["DESCRIPTION"])
        assert f"Phase: {step.phase.title}" in description
        assert event.decoded("DTSTAMP") == STAMP


def test_the_calendar_names_itself(awkward_report: PlanReport) -> None:
    calendar = Calendar.from_ical(render_ics(awkward_report, stamp=STAMP))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["X-WR-CALNAME"]) == f"Learning plan: {awkward_report.role.title}"


def test_notes_survive_escaping_and_folding(awkward_report: PlanReport) -> None:
    data = render_ics(awkward_report, stamp=STAMP)
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    data.decode("utf-8")  # folding never splits a character
    assert b"\x07" not in data and b"\x00" not in data
    first = events(data)[0]
    description = str(first["DESCRIPTION"])
    # What comes back is the note, line breaks as LF, without the control characters.
    assert description.endswith(
        'Notes:\nChapters 3,4; then "review"\\done\nsecond line\nthird · Zoë 日本 🎯 end'
    )
    assert clean(AWKWARD) in description
    # Markup is only text to a calendar: it comes back exactly as typed.
    assert MARKUP_NOTE in str(events(data)[2]["DESCRIPTION"])


def test_uids_are_stable_across_regeneration(catalog: Catalog) -> None:
    before = make_report(catalog)
    # A regenerated plan: other dates and statuses, the same step keys.
    later = replace(
        before,
        plan=before.plan._replace(
            steps=tuple(
                s._replace(planned_start=s.planned_start + timedelta(days=30), status="todo")
                for s in before.plan.steps
                if s.planned_start is not None
            ),
        ),
    )
    uids = [str(e["UID"]) for e in events(render_ics(before, stamp=STAMP))]
    again = [str(e["UID"]) for e in events(render_ics(later, stamp=STAMP + timedelta(1)))]
    assert uids == again
    assert all(uid.endswith("@learning-path-planner.invalid") for uid in uids)
    # A key with characters a UID should not carry is written safely, and stays distinct.
    odd = before.plan.steps[0]._replace(key="skill:c++ & co/é")
    odd_report = replace(before, plan=before.plan._replace(steps=(odd,)))
    (event,) = events(render_ics(odd_report, stamp=STAMP))
    assert (
        str(event["UID"]) == "step-skill:c%2B%2B%20%26%20co%2F%C3%A9@learning-path-planner.invalid"
    )


def test_unscheduled_steps_are_left_out(catalog: Catalog) -> None:
    report = make_report(catalog)
    steps = list(report.plan.steps)
    steps[1] = steps[1]._replace(planned_start=None, planned_end=None)
    found = events(
        render_ics(replace(report, plan=report.plan._replace(steps=tuple(steps))), stamp=STAMP)
    )
    assert len(found) == len(steps) - 1
    assert steps[1].title not in " ".join(str(e["SUMMARY"]) for e in found)


def test_the_file_is_written_whole_or_not_at_all(report: PlanReport, tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    export_ics(report, path, stamp=STAMP)
    assert path.read_bytes() == render_ics(report, stamp=STAMP)
    with pytest.raises(ExportError, match="does not exist"):
        export_ics(report, tmp_path / "missing" / "plan.ics", stamp=STAMP)
