"""The planner started as a user starts it (``planner`` with a data folder: the command line's
own entry point, which opens the window), with the paint probe watching.

    python benchmarks/planner_window.py STARTED DATA_DIR

Reports the first frame of the main window and the first frame of the dashboard drawn with
the profile's data, and the peak RSS at each.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

import paint_probe
from PySide6.QtWidgets import QApplication

GAUGE_MODULE = "planner.ui.widgets.charts"  # holds GaugeWidget


class _WhenGaugeImported:
    """A meta path finder that, when the planner itself imports the gauge's module, has the
    probe watch the gauge's paints. The module is not imported any earlier than the planner
    imports it, and every other import passes straight by."""

    def __init__(self, probe: paint_probe.PaintProbe) -> None:
        self._probe = probe

    def find_spec(
        self, name: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != GAUGE_MODULE:
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        if spec is None or spec.loader is None:
            raise RuntimeError(f"cannot find {GAUGE_MODULE}")
        loader = spec.loader
        run_module = loader.exec_module
        probe = self._probe

        def exec_module(module: ModuleType) -> None:
            run_module(module)
            paint_probe.watch_gauge(module.GaugeWidget, probe)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


def main() -> None:
    started = float(sys.argv[1])
    # run_app uses the application that exists; creating it here lets the probe watch it.
    app = QApplication(sys.argv[:1])
    probe = paint_probe.install(app, started, dashboard=True)
    sys.meta_path.insert(0, _WhenGaugeImported(probe))

    from planner.cli import main as planner_main

    planner_main(["--data-dir", sys.argv[2]])


if __name__ == "__main__":
    main()
