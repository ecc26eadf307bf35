"""`planner --self-test`: prove that this installation works, end to end, in a few seconds.

It runs what a first-time user does, on the offscreen platform and a temporary data folder
(the person's own data and window settings are never touched): the catalog loads, the database
is created and migrated, the window opens and paints with its icon, a profile is made, a plan
is generated for a catalog role and shown, and a PDF of it is written and read back. Each check
prints one line; the first failure stops the run with a message and exit status 1.

CI runs it on the PyInstaller bundle, where a missing data file, Qt plugin or hidden import
shows up here rather than on a user's machine.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from planner.ui.context import UiContext
    from planner.ui.main_window import MainWindow

# Set by the benchmark runner to its own time.perf_counter() just before starting this
# process (the clock is system-wide on Linux): the report then says when the window painted,
# counted from process start, so a bundle and a source install can be compared.
STARTED_AT_ENV = "PLANNER_STARTED_AT"
PREFERRED_ROLE = "cloud-architect"
PAINT_TIME_LIMIT_MS = 20_000


class SelfTestFailure(Exception):
    """A check that did not hold; the message says which and why."""


class _Run:
    """The checks, in order, sharing the application, the window and the data folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.app: QApplication | None = None
        self.window: MainWindow | None = None
        self.painted_at: float | None = None
        self.role_id = ""

    def catalog(self) -> str:
        from planner.catalog import builtin_catalog

        catalog = builtin_catalog()
        if not catalog.roles or not catalog.skills:
            raise SelfTestFailure("the built-in catalog is empty")
        return (
            f"{len(catalog.roles)} roles, {len(catalog.skills)} skills, "
            f"{len(catalog.certifications)} certifications"
        )

    def window_opens(self) -> str:
        from PySide6.QtCore import (
            QEvent,
            QEventLoop,
            QObject,
            QSettings,
            QTimer,
            qInstallMessageHandler,
        )

        from planner.ui.app import make_application
        from planner.ui.main_window import MainWindow
        from planner.ui.settings import UiSettings

        qInstallMessageHandler(_quiet_offscreen)
        self.app = make_application([sys.argv[0]])
        icon = self.app.windowIcon()
        if icon.isNull() or icon.pixmap(64, 64).isNull():
            raise SelfTestFailure("the application icon did not load (icons or SVG plugin)")
        settings = QSettings(str(self.folder / "window.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(self.folder, settings=UiSettings(settings), show_first_run=False)

        run = self
        loop = QEventLoop()

        class FirstPaint(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and run.painted_at is None:
                    run.painted_at = time.perf_counter()
                    QTimer.singleShot(0, loop.quit)
                return False

        probe = FirstPaint()
        self.window.installEventFilter(probe)
        self.window.show()
        QTimer.singleShot(PAINT_TIME_LIMIT_MS, loop.quit)
        loop.exec()
        self.window.removeEventFilter(probe)
        if self.painted_at is None:
            raise SelfTestFailure(f"the window did not paint within {PAINT_TIME_LIMIT_MS} ms")
        self.window.load_now()
        if self.window.ctx is None:
            raise SelfTestFailure(f"the window could not open its data: {self._status()}")
        # Pages are built when first shown: build each one, as a user visiting them would.
        from planner.ui.main_window import PAGE_TITLES

        pages = [self.window.page(key) for key, _, _ in PAGE_TITLES]
        return f"'{self.window.windowTitle()}', {len(pages)} pages"

    def profile(self) -> str:
        from planner.services import profile, skills

        ctx = self._ctx()
        catalog = ctx.ws.catalog
        role = catalog.roles.get(PREFERRED_ROLE) or catalog.roles[sorted(catalog.roles)[0]]
        self.role_id = role.id

        def make() -> int:
            profile.update_settings(ctx.ws, name="Self-test", years_experience=3, hours_per_week=8)
            profile.set_target(ctx.ws, role=role.id)
            rated = [r.any_of[0] for r in role.requirements[:3]]
            for skill_id in rated:
                skills.rate_skill(ctx.ws, skill=skill_id, level=2)
            return len(rated)

        rated = ctx.run(make, frozenset({"profile", "target", "ratings"}))
        if rated is None:
            raise SelfTestFailure(f"the profile could not be saved: {self._status()}")
        if len(skills.my_skills(ctx.ws)) != rated:
            raise SelfTestFailure("the ratings did not read back from the database")
        return f"target {role.title}, {rated} skills rated"

    def plan(self) -> str:
        from planner.services.plans import current_plan, generate_plan

        ctx = self._ctx()
        view = ctx.run(lambda: generate_plan(ctx.ws), frozenset({"plan"}))
        if view is None or not view.plan.steps:
            raise SelfTestFailure(f"no plan was generated: {self._status()}")
        stored = current_plan(ctx.ws)
        if stored is None or len(stored.plan.steps) != len(view.plan.steps):
            raise SelfTestFailure("the plan did not read back from the database")
        page = self._window().show_page("plan")
        self._app().processEvents()
        shown = getattr(getattr(page, "model", None), "rowCount", lambda: 0)()
        if shown == 0:
            raise SelfTestFailure("the plan page shows no steps")
        return f"{len(view.plan.steps)} steps to {view.plan.eta:%Y-%m-%d}, shown in the window"

    def pdf(self) -> str:
        from planner.services.exports import export_pdf_file

        path = export_pdf_file(self._ctx().ws, self.folder / "self-test.pdf")
        pages = check_pdf(path.read_bytes())
        return f"{pages} pages, {path.stat().st_size / 1024:.0f} KB"

    def other_exports(self) -> str:
        """Markdown, iCalendar and the JSON profile, each read back: they pull in modules
        (icalendar, the JSON reader) that nothing above loads."""
        from planner.services.exports import export_markdown_file
        from planner.services.portable import export_ics_file, export_json_file, read_json_file

        ws = self._ctx().ws
        role = ws.catalog.roles[self.role_id]
        markdown = export_markdown_file(ws, self.folder / "self-test.md").read_text("utf-8")
        if role.title not in markdown:
            raise SelfTestFailure("the Markdown export does not name the target role")
        from icalendar import Calendar

        calendar = Calendar.from_ical(
            export_ics_file(ws, self.folder / "self-test.ics").read_bytes()
        )
        events = calendar.walk("VEVENT")
        if not events:
            raise SelfTestFailure("the calendar export holds no events")
        data = read_json_file(export_json_file(ws, self.folder / "self-test.json"))
        if not data.plans:
            raise SelfTestFailure("the JSON export does not read back with its plan")
        return f"Markdown, {len(events)} calendar events, JSON read back"

    def _ctx(self) -> UiContext:
        ctx = self._window().ctx
        if ctx is None:
            raise SelfTestFailure("the window has no data open")
        return ctx

    def _window(self) -> MainWindow:
        if self.window is None:
            raise SelfTestFailure("the window was not opened")
        return self.window

    def _app(self) -> QApplication:
        if self.app is None:
            raise SelfTestFailure("the application was not created")
        return self.app

    def _status(self) -> str:
        return self.window.statusBar().currentMessage() if self.window else "no window"


def _quiet_offscreen(_kind: object, _context: object, message: str) -> None:
    """Qt's messages on stderr, less the offscreen platform's note that it cannot resize
    windows to their contents: true, expected, and alarming in a check's output."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def check_pdf(data: bytes) -> int:
    """Check that ``data`` is a whole PDF document with pages; returns the page count.

    No PDF reader ships with the planner, so this reads the file's skeleton: the header, the
    cross-reference table the trailer points at (every object must start where it says), and
    the page objects.
    """
    if not data.startswith(b"%PDF-"):
        raise SelfTestFailure("the PDF does not start with a PDF header")
    if not data.rstrip().endswith(b"%%EOF"):
        raise SelfTestFailure("the PDF is cut short (no end-of-file marker)")
    found = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data)
    if found is None:
        raise SelfTestFailure("the PDF has no cross-reference pointer")
    xref_at = int(found.group(1))
    if not data.startswith(b"xref", xref_at):
        raise SelfTestFailure("the PDF's cross-reference pointer is wrong")
    offsets = [int(m.group(1)) for m in re.finditer(rb"(\d{10}) \d{5} n", data[xref_at:])]
    if not offsets:
        raise SelfTestFailure("the PDF lists no objects")
    for number, offset in enumerate(offsets, start=1):
        if not re.match(rb"\d+ 0 obj", data[offset : offset + 20]):
            raise SelfTestFailure(f"PDF object {number} is not where the table says")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    if pages < 1:
        raise SelfTestFailure("the PDF has no pages")
    return pages


def run_self_test() -> int:
    """Run every check; print one line each; 0 when all hold, 1 at the first that does not."""
    # Before any Qt import: the self-test never needs (or opens) a display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planner-self-test-") as temp:
        # A cache of its own: the catalog is validated from its files (pydantic and all,
        # as an installation must be able to), and the person's cache is left alone.
        os.environ["PLANNER_CACHE_DIR"] = str(Path(temp) / "cache")
        run = _Run(Path(temp))
        checks: list[tuple[str, Callable[[], str]]] = [
            ("catalog", run.catalog),
            ("window", run.window_opens),
            ("profile", run.profile),
            ("plan", run.plan),
            ("PDF export", run.pdf),
            ("other exports", run.other_exports),
        ]
        try:
            for name, check in checks:
                t0 = time.perf_counter()
                try:
                    detail = check()
                except SelfTestFailure as exc:
                    print(f"self-test: FAILED {name}: {exc}", file=sys.stderr)
                    return 1
                except Exception as exc:  # anything at all: the installation is broken
                    traceback.print_exc()
                    print(f"self-test: FAILED {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                    return 1
                took = (time.perf_counter() - t0) * 1000
                print(f"self-test: ok  {name}: {detail} ({took:.0f} ms)")
        finally:
            if run.window is not None:
                run.window.close()
                if run.window.ctx is not None:
                    run.window.ctx.ws.close()
    total = (time.perf_counter() - began) * 1000
    print(f"self-test: passed in {total:.0f} ms{_since_start(run.painted_at)}")
    return 0


def _since_start(painted_at: float | None) -> str:
    started = os.environ.get(STARTED_AT_ENV)
    if not started or painted_at is None:
        return ""
    try:
        return f"; window painted {(painted_at - float(started)) * 1000:.0f} ms after start"
    except ValueError:
        return ""
