"""The benchmark runner works: its generators make what they promise at a tiny size, and one
cheap figure runs end to end through ``python -m benchmarks --quick`` (no timing is judged)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from planner.catalog.loader import find_prerequisite_cycle
from planner.planning import PlanOptions, ProfileSnapshot, build_plan
from planner.services import plans, skills
from planner.services.workspace import Workspace
from planner.store import Plan as PlanRecord
from planner.store import repository

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _benchmarks_importable(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Appended, not prepended: `planner` still comes from wherever the suite imports it
    # (CI tests the installed package); only `benchmarks` is found in the checkout.
    monkeypatch.setattr(sys, "path", [*sys.path, str(REPO)])
    yield


def test_synthetic_catalog_has_the_asked_size_and_a_sound_graph() -> None:
    from benchmarks.synthetic_catalog import CatalogSize, synthetic_catalog

    size = CatalogSize(
        domains=3,
        skills_per_domain=20,
        roles_per_domain=2,
        edges_per_domain=30,
        certifications_per_domain=1,
    )
    catalog = synthetic_catalog(size, seed=3)

    assert len(catalog.skills) == size.skills == 60
    assert len(catalog.roles) == size.roles == 6
    assert sum(len(s.prerequisites) for s in catalog.skills.values()) == size.edges == 90
    assert find_prerequisite_cycle(catalog.skills) == []
    for skill in catalog.skills.values():
        assert all(p.skill in catalog.skills for p in skill.prerequisites)
    for role in catalog.roles.values():
        named = [s for r in role.requirements for s in r.any_of]
        assert named and all(s in catalog.skills for s in named)
        assert len(named) == len(set(named))
        assert all(c in catalog.certifications for r in role.certifications for c in r.any_of)
        assert all(n in catalog.roles for n in (*role.comes_from, *role.leads_to))

    # Deterministic, and a catalog twice the size starts with this one.
    assert synthetic_catalog(size, seed=3).skills == catalog.skills
    doubled = synthetic_catalog(size.doubled(), seed=3)
    assert len(doubled.skills) == 120
    assert all(doubled.skills[k] == v for k, v in catalog.skills.items())
    assert all(doubled.roles[k] == v for k, v in catalog.roles.items())

    role_id = next(iter(catalog.roles))
    plan = build_plan(catalog, ProfileSnapshot(), role_id, PlanOptions(8, TODAY))
    assert plan.steps[-1].kind == "milestone"


def test_populated_profile_is_written_through_the_services(tmp_path: Path) -> None:
    from benchmarks.populated_profile import RETIRED_PREFIX, ProfileSize, populate

    with Workspace(tmp_path / "probe") as probe:
        known = len(probe.catalog.skills)
    size = ProfileSize(rated_skills=known + 2, history_days=20, plans=2, certifications=2)
    result = populate(tmp_path / "data", size, today=TODAY)

    with Workspace(tmp_path / "data", today=lambda: TODAY) as ws:
        rows = skills.my_skills(ws)
        assert len(rows) == result.rated_skills == known + 2
        # Beyond the catalog's skills, ids of skills it no longer has.
        assert sum(r.skill_id.startswith(RETIRED_PREFIX) for r in rows) == 2
        with ws.transaction() as session:
            history = repository.rating_history(session=session)
            stored_plans = list(session.exec(select(PlanRecord)))
        # The history lies in the days asked for (steps ticked off add ratings of their own).
        days = {r.rated_at.astimezone().date() for r in history if r.source == "manual"}
        assert min(days) >= TODAY - timedelta(days=20) and max(days) < TODAY
        assert len(days) > 10
        assert len(history) == result.ratings > len(rows)
        assert len(stored_plans) == 2
        assert sum(p.is_active for p in stored_plans) == 1
        view = plans.current_plan(ws)
        assert view is not None and len(view.plan.steps) == result.active_plan_steps
        assert any(s.status == "done" for s in view.plan.steps)


def test_long_history_has_the_rows_over_the_years(tmp_path: Path) -> None:
    from benchmarks.populated_profile import populate_long_history

    written = populate_long_history(tmp_path / "data", rows=400, years=2, today=TODAY)

    with Workspace(tmp_path / "data") as ws, ws.transaction() as session:
        history = repository.rating_history(session=session)
        target = repository.get_profile(session=session).target_role_id
    assert written == len(history) == 400
    span = history[-1].rated_at.date() - history[0].rated_at.date()
    assert timedelta(days=700) <= span <= timedelta(days=731)
    assert target is not None


def test_runner_measures_one_figure_and_writes_json(tmp_path: Path) -> None:
    output = tmp_path / "results.json"
    command = ["-m", "benchmarks", "--quick", "--only", "plan_per_role"]
    done = subprocess.run(
        [sys.executable, *command, "--output", str(output)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    # 0 or 1: whether the target is met on this machine is not this test's business.
    assert done.returncode in (0, 1), done.stderr
    assert "plan_per_role" in done.stdout and "median < 5 ms" in done.stdout
    document = json.loads(output.read_text())
    [figure] = document["figures"]
    assert figure["key"] == "plan_per_role"
    roles = figure["details"]["roles"]
    assert figure["n"] == len(figure["samples"]) == roles * 3
    assert all(s > 0 for s in figure["samples"])
    assert figure["min"] <= figure["median"] <= figure["max"]
    assert figure["passed"] == (figure["median"] < 5)
    assert document["failures"] == {}


def test_runner_refuses_an_unknown_name() -> None:
    from benchmarks.run import main

    with pytest.raises(SystemExit) as stopped:
        main(["--only", "no-such-figure"])
    assert stopped.value.code == 2
