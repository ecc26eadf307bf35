"""The command line, as a person types it: real database, real catalog, exit codes, output."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import dump, run


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(os.environ["PLANNER_DATA_DIR"])


def test_a_whole_session(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    assert run(capsys, "profile", "--years", "2", "--education", "bachelor")[0] == 0
    code, out, _ = run(capsys, "skill", "set", "k8s", "working")
    assert (code, out.strip()) == (0, "Kubernetes: 0 None -> 3 Working")
    assert run(capsys, "skill", "set", "Python", "4")[0] == 0
    code, out, _ = run(capsys, "cert", "add", "cka", "--earned", "2025-06-01")
    assert code == 0 and "valid until 2027-06-01" in out
    code, out, _ = run(capsys, "target", "Distributed Systems Architect")
    assert code == 0 and "Distributed Systems Architect" in out
    code, out, _ = run(capsys, "plan", "--hours-per-week", "8", "--start", "2026-12-01")
    assert code == 0
    assert "Plan to Distributed Systems Architect" in out
    assert "from 2026-12-01" in out and "8 h/week" in out
    assert "  [ ]   1. " in out
    code, out, _ = run(capsys, "step", "done", "1")
    assert code == 0 and "Step 1: done." in out
    code, out, _ = run(capsys, "plan")
    assert "  [x]   1. " in out
    code, out, _ = run(capsys, "skills")
    assert "Kubernetes" in out and "3 Working" in out
    code, out, _ = run(capsys, "certs")
    assert "Certified Kubernetes Administrator" in out and "2027-06-01" in out
    code, out, _ = run(capsys, "closest", "--limit", "3")
    assert code == 0 and len(out.strip().splitlines()) == 2 + 3
    code, out, _ = run(capsys, "role", "cloud architect")
    assert code == 0 and "Sources: 001_" in out and "[met]     Kubernetes" in out
    code, out, _ = run(capsys, "roles")
    assert code == 0 and out.count("\n") >= 2 + 26


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["target", "distributed systems architekt"],
            "Did you mean: distributed-systems-architect",
        ),
        (["skill", "set", "kubernets", "3"], "Did you mean: kubernetes"),
        (["skill", "set", "python", "7"], "outside the scale 0–5"),
        (["skill", "set", "python", "lots"], "is not a number from 0 to 5"),
        (["cert", "add", "cka", "--earned", "2025-02-30"], "write it as YYYY-MM-DD"),
        (["cert", "add", "no-such-cert", "--earned", "2025-02-01"], "Unknown certification"),
        (["role", "astronaut"], "Unknown role 'astronaut'"),
        (["step", "done", "1"], "There is no plan yet"),
        (["plan", "--hours-per-week", "0"], "between 0.5 and 100"),
        (["export", "--md", "/nonexistent-folder/plan.md"], "plan"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], folder: Path, argv: list[str], message: str
) -> None:
    run(capsys, "skill", "set", "python", "3")
    before = dump(folder)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert dump(folder) == before


def test_installed_entry_point_runs_on_a_fresh_folder(tmp_path: Path) -> None:
    exe = shutil.which("planner", path=str(Path(sys.executable).parent))
    assert exe, "the planner entry point is not installed beside this Python"
    env = {**os.environ, "PLANNER_DATA_DIR": str(tmp_path / "fresh")}
    done = subprocess.run(
        [exe, "roles"], env=env, capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "Distributed Systems Architect" in done.stdout
    assert (tmp_path / "fresh" / "planner.sqlite3").exists()
    if os.name == "posix":
        assert (tmp_path / "fresh").stat().st_mode & 0o777 == 0o700
        assert (tmp_path / "fresh" / "planner.sqlite3").stat().st_mode & 0o777 == 0o600


def test_pdf_export_needs_no_display(tmp_path: Path) -> None:
    """The command line writes a PDF on a machine with no screen and no Qt settings."""
    exe = shutil.which("planner", path=str(Path(sys.executable).parent))
    assert exe
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["PLANNER_DATA_DIR"] = str(tmp_path / "data")
    for argv in (["skill", "set", "python", "2"], ["target", "software developer"], ["plan"]):
        subprocess.run([exe, *argv], env=env, check=True, capture_output=True, timeout=60)
    out = tmp_path / "plan.pdf"
    done = subprocess.run(
        [exe, "export", "--pdf", str(out)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
