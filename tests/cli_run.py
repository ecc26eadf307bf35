"""Running `planner ARGV` in the test's own process, as the command-line tests all do."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planner.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `planner ARGV` in this process; argument errors exit, like the real program."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def dump(folder: Path) -> list[str]:
    """The database's whole content as SQL text, to prove a command changed nothing."""
    with sqlite3.connect(folder / "planner.sqlite3") as conn:
        return list(conn.iterdump())
