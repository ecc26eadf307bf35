"""A rich profile built through the services, and table dumps, for the portable-data tests."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

from planner.services import certifications, plans, portable, profile, resources, skills
from planner.services.workspace import Workspace

# Text that escaping must keep intact: quotes, markup, unicode, separators, line breaks.
TRICKY_NOTE = 'Read "DDIA" ch. 5–9 <b>not bold</b> & <script>x</script>; a, b\\c\nZoë ✓ 日本'
TRICKY_NAME = 'Zoë "Q" <i>O\'Neil</i>'


def build_rich_profile(ws: Workspace) -> None:
    """Everything a person can own: rating histories, certifications held and planned, a
    route plan regenerated (two plans), every step status, notes, topics, own resources."""
    profile.update_settings(
        ws,
        name=TRICKY_NAME,
        years_experience=3.5,
        education="bachelor",
        current_role="junior-distributed-systems-engineer",
        hours_per_week=9.5,
        start_date=date(2026, 12, 1),
    )
    for skill, level in [("python", 1), ("python", 2), ("docker", 2), ("python", 3), ("k8s", 1)]:
        skills.rate_skill(ws, skill=skill, level=level, note=f"self-rated {level}")
    certifications.add_certification(
        ws, certification="cka", earned_on=date(2025, 6, 1), credential_id='LF-1, "x"; y'
    )
    certifications.add_certification(ws, certification="terraform-associate", planned=True)
    profile.set_target(ws, role="distributed-systems-architect")
    view = plans.generate_plan(ws)
    assert len(view.plan.stages) == 2  # a route: steps carry a stage number and role
    skill_steps = [s for s in view.plan.steps if s.kind == "skill"]
    plans.set_step_status(ws, position=skill_steps[0].position, status="done")
    plans.set_step_status(ws, position=skill_steps[1].position, status="in_progress")
    plans.set_step_status(ws, position=skill_steps[2].position, status="skipped")
    plans.set_step_notes(ws, position=skill_steps[1].position, notes=TRICKY_NOTE)
    plans.set_topic_done(ws, position=skill_steps[3].position, index=0, done=True)
    resources.add_step_resource(
        ws,
        step_key=skill_steps[1].key,
        title="My <book>, 2nd ed.",
        link="https://example.org/?a=1&b=2",
    )
    resources.add_step_resource(ws, step_key="skill:gone:3", title="For a step no plan has")
    skills.rate_skill(ws, skill="docker", level=3)  # completes a step of the active plan
    plans.generate_plan(ws, hours_per_week=12)  # a second plan; the first stays, inactive


def table_dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (but Alembic's), in id order, read with plain sqlite3."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in sorted(tables)
        }


def sql_dump(database: Path) -> list[str]:
    """The whole database as SQL text: equal dumps mean nothing changed."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        return list(conn.iterdump())


def exported(ws: Workspace, path: Path) -> bytes:
    portable.export_json_file(ws, path)
    return path.read_bytes()


def build_small_profile(ws: Workspace) -> None:
    """A lighter profile of the same kinds of rows (two plans of about 26 steps), for runs
    that import it many times over."""
    profile.update_settings(ws, name=TRICKY_NAME, years_experience=1, education="master")
    skills.rate_skill(ws, skill="sql", level=1)
    skills.rate_skill(ws, skill="sql", level=2, note=TRICKY_NOTE)
    certifications.add_certification(ws, certification="cdmp", planned=True)
    profile.set_target(ws, role="lead-data-quality-analyst")
    view = plans.generate_plan(ws, start=date(2026, 12, 1))
    first = view.plan.steps[0]
    plans.set_step_status(ws, position=first.position, status="in_progress")
    plans.set_step_notes(ws, position=first.position, notes=TRICKY_NOTE)
    resources.add_step_resource(ws, step_key=first.key, title="Notes <b>", link="file:///x")
    plans.generate_plan(ws, hours_per_week=5)


# A skill of the person's own built on another of theirs, and two roles of their own: one
# written from a posting, one copied from the catalog and pointing at the first on the ladder.
CUSTOM_SKILL_IDS = ("crossplane", "crossplane-compositions")
CUSTOM_ROLE_IDS = ("platform-engineer", "my-cloud-architect")


def add_custom_entries(ws: Workspace) -> None:
    """Custom skills and roles with text that escaping must keep intact."""
    from services.custom_sample import PLATFORM, make_skill

    from planner.catalog.schema import Requirement
    from planner.services import custom_roles

    base = make_skill("crossplane", 'Crossplane "XR" <b>', prerequisites=("python",))
    custom_roles.save_skill(ws, dataclasses.replace(base, description=TRICKY_NOTE, aliases=("xp",)))
    custom_roles.save_skill(
        ws, make_skill("crossplane-compositions", "Compositions", prerequisites=("crossplane",))
    )
    deeper = Requirement(any_of=("crossplane-compositions",), level=2, importance="preferred")
    custom_roles.save_role(
        ws, dataclasses.replace(PLATFORM, requirements=(*PLATFORM.requirements, deeper))
    )
    copy = custom_roles.duplicate_role(ws, "cloud-architect", "My cloud architect")
    custom_roles.save_role(
        ws, dataclasses.replace(copy, comes_from=("platform-engineer",)), replace=True
    )
