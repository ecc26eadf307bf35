"""`planner export --json/--ics` and `planner import --json`, as a person types them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import run
from export.portable_sample import build_small_profile, sql_dump, table_dump
from icalendar import Calendar

from planner.services.workspace import Workspace


@pytest.fixture
def source(workspace: Workspace) -> Workspace:
    """The default data folder ($PLANNER_DATA_DIR), holding a profile with a plan."""
    build_small_profile(workspace)
    return workspace


def test_export_then_import_into_another_folder(
    capsys: pytest.CaptureFixture[str], source: Workspace, tmp_path: Path
) -> None:
    profile, calendar = tmp_path / "me.json", tmp_path / "plan.ics"
    code, out, err = run(capsys, "export", "--json", str(profile), "--ics", str(calendar))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"Wrote {profile}", f"Wrote {calendar}"]
    assert (
        json.loads(profile.read_text(encoding="utf-8"))["kind"] == "learning-path-planner profile"
    )
    assert Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")

    elsewhere = tmp_path / "elsewhere"
    code, out, err = run(capsys, "--data-dir", str(elsewhere), "import", "--json", str(profile))
    assert (code, err) == (0, "")
    assert out.startswith("Imported 2 skill ratings, 1 certification, 2 plans (")
    assert table_dump(elsewhere / "planner.sqlite3") == table_dump(source.database_file)

    again = tmp_path / "again.json"
    assert run(capsys, "--data-dir", str(elsewhere), "export", "--json", str(again))[0] == 0
    assert again.read_bytes() == profile.read_bytes()


def test_a_bad_file_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], source: Workspace, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "learning-path-planner profile", "format": 1,', encoding="utf-8")
    target = tmp_path / "target"
    assert run(capsys, "--data-dir", str(target), "skills")[0] == 0  # creates the database
    before = sql_dump(target / "planner.sqlite3")
    for extra in ([], ["--replace"]):
        code, out, err = run(
            capsys, "--data-dir", str(target), "import", "--json", str(bad), *extra
        )
        assert (code, out) == (2, "")
        assert err.count("\n") == 1
        assert err.startswith(f"planner: Cannot import {bad}: not valid JSON at line 1")
        assert sql_dump(target / "planner.sqlite3") == before


def test_a_folder_with_data_needs_replace(
    capsys: pytest.CaptureFixture[str], source: Workspace, tmp_path: Path
) -> None:
    profile = tmp_path / "me.json"
    assert run(capsys, "export", "--json", str(profile))[0] == 0
    target = tmp_path / "target"
    assert run(capsys, "--data-dir", str(target), "skill", "set", "python", "4")[0] == 0
    before = sql_dump(target / "planner.sqlite3")

    code, _, err = run(capsys, "--data-dir", str(target), "import", "--json", str(profile))
    assert code == 2 and "--replace" in err and "--data-dir" in err
    assert sql_dump(target / "planner.sqlite3") == before

    code, out, err = run(
        capsys, "--data-dir", str(target), "import", "--json", str(profile), "--replace"
    )
    assert (code, err) == (0, "")
    backup = Path(out.splitlines()[-1].removeprefix("What it replaced was backed up to ")[:-1])
    assert backup.is_file() and backup.parent.parent == target
    assert table_dump(target / "planner.sqlite3") == table_dump(source.database_file)


def test_export_needs_a_format_and_a_calendar_needs_a_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export")
    assert code == 2 and "--json" in err and "--ics" in err
    code, _, err = run(capsys, "export", "--ics", str(tmp_path / "plan.ics"))
    assert code == 2 and "no plan" in err
    assert not (tmp_path / "plan.ics").exists()
    code, _, err = run(capsys, "import")
    assert code == 2 and "--json" in err


def test_unknown_catalog_ids_are_noted(
    capsys: pytest.CaptureFixture[str], source: Workspace, tmp_path: Path
) -> None:
    profile = tmp_path / "me.json"
    assert run(capsys, "export", "--json", str(profile))[0] == 0
    document = json.loads(profile.read_text(encoding="utf-8"))
    document["profile"]["target_role_id"] = "astronaut"
    profile.write_text(json.dumps(document), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "t"), "import", "--json", str(profile))
    assert code == 0
    assert err == "planner: note: kept ids this catalog does not know: role 'astronaut'\n"


def test_the_installed_command_refuses_a_bad_file(tmp_path: Path, source: Workspace) -> None:
    """The real program in its own process: exit status 2, one line, nothing written."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"kind": "learning-path-planner profile", "format": 7}')
    before = sql_dump(source.database_file)
    result = subprocess.run(
        [sys.executable, "-m", "planner.cli", "import", "--json", str(bad), "--replace"],
        capture_output=True,
        text=True,
        env={**os.environ, "PLANNER_DATA_DIR": str(source.folder)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"planner: Cannot import {bad}: format: 7 is newer than this planner reads (2). "
        "Nothing was changed; update the planner to import it.\n"
    )
    assert sql_dump(source.database_file) == before
