"""Every role ranked by how close a person is: readiness first, then the hours still needed.

A role's standing is what its plan would hold, worked out without building the plan. The
plan's skill steps are the (skill, level) pairs its gap asks for, with their prerequisites
expanded exactly as ``graph.build_steps`` expands them; one more step per certification not
held. The steps of one skill climb from the person's level to the highest level asked of it,
one after the other, so their hours are those of that climb. Ranking every role expands each
(skill, level) once for the person and shares the expansion between the roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import rshift

from planner.catalog import Catalog
from planner.catalog.scale import MAX_LEVEL
from planner.planning.gap import RoleGap, role_gap
from planner.planning.profile import ProfileSnapshot
from planner.planning.readiness import readiness_percent

# A (skill, level) step is one int, the skill's number shifted left and the level in the low
# bits: ints hash and compare in C, and sorting them groups each skill's levels in order.
_LEVEL_BITS = 3
_LEVEL_MASK = (1 << _LEVEL_BITS) - 1
assert MAX_LEVEL <= _LEVEL_MASK


@dataclass(frozen=True)
class RoleStanding:
    role_id: str
    readiness: float
    hours_needed: float
    steps: int


class Standings:
    """Standings of any number of roles for one person on one day. The expansion of
    prerequisites is shared between roles; it depends on the person, whose levels decide
    where it stops."""

    def __init__(self, catalog: Catalog, profile: ProfileSnapshot, on: date) -> None:
        self._catalog = catalog
        self._profile = profile
        self._on = on
        self._skills = list(catalog.skills.values())
        self._number = {skill_id: n for n, skill_id in enumerate(catalog.skills)}
        levels = profile.levels
        self._current = [levels.get(skill_id, 0) for skill_id in catalog.skills]
        # Per skill number, its prerequisites as steps (filled as skills are reached).
        self._prerequisites: dict[int, list[int]] = {}
        # Per step: the steps a plan needs to take it (itself and its prerequisites,
        # transitively), each mapped to its hours from the person's level. A dict of ints is
        # not tracked by the garbage collector, so thousands of them cost no collections.
        self._closures: dict[int, dict[int, int]] = {}

    def of(self, role_id: str) -> RoleStanding:
        catalog = self._catalog
        gap = role_gap(catalog, self._profile, catalog.roles[role_id], self._on)
        steps = self._steps(gap)
        # Each skill's steps climb in turn up to its highest one: that step's hours from the
        # person's level are the skill's hours. Sorted, a skill's highest step comes last,
        # so it is the one a dict keyed by skill keeps.
        ordered = sorted(steps)
        highest = dict(zip(map(rshift, ordered, repeat(_LEVEL_BITS)), ordered, strict=True))
        hours = sum(map(steps.__getitem__, highest.values()))
        # A certification recommended twice (or as an alternative twice) is one step.
        certs = {c.cert_id for c in gap.certifications if not c.met}
        hours += sum(catalog.certifications[cert_id].prep_hours for cert_id in certs)
        return RoleStanding(
            role_id=role_id,
            readiness=readiness_percent(gap),
            hours_needed=float(hours),
            steps=len(steps) + len(certs),
        )

    def _steps(self, gap: RoleGap) -> dict[int, int]:
        """The skill steps closing ``gap`` with their hours from the person's level. What
        they start from is what ``build_steps`` starts from: every requirement not met
        (preferred ones too) and what each missing certification assumes."""
        number, current = self._number, self._current
        seeds = [(number[s.skill_id], s.target) for s in gap.skills if s.missing]
        for c in gap.certifications:
            if not c.met:
                assumes = self._catalog.certifications[c.cert_id].assumes
                seeds += [(number[a.skill], a.level) for a in assumes]
        steps: dict[int, int] = {}
        for n, level in seeds:
            step = n << _LEVEL_BITS | level
            # A step already in holds its whole closure already.
            if level > current[n] and step not in steps:
                steps.update(self._closure(step))
        return steps

    def _closure(self, step: int) -> dict[int, int]:
        """``step`` and every step it waits for, transitively, with their hours; memoised.

        A step waits for each prerequisite of its skill at min(the prerequisite's level, the
        level it reaches), where the person is short of that. Depth first without recursion,
        so no chain of prerequisites is too long for it.
        """
        closures, current, skills = self._closures, self._current, self._skills
        prerequisites_of, number = self._prerequisites, self._number
        todo = [step]
        waited: set[int] = set()
        while todo:
            node = todo[-1]
            if node in closures:
                todo.pop()
                continue
            n, level = node >> _LEVEL_BITS, node & _LEVEL_MASK
            prerequisites = prerequisites_of.get(n)
            if prerequisites is None:
                prerequisites = prerequisites_of[n] = [
                    number[p.skill] << _LEVEL_BITS | p.level for p in skills[n].prerequisites
                ]
            needs = []
            unsettled = False
            for prerequisite in prerequisites:
                wanted = prerequisite & _LEVEL_MASK
                if wanted > level:
                    wanted = level
                if wanted > current[prerequisite >> _LEVEL_BITS]:
                    need = prerequisite & ~_LEVEL_MASK | wanted
                    needs.append(need)
                    if need not in closures:
                        todo.append(need)
                        unsettled = True
            if unsettled:  # settle what it waits for first, then come back to it
                if node in waited:  # back with its needs unsettled: it waits for itself
                    raise AssertionError("the prerequisite graph has a cycle")
                waited.add(node)
                continue
            todo.pop()
            closure = {node: skills[n].hours_between(current[n], level)}
            for need in needs:
                closure.update(closures[need])
            closures[node] = closure
        return closures[step]


def standing(catalog: Catalog, profile: ProfileSnapshot, role_id: str, on: date) -> RoleStanding:
    """How close ``profile`` is to one role: readiness, and the hours and steps of study its
    plan would hold (experience and the milestone take no study)."""
    return Standings(catalog, profile, on).of(role_id)


def rank_roles(catalog: Catalog, profile: ProfileSnapshot, on: date) -> list[RoleStanding]:
    """All catalog roles, closest first (highest readiness, then fewest hours, then title)."""
    table = Standings(catalog, profile, on)
    standings = [table.of(role_id) for role_id in catalog.roles]
    return sorted(
        standings,
        key=lambda s: (-s.readiness, s.hours_needed, catalog.roles[s.role_id].title.casefold()),
    )
