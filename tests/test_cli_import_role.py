"""`planner import-role`: a posting becomes a custom role; a dry run saves nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import dump, run

POSTING = """# Senior Data Platform Engineer

We are building the data platform our analysts rely on.

## Requirements
- 5+ years of experience in data engineering
- Deep expertise in PySpark and Postgres
- Working knowledge of k8s
- Bachelor's degree in Computer Science
- CKA is a plus

## Nice to have
- Experience with Dagster, ClickHouse and dbt

No Scala experience needed.
"""


@pytest.fixture
def folder() -> Path:
    return Path(os.environ["PLANNER_DATA_DIR"])


@pytest.fixture
def posting(tmp_path: Path) -> Path:
    path = tmp_path / "posting.md"
    path.write_text(POSTING, encoding="utf-8")
    return path


def test_dry_run_json_reports_everything_and_creates_no_database(
    capsys: pytest.CaptureFixture[str], folder: Path, posting: Path
) -> None:
    code, out, err = run(capsys, "import-role", str(posting), "--dry-run", "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["title"] == "Senior Data Platform Engineer"
    by_id = {r["id"]: r for r in data["requirements"]}
    wanted = {"spark", "relational-databases", "kubernetes", "data-orchestration", "dbt"}
    assert set(by_id) == wanted
    assert by_id["spark"] == {
        "id": "spark",
        "name": "Apache Spark",
        "level": 5,
        "importance": "required",
        "written": "PySpark",
        "sentence": "Deep expertise in PySpark and Postgres",
    }
    assert by_id["dbt"]["importance"] == "preferred"
    assert data["min_years_experience"] == 5
    assert data["education"][0]["level"] == "bachelor"
    assert [c["id"] for c in data["certifications"]] == ["cka"]
    assert data["unknown_terms"] == ["ClickHouse"]
    assert not (folder / "planner.sqlite3").exists()


def test_dry_run_leaves_an_existing_database_as_it_was(
    capsys: pytest.CaptureFixture[str], folder: Path, posting: Path
) -> None:
    assert run(capsys, "skill", "set", "python", "3")[0] == 0
    before = dump(folder)
    assert run(capsys, "import-role", str(posting), "--dry-run")[0] == 0
    assert dump(folder) == before


def test_import_saves_a_custom_role_that_plans_like_any_other(
    capsys: pytest.CaptureFixture[str], posting: Path
) -> None:
    code, out, _ = run(capsys, "import-role", str(posting), "--title", "Platform Engineer")
    assert code == 0
    assert "Saved the role 'Platform Engineer' (id platform-engineer)" in out
    code, out, _ = run(capsys, "role", "platform-engineer")
    assert code == 0 and "Apache Spark" in out and "5 Expert" in out
    assert run(capsys, "target", "platform-engineer")[0] == 0
    code, out, _ = run(capsys, "plan")
    assert code == 0 and "Plan to Platform Engineer" in out
    # A second import of the same title is refused rather than duplicated.
    code, _, err = run(capsys, "import-role", str(posting), "--title", "Platform Engineer")
    assert code == 2 and err.startswith("planner: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x7fELF\x02\x01\x00\x00binary", "not a text file"),
        ("caf\u00e9 Python".encode("latin-1"), "not UTF-8"),
        (b"x" * (1024 * 1024 + 1), "larger than 1 MB"),
    ],
)
def test_bad_files_get_one_clear_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
    folder: Path,
    tmp_path: Path,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    for extra in ((), ("--dry-run",), ("--dry-run", "--json")):
        code, out, err = run(capsys, "import-role", str(path), *extra)
        assert (code, out) == (2, "")
        assert message in err and str(path) in err and err.count("\n") == 1, err
    assert not (folder / "planner.sqlite3").exists()


def test_a_folder_is_not_a_posting(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import-role", str(tmp_path), "--dry-run")
    assert code == 2 and "is not a file" in err


def test_utf16_with_a_byte_order_mark_is_read(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "posting.txt"
    path.write_bytes(POSTING.encode("utf-16"))
    code, out, _ = run(capsys, "import-role", str(path), "--dry-run", "--json")
    assert code == 0 and "spark" in {r["id"] for r in json.loads(out)["requirements"]}


def test_the_installed_command_runs_as_a_real_process(folder: Path, posting: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "import-role", str(posting), "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Apache Spark" in done.stdout and "Nothing was saved" in done.stdout
    assert not (folder / "planner.sqlite3").exists()
