"""Building a plan: gap → steps → order → dates, stage by stage, with renewals and the
progress of an earlier version of the plan carried over.

Certifications across a plan: one the person holds that is valid at the start, or one the plan
earns, is kept valid by dated renewal steps; so every stage's gap counts it as held, and a
certification is earned at most once in a plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.catalog import Catalog
from planner.planning.gap import role_gap
from planner.planning.graph import build_steps, order_steps
from planner.planning.model import Phase, Plan, PlanOptions, Step, StepStatus
from planner.planning.profile import HeldCertification, ProfileSnapshot, add_years
from planner.planning.schedule import schedule

# Renewing a renewal over and over would only happen with absurd inputs (a validity far
# shorter than the plan); past this many the plan stops adding them.
_MAX_RENEWALS_PER_CERTIFICATION = 20


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
    start = options.start_date
    if profile.years_recorded_on is None:  # experience counts on from the plan's start
        profile = profile._replace(years_recorded_on=start)
    projected = _kept_valid(profile, start)
    steps: list[Step] = []
    stage_start = start
    experience_until: date | None = None
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
                experience_until=experience_until,
            )
        )
        experience_until = max(
            [s.deadline for s in stage_steps if s.kind == "experience" and s.deadline]
            + ([experience_until] if experience_until else []),
            default=None,
        )
        steps += [_with_progress(s, progress) for s in stage_steps]
        projected = _project(projected, stage_steps)
        # The next stage is judged on the day its study can begin: after this stage's study.
        dated, _ = schedule(steps, options)
        study_ends = [s.planned_end for s in dated if s.hours and s.planned_end]
        stage_start = max(study_ends, default=start - timedelta(days=1)) + timedelta(days=1)

    return _with_renewals(catalog, profile, stages, steps, options, progress)


def _kept_valid(profile: ProfileSnapshot, start: date) -> ProfileSnapshot:
    """The profile with every certification valid at the start treated as kept valid (the
    plan renews it when it would lapse); lapsed ones stay as they are."""
    certs = tuple(
        c._replace(expires_on=None) if c.valid_on(start) else c for c in profile.certifications
    )
    return profile._replace(certifications=certs)


def _with_progress(step: Step, progress: Mapping[str, StepProgress]) -> Step:
    record = progress.get(step.key)
    if record is None:
        return step
    return step._replace(status=record.status, notes=record.notes, completed_on=record.completed_on)


def _project(profile: ProfileSnapshot, steps: Sequence[Step]) -> ProfileSnapshot:
    """The person once ``steps`` are done: skills raised, certifications held (and kept)."""
    levels = dict(profile.levels)
    certs = list(profile.certifications)
    for step in steps:
        if step.kind == "skill" and step.skill_id and step.to_level is not None:
            levels[step.skill_id] = max(levels.get(step.skill_id, 0), step.to_level)
        elif step.kind == "certification" and step.cert_id:
            certs.append(HeldCertification(step.cert_id, None, None))
    return profile._replace(levels=levels, certifications=tuple(certs))


def _renewals(
    catalog: Catalog,
    profile: ProfileSnapshot,
    stages: Sequence[str],
    dated: Sequence[Step],
    options: PlanOptions,
    progress: Mapping[str, StepProgress],
) -> list[Step]:
    """The renewals a dated plan needs so that no certification it relies on lapses before
    the target is reached: held ones from their expiry, earned ones from the day the plan
    earns them."""
    ready = max(s.planned_end for s in dated if s.kind == "milestone" and s.planned_end)
    relied_on = {
        cert_id
        for role_id in stages
        for rec in catalog.roles[role_id].certifications
        for cert_id in rec.any_of
    }
    first_deadline: dict[str, date] = {}
    for cert_id in sorted(relied_on):
        held = profile.certification(cert_id)
        if held is not None and held.valid_on(options.start_date) and held.expires_on:
            first_deadline[cert_id] = held.expires_on
    earned_here: set[str] = set()
    for step in dated:
        years = catalog.certifications[step.cert_id].validity_years if step.cert_id else None
        if step.kind == "certification" and step.cert_id and years and step.planned_end:
            first_deadline[step.cert_id] = add_years(step.planned_end, years)
            earned_here.add(step.cert_id)
    renewals_done = {s.key: s for s in dated if s.kind == "renewal"}

    result = []
    for cert_id, deadline in sorted(first_deadline.items()):
        cert = catalog.certifications[cert_id]
        for n in range(1, _MAX_RENEWALS_PER_CERTIFICATION + 1):
            if deadline > ready:
                break
            key = f"renew:{cert_id}" if n == 1 else f"renew:{cert_id}:{n}"
            if n == 1:
                after: tuple[str, ...] = (f"cert:{cert_id}",) if cert_id in earned_here else ()
            else:
                after = (f"renew:{cert_id}" if n == 2 else f"renew:{cert_id}:{n - 1}",)
            step = Step(
                key=key,
                kind="renewal",
                phase=Phase.CERTIFICATION,
                title=f"Renew {cert.name} by {deadline}",
                hours=float(cert.renewal_effort),
                reasons=(f"It lapses on {deadline}, before this plan is done",),
                cert_id=cert_id,
                deadline=deadline,
                depends_on=after,
                stage_role_id=stages[-1],
                stage=len(stages) - 1,
            )
            result.append(_with_progress(step, progress))
            placed = renewals_done.get(key)
            if placed is None or placed.planned_end is None or cert.validity_years is None:
                break  # the next renewal is known once this one has a date
            deadline = add_years(placed.planned_end, cert.validity_years)
    return result


def _with_renewals(
    catalog: Catalog,
    profile: ProfileSnapshot,
    stages: Sequence[str],
    steps: list[Step],
    options: PlanOptions,
    progress: Mapping[str, StepProgress],
) -> Plan:
    """Schedule, add the renewals the dates call for, and repeat until they settle (each
    renewal can move the ETA, and so call for another)."""
    dated, eta = schedule(steps, options)
    seen: set[tuple[str, date | None]] = set()
    for _ in range(4 * _MAX_RENEWALS_PER_CERTIFICATION):
        renewals = _renewals(catalog, profile, stages, dated, options, progress)
        signature = {(r.key, r.deadline) for r in renewals}
        if signature == seen:
            break
        seen = signature
        dated, eta = schedule([*steps, *renewals], options)
    # A renewal belongs to the stage being worked on when it falls due: the stage of the
    # next step after it.
    stage = len(stages) - 1
    for i in range(len(dated) - 1, -1, -1):
        step = dated[i]
        if step.kind == "renewal":
            dated[i] = step._replace(stage=stage, stage_role_id=stages[stage])
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
    return plan._replace(steps=tuple(dated), options=options, eta=eta)
