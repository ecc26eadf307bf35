"""Invariants every plan must keep, checked against the catalog itself (not the plan's own
``depends_on``), shared by the route tests and the property test."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from itertools import pairwise

from planner.catalog import Catalog
from planner.planning import Plan, ProfileSnapshot, Step

STUDY = ("skill", "certification", "renewal")


def dates(step: Step) -> tuple[date, date]:
    assert step.planned_start is not None and step.planned_end is not None, step.key
    return step.planned_start, step.planned_end


def check_plan(catalog: Catalog, profile: ProfileSnapshot, plan: Plan) -> None:
    steps = plan.steps
    keys = [s.key for s in steps]
    assert len(keys) == len(set(keys)), "duplicate step keys"
    assert [s.position for s in steps] == list(range(1, len(steps) + 1))
    position = {s.key: s.position for s in steps}

    # No step comes before something it depends on.
    for step in steps:
        for dep in step.depends_on:
            assert dep in position, (step.key, dep)
            assert position[dep] < step.position, (step.key, dep)

    # Skill steps: a chain per skill, each prerequisite met by the profile or an earlier step.
    reached: dict[str, int] = dict(profile.levels)
    seen_levels: set[tuple[str, int]] = set()
    for step in steps:
        if step.kind != "skill":
            continue
        assert step.skill_id is not None and step.to_level is not None
        skill = catalog.skills[step.skill_id]
        current = reached.get(step.skill_id, 0)
        assert step.from_level == current, (step.key, step.from_level, current)
        assert step.to_level > current, step.key
        assert (step.skill_id, step.to_level) not in seen_levels, step.key
        seen_levels.add((step.skill_id, step.to_level))
        assert step.hours == skill.hours_between(current, step.to_level), step.key
        for prereq in skill.prerequisites:
            need = min(prereq.level, step.to_level)
            assert reached.get(prereq.skill, 0) >= need, (step.key, prereq.skill, need)
        reached[step.skill_id] = step.to_level

    # Every step is dated; study steps run one after another.
    for step in steps:
        start, end = dates(step)
        assert plan.options.start_date <= start <= end, step.key
    study = [s for s in steps if s.kind in STUDY]
    for before, after in pairwise(study):
        assert dates(after)[0] >= dates(before)[1], (before.key, after.key)
        assert dates(after)[1] >= dates(before)[1], (before.key, after.key)

    # Each stage ends with its milestone; phases never go back within a stage.
    by_stage: dict[int, list[Step]] = defaultdict(list)
    for step in steps:
        by_stage[step.stage].append(step)
    assert sorted(by_stage) == list(range(len(plan.stages)))
    milestone_days: list[date] = []
    for number, role_id in enumerate(plan.stages):
        stage_steps = by_stage[number]
        last = stage_steps[-1]
        assert last.key == f"milestone:{role_id}", (number, last.key)
        assert last.kind == "milestone" and last.stage_role_id == role_id
        assert [s.kind for s in stage_steps].count("milestone") == 1
        phases = [s.phase for s in stage_steps if s.kind != "renewal"]
        assert phases == sorted(phases), role_id
        day = dates(last)[1]
        milestone_days.append(day)
        for step in stage_steps:
            if step.kind != "renewal":
                assert dates(step)[1] <= day, (step.key, role_id)
    assert milestone_days == sorted(milestone_days)
    assert plan.eta == milestone_days[-1]
    assert plan.steps[-1].kind == "milestone"

    # A renewal is for a certification the person holds and a stage relies on.
    relied_on = {
        cert_id
        for role_id in plan.stages
        for rec in catalog.roles[role_id].certifications
        for cert_id in rec.any_of
    }
    for step in steps:
        if step.kind == "renewal":
            assert step.cert_id in relied_on, step.key
            # Either held and valid at the start, or earned by an earlier step of this plan.
            held = profile.certification(step.cert_id)
            if held is not None and held.valid_on(plan.options.start_date):
                if step.key == f"renew:{step.cert_id}":
                    assert step.deadline == held.expires_on, step.key
            else:
                earned = [s for s in steps if s.key == f"cert:{step.cert_id}"]
                assert earned and earned[0].position < step.position, step.key


def check_gap_closed(
    catalog: Catalog, profile: ProfileSnapshot, plan: Plan, include_preferred: bool = True
) -> None:
    """Once a stage's steps are done, every requirement of its role that the plan covers is met."""
    wanted = ("required", "preferred") if include_preferred else ("required",)
    levels = dict(profile.levels)
    earned: set[str] = {c.cert_id for c in profile.certifications}
    for number, role_id in enumerate(plan.stages):
        for step in plan.steps:
            if step.stage != number:
                continue
            if step.kind == "skill":
                assert step.skill_id is not None and step.to_level is not None
                levels[step.skill_id] = max(levels.get(step.skill_id, 0), step.to_level)
            elif step.kind == "certification":
                assert step.cert_id is not None
                earned.add(step.cert_id)
        role = catalog.roles[role_id]
        for requirement in role.requirements:
            if requirement.importance in wanted:
                best = max(levels.get(s, 0) for s in requirement.any_of)
                assert best >= requirement.level, (role_id, requirement.any_of)
        for rec in role.certifications:
            if rec.importance in wanted:
                assert earned & set(rec.any_of), (role_id, rec.any_of)
