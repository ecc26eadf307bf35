"""Converters from the planning engine's results to the rows and bars the charts draw."""

from __future__ import annotations

from datetime import date

from planner.catalog import Catalog
from planner.charts.model import GapRow, TimelineBar
from planner.planning.gap import RoleGap
from planner.planning.model import Plan, Step


def gap_rows(catalog: Catalog, gap: RoleGap) -> list[GapRow]:
    """One row per skill requirement, in the role's order, required before preferred."""
    rows = [
        GapRow(catalog.skills[s.skill_id].name, s.current, s.target, s.importance)
        for s in gap.skills
    ]
    # A stable sort keeps the role's own order within each importance.
    return sorted(rows, key=lambda r: r.importance != "required")


def _dates(step: Step, fallback: date) -> tuple[date, date]:
    start = step.planned_start or fallback
    return start, max(start, step.planned_end or start)


def step_bars(plan: Plan) -> list[TimelineBar]:
    """One bar per step, in plan order, coloured by phase."""
    bars = []
    for step in plan.steps:
        start, end = _dates(step, plan.options.start_date)
        bars.append(
            TimelineBar(
                label=f"{step.position}. {step.title}",
                start=start,
                end=end,
                color_index=int(step.phase),
                category=step.phase.title,
                done=step.finished,
                milestone=step.kind == "milestone",
            )
        )
    return bars


def phase_bars(plan: Plan) -> list[TimelineBar]:
    """One bar per stage and phase, from its first step's start to its last step's end.

    With more than one stage, each label starts with the stage's number (the route's roles
    are named where the chart is shown; their titles would crowd out the phase names).
    """
    bars = []
    for stage, phase, steps in plan.by_phase():
        spans = [_dates(s, plan.options.start_date) for s in steps]
        label = phase.title
        if len(plan.stages) > 1:
            label = f"Stage {stage + 1} · {phase.title}"
        only_milestones = all(s.kind == "milestone" for s in steps)
        bars.append(
            TimelineBar(
                label=label,
                start=min(a for a, _ in spans),
                end=max(b for _, b in spans),
                color_index=int(phase),
                category=phase.title,
                done=all(s.finished for s in steps),
                milestone=only_milestones,
            )
        )
    return bars
