"""The stopwatch inside the window benchmarks' child processes (the bare script and the
planner alike), so both are timed by the same code.

The parent passes the ``time.perf_counter()`` it read just before starting the child (the clock
is system-wide on Linux), so every figure counts from process start, interpreter start-up
included. A frame counts as drawn when the event loop comes back after its paint events (a
zero timer started at the first of them), i.e. once the whole frame has been painted.

The child prints one JSON line and leaves at once with ``os._exit``: tearing a window down is
not part of any figure, and it must not be able to hang the run.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

TIME_LIMIT_MS = 60_000
SETTLE_MS = 1000
DASHBOARD_PAGE = "page-dashboard"


def _peak_rss_kb() -> int:
    """The process's peak resident set size, in KiB.

    WORKAROUND: on Linux, ``getrusage(RUSAGE_SELF).ru_maxrss`` keeps the high-water mark of
    the memory the process had *before* exec, i.e. the parent's when it was forked (or
    vforked) from the benchmark runner: every child would report at least the runner's size.
    ``VmHWM`` belongs to the address space the child got at exec, so it counts the child only.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _in_page(widget: QWidget, name: str) -> bool:
    parent: QObject | None = widget
    while parent is not None:
        if parent.objectName() == name:
            return True
        parent = parent.parent()
    return False


class PaintProbe(QObject):
    """Notes the first frame of the main window and, with ``dashboard``, the first frame in
    which the dashboard's readiness gauge is painted; then, a second later, the peak RSS;
    then reports and ends the process."""

    def __init__(self, started: float, *, dashboard: bool) -> None:
        super().__init__()
        self._started = started
        self._want_dashboard = dashboard
        self.marks: dict[str, float] = {}
        self._pending: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
            return False
        if (
            "first_paint" not in self.marks
            and "first_paint" not in self._pending
            and isinstance(watched.window(), QMainWindow)
        ):
            self._frame_started("first_paint")
        return False

    def gauge_painted(self, gauge: QWidget) -> None:
        """Called by the gauge's own paintEvent (see ``watch_gauge``)."""
        if (
            self._want_dashboard
            and "dashboard" not in self.marks
            and "dashboard" not in self._pending
            and _in_page(gauge, DASHBOARD_PAGE)
        ):
            self._frame_started("dashboard")

    def _frame_started(self, name: str) -> None:
        self._pending.add(name)
        QTimer.singleShot(0, lambda: self._frame_done(name))

    def _frame_done(self, name: str) -> None:
        self._pending.discard(name)
        if name == "first_paint":
            # WORKAROUND: an application-wide event filter hands every Qt object to Python,
            # and PySide builds wrapper classes for each unknown one: left on, it cost the
            # planner's start 60-90 ms and 4 MB that a start without it does not pay (and
            # the bare window, with few objects, hardly pays at all). Later frames are
            # watched through the gauge's own paintEvent instead.
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        self.marks[name] = time.perf_counter() - self._started
        self.marks[f"{name}_rss_kb"] = _peak_rss_kb()
        wanted = ("first_paint", "dashboard") if self._want_dashboard else ("first_paint",)
        if all(w in self.marks for w in wanted):
            # Work a start defers past its last frame still belongs to the start: the peak
            # memory is read once the process has sat idle for a while.
            QTimer.singleShot(SETTLE_MS, self._settled)

    def _settled(self) -> None:
        self.marks["settled_rss_kb"] = _peak_rss_kb()
        self.report(0)

    def report(self, status: int) -> None:
        line = dict(self.marks, peak_rss_kb=_peak_rss_kb(), status=status)
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()
        os._exit(status)


def watch_gauge(gauge_class: type[QWidget], probe: PaintProbe) -> None:
    """Have every paint of ``gauge_class`` (the dashboard's readiness gauge) tell ``probe``."""
    paint = gauge_class.paintEvent

    def paint_and_tell(self: QWidget, event: QEvent) -> None:
        paint(self, event)  # type: ignore[arg-type]
        probe.gauge_painted(self)

    gauge_class.paintEvent = paint_and_tell  # type: ignore[method-assign, assignment]


def install(app: QApplication, started: float, *, dashboard: bool) -> PaintProbe:
    """Watch every paint event of ``app``; give up (status 1) after the time limit."""
    probe = PaintProbe(started, dashboard=dashboard)
    app.installEventFilter(probe)
    QTimer.singleShot(TIME_LIMIT_MS, lambda: probe.report(1))
    return probe
