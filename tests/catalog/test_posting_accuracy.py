"""Measured accuracy of the posting extractor against the catalog's own seed roles.

Each seed text holds one or more roles, each under its title as a heading line (a role file
names its seed in ``sources``). The passage under a role's heading is run through the
extractor and the skills found are compared with that role's requirements in the catalog:
recall is the share of requirements found (an ``any_of`` requirement counts when any of its
alternatives is found), precision the share of skills found that the role asks for.
Roles that a seed only names in passing, with no heading of their own, have no passage and
are listed as not measured. Run with ``pytest -s`` to see the figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from planner.catalog import builtin_catalog, normalise_name
from planner.catalog.catalog import Catalog
from planner.catalog.posting import extract_requirements
from planner.catalog.schema import Role

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
MIN_RECALL = 0.90
MIN_PRECISION = 0.85
# The seeds give their own heading to eleven roles; fewer means the splitting broke.
MIN_ROLES_MEASURED = 10
_MAX_HEADING_CHARS = 80


@dataclass(frozen=True)
class Measured:
    role_id: str
    seed: str
    found: frozenset[str]
    requirements: tuple[frozenset[str], ...]
    # For each requirement found: (level, importance) found against the catalog's.
    agreement: tuple[tuple[int, int, str, str], ...] = ()

    @property
    def hits(self) -> int:
        return sum(1 for alternatives in self.requirements if alternatives & self.found)

    @property
    def extra(self) -> frozenset[str]:
        return self.found - frozenset().union(*self.requirements)


def _heading_owner(line: str, roles: list[Role]) -> str | None:
    """The role whose title (or other name) this line is a heading for, if any."""
    text = normalise_name(line)
    if not text or len(text) > _MAX_HEADING_CHARS or text.endswith("."):
        return None
    for role in roles:
        for name in (role.title, *role.also_called):
            wanted = normalise_name(name)
            # "Distributed Systems Architect Job Description Overview" opens a role too.
            if text == wanted or text.startswith(f"{wanted} job description"):
                return role.id
    return None


def role_passage(text: str, role: Role, roles: list[Role]) -> str | None:
    """The lines from the role's first heading to the next heading of another role."""
    lines: list[str] = []
    for line in text.splitlines():
        owner = _heading_owner(line, roles)
        if not lines:
            if owner == role.id:
                lines.append(line)
            continue
        if owner is not None and owner != role.id:
            break
        lines.append(line)
    return "\n".join(lines) if lines else None


def measure(catalog: Catalog) -> tuple[list[Measured], list[str]]:
    roles = list(catalog.roles.values())
    measured: list[Measured] = []
    unmeasured: list[str] = []
    for role in roles:
        passages = [
            (source, role_passage((SEEDS / source).read_text(encoding="utf-8"), role, roles))
            for source in role.sources
        ]
        passages = [(s, p) for s, p in passages if p]
        if not passages:
            unmeasured.append(role.id)
        for source, passage in passages:
            extraction = extract_requirements(passage, catalog)
            by_id = {r.skill_id: r for r in extraction.requirements}
            agreement = tuple(
                (hit.level, r.level, hit.importance, r.importance)
                for r in role.requirements
                for hit in [next((by_id[s] for s in r.any_of if s in by_id), None)]
                if hit is not None
            )
            requirements = tuple(frozenset(r.any_of) for r in role.requirements)
            measured.append(
                Measured(role.id, source, extraction.skill_ids, requirements, agreement)
            )
    return measured, unmeasured


@pytest.fixture(scope="module")
def results() -> tuple[list[Measured], list[str]]:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed folder {SEEDS} is not present")
    return measure(builtin_catalog())


def test_the_seeds_give_enough_roles_a_passage(
    results: tuple[list[Measured], list[str]],
) -> None:
    measured, unmeasured = results
    print(f"\nnot measured (no heading of their own in their seeds): {', '.join(unmeasured)}")
    assert len({m.role_id for m in measured}) >= MIN_ROLES_MEASURED, [m.role_id for m in measured]


def test_skill_recall_and_precision_on_the_seed_roles(
    results: tuple[list[Measured], list[str]],
) -> None:
    measured, _ = results
    hits = sum(m.hits for m in measured)
    wanted = sum(len(m.requirements) for m in measured)
    found = sum(len(m.found) for m in measured)
    correct = found - sum(len(m.extra) for m in measured)
    recall = hits / wanted
    precision = correct / found
    print()
    for m in measured:
        print(
            f"  {m.role_id:45} {m.seed[:3]}  recall {m.hits / len(m.requirements):.2f}"
            f"  precision {(len(m.found) - len(m.extra)) / max(1, len(m.found)):.2f}"
        )
    figures = (
        f"skills over {len(measured)} seed passages: recall {recall:.3f} ({hits}/{wanted}), "
        f"precision {precision:.3f} ({correct}/{found})"
    )
    print(figures)
    # Levels and importance are shown for information; the catalog's are an editor's reading.
    pairs = [a for m in measured for a in m.agreement]
    near = sum(1 for found_level, level, _, _ in pairs if abs(found_level - level) <= 1)
    same = sum(1 for _, _, found_importance, importance in pairs if found_importance == importance)
    print(
        f"of the {len(pairs)} found: level within one of the catalog's {near / len(pairs):.2f}, "
        f"same importance {same / len(pairs):.2f}"
    )
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, figures


def test_passages_are_cut_at_the_next_roles_heading() -> None:
    catalog = builtin_catalog()
    roles = list(catalog.roles.values())
    first, second = roles[0], roles[1]
    text = f"Intro\n{first.title}\nabout the first\n\n{second.title}\n{second.title}\nsecond\n"
    assert role_passage(text, first, roles) == f"{first.title}\nabout the first\n"
    assert role_passage(text, second, roles) == f"{second.title}\n{second.title}\nsecond"
    assert role_passage("nothing here", first, roles) is None
