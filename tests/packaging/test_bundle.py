"""The PyInstaller bundle, when one has been built: `.ci/run` builds it with
`packaging/build.py` and names it in $PLANNER_BUNDLE; without it, these tests are skipped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import planner

BUNDLE = os.environ.get("PLANNER_BUNDLE", "")
pytestmark = pytest.mark.skipif(not BUNDLE, reason="no bundle built ($PLANNER_BUNDLE unset)")


def _env(home: Path) -> dict[str, str]:
    """A user with a fresh home and no planner variables: the platform's folders apply."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANNER_", "XDG_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")
    return env


def _run(command: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, env=_env(home), capture_output=True, text=True, timeout=180, check=False
    )


def test_the_bundle_passes_its_self_test(tmp_path: Path) -> None:
    done = _run([BUNDLE, "--self-test"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: passed" in done.stdout


def test_the_bundle_has_the_package_version(tmp_path: Path) -> None:
    done = _run([BUNDLE, "--version"], tmp_path)
    assert done.stdout.strip() == f"planner {planner.version()}"


def test_source_and_bundle_share_the_user_data_folder(tmp_path: Path) -> None:
    source = [sys.executable, "-m", "planner.cli"]
    made = _run([BUNDLE, "profile", "--name", "Ada from the bundle"], tmp_path)
    assert made.returncode == 0, made.stderr
    seen = _run([*source, "profile"], tmp_path)
    assert seen.returncode == 0, seen.stderr
    assert "Ada from the bundle" in seen.stdout
    folders = {
        line.split(":", 1)[1].strip()
        for out in (made.stdout, seen.stdout)
        for line in out.splitlines()
        if line.startswith("Data folder:")
    }
    assert folders == {str(tmp_path / ".local" / "share" / "learning-path-planner")}
