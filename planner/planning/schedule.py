"""Dates for an ordered plan: study steps one after another at the hours per week the person
has, experience gained in parallel, renewals placed so they finish before the expiry.

Changing the hours or the start re-dates the plan; it never reorders it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from planner.planning.model import PlanOptions, Step


def _day(start: date, days: float) -> date:
    return start + timedelta(days=math.floor(days + 1e-9))


def _end_day(start: date, begin: float, end: float) -> date:
    """The last day of work that runs from ``begin`` to ``end`` days after ``start``."""
    return start + timedelta(days=max(math.floor(begin + 1e-9), math.ceil(end - 1e-9) - 1))


def schedule(steps: Sequence[Step], options: PlanOptions) -> tuple[list[Step], date]:
    """Give every step planned dates and return them, renumbered, with the ETA.

    Study steps (skills, certifications, renewals) take their hours one after another; a
    finished step takes no time. Renewals are moved forward so that each one ends before
    its deadline whenever that is still possible. Experience runs from the stage's start
    alongside study; a milestone lands when everything it follows has ended.
    """
    per_day = options.hours_per_week / 7.0
    renewals = sorted(
        (s for s in steps if s.kind == "renewal" and not s.finished),
        key=lambda s: (s.deadline or date.max, s.key),
    )
    regular = [s for s in steps if not (s.kind == "renewal" and not s.finished)]
    start = options.start_date
    cursor = 0.0
    dated: list[Step] = []

    def duration(step: Step) -> float:
        return 0.0 if step.finished else step.hours / per_day

    def place(step: Step) -> None:
        nonlocal cursor
        placed.add(step.key)
        begin, cursor = cursor, cursor + duration(step)
        dated.append(
            step._replace(
                planned_start=_day(start, begin), planned_end=_end_day(start, begin, cursor)
            )
        )

    placed: set[str] = set()
    in_plan = {s.key for s in steps}

    def ready(r: Step) -> bool:
        """A renewal never comes before the earning (or renewal) it renews."""
        return all(d in placed or d not in in_plan for d in r.depends_on)

    def place_due_renewals(before: float) -> None:
        """Renewals whose latest start falls before ``before`` days go now."""
        while True:
            due = [
                r
                for r in renewals
                if ready(r)
                and ((r.deadline - start).days + 1 if r.deadline else math.inf) - duration(r)
                < before
            ]
            if not due:
                return
            renewals.remove(due[0])
            place(due[0])

    stage_begin: dict[int, float] = {}
    for step in regular:
        # A stage starts when its first step can: after the previous stage's study.
        stage_begin.setdefault(step.stage, cursor)
        if step.kind in ("skill", "certification"):
            place_due_renewals(cursor + duration(step))
            place(step)
        elif step.kind == "experience":
            begin = _day(start, stage_begin[step.stage])
            reached = step.deadline or begin
            end = max(begin, reached - timedelta(days=1))
            dated.append(step._replace(planned_start=begin, planned_end=end))
            placed.add(step.key)
        else:  # milestone: once the study and experience of its stage (and earlier) are done
            place_due_renewals(cursor)
            ends = [s.planned_end for s in dated if s.stage <= step.stage and s.planned_end]
            day = max(ends, default=start)
            # A certification that lapses before the milestone has to be renewed to reach it.
            lapsing = [r for r in renewals if ready(r) and (r.deadline or date.max) <= day]
            while lapsing:
                renewals.remove(lapsing[0])
                place(lapsing[0])
                day = max(day, dated[-1].planned_end or day)
                lapsing = [r for r in renewals if ready(r) and (r.deadline or date.max) <= day]
            dated.append(step._replace(planned_start=day, planned_end=day))
            placed.add(step.key)
    while renewals:
        nxt = next((r for r in renewals if ready(r)), renewals[0])
        renewals.remove(nxt)
        place(nxt)
    eta = max((s.planned_end for s in dated if s.planned_end), default=start)
    return [s._replace(position=i) for i, s in enumerate(dated, start=1)], eta
