"""From a gap to a graph of steps: transitive prerequisites, phases, values, and their order.

Rules (DESIGN.md §2):
- A skill is raised in one step per level something asks of it (the role, a prerequisite of
  another skill, a certification), so a prerequisite is reached exactly when it is needed.
- Reaching level b of a skill needs each of its prerequisites at min(prerequisite level, b):
  a little awareness of Kubernetes does not wait for expert containers.
- Order is topological; among the steps free to go next, the earlier phase first, then the
  most valuable (importance × levels gained per hour, inherited by what a step unlocks), then
  the key, so the same input always gives the same plan.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from planner.catalog import Catalog
from planner.catalog.scale import level_label
from planner.catalog.schema import Role
from planner.planning.gap import RoleGap
from planner.planning.model import Phase, Step
from planner.planning.profile import ProfileSnapshot
from planner.planning.readiness import WEIGHTS


@dataclass(frozen=True)
class _Demand:
    kind: str  # requirement | prerequisite | certification
    importance: str
    text: str


def skill_step_key(skill_id: str, level: int) -> str:
    return f"skill:{skill_id}:{level}"


def _expand(
    catalog: Catalog, levels: Mapping[str, int], seeds: Iterable[tuple[str, int, _Demand]]
) -> dict[str, dict[int, list[_Demand]]]:
    """Every (skill, level) needed, prerequisites included, each with why it is needed."""
    demands: dict[str, dict[int, list[_Demand]]] = defaultdict(lambda: defaultdict(list))
    work: list[tuple[str, int]] = []
    for skill_id, level, why in seeds:
        if level > levels.get(skill_id, 0):
            if level not in demands[skill_id]:
                work.append((skill_id, level))
            demands[skill_id][level].append(why)
    while work:
        skill_id, level = work.pop()
        skill = catalog.skills[skill_id]
        for prereq in skill.prerequisites:
            need = min(prereq.level, level)
            if need <= levels.get(prereq.skill, 0):
                continue
            why = _Demand("prerequisite", "required", skill.name)
            if need not in demands[prereq.skill]:
                work.append((prereq.skill, need))
            demands[prereq.skill][need].append(why)
    return demands


def _step_reaching(
    steps_by_skill: Mapping[str, list[tuple[int, str]]], skill_id: str, level: int
) -> str:
    """The key of the first step of ``skill_id`` that reaches at least ``level``."""
    for to_level, key in steps_by_skill[skill_id]:
        if to_level >= level:
            return key
    raise AssertionError(f"no step reaches {skill_id} {level}")  # _expand guarantees one


def build_steps(
    catalog: Catalog,
    profile: ProfileSnapshot,
    role: Role,
    gap: RoleGap,
    *,
    include_preferred: bool = True,
    stage: int = 0,
    experience_until: date | None = None,
) -> list[Step]:
    """The unordered, undated steps that close ``gap``.

    ``experience_until`` is the day an earlier stage's experience is reached: experience
    this role asks for by then needs no step of its own.
    """
    wanted = ("required", "preferred") if include_preferred else ("required",)
    levels = profile.levels
    seeds: list[tuple[str, int, _Demand]] = []
    for s in gap.skills:
        if s.missing and s.importance in wanted:
            text = (
                f"{role.title} {'requires' if s.importance == 'required' else 'prefers'} "
                f"{catalog.skills[s.skill_id].name} at {level_label(s.target)}"
            )
            if s.note:
                text += f" ({s.note[0].lower()}{s.note[1:]})"
            seeds.append((s.skill_id, s.target, _Demand("requirement", s.importance, text)))

    cert_gaps = [c for c in gap.certifications if not c.met and c.importance in wanted]
    for c in cert_gaps:
        cert = catalog.certifications[c.cert_id]
        for assumed in cert.assumes:
            why = _Demand("certification", c.importance, f"{cert.name} assumes it")
            seeds.append((assumed.skill, assumed.level, why))

    demands = _expand(catalog, levels, seeds)

    steps: dict[str, Step] = {}
    deps: dict[str, set[str]] = {}
    own_rank: dict[str, Phase] = {}
    own_value: dict[str, float] = {}
    steps_by_skill: dict[str, list[tuple[int, str]]] = {
        sid: [(lv, skill_step_key(sid, lv)) for lv in sorted(by_level)]
        for sid, by_level in demands.items()
    }
    for skill_id in sorted(demands):
        skill = catalog.skills[skill_id]
        previous = levels.get(skill_id, 0)
        previous_key: str | None = None
        for to_level, key in steps_by_skill[skill_id]:
            whys = demands[skill_id][to_level]
            step_deps = {previous_key} if previous_key else set()
            for prereq in skill.prerequisites:
                need = min(prereq.level, to_level)
                if need > levels.get(prereq.skill, 0):
                    step_deps.add(_step_reaching(steps_by_skill, prereq.skill, need))
            importances = [w.importance for w in whys if w.kind == "requirement"]
            if "required" in importances:
                rank = Phase.CORE
            elif importances:
                rank = Phase.SPECIALISATION
            elif any(w.kind == "prerequisite" for w in whys):
                rank = Phase.FOUNDATIONS
            else:
                rank = Phase.CERTIFICATION
            hours = float(skill.hours_between(previous, to_level))
            weight = max((WEIGHTS[i] for i in importances), default=0.0)
            own_value[key] = weight * (to_level - previous) / hours if hours else 0.0
            own_rank[key] = rank
            deps[key] = step_deps
            steps[key] = Step(
                key=key,
                kind="skill",
                phase=rank,
                title=f"Raise {skill.name} from {level_label(previous)} to {level_label(to_level)}",
                hours=hours,
                reasons=_reasons(whys),
                skill_id=skill_id,
                from_level=previous,
                to_level=to_level,
                stage=stage,
                stage_role_id=role.id,
            )
            previous, previous_key = to_level, key

    for c in cert_gaps:
        cert = catalog.certifications[c.cert_id]
        key = f"cert:{cert.id}"
        verb = "Earn again" if c.state == "expired" else "Earn"
        reason = f"{role.title} {'requires' if c.importance == 'required' else 'recommends'} it" + (
            f"; yours expired on {c.expires_on}" if c.state == "expired" else ""
        )
        deps[key] = {
            _step_reaching(steps_by_skill, a.skill, a.level)
            for a in cert.assumes
            if a.level > levels.get(a.skill, 0)
        }
        own_rank[key] = Phase.CERTIFICATION
        own_value[key] = WEIGHTS[c.importance] / cert.prep_hours
        steps[key] = Step(
            key=key,
            kind="certification",
            phase=Phase.CERTIFICATION,
            title=f"{verb} {cert.name}",
            hours=float(cert.prep_hours),
            reasons=(reason,),
            cert_id=cert.id,
            stage=stage,
            stage_role_id=role.id,
        )

    reached = profile.reaches_years_on(role.min_years_experience, gap.on)
    if (
        gap.experience is not None
        and gap.experience.missing_years > 0
        and (experience_until is None or reached > experience_until)
    ):
        key = f"experience:{role.id}"
        missing = gap.experience.missing_years
        deps[key] = set()
        own_rank[key] = Phase.READINESS
        own_value[key] = 0.0
        note = role.experience_note or f"{role.title} asks for {role.min_years_experience:g} years"
        steps[key] = Step(
            key=key,
            kind="experience",
            phase=Phase.READINESS,
            title=f"Gain {_years_text(missing)} experience",
            hours=0.0,
            reasons=(note,),
            years=round(missing, 2),
            # The day the years are reached: fixed by the calendar, not by study hours.
            deadline=reached,
            suggestions=role.experience_suggestions,
            stage=stage,
            stage_role_id=role.id,
        )

    key = f"milestone:{role.id}"
    deps[key] = set(steps)
    own_rank[key] = Phase.READINESS
    own_value[key] = 0.0
    steps[key] = Step(
        key=key,
        kind="milestone",
        phase=Phase.READINESS,
        title=f"Ready for {role.title}",
        hours=0.0,
        reasons=(f"Every requirement of {role.title} in this plan is met",),
        stage=stage,
        stage_role_id=role.id,
    )
    return _finish(steps, deps, own_rank, own_value)


def _reasons(whys: list[_Demand]) -> tuple[str, ...]:
    """Requirements and certifications one line each; what it unlocks on one line."""
    direct = [w.text for w in whys if w.kind != "prerequisite"]
    unlocks = [w.text for w in whys if w.kind == "prerequisite"]
    if unlocks:
        direct.append("Needed first for " + ", ".join(sorted(set(unlocks))))
    return tuple(dict.fromkeys(direct))


def _years_text(years: float) -> str:
    if years < 1:
        months = max(1, round(years * 12))
        return f"{months} more month{'s' if months != 1 else ''} of"
    return f"{years:.1f} more years of"


def _finish(
    steps: dict[str, Step],
    deps: dict[str, set[str]],
    own_rank: dict[str, Phase],
    own_value: dict[str, float],
) -> list[Step]:
    """Propagate phase and value backwards from what each step unlocks."""
    dependents: dict[str, list[str]] = defaultdict(list)
    for key, before in deps.items():
        for d in before:
            dependents[d].append(key)
    rank = dict(own_rank)
    value = dict(own_value)
    # Reverse topological order: a step is settled after everything that depends on it.
    for key in reversed(topological_order(deps, lambda k: (0, 0.0, k))):
        for after in dependents[key]:
            if steps[after].kind == "milestone":
                continue
            rank[key] = min(rank[key], rank[after])
            value[key] = max(value[key], value[after])
    return [
        s._replace(phase=rank[k], value=value[k], depends_on=tuple(sorted(deps[k])))
        for k, s in steps.items()
    ]


def topological_order(deps: Mapping[str, Iterable[str]], priority: object) -> list[str]:
    """Kahn's algorithm; among ready keys the smallest ``priority(key)`` goes first."""
    key_of = priority  # a callable; typed loosely to accept tuples of any shape
    remaining = {k: set(v) for k, v in deps.items()}
    dependents: dict[str, list[str]] = defaultdict(list)
    for key, before in remaining.items():
        for d in before:
            dependents[d].append(key)
    ready = [(key_of(k), k) for k, before in remaining.items() if not before]  # type: ignore[operator]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        _, key = heapq.heappop(ready)
        order.append(key)
        for after in dependents[key]:
            remaining[after].discard(key)
            if not remaining[after]:
                heapq.heappush(ready, (key_of(after), after))  # type: ignore[operator]
    if len(order) != len(remaining):
        raise AssertionError("the step graph has a cycle")  # the catalog loader forbids them
    return order


def order_steps(steps: list[Step]) -> list[Step]:
    """Steps in plan order, numbered from 1."""
    by_key = {s.key: s for s in steps}
    order = topological_order(
        {s.key: s.depends_on for s in steps},
        lambda k: (by_key[k].phase, -by_key[k].value, k),
    )
    return [by_key[k]._replace(position=i) for i, k in enumerate(order, start=1)]
