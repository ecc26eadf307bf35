"""Two processes writing to one data folder at once (a second window, the CLI beside the
window): both succeed, every write is there, and the file stays sound.

The writers are released together. On a folder with no database yet they also race to create
and migrate it. Before engine.py began every transaction with BEGIN IMMEDIATE, both cases
failed with "database is locked": a transaction that read, then wrote, found its snapshot
stale once the other process had committed, and SQLite fails that at once, busy timeout or
not.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from planner.store import database_path, open_database

CHILD_TIMEOUT = 60.0
FIRST_SKILLS, SECOND_SKILLS = ["python", "go"], ["docker", "kubernetes"]

# A writer: imports first, says "ready", waits for the go (a line on stdin), then rates its
# own skills so many times, through the services or through the CLI's main() (which opens the
# folder afresh on every call, as separate `planner skill set` runs would).
_WRITER = """
import sys
import time
from pathlib import Path

mode, folder, rounds, *skills = sys.argv[1:]
if mode == "cli":
    from planner.cli import main
    import planner.cli_commands  # noqa: F401  (imported before the go, like the services)
else:
    from planner.services.skills import rate_skill
    from planner.services.workspace import Workspace
print("ready", flush=True)
sys.stdin.readline()
print("started", time.time(), flush=True)
workspace = None
for number in range(int(rounds)):
    skill, level = skills[number % len(skills)], number % 6
    if mode == "cli":
        code = main(["--data-dir", folder, "skill", "set", skill, str(level)])
        if code != 0:
            raise SystemExit(f"planner skill set {skill} {level} exited with {code}")
    else:
        workspace = workspace or Workspace(Path(folder))
        rate_skill(workspace, skill=skill, level=level, note=f"{mode} {number}")
print("finished", time.time(), flush=True)
"""


def _times(stdout: str) -> tuple[float, float]:
    """When a writer began (after the go) and when its last write had returned."""
    said = dict(
        line.split() for line in stdout.splitlines() if line.startswith(("started ", "finished "))
    )
    return float(said["started"]), float(said["finished"])


def _expected(skills: list[str], rounds: int) -> dict[str, list[int]]:
    """Each skill's levels in the order the writer rated them."""
    levels: dict[str, list[int]] = {skill: [] for skill in skills}
    for number in range(rounds):
        levels[skills[number % len(skills)]].append(number % 6)
    return levels


def _start(mode: str, folder: Path, rounds: int, skills: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, mode, str(folder), str(rounds), *skills],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("second", "rounds", "fresh"),
    [
        ("cli", 20, True),  # each CLI call opens the folder afresh: 30-150 ms a write
        pytest.param("services", 100, False, marks=pytest.mark.slow),
        pytest.param("cli", 100, False, marks=pytest.mark.slow),
    ],
)
def test_two_processes_write_side_by_side(
    tmp_path: Path, second: str, rounds: int, fresh: bool
) -> None:
    folder = tmp_path / "shared"
    if not fresh:
        folder.mkdir()
        open_database(database_path(folder)).dispose()
    children = [
        _start("services", folder, rounds, FIRST_SKILLS),
        _start(second, folder, rounds, SECOND_SKILLS),
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == "ready\n"
        for child in children:  # the go, to both, as close together as can be
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        outcomes = [child.communicate(timeout=CHILD_TIMEOUT) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    for mode, child, (_, stderr) in zip(("services", second), children, outcomes, strict=True):
        assert child.returncode == 0, f"the {mode} writer failed:\n{stderr}"

    engine = open_database(database_path(folder))
    try:
        with engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
            rows = db.exec_driver_sql("SELECT skill_id, level FROM skill_rating ORDER BY id").all()
    finally:
        engine.dispose()
    assert len(rows) == 2 * rounds
    for skill, levels in (
        _expected(FIRST_SKILLS, rounds) | _expected(SECOND_SKILLS, rounds)
    ).items():
        assert [level for s, level in rows if s == skill] == levels, skill
    # Both were writing at once: each started before the other had finished.
    started, finished = zip(*(_times(stdout) for stdout, _ in outcomes), strict=True)
    assert max(started) < min(finished)
