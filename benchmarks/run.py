"""The benchmark runner: measures each figure several times, prints the median and spread
against its target, and writes everything (samples included) to a JSON file.

    .venv/bin/python -m benchmarks [--quick] [--only NAME ...] [--output FILE]
                                   [--qt-platform offscreen|xcb]

NAME is a benchmark (``window``, ``plan_per_role``, ``plan_synthetic``, ``rank_synthetic``,
``rate_skill``, ``progress_chart``, ``pdf_export``), a group (``window``, ``planning``,
``ui``, ``export``) or a figure key from the table. The large inputs are generated in a
temporary folder from fixed seeds; nothing of the user's own data or settings is read.
Exits 0 when every figure measured meets its target, 1 when one misses it, 2 when a
benchmark could not be measured at all.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a file: benchmarks/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import Result, Spread
from benchmarks.run_context import RunContext

DEFAULT_OUTPUT = Path(__file__).resolve().parent / "results.json"


@dataclass(frozen=True)
class Benchmark:
    name: str
    group: str
    figures: tuple[str, ...]
    run: Callable[[RunContext], list[Result]]


def _window(ctx: RunContext) -> list[Result]:
    from benchmarks import window_figures

    return window_figures.run(ctx)


def _planning(name: str) -> Callable[[RunContext], list[Result]]:
    def run(ctx: RunContext) -> list[Result]:
        from benchmarks import planning_figures

        result: list[Result] = getattr(planning_figures, name)(ctx)
        return result

    return run


def _ui(name: str) -> Callable[[RunContext], list[Result]]:
    def run(ctx: RunContext) -> list[Result]:
        from benchmarks import ui_figures

        result: list[Result] = getattr(ui_figures, name)(ctx)
        return result

    return run


def _bundle(ctx: RunContext) -> list[Result]:
    from benchmarks import bundle_figures

    return bundle_figures.run(ctx)


def _pdf(ctx: RunContext) -> list[Result]:
    from benchmarks import export_figures

    return export_figures.pdf_export(ctx)


def _posting(ctx: RunContext) -> list[Result]:
    from benchmarks import posting_figures

    return posting_figures.posting_extract(ctx)


# In the order they run: the window starts first, while the machine is quiet.
BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("window", "window", ("first_paint", "dashboard", "peak_rss"), _window),
    Benchmark("plan_per_role", "planning", ("plan_per_role",), _planning("plan_per_role")),
    Benchmark(
        "plan_synthetic",
        "planning",
        ("plan_synthetic", "plan_synthetic_doubling"),
        _planning("plan_synthetic"),
    ),
    Benchmark("rank_synthetic", "planning", ("rank_synthetic",), _planning("rank_synthetic")),
    Benchmark("rate_skill", "ui", ("rate_skill",), _ui("rate_skill")),
    Benchmark("progress_chart", "ui", ("progress_chart",), _ui("progress_chart")),
    Benchmark("pdf_export", "export", ("pdf_time", "pdf_size"), _pdf),
    Benchmark("bundle", "bundle", ("bundle_self_test", "bundle_window"), _bundle),
    Benchmark("posting_extract", "posting", ("posting_extract",), _posting),
)


def _names() -> set[str]:
    return {n for b in BENCHMARKS for n in (b.name, b.group, *b.figures)}


def select(only: Sequence[str]) -> list[tuple[Benchmark, set[str]]]:
    """The benchmarks to run, each with the figures of it to keep."""
    wanted = {w.strip() for item in only for w in item.split(",") if w.strip()}
    unknown = wanted - _names()
    if unknown:
        raise ValueError(
            f"unknown name(s) {', '.join(sorted(unknown))}; "
            f"choose from {', '.join(sorted(_names()))}"
        )
    chosen = []
    for bench in BENCHMARKS:
        if not wanted or bench.name in wanted or bench.group in wanted:
            chosen.append((bench, set(bench.figures)))
        elif keep := wanted & set(bench.figures):
            chosen.append((bench, keep))
    return chosen


def _spread_text(result: Result) -> str:
    spread = result.spread
    if spread.n == 1:
        return "—"
    return f"{_fmt(spread.low)}–{_fmt(spread.high)} (n={spread.n})"


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 100 else f"{value:.3g}"


def table(results: Sequence[Result]) -> str:
    """The results as a plain-text table: one row per figure."""
    header = ("figure", "median", "spread (min–max)", "measured", "target", "result")
    rows = [header]
    for r in results:
        baseline = ""
        if r.baseline:
            baseline = f" ({r.baseline_label} {_fmt(Spread.of(r.baseline).median)} {r.unit})"
        rows.append(
            (
                r.key,
                f"{_fmt(r.spread.median)} {r.unit}",
                _spread_text(r),
                r.measured_text() + baseline,
                r.target_text(),
                "pass" if r.passed else "FAIL",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def _machine() -> dict[str, object]:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "pyside6": version("PySide6-Essentials"),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def _command(argv: Sequence[str]) -> str:
    return shlex.join([".venv/bin/python", "-m", "benchmarks", *argv])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=(__doc__ or "").splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a rough look)")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="a benchmark, group or figure (repeatable, or comma-separated)",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="the JSON file")
    parser.add_argument(
        "--qt-platform",
        default="offscreen",
        help="QT_QPA_PLATFORM for the windows (xcb needs a display, e.g. under xvfb-run -a)",
    )
    args_list = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(args_list)
    try:
        chosen = select(args.only)
    except ValueError as exc:
        parser.error(str(exc))

    started = time.perf_counter()
    load_at_start = list(os.getloadavg())
    results: list[Result] = []
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="planner-bench-") as tmp:
        root = Path(tmp)
        # Nothing reaches the user's own data or window settings, even by a default path.
        os.environ["PLANNER_DATA_DIR"] = str(root / "default-data")
        os.environ["XDG_CONFIG_HOME"] = str(root / "config")
        os.environ.pop("PLANNER_THEME", None)
        ctx = RunContext(root, quick=args.quick, qt_platform=args.qt_platform)
        for bench, keep in chosen:
            ctx.log(f"{bench.name}…")
            bench_started = time.perf_counter()
            try:
                measured = bench.run(ctx)
            except Exception as exc:  # one broken benchmark must not hide the others
                failures[bench.name] = f"{type(exc).__name__}: {exc}"
                ctx.log(f"  failed: {failures[bench.name]}")
                continue
            results += [r for r in measured if r.key in keep]
            ctx.log(f"  done in {time.perf_counter() - bench_started:.1f} s")

    print(table(results))
    for name, problem in failures.items():
        print(f"{name}: could not be measured: {problem}")
    document = {
        "generated": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": _command(args_list),
        "quick": args.quick,
        "qt_platform": args.qt_platform,
        "seconds": round(time.perf_counter() - started, 1),
        "machine": _machine(),
        # Other work on the machine slows every figure: the load before and after the run.
        "load_average": {"start": load_at_start, "end": list(os.getloadavg())},
        "figures": [r.as_json() for r in results],
        "failures": failures,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten to {args.output} ({document['seconds']} s)")
    if failures:
        return 2
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
