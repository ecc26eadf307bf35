"""The main window: sidebar and pages, menus, status bar. It paints first; the catalog and
the database are opened right after, off the GUI thread, and the pages arrive then."""

from __future__ import annotations

import gc
import linecache
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QStackedWidget, QWidget

from planner import APP_NAME
from planner.errors import PlannerError, UnusableDatabaseError
from planner.ui.frame_watch import AfterFrame
from planner.ui.settings import UiSettings
from planner.ui.sidebar_sketch import SidebarSketch

# The services, the catalog and the dashboard's modules take over 100 ms to import: they are
# imported on the loading thread, after the window has painted, never at module level here.
# Qt classes the first frame does not show are imported where they are used: PySide builds
# each class (and its enums) on first import, a millisecond or more apiece.
if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
    from PySide6.QtWidgets import QListWidget, QProgressBar

    from planner.services.workspace import Workspace
    from planner.ui.context import UiContext
    from planner.ui.pages import PageInfo
    from planner.ui.warm_up import WarmUpOnIntent

# Sidebar entries, known before the pages' modules are imported (planner/ui/pages.py has
# the same keys with the classes; a test checks they agree).
PAGE_TITLES: tuple[tuple[str, str, str], ...] = (
    ("dashboard", "Dashboard", "Ctrl+1"),
    ("roles", "Roles", "Ctrl+2"),
    ("skills", "Skills", "Ctrl+3"),
    ("certifications", "Certifications", "Ctrl+4"),
    ("plan", "Plan", "Ctrl+5"),
)
ALIGN_CENTER = 0x0084  # Qt.AlignmentFlag.AlignCenter, by value (see MainWindow.__init__)
# WORKAROUND: while the style has a widget animation duration, QMainWindow moves its central
# widget with a zero-length QPropertyAnimation, which creates Qt's private animation timer;
# when that reaches Python (an application event filter sees every object), PySide builds the
# Python class of every Qt class loaded to find its type, some 25 ms. Until the first frame
# is drawn, a style sheet sets the duration to 0 (a Python style would cost 7 ms of its own).
STILL_CENTRAL = "#central { widget-animation-duration: 0; }"


class _Loaded(QObject):
    """Carries the result of the background load back to the GUI thread."""

    done = Signal(object)  # _Opened, or the exception that stopped it


class _Opened(NamedTuple):
    ws: Workspace
    backup_problem: str  # why today's backup was not taken, if it was not


def _open(data_dir: Path | None, ws: Workspace | None) -> _Opened:
    """The slow part of starting: imports, the catalog, the database vetted (created or
    migrated if need be), and today's backup (off the GUI thread: a large file in a slow
    folder takes a while to copy).

    A database already at this version's schema is only read until the person changes
    something: the dashboard is drawn without SQLAlchemy and SQLModel (about 350 ms and
    50 MB), which come with the first change or the first other page (planner.store.reads).
    """
    from planner.services.backups import auto_backup
    from planner.services.workspace import Workspace
    from planner.ui.dashboard import page  # noqa: F401  (its imports, also off the GUI thread)

    ws = ws or Workspace(data_dir)
    _ = ws.catalog  # vets the database and reads the person's own catalog entries
    try:
        auto_backup(ws)
    except (PlannerError, OSError) as exc:  # the planner still works; the person is told
        return _Opened(ws, str(exc))
    return _Opened(ws, "")


def _let_go_of_sources() -> None:
    """Empty the line cache, unless another Python thread could be reading it.

    PySide's import hook reads the source of every module imported after PySide into
    linecache, to look for its feature switches: about 4 MB of text by the time the dashboard
    is drawn, some 30 MB more once the services are in. Nothing in the planner reads those
    lines back (a traceback reads its own again), so they go once a batch of imports is
    over. Only while this is the one thread: an import on another could be reading an entry
    as the cache is emptied.
    """
    if threading.active_count() == 1:
        linecache.clearcache()


class MainWindow(QMainWindow):
    # The start is over: the opening page is drawn and the window complete (or the reason
    # the data could not be opened is shown). What a start defers to then waits on it.
    settled = Signal()

    def __init__(
        self,
        data_dir: Path | None = None,
        *,
        workspace: Workspace | None = None,
        settings: UiSettings | None = None,
        show_first_run: bool = True,
    ) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._ws: Workspace | None = workspace
        self._settings = settings or UiSettings()
        self._show_first_run = show_first_run
        self.ctx: UiContext | None = None
        self._pages: dict[str, QWidget] = {}
        self._page_kinds: dict[str, PageInfo] = {}
        self._loader = _Loaded(self)
        self._loader.done.connect(self._on_loaded)
        self._loading: threading.Thread | None = None
        self._recovery_message = ""  # said again once the pages are in after a way out
        self._complete = False  # see complete()
        self.warm_up: WarmUpOnIntent | None = None  # see _finish_opening

        self.setWindowTitle(APP_NAME)
        self.resize(1200, 780)

        # The first frame has the sidebar's titles, the menus and a line saying the planner is
        # opening. The sidebar list and the busy bar come once the opening page is drawn (or
        # the reason it could not be): an item view and an animation each create a private Qt
        # object which, reaching Python, costs some 25 ms.
        self._em = self.fontMetrics().height()  # sizes in font units: they follow the DPI
        self._nav: QListWidget | None = None
        self._progress: QProgressBar | None = None
        self._sidebar: QWidget = SidebarSketch([title for _, title, _ in PAGE_TITLES], self._em)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Page")
        self.loading = QLabel("Opening your planner…")
        # WORKAROUND: the alignment as a property (Qt.AlignCenter): the Qt namespace's enums
        # cost some 20 ms the first time, too dear before the first frame.
        self.loading.setProperty("alignment", ALIGN_CENTER)
        self.loading.setWordWrap(True)  # a message naming a long path must not run off
        self.loading.setMargin(self._em * 2)
        self.stack.addWidget(self.loading)

        central = QWidget()
        central.setObjectName("central")
        central.setStyleSheet(STILL_CENTRAL)  # cleared by complete()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._central, self._central_layout = central, layout

        self.statusBar().showMessage("Starting…")
        self._build_menus()

    def complete(self) -> None:
        """Build what the first frame went without: the sidebar list, the busy bar and the
        menus' actions. Called once the opening page is drawn, or the open failed (or by
        load_now)."""
        if self._complete:
            return
        self._complete = True
        self._central.setStyleSheet("")  # the pages draw with the application's style
        _ = self.nav, self.progress
        self._fill_menus()

    @property
    def nav(self) -> QListWidget:
        """The sidebar (built on first use, in place of the first frame's sketch of it)."""
        if self._nav is None:
            self._nav = self._build_nav()
        return self._nav

    def _build_nav(self) -> QListWidget:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QListWidget, QListWidgetItem

        nav = QListWidget()
        nav.setAccessibleName("Pages")
        em = self._em
        nav.setFixedWidth(self._sidebar.width())
        nav.setSpacing(max(1, em // 6))
        nav.setStyleSheet(f"QListWidget::item {{ padding: {em // 3}px {em // 2}px; }}")
        nav.setFrameShape(QListWidget.Shape.NoFrame)
        for key, title, shortcut in PAGE_TITLES:
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(f"{title} ({shortcut})")
            nav.addItem(item)
        nav.setEnabled(self.ctx is not None)  # until the data is in
        nav.currentRowChanged.connect(self._show_row)
        self._central_layout.replaceWidget(self._sidebar, nav)
        self._sidebar.hide()
        self._sidebar.deleteLater()
        self._sidebar = nav
        return nav

    @property
    def progress(self) -> QProgressBar:
        """The status bar's busy bar while the data is opened (built on first use)."""
        if self._progress is None:
            from PySide6.QtWidgets import QProgressBar

            self._progress = QProgressBar()
            self._progress.setMaximumWidth(200)
            self._progress.setRange(0, 0)
            self.statusBar().addPermanentWidget(self._progress)
            self._progress.setVisible(self.ctx is None)
        return self._progress

    # --- start-up -------------------------------------------------------------------------

    def load(self) -> None:
        """Open the catalog and database off the GUI thread; the pages follow."""
        # A plain thread: concurrent.futures would add its import to the start-up.
        self._loading = threading.Thread(target=self._load_in_thread, name="planner-load")
        self._loading.start()

    def load_now(self) -> None:
        """Open everything on this thread (tests and scripts that need the pages at once)."""
        self.complete()
        try:
            self._on_loaded(_open(self._data_dir, self._ws), at_once=True)
        except PlannerError as exc:
            self._on_loaded(exc)

    def _load_in_thread(self) -> None:
        result: _Opened | Exception
        try:
            result = _open(self._data_dir, self._ws)
        except Exception as exc:  # shown in the window by _on_loaded, whatever it is
            result = exc
        self._loader.done.emit(result)

    def _on_loaded(self, result: object, *, at_once: bool = False) -> None:
        """Show the opening page as soon as the data is in; finish the window (the sidebar
        list, the menus' actions, whatever waits on ``settled``) once that page is drawn,
        or straight away ``at_once``."""
        if self._progress is not None:
            self._progress.hide()
        if isinstance(result, BaseException):
            self.complete()
            self._show_open_failure(result)
            self.settled.emit()
            return
        from planner.ui.context import UiContext
        from planner.ui.pages import PAGES

        assert isinstance(result, _Opened)
        if self._loading is not None:
            self._loading.join()  # it ends with the signal that brought us here
        _let_go_of_sources()  # what the loading thread imported; the page reuses the memory
        self._ws = result.ws
        self.ctx = UiContext(result.ws, self)
        self.ctx.failed.connect(self._show_failure)
        # Each page is built when first shown: building them all (each reads its data) held
        # the first page back by a few hundred milliseconds.
        self._page_kinds = {info.key: info for info in PAGES}
        if (geometry := self._settings.geometry) is not None:
            self.restoreGeometry(geometry)
        keys = [key for key, _, _ in PAGE_TITLES]
        last = self._settings.last_page
        row = keys.index(last) if last in keys else 0
        if at_once:
            self._finish_opening(row, result.backup_problem)
            return
        opening = self.page(keys[row])
        self.stack.setCurrentWidget(opening)
        # The rest of the window and what waits on ``settled`` come once the opening page's
        # frame has been painted.
        AfterFrame(opening, partial(self._finish_opening, row, result.backup_problem))

    def _finish_opening(self, row: int, backup_problem: str) -> None:
        assert self.ctx is not None and self._ws is not None
        self.complete()
        from planner.ui.roles.posting_drop import PostingImport  # File menu + dropped postings

        self.posting_import = PostingImport(self, self.ctx)
        self._undo_action.setEnabled(True)
        self._redo_action.setEnabled(True)
        self.ctx.undo_stack.canUndoChanged.connect(self._undo_action.setEnabled)
        self.ctx.undo_stack.canRedoChanged.connect(self._redo_action.setEnabled)
        self._undo_action.setEnabled(False)
        self._redo_action.setEnabled(False)
        self.nav.setEnabled(True)
        for action in self._data_actions:
            action.setEnabled(True)
        self.nav.setCurrentRow(row)
        if backup_problem:
            self._show_failure(f"Today's backup was not taken. {backup_problem}")
        elif self._recovery_message:  # what was restored, and where the old file went
            self.statusBar().showMessage(self._recovery_message, 15000)
            self._recovery_message = ""
        else:
            self.statusBar().showMessage(f"Data folder: {self._ws.folder}", 8000)
        if self._show_first_run and not self._settings.first_run_done:
            QTimer.singleShot(0, self.open_first_run)
        from planner.ui.warm_up import WarmUpOnIntent

        self.warm_up = WarmUpOnIntent([self.nav.viewport(), self.menuBar()])
        # What the start loaded (modules, the catalog, the opening page) lives as long as the
        # window: out of the collector's sight, later full collections do not walk it again.
        gc.freeze()
        self.settled.emit()

    def _show_open_failure(self, error: BaseException) -> None:
        from html import escape

        self.statusBar().showMessage("Could not open your data")
        self.loading.setText(
            f"<h3>The planner could not open your data</h3><p>{escape(str(error))}</p>"
        )
        if not isinstance(error, UnusableDatabaseError):
            self._show_failure(str(error))
            return
        # The file is there but unusable: offer a backup or a fresh start, then load again.
        from planner.services.workspace import Workspace
        from planner.ui.backups import RestoreDialog

        self._ws = self._ws or Workspace(self._data_dir)
        dialog = RestoreDialog(self._ws, self, problem=str(error))
        dialog.setObjectName("recovery-dialog")
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._recovered)
        dialog.rejected.connect(self.close)
        dialog.open()

    def _recovered(self, message: str) -> None:
        self.loading.setText("Opening your planner…")
        self.progress.show()
        self._recovery_message = message
        self.load()
        self.statusBar().showMessage(message, 15000)

    # --- navigation -----------------------------------------------------------------------

    def _show_row(self, row: int) -> None:
        if row < 0 or not self._page_kinds:
            return
        key = PAGE_TITLES[row][0]
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self._settings.last_page = key
        focus = getattr(page, "focus_first", None)
        if callable(focus):
            focus()

    def show_page(self, key: str) -> QWidget:
        row = [k for k, _, _ in PAGE_TITLES].index(key)
        self.nav.setCurrentRow(row)
        return self.page(key)

    def page(self, key: str) -> QWidget:
        """The page ``key``, built now if it has not been shown yet."""
        page = self._pages.get(key)
        if page is None:
            assert self.ctx is not None, "pages exist once the data is open"
            page = self._page_kinds[key].create(self.ctx, self.stack)
            _let_go_of_sources()  # a page's first showing imports its modules (and services)
            self._pages[key] = page
            self.stack.addWidget(page)
            # A page may ask for another one (a dashboard step opens the plan, say).
            requested = getattr(page, "page_requested", None)
            if requested is not None:
                requested.connect(self.show_page)
        return page

    # --- menus ----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            # WORKAROUND: setShortcut's overloads make PySide build the Qt namespace's enums
            # (some 20 ms, before the first frame); setShortcuts takes the same sequence.
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)  # type: ignore[arg-type]
        return action

    def _build_menus(self) -> None:
        """The menu bar's titles, for the first frame; complete() fills the menus."""
        bar = self.menuBar()
        self._menus = [bar.addMenu(title) for title in ("&File", "&Edit", "&View", "&Help")]

    def _fill_menus(self) -> None:
        from PySide6.QtGui import QKeySequence

        file_menu, edit_menu, view_menu, help_menu = self._menus
        export_pdf = self._action("Export &PDF…", self._export_pdf, "Ctrl+E")
        export_md = self._action("Export &Markdown…", self._export_markdown, "Ctrl+Shift+E")
        print_action = self._action("&Print…", self._print, QKeySequence.StandardKey.Print)
        export_json = self._action("Export profile as &JSON…", self._portable("export_json"))
        import_json = self._action("&Import profile from JSON…", self._portable("import_json"))
        export_ics = self._action("Export plan to &calendar (.ics)…", self._portable("export_ics"))
        back_up = self._action("&Back up now", self._back_up_now)
        restore = self._action("&Restore from backup…", self._restore)
        first_run = self._action("&Guided set-up…", self.open_first_run)
        open_folder = self._action("Open &data folder", self._open_data_folder)
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for action in (export_pdf, export_md, print_action):
            file_menu.addAction(action)
        file_menu.addAction(export_ics)
        file_menu.addSeparator()
        file_menu.addAction(export_json)
        file_menu.addAction(import_json)
        file_menu.addSeparator()
        file_menu.addAction(back_up)
        file_menu.addAction(restore)
        file_menu.addSeparator()
        file_menu.addAction(first_run)
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self._data_actions = [export_pdf, export_md, print_action, export_ics, export_json]
        self._data_actions += [import_json, back_up, restore, first_run]
        for action in self._data_actions:
            action.setEnabled(False)

        self._undo_action = self._action("&Undo", self._undo, QKeySequence.StandardKey.Undo)
        self._redo_action = self._action("&Redo", self._redo, QKeySequence.StandardKey.Redo)
        self._undo_action.setEnabled(False)
        self._redo_action.setEnabled(False)
        edit_menu.addAction(self._undo_action)
        edit_menu.addAction(self._redo_action)
        edit_menu.addSeparator()
        prefs = self._action(
            "&Preferences…", self._preferences, QKeySequence.StandardKey.Preferences
        )
        edit_menu.addAction(prefs)
        self._data_actions.append(prefs)
        prefs.setEnabled(False)

        for row, (_, title, shortcut) in enumerate(PAGE_TITLES):
            action = self._action(title, lambda _=False, r=row: self.nav.setCurrentRow(r), shortcut)
            view_menu.addAction(action)

        help_menu.addAction(self._action("&About", self._about))

    def _undo(self) -> None:
        if self.ctx is not None:
            self.ctx.undo_stack.undo()

    def _redo(self) -> None:
        if self.ctx is not None:
            self.ctx.undo_stack.redo()

    # --- actions --------------------------------------------------------------------------

    def _export_pdf(self) -> None:
        from planner.ui.exporting import export_pdf_interactively

        if self.ctx is not None:
            export_pdf_interactively(self, self.ctx)

    def _export_markdown(self) -> None:
        from planner.ui.exporting import export_markdown_interactively

        if self.ctx is not None:
            export_markdown_interactively(self, self.ctx)

    def _print(self) -> None:
        from planner.ui.exporting import print_with_preview

        if self.ctx is not None:
            print_with_preview(self, self.ctx)

    def _portable(self, what: str) -> Callable[[], None]:
        """The File-menu action for a JSON or calendar export, or a JSON import."""

        def act() -> None:
            from planner.ui import portable

            if self.ctx is not None:
                getattr(portable, f"{what}_interactively")(self, self.ctx)

        return act

    def _back_up_now(self) -> None:
        from planner.ui.backups import back_up_now

        if self._ws is not None and (copy := back_up_now(self, self._ws)) is not None:
            self.statusBar().showMessage(f"Backed up to {copy}", 10000)

    def _restore(self) -> None:
        from planner.ui.backups import RestoreDialog

        if self._ws is None:
            return
        dialog = RestoreDialog(self._ws, self)
        from PySide6.QtCore import Qt

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored)
        dialog.open()

    def _restored(self, message: str) -> None:
        from planner.ui.context import TOPICS

        if self.ctx is not None:
            self.ctx.undo_stack.clear()  # its commands describe the data that was replaced
            self.ctx.changed.emit(TOPICS)
        self.statusBar().showMessage(message, 15000)

    def _preferences(self) -> None:
        from planner.ui.dialogs.preferences import PreferencesDialog

        if self.ctx is not None:
            PreferencesDialog(self.ctx, self).exec()

    def open_first_run(self) -> None:
        from planner.ui.first_run.wizard import FirstRunWizard

        if self.ctx is None:
            return
        wizard = FirstRunWizard(self.ctx, self)
        wizard.finished.connect(lambda _result: self._first_run_closed(wizard))
        wizard.open()

    def _first_run_closed(self, wizard: QWidget) -> None:
        self._settings.first_run_done = True
        if getattr(wizard, "reached_plan", False):
            self.show_page("plan")

    def _open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self._ws is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._ws.folder)))

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from planner.ui.dialogs.about import about_text

        if self._ws is not None:
            QMessageBox.about(self, f"About {APP_NAME}", about_text(self._ws))

    def _show_failure(self, message: str) -> None:
        """Say why an action was refused, without blocking the event loop (open, not exec)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and paths
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("failure-message")
        box.open()
        self.statusBar().showMessage(message, 10000)

    # --- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.geometry = self.saveGeometry()
        self._settings.sync()
        if self._loading is not None:
            self._loading.join()
        if self.warm_up is not None:
            self.warm_up.join()  # an import cut off by the end of the process would be noise
        if self._ws is not None:
            self._ws.close()
        super().closeEvent(event)
