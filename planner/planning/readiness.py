"""Readiness: one number per role, 0–100 %, weighted and explained item by item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.catalog import Catalog
from planner.catalog.scale import level_label
from planner.catalog.schema import EDUCATION_NAMES, Importance, Role
from planner.planning.gap import RoleGap, role_gap
from planner.planning.profile import ProfileSnapshot

# A required item counts three times as much as a preferred one.
WEIGHTS: dict[str, float] = {"required": 3.0, "preferred": 1.0}


@dataclass(frozen=True)
class ReadinessItem:
    kind: str  # skill | certification | experience | education
    label: str
    importance: Importance
    score: float  # 0..1, how much of this item is met
    points: float  # what it adds to the percentage
    max_points: float  # what it would add if fully met
    detail: str


@dataclass(frozen=True)
class Readiness:
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


def readiness_from_gap(catalog: Catalog, gap: RoleGap) -> Readiness:
    raw: list[tuple[str, str, Importance, float, str]] = []
    for s in gap.skills:
        name = catalog.skills[s.skill_id].name
        others = [catalog.skills[a].name for a in s.alternatives if a != s.skill_id]
        label = name + (f" (or {', '.join(others)})" if others else "")
        score = min(s.current, s.target) / s.target
        detail = f"{level_label(s.current)} of {level_label(s.target)} needed"
        raw.append(("skill", label, s.importance, score, detail))
    for c in gap.certifications:
        name = catalog.certifications[c.cert_id].name
        detail = {
            "valid": f"held, valid until {c.expires_on}" if c.expires_on else "held",
            "expired": f"expired on {c.expires_on}",
            "missing": "not held",
        }[c.state]
        raw.append(("certification", name, c.importance, 1.0 if c.met else 0.0, detail))
    if gap.experience is not None:
        e = gap.experience
        score = min(1.0, e.current_years / e.required_years)
        detail = f"{e.current_years:.1f} of {e.required_years:g} years"
        raw.append(("experience", "Experience", "required", score, detail))
    for ed in gap.education:
        detail = "met" if ed.met else f"you have: {EDUCATION_NAMES.get(ed.current, ed.current)}"
        label = EDUCATION_NAMES[ed.level] + (f" in {', '.join(ed.fields)}" if ed.fields else "")
        raw.append(("education", label, ed.importance, 1.0 if ed.met else 0.0, detail))

    total = sum(WEIGHTS[imp] for _, _, imp, _, _ in raw)
    items = []
    for kind, label, importance, score, detail in raw:
        share = 100.0 * WEIGHTS[importance] / total if total else 0.0
        items.append(ReadinessItem(kind, label, importance, score, share * score, share, detail))
    percent = sum(i.points for i in items) if total else 100.0
    return Readiness(gap.role_id, round(min(100.0, percent), 1), tuple(items))


def readiness(catalog: Catalog, profile: ProfileSnapshot, role: Role, on: date) -> Readiness:
    """How ready ``profile`` is for ``role`` on the day ``on``."""
    return readiness_from_gap(catalog, role_gap(catalog, profile, role, on))
