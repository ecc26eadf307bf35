"""Building a plan: gap → steps → order → dates, stage by stage, with renewals and the
progress of an earlier version of the plan carried over."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from planner.catalog import Catalog
from planner.planning.gap import role_gap
from planner.planning.graph import build_steps, order_steps
from planner.planning.model import Phase, Plan, PlanOptions, Step, StepStatus
from planner.planning.profile import HeldCertification, ProfileSnapshot
from planner.planning.schedule import schedule


@dataclass(frozen=True)
class StepProgress:
    """What a person recorded on a step; it follows the step's key into a regenerated plan."""

    status: StepStatus = "todo"
    notes: str = ""
    completed_on: date | None = None


def build_plan(
    catalog: Catalog,
    profile: ProfileSnapshot,
    target_role_id: str,
    options: PlanOptions,
    *,
    via: Sequence[str] = (),
    progress: Mapping[str, StepProgress] | None = None,
) -> Plan:
    """The dated plan from ``profile`` to ``target_role_id``, through the roles in ``via``.

    Pure and deterministic: the same inputs give the same plan, step for step.
    """
    stages = (*via, target_role_id)
    progress = progress or {}
    projected = profile
    steps: list[Step] = []
    stage_start = options.start_date
    for number, role_id in enumerate(stages):
        role = catalog.roles[role_id]
        gap = role_gap(catalog, projected, role, stage_start)
        stage_steps = order_steps(
            build_steps(
                catalog,
                projected,
                role,
                gap,
                include_preferred=options.include_preferred,
                stage=number,
            )
        )
        steps += [_with_progress(s, progress) for s in stage_steps]
        dated, _ = schedule(steps, options)
        stage_start = dated[-1].planned_end or stage_start
        projected = _project(catalog, projected, stage_steps, stage_start)

    return _with_renewals(catalog, profile, stages, steps, options, progress)


def _with_progress(step: Step, progress: Mapping[str, StepProgress]) -> Step:
    record = progress.get(step.key)
    if record is None:
        return step
    return replace(step, status=record.status, notes=record.notes, completed_on=record.completed_on)


def _project(
    catalog: Catalog, profile: ProfileSnapshot, steps: Sequence[Step], on: date
) -> ProfileSnapshot:
    """The person as they will be once ``steps`` are done, on the day ``on``."""
    levels = dict(profile.levels)
    certs = list(profile.certifications)
    for step in steps:
        if step.kind == "skill" and step.skill_id and step.to_level is not None:
            levels[step.skill_id] = max(levels.get(step.skill_id, 0), step.to_level)
        elif step.kind == "certification" and step.cert_id:
            years = catalog.certifications[step.cert_id].validity_years
            expires = _add_years(on, years) if years else None
            certs.append(HeldCertification(step.cert_id, on, expires))
    return replace(profile, levels=levels, certifications=tuple(certs))


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _with_renewals(
    catalog: Catalog,
    profile: ProfileSnapshot,
    stages: Sequence[str],
    steps: list[Step],
    options: PlanOptions,
    progress: Mapping[str, StepProgress],
) -> Plan:
    """Schedule, then add a dated renewal for each held certification a stage relies on that
    lapses before the plan is done; repeat while the renewals move the ETA past another one."""
    relied_on = {
        cert_id
        for role_id in stages
        for rec in catalog.roles[role_id].certifications
        for cert_id in rec.any_of
    }
    renewing: dict[str, Step] = {}
    while True:
        dated, eta = schedule([*steps, *renewing.values()], options)
        due = [
            held
            for held in profile.certifications
            if held.cert_id in relied_on
            and f"renew:{held.cert_id}" not in renewing
            and held.valid_on(options.start_date)
            and held.expires_on is not None
            and held.expires_on <= eta
            and profile.certification(held.cert_id) is held
        ]
        if not due:
            break
        for held in due:
            cert = catalog.certifications[held.cert_id]
            key = f"renew:{cert.id}"
            step = Step(
                key=key,
                kind="renewal",
                phase=Phase.CERTIFICATION,
                title=f"Renew {cert.name} by {held.expires_on}",
                hours=float(cert.renewal_effort),
                reasons=(f"Yours expires on {held.expires_on}, before this plan is done",),
                cert_id=cert.id,
                deadline=held.expires_on,
                stage_role_id=stages[-1],
                stage=len(stages) - 1,
            )
            renewing[key] = _with_progress(step, progress)
    # A renewal belongs to the stage in which it falls due.
    stage = 0
    for i, step in enumerate(dated):
        if step.kind == "renewal":
            dated[i] = replace(step, stage=stage, stage_role_id=stages[stage])
        else:
            stage = step.stage
    return Plan(
        role_id=stages[-1],
        stages=tuple(stages),
        steps=tuple(dated),
        options=options,
        eta=eta,
    )


def reschedule(plan: Plan, options: PlanOptions) -> Plan:
    """The same steps in the same order, re-dated for new hours per week or a new start."""
    dated, eta = schedule(plan.steps, options)
    return replace(plan, steps=tuple(dated), options=options, eta=eta)
