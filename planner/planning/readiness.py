"""Readiness: one number per role, 0–100 %, weighted and explained item by item."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import repeat
from operator import mul
from typing import NamedTuple

from planner.catalog import Catalog
from planner.catalog.scale import level_label
from planner.catalog.schema import EDUCATION_NAMES, EDUCATION_ORDER, Importance, Role
from planner.planning.gap import RoleGap, role_gap
from planner.planning.profile import ProfileSnapshot

# A required item counts three times as much as a preferred one.
WEIGHTS: dict[str, float] = {"required": 3.0, "preferred": 1.0}


class ReadinessItem(NamedTuple):
    kind: str  # skill | certification | experience | education
    label: str
    importance: Importance
    score: float  # 0..1, how much of this item is met
    points: float  # what it adds to the percentage
    max_points: float  # what it would add if fully met
    detail: str


class Readiness(NamedTuple):
    role_id: str
    percent: float
    items: tuple[ReadinessItem, ...]

    def explain(self) -> list[str]:
        """One line per item: what it is, what is met, and what it counts for."""
        return [
            f"{item.label} ({item.importance}): {item.detail} — "
            f"{item.points:.1f} of {item.max_points:.1f} points"
            for item in self.items
        ]


def _scores(gap: RoleGap) -> list[tuple[Importance, float]]:
    """Each item's importance and how much of it is met (0..1), in the order items are shown."""
    scored: list[tuple[Importance, float]] = [
        (s.importance, min(s.current, s.target) / s.target) for s in gap.skills
    ]
    scored += [(c.importance, 1.0 if c.met else 0.0) for c in gap.certifications]
    if (e := gap.experience) is not None:
        scored.append(("required", min(1.0, e.current_years / e.required_years)))
    scored += [(ed.importance, 1.0 if ed.met else 0.0) for ed in gap.education]
    return scored


def _shares(importances: Sequence[Importance]) -> list[float]:
    """Each item's share of the 100 points."""
    total = sum(WEIGHTS[importance] for importance in importances)
    return [100.0 * WEIGHTS[importance] / total if total else 0.0 for importance in importances]


def _percent(shares: Sequence[float], scores: Sequence[float]) -> float:
    """The percentage the met parts of the items add up to (100 when nothing is asked)."""
    if not shares:
        return 100.0
    met: float = sum(map(mul, shares, scores))
    return round(min(100.0, met), 1)


def _weigh(scored: list[tuple[Importance, float]]) -> tuple[list[float], float]:
    """Each item's share of the 100 points, and the percentage the met parts add up to."""
    shares = _shares([importance for importance, _ in scored])
    return shares, _percent(shares, [score for _, score in scored])


def readiness_percent(gap: RoleGap) -> float:
    """The percentage alone, without the words: what ranking every role needs."""
    return _weigh(_scores(gap))[1]


def readiness_from_gap(catalog: Catalog, gap: RoleGap) -> Readiness:
    """The readiness ``gap`` shows, explained item by item."""
    words: list[tuple[str, str, str]] = []  # kind, label, detail; in the order of _scores
    for s in gap.skills:
        name = catalog.skills[s.skill_id].name
        others = [catalog.skills[a].name for a in s.alternatives if a != s.skill_id]
        label = name + (f" (or {', '.join(others)})" if others else "")
        detail = f"{level_label(s.current)} of {level_label(s.target)} needed"
        words.append(("skill", label, detail))
    for c in gap.certifications:
        name = catalog.certifications[c.cert_id].name
        detail = {
            "valid": f"held, valid until {c.expires_on}" if c.expires_on else "held",
            "expired": f"expired on {c.expires_on}",
            "missing": "not held",
        }[c.state]
        words.append(("certification", name, detail))
    if gap.experience is not None:
        e = gap.experience
        words.append(
            ("experience", "Experience", f"{e.current_years:.1f} of {e.required_years:g} years")
        )
    for ed in gap.education:
        detail = "met" if ed.met else f"you have: {EDUCATION_NAMES.get(ed.current, ed.current)}"
        label = EDUCATION_NAMES[ed.level] + (f" in {', '.join(ed.fields)}" if ed.fields else "")
        words.append(("education", label, detail))

    scored = _scores(gap)
    shares, percent = _weigh(scored)
    items = tuple(
        ReadinessItem(kind, label, importance, score, share * score, share, detail)
        for (kind, label, detail), (importance, score), share in zip(
            words, scored, shares, strict=True
        )
    )
    return Readiness(gap.role_id, percent, items)


def readiness(catalog: Catalog, profile: ProfileSnapshot, role: Role, on: date) -> Readiness:
    """How ready ``profile`` is for ``role`` on the day ``on``."""
    return readiness_from_gap(catalog, role_gap(catalog, profile, role, on))


class ReadinessTracker:
    """Readiness for one role while a person's levels change, rating by rating.

    ``percent(on)`` is exactly ``readiness(catalog, profile, role, on).percent`` for the
    profile with the levels rated so far, in numbers only: a rating re-scores just the
    requirements that accept its skill, and a day just the items that depend on the day
    (certifications, experience). Drawing readiness over ten years of daily ratings needs
    this; a full readiness per day (the gap, then every item explained in words) took most
    of a second.
    """

    def __init__(self, profile: ProfileSnapshot, role: Role) -> None:
        self._levels = dict(profile.levels)
        # Per skill, the requirements that accept it: (index, target level, the alternatives
        # when there are several).
        self._requirements_of: dict[str, list[tuple[int, int, tuple[str, ...] | None]]] = {}
        for index, requirement in enumerate(role.requirements):
            alternatives = tuple(dict.fromkeys(requirement.any_of))
            entry = (index, requirement.level, alternatives if len(alternatives) > 1 else None)
            for skill_id in alternatives:
                self._requirements_of.setdefault(skill_id, []).append(entry)
        # The most recent record of each alternative the person holds or held (as the gap
        # judges a certification), per recommendation.
        self._held = [
            [r for r in map(profile.certification, rec.any_of) if r is not None]
            for rec in role.certifications
        ]
        self._profile = profile
        self._years = role.min_years_experience
        importances: list[Importance] = [r.importance for r in role.requirements]
        importances += [rec.importance for rec in role.certifications]
        importances += ["required"] if self._years > 0 else []
        importances += [e.importance for e in role.education]
        self._shares = _shares(importances)
        # Scores in the order of the items: skills, certifications, experience, education.
        education = EDUCATION_ORDER.get(profile.education, 0)
        self._scores = [0.0] * len(role.requirements)
        self.rate(list(self._levels.items()))
        self._first_daily = len(self._scores)
        self._scores += [0.0] * (len(role.certifications) + (1 if self._years > 0 else 0))
        self._scores += [
            1.0 if education >= EDUCATION_ORDER[e.level] else 0.0 for e in role.education
        ]

    def rate(self, ratings: Iterable[tuple[str, int, *tuple[object, ...]]]) -> None:
        """Take ratings in turn, each ``(skill id, level, ...)`` (what follows is not read):
        the person's levels are now these."""
        levels, scores, requirements_of = self._levels, self._scores, self._requirements_of
        for rating in ratings:
            entries = requirements_of.get(rating[0])
            if entries is None:  # a skill the role does not ask for
                continue
            level = rating[1]
            levels[rating[0]] = level
            for index, target, alternatives in entries:
                # The gap measures a requirement on the alternative most of whose level is met.
                met = (
                    level if alternatives is None else max(map(levels.get, alternatives, repeat(0)))
                )
                scores[index] = min(met, target) / target

    def percent(self, on: date) -> float:
        """Readiness with the levels so far, on the day ``on``."""
        scores = self._scores
        at = self._first_daily
        for held in self._held:  # a certification counts while one alternative is valid
            scores[at] = 1.0 if any(r.valid_on(on) for r in held) else 0.0
            at += 1
        if self._years > 0:
            scores[at] = min(1.0, self._profile.years_on(on) / self._years)
        return _percent(self._shares, scores)
