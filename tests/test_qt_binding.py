"""The Qt binding the planner installs must survive many calls: PySide6 6.12.0 on Python 3.11
lost a reference to None per void call and aborted the interpreter (see pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QPointF
point = QPointF()
for _ in range(200_000):
    point.setX(1.0)
print("survived")
"""


def test_many_void_calls_do_not_abort_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.strip() == "survived"
