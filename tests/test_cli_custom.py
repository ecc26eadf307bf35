"""`planner custom …` through the real installed command: copy a catalog role, plan for it,
share it as a file, bring it into another data folder, delete it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tomllib
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import NamedTuple

import pytest

from planner.cli import main
from planner.services.custom_roles import duplicate_role
from planner.services.workspace import Workspace


class Run(NamedTuple):
    code: int
    out: str
    err: str


def planner(folder: Path, *argv: str) -> Run:
    """The installed `planner` in a process of its own."""
    exe = shutil.which("planner", path=str(Path(sys.executable).parent))
    assert exe, "the planner entry point is not installed beside this Python"
    env = {**os.environ, "PLANNER_DATA_DIR": str(folder)}
    done = subprocess.run(
        [exe, *argv], env=env, capture_output=True, text=True, timeout=120, cwd=folder.parent
    )
    return Run(done.returncode, done.stdout, done.stderr)


Runner = Callable[..., Run]


@pytest.fixture(params=["in-process", pytest.param("processes", marks=pytest.mark.slow)])
def cli(request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]) -> Runner:
    """The same commands run by `planner.cli.main` here (fast), or each by a real process."""
    if request.param == "processes":
        return planner

    def in_process(folder: Path, *argv: str) -> Run:
        try:
            code = main(["--data-dir", str(folder), *argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return in_process


def custom_rows(folder: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(folder / "planner.sqlite3")) as db:
        return db.execute(
            "SELECT id, definition FROM custom_role UNION ALL "
            "SELECT id, definition FROM custom_skill ORDER BY 1"
        ).fetchall()


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "mine", tmp_path / "theirs"


def test_copy_plan_share_and_delete_a_role(
    cli: Runner, folders: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, theirs = folders
    planner = cli
    run = planner(mine, "custom", "duplicate", "Cloud Architect", "--title", "Acme cloud lead")
    assert run.code == 0, run
    assert "Made your role 'Acme cloud lead' (acme-cloud-lead) from 'Cloud Architect'" in run.out
    assert planner(mine, "target", "acme cloud lead").code == 0
    run = planner(mine, "plan")
    assert run.code == 0 and "Plan to Acme cloud lead" in run.out, run
    run = planner(mine, "closest", "--limit", "50")
    assert "Acme cloud lead" in run.out

    shared = tmp_path / "roles.toml"
    run = planner(mine, "custom", "export", str(shared))
    assert (run.code, run.out.strip()) == (0, f"Wrote {shared}: 1 role(s), 0 skill(s)."), run
    assert [r["id"] for r in tomllib.loads(shared.read_text())["roles"]] == ["acme-cloud-lead"]

    run = planner(theirs, "custom", "import", str(shared))
    assert (run.code, run.out.strip()) == (0, "Imported: 1 role added."), run
    assert custom_rows(theirs) == custom_rows(mine)
    run = planner(theirs, "custom", "list")
    assert run.code == 0 and "Acme cloud lead  acme-cloud-lead" in run.out, run
    run = planner(theirs, "custom", "import", str(shared))
    assert "1 entry already there" in run.out

    run = planner(mine, "custom", "delete", "acme-cloud-lead")
    assert run.code == 2 and run.out == "", run
    assert run.err.strip() == (
        "planner: 'Acme cloud lead' is your target role; choose another target before deleting it."
    )
    assert planner(mine, "target", "cloud-architect").code == 0
    run = planner(mine, "custom", "delete", "Acme cloud lead")
    assert run.code == 0, run
    assert run.out.strip() == "Deleted your role 'Acme cloud lead' and the plan made for it."
    assert custom_rows(mine) == []


def test_a_bad_import_is_one_line_and_changes_nothing(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    mine, _ = folders
    with Workspace(mine) as ws:
        duplicate_role(ws, "devops-engineer", "Ops")
    before = custom_rows(mine)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[roles]]\nid = "cloud-architect"\ntitle = "Mine"\nfamily = "data"\n'
        'seniority = "mid"\nsummary = "S"\nresponsibilities = ["R"]\nsources = ["me"]\n'
        '[[roles.requirements]]\nskill = "python"\nlevel = 3\nimportance = "required"\n'
    )
    run = planner(mine, "custom", "import", str(bad), "--replace")
    assert run.code == 2 and run.out == "" and len(run.err.splitlines()) == 1, run
    assert f"Nothing was imported from {bad}" in run.err
    assert "role id 'cloud-architect' belongs to the catalog" in run.err
    assert custom_rows(mine) == before
    run = planner(mine, "custom", "export", str(tmp_path / "x.toml"), "--role", "devops-engineer")
    assert run.code == 2 and "only your own roles are exported" in run.err


@pytest.mark.slow
def test_a_stored_role_that_no_longer_fits_is_named_on_stderr(folders: tuple[Path, Path]) -> None:
    mine, _ = folders
    with Workspace(mine) as ws:
        duplicate_role(ws, "devops-engineer", "Ops")
        duplicate_role(ws, "cloud-architect", "Cloud")
    with closing(sqlite3.connect(mine / "planner.sqlite3")) as db, db:
        db.execute("UPDATE custom_role SET definition = '{}' WHERE id = 'ops'")
    run = planner(mine, "custom", "list")
    assert run.code == 0, run
    assert run.err.startswith("planner: warning: left out of the catalog: custom role 'ops':")
    assert "Cloud  cloud" in run.out and "Ops" not in run.out
    run = planner(mine, "custom", "delete", "ops")
    assert (run.code, run.out.strip()) == (0, "Deleted your role 'ops'.")
    assert planner(mine, "custom", "list").err == ""
