"""The installed bundle against the source install: both started as fresh processes, turn
about, running ``planner --self-test`` (the same work, from the same code).

- bundle_self_test: the whole self-test, from ``Popen`` to exit, bundle against source;
- bundle_window: how long the window takes to paint, counted from process start (the runner
  passes its clock in ``PLANNER_STARTED_AT``; the self-test reports the paint against it).

A bundle slower than the source install by more than a third is a defect to chase.
Build the bundle first: ``python3 packaging/build.py`` (or set $PLANNER_BUNDLE).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.measure import Result
from benchmarks.run_context import RunContext

ROOT = Path(__file__).resolve().parent.parent
TIME_LIMIT_S = 180
SLOWER_BY_AT_MOST = 4 / 3  # "slower by more than a third is a defect"


def bundle_path() -> Path:
    path = Path(os.environ.get("PLANNER_BUNDLE") or ROOT / "dist" / "planner" / "planner")
    if not path.is_file():
        raise FileNotFoundError(
            f"no bundle at {path}: build it with 'python3 packaging/build.py' "
            "(or name it in $PLANNER_BUNDLE)"
        )
    return path


def source_command() -> list[str]:
    """The source install's own ``planner`` script, beside this interpreter."""
    script = Path(sys.executable).parent / "planner"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "planner.cli"]


def _self_test(command: list[str], home: Path) -> tuple[float, float]:
    """(whole run, window painted), in ms from just before the process started."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANNER_")}
    env["HOME"] = str(home)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as an installed package runs: from bytecode
    started = time.perf_counter()
    env["PLANNER_STARTED_AT"] = repr(started)
    done = subprocess.run(
        [*command, "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        check=False,
    )
    whole = (time.perf_counter() - started) * 1000
    painted = re.search(r"window painted (\d+) ms after start", done.stdout)
    if done.returncode != 0 or painted is None:
        raise RuntimeError(
            f"{command[0]} --self-test exited with {done.returncode}: {done.stderr[-1500:]}"
        )
    return whole, float(painted.group(1))


def run(ctx: RunContext) -> list[Result]:
    bundle = [str(bundle_path())]
    source = source_command()
    home = ctx.folder("bundle-home")
    runs = ctx.repeats(5, 2)
    ctx.log("  warming up (one self-test of each, not counted)…")
    _self_test(bundle, home)
    _self_test(source, home)
    from_bundle: list[tuple[float, float]] = []
    from_source: list[tuple[float, float]] = []
    for n in range(runs):
        ctx.log(f"  run {n + 1} of {runs}: the bundle's self-test, then the source install's…")
        from_bundle.append(_self_test(bundle, home))
        from_source.append(_self_test(source, home))
    details = {"runs": runs, "bundle": bundle[0], "source": " ".join(source)}
    return [
        Result(
            "bundle_self_test",
            "planner --self-test from the bundle vs from the source install",
            "ms",
            [whole for whole, _ in from_bundle],
            "ratio",
            SLOWER_BY_AT_MOST,
            "<=",
            baseline=[whole for whole, _ in from_source],
            baseline_label="source",
            details=dict(details),
        ),
        Result(
            "bundle_window",
            "window painted (from process start) in the bundle vs the source install",
            "ms",
            [painted for _, painted in from_bundle],
            "ratio",
            SLOWER_BY_AT_MOST,
            "<=",
            baseline=[painted for _, painted in from_source],
            baseline_label="source",
            details=dict(details),
        ),
    ]
