"""Start-up figures: the planner and a bare PySide6 window, both started as fresh processes in
the same run, turn about, and compared.

- first paint: the planner's first frame against the bare window's;
- dashboard: the first frame of the dashboard drawn with the populated profile's data,
  against the bare window's first frame;
- peak RSS: the planner's peak resident memory once the dashboard is drawn, against the bare
  window's once it has painted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import Result, Spread
from benchmarks.run_context import RunContext

HERE = Path(__file__).resolve().parent
BARE_SCRIPT = HERE / "bare_window.py"
PLANNER_SCRIPT = HERE / "planner_window.py"
CHILD_TIME_LIMIT_S = 90


class ChildFailed(RuntimeError):
    pass


def _child_env(ctx: RunContext, config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = ctx.qt_platform
    # An installed planner has its bytecode compiled; a source tree run with
    # PYTHONDONTWRITEBYTECODE would compile every module on every start. The warm-up start
    # fills a cache of the run's own, so the counted starts load bytecode as a user's would.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(ctx.folder("pycache"))
    # The window's settings (first run done, last page) live in the run's own folder.
    env["XDG_CONFIG_HOME"] = str(config)
    # The single-instance lock and mailbox of each start (the benchmark ends its windows with
    # os._exit, which leaves them) go in the run's own runtime folder, private as Linux's.
    runtime = ctx.folder("runtime")
    runtime.chmod(0o700)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    env.pop("PLANNER_THEME", None)
    env.pop("PLANNER_DATA_DIR", None)
    return env


def _prepare_settings(env: dict[str, str]) -> None:
    """A returning user: the guided set-up done, the dashboard the page to open on."""
    code = (
        "from planner.ui.settings import UiSettings\n"
        "s = UiSettings()\n"
        "s.first_run_done = True\n"
        "s.last_page = 'dashboard'\n"
        "s.sync()\n"
    )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)


def _start(script: Path, args: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(script), repr(started), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=CHILD_TIME_LIMIT_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    marks = json.loads(lines[-1]) if lines else None
    if done.returncode != 0 or marks is None or marks.get("status") != 0:
        raise ChildFailed(
            f"{script.name} exited with {done.returncode}: {done.stdout[-500:]} "
            f"{done.stderr[-2000:]}"
        )
    return {key: float(value) for key, value in marks.items()}


def run(ctx: RunContext) -> list[Result]:
    data = ctx.populated_copy("window-data")
    env = _child_env(ctx, ctx.folder("window-config"))
    _prepare_settings(env)
    # Twenty-one: on this two-core VM the machine's speed drifts by 20-40 % for seconds at a
    # time, and with seven or eleven starts a spell over a few of one side's starts moved
    # the ratio of the medians by 0.1-0.2 between runs a minute apart.
    runs = ctx.repeats(21, 2)

    ctx.log("  warming up (one start of each, not counted: caches, today's backup)…")
    _start(BARE_SCRIPT, [], env)
    _start(PLANNER_SCRIPT, [str(data)], env)

    bare: list[dict[str, float]] = []
    planner: list[dict[str, float]] = []
    for n in range(runs):
        ctx.log(f"  start {n + 1} of {runs}: bare window, then the planner…")
        bare.append(_start(BARE_SCRIPT, [], env))
        planner.append(_start(PLANNER_SCRIPT, [str(data)], env))

    bare_paint = [m["first_paint"] * 1000 for m in bare]
    common = {"runs": runs, "qt_platform": ctx.qt_platform}
    first_paint = Result(
        "first_paint",
        "first paint of the main window (populated profile) vs bare QMainWindow",
        "ms",
        [m["first_paint"] * 1000 for m in planner],
        "ratio",
        1.3,
        "<=",
        baseline=bare_paint,
        details=dict(common),
    )
    dashboard = Result(
        "dashboard",
        "dashboard fully drawn with the populated profile vs bare QMainWindow",
        "ms",
        [m["dashboard"] * 1000 for m in planner],
        "ratio",
        2.5,
        "<=",
        baseline=bare_paint,
        details=dict(common),
    )
    rss = Result(
        "peak_rss",
        "peak RSS a second after the dashboard is drawn vs bare QMainWindow (likewise)",
        "MB",
        [m["settled_rss_kb"] / 1024 for m in planner],
        "ratio",
        1.5,
        "<=",
        baseline=[m["settled_rss_kb"] / 1024 for m in bare],
        details=dict(
            common,
            planner_rss_at_first_paint_mb=round(
                Spread.of([m["first_paint_rss_kb"] / 1024 for m in planner]).median, 1
            ),
            planner_rss_at_dashboard_mb=round(
                Spread.of([m["dashboard_rss_kb"] / 1024 for m in planner]).median, 1
            ),
        ),
    )
    return [first_paint, dashboard, rss]
