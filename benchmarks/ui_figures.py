"""Window figures measured in this process, on real widgets (offscreen) and real databases:
rating a skill until the readiness gauge is redrawn, and the progress-over-time chart drawn
from ten years of daily ratings."""

from __future__ import annotations

import time
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings

from benchmarks.measure import Result, Spread, repeat_ms, time_ms
from benchmarks.populated_profile import populate_long_history
from benchmarks.run_context import RunContext

PAINT_WAIT_S = 10.0


def _settle(seconds: float = 0.3) -> None:
    """Let the window lay out and paint (deferred timers, first paints)."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until:
        QCoreApplication.processEvents()
        time.sleep(0.01)


class PaintCounter(QObject):
    """Counts the paint events of the widget it is installed on."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def rate_skill(ctx: RunContext) -> list[Result]:
    """The person rates a skill the target needs, through the skills page's own path (its
    model's ``setData``, as the level editor commits it: an undoable command that runs the
    service, then every page hears what changed). The dashboard is the page on screen, so
    the sample ends when its readiness gauge has been repainted with the new figure."""
    app = ctx.qt_app()
    from planner.services.workspace import Workspace
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import UiSettings
    from planner.ui.skills.model import LEVEL

    folder = ctx.populated_copy("rating-data")
    ws = Workspace(folder, today=lambda: ctx.today)
    ini = ctx.folder("rating-config") / "ui.ini"
    settings = UiSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = MainWindow(workspace=ws, settings=settings, show_first_run=False)
    window.show()
    window.load_now()
    window.show_page("dashboard")
    _settle()
    dashboard = window.page("dashboard")
    model = window.page("skills").model  # type: ignore[attr-defined]
    gauge = dashboard.gauge  # type: ignore[attr-defined]
    counter = PaintCounter()
    gauge.installEventFilter(counter)

    target = dashboard.view.target  # type: ignore[attr-defined]
    needed = [s for r in target.requirements for s in r.any_of]
    rows = [model.skill_row(r) for r in range(model.rowCount())]
    rated = next(r for r in rows if r.skill_id in needed)
    levels = (rated.level, rated.level - 1 if rated.level > 0 else 1)

    runs = ctx.repeats(40, 10)
    totals: list[float] = []
    handler_ms: list[float] = []
    cpu_ms: list[float] = []
    gauge_before = gauge.value()
    for n in range(runs + 1):  # the first is a warm-up
        level = levels[(n + 1) % 2]
        row = model.row_of(rated.skill_id)
        painted = counter.count
        cpu_started = time.process_time()
        started = time.perf_counter()
        if not model.setData(model.index(row, LEVEL), level):
            raise RuntimeError(f"the skills page refused to rate {rated.skill_id} {level}")
        handled = time.perf_counter()
        while counter.count == painted:
            app.processEvents()
            if time.perf_counter() - started > PAINT_WAIT_S:
                raise RuntimeError("the readiness gauge was not repainted after a rating")
        ended = time.perf_counter()
        if n:
            cpu_ms.append((time.process_time() - cpu_started) * 1000)
            totals.append((ended - started) * 1000)
            handler_ms.append((handled - started) * 1000)
    gauge_after = gauge.value()
    window.close()
    window.deleteLater()
    _settle(0.05)
    ws.close()  # its engine and caches would stay in memory for the figures that follow
    return [
        Result(
            "rate_skill",
            "rating a skill in the window until the readiness gauge is redrawn",
            "ms",
            totals,
            "p95",
            50,
            details={
                "runs": runs,
                "skill": rated.skill_id,
                "levels": list(levels),
                "gauge_values": [gauge_before, gauge_after],
                "until_handlers_done_median_ms": round(Spread.of(handler_ms).median, 2),
                "cpu_median_ms": round(Spread.of(cpu_ms).median, 2),
                "cpu_p95_ms": round(Spread.of(cpu_ms).p95, 2),
                "note": "fewer than 30 runs: p95 is rough" if runs < 30 else "",
            },
        )
    ]


def progress_chart(ctx: RunContext) -> list[Result]:
    """From the service the dashboard reads (``dashboard``: the ratings, then readiness on
    each day one changed) to the progress chart widget painted with its points."""
    ctx.qt_app()
    from planner.planning import ProfileSnapshot
    from planner.services.dashboard_view import dashboard, readiness_series, skills_of
    from planner.services.profile import snapshot
    from planner.services.workspace import Workspace
    from planner.store import reads
    from planner.ui.widgets.charts import ProgressChartWidget

    folder = ctx.root / "progress-data"
    ctx.log("  generating ten years of daily ratings…")
    rows = populate_long_history(folder, today=ctx.today)
    ws = Workspace(folder, today=lambda: ctx.today)
    widget = ProgressChartWidget()
    widget.resize(900, 320)
    widget.show()
    _settle(0.1)

    def draw() -> None:
        view = dashboard(ws)
        widget.set_points(view.progress, today=view.today)
        widget.repaint()

    cpu: list[float] = []
    samples = repeat_ms(draw, ctx.repeats(7, 2), at_least=3, budget_s=20, cpu=cpu)

    # Where the time goes, each part on its own.
    def history() -> list[tuple[date, list[reads.RatingOnDay]]]:
        with ws.reading() as connection:  # as the dashboard reads it: the role's skills
            return reads.rating_days(connection, skills_of(role))

    def profile() -> ProfileSnapshot:
        with ws.transaction() as session:
            return snapshot(session, ctx.today)

    view = dashboard(ws)
    assert view.target is not None
    role = view.target
    ratings, person = history(), profile()
    series = readiness_series(person, role, ratings)
    widget.set_points(series, today=ctx.today)
    parts = {
        "read_ratings_ms": round(time_ms(history), 1),
        "profile_snapshot_ms": round(time_ms(profile), 1),
        "readiness_series_ms": round(time_ms(lambda: readiness_series(person, role, ratings)), 1),
        "paint_ms": round(time_ms(widget.repaint), 1),
    }
    widget.close()
    ws.close()
    return [
        Result(
            "progress_chart",
            "progress-over-time chart from ten years of daily ratings",
            "ms",
            samples,
            "median",
            150,
            details=dict(
                parts,
                ratings=rows,
                points=len(series),
                cpu_median_ms=round(Spread.of(cpu).median, 1),
            ),
        )
    ]
