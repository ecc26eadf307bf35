"""Exporting and printing the plan from the window: the PDF is written off the GUI thread
with a progress dialog that can cancel it, Markdown at once, and printing goes through a
preview drawn by the PDF's own layout and page painter."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QStandardPaths,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from planner.errors import ExportError, PlannerError
from planner.export.report import PlanReport
from planner.services import exports
from planner.services.plans import current_plan
from planner.ui.context import UiContext

TITLE_PDF = "Export PDF"
TITLE_MARKDOWN = "Export Markdown"
TITLE_PRINT = "Print"
NO_PLAN = "There is no plan to export yet. Make your plan on the Plan page first."

# Exports still running: held here so that nothing they need is collected before they end.
_RUNNING: set[PdfExport] = set()


# --- small helpers ------------------------------------------------------------------------------


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """The file the person chose to write; None when they cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(chosen) if chosen else None


def _with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix``, added if the person left it off."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _suggested(ctx: UiContext, suffix: str) -> Path | None:
    view = current_plan(ctx.ws)
    if view is None:
        return None
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home()) / f"{view.plan.role_id}-plan{suffix}"


def _message(parent: QWidget, title: str, text: str, *, bug: bool = False) -> QMessageBox:
    """A message box that does not block the window (tests find it among the children)."""
    icon = QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and paths
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _bug_text(exc: BaseException) -> str:
    return (
        "The planner hit an unexpected problem (a bug, not something you did):\n"
        f"{type(exc).__name__}: {exc}"
    )


def _status(parent: QWidget, message: str) -> None:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10000)


# --- PDF, off the GUI thread --------------------------------------------------------------------


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)  # the Path written
    failed = Signal(str, str)  # what stopped it ("cancelled", "expected" or "bug"), message


class _PdfTask(QRunnable):
    """Runs services.exports.export_pdf_file page by page; talks back through signals."""

    def __init__(self, ctx: UiContext, path: Path, signals: _Signals) -> None:
        super().__init__()
        self.ws, self.path, self.signals = ctx.ws, path, signals
        self.cancelled = threading.Event()

    def run(self) -> None:
        # Only words cross to the GUI thread: an exception's traceback would carry the
        # document's Qt objects over, to be destroyed on a thread that does not own them.
        try:
            written = exports.export_pdf_file(self.ws, self.path, progress=self._progress)
        except ExportError as exc:
            cancelled = self.cancelled.is_set() and str(exc) == "cancelled"
            self.signals.failed.emit("cancelled" if cancelled else "expected", str(exc))
        except PlannerError as exc:
            self.signals.failed.emit("expected", str(exc))
        except Exception as exc:  # a bug: shown as one, not lost in a thread
            self.signals.failed.emit("bug", _bug_text(exc))
        else:
            self.signals.finished.emit(written)

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        # Between pages the window is served: the dialog repaints and Cancel is heard.
        QCoreApplication.processEvents()
        return not self.cancelled.is_set()


class PdfExport(QObject):
    """One PDF export in progress: the worker, its progress dialog, and how it ended.

    ``ended`` carries the written path, or None when it was cancelled or failed (then
    ``error`` says why, and a message box shows it).
    """

    ended = Signal(object)
    progressed = Signal(int, int)  # pages drawn, pages in all

    def __init__(self, parent: QWidget, ctx: UiContext, path: Path) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.path = path
        self.running = False
        self.cancelled = False
        self.written: Path | None = None
        self.error: str | None = None
        self.message_box: QMessageBox | None = None
        self._signals = _Signals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._task = _PdfTask(ctx, path, self._signals)
        self.dialog = QProgressDialog("Preparing the document…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(TITLE_PDF)
        self.dialog.setAccessibleName("PDF export progress")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(400)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> None:
        # WORKAROUND: the export is drawn on this thread, in small steps (a page at a time,
        # the event loop served between pages), not on a worker thread. With PySide 6.11 on
        # Python 3.11 a worker deadlocked about one export in five: Qt calls back into
        # Python (taking the GIL) from inside its signal-slot locks when this thread deletes
        # a Python-made QObject or drops a connection, while the worker held the GIL waiting
        # for such a lock in QTextDocument.documentLayout() (seen twice under gdb). Building
        # the document before the first page still takes about half a second.
        self.running = True
        _RUNNING.add(self)
        self.dialog.setValue(0)
        self._task.run()

    @Slot()
    def cancel(self) -> None:
        """Stop after the page being drawn; nothing is written."""
        if self.running:
            self.cancelled = True
            self._task.cancelled.set()
            self.dialog.setLabelText("Cancelling…")

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if not self.running or self.cancelled:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(f"Drawing page {done} of {total}…")
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_finished(self, path: Path) -> None:
        self.written = path
        self._end()
        _status(self.parent_widget, f"Exported the plan to {path}")
        self.ended.emit(path)

    @Slot(str, str)
    def _on_failed(self, kind: str, message: str) -> None:
        self._end()
        if kind == "cancelled":
            _status(self.parent_widget, "PDF export cancelled; no file was written.")
        else:
            self.error = message
            self.message_box = _message(self.parent_widget, TITLE_PDF, message, bug=kind == "bug")
        self.ended.emit(None)

    def _end(self) -> None:
        self.running = False
        _RUNNING.discard(self)
        # Closing a QProgressDialog emits "canceled"; this one is over, not cancelled.
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()


def start_pdf_export(parent: QWidget, ctx: UiContext, path: Path) -> PdfExport:
    """Write the plan to ``path`` as a PDF, with progress and cancel between pages."""
    job = PdfExport(parent, ctx, path)
    job.start()
    return job


def export_pdf_interactively(parent: QWidget, ctx: UiContext) -> PdfExport | None:
    """Ask where to save the PDF, then write it in the background (File ▸ Export PDF)."""
    suggested = _suggested(ctx, ".pdf")
    if suggested is None:
        _message(parent, TITLE_PDF, NO_PLAN)
        return None
    path = ask_save_path(parent, "Export the plan as PDF", suggested, "PDF documents (*.pdf)")
    if path is None:
        return None
    return start_pdf_export(parent, ctx, _with_suffix(path, ".pdf"))


# --- Markdown -----------------------------------------------------------------------------------


def export_markdown_interactively(parent: QWidget, ctx: UiContext) -> Path | None:
    """Ask where to save, then write the Markdown (quick: no thread needed)."""
    suggested = _suggested(ctx, ".md")
    if suggested is None:
        _message(parent, TITLE_MARKDOWN, NO_PLAN)
        return None
    path = ask_save_path(parent, "Export the plan as Markdown", suggested, "Markdown (*.md)")
    if path is None:
        return None
    path = _with_suffix(path, ".md")
    try:
        exports.export_markdown_file(ctx.ws, path)
    except PlannerError as exc:
        _message(parent, TITLE_MARKDOWN, str(exc))
        return None
    _status(parent, f"Exported the plan to {path}")
    return path


# --- printing -----------------------------------------------------------------------------------


def paint_report(report: PlanReport, printer: QPrinter) -> int:
    """Draw ``report`` onto ``printer`` page by page, as the PDF draws it; returns the number
    of pages. The printer must be in full-page mode (the margins are drawn here)."""
    # WORKAROUND: planner.export.pdf draws only into its own QPdfWriter (render_pdf); until
    # it offers a painter for any paged device, its layout and page painters are reused here.
    from planner.export import pdf
    from planner.export.flow import Styles, paginate
    from planner.export.pdf_content import CSS, build

    dpi = printer.resolution()
    full = printer.pageLayout().fullRectPixels(dpi)
    left, top, right, bottom = (m * dpi / 25.4 for m in pdf.MARGIN_MM)
    width = full.width() - left - right
    height = full.height() - top - bottom
    styles = Styles(printer, width, pdf._font(pdf.BODY_POINTS), CSS)
    pages = paginate(build(report, styles, height, pdf._font(pdf.CHART_POINTS)), height)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportError("The printer could not be started.")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                printer.newPage()
            pdf._draw_page(painter, page, left, top, width, height)
            pdf._footer(painter, report, number, len(pages), left, full.height() - bottom, width)
    finally:
        painter.end()
    return len(pages)


def make_printer(report: PlanReport) -> QPrinter:
    from planner.export import pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    # The page painter measures its footer at the PDF's resolution.
    printer.setResolution(pdf.DPI)
    printer.setFullPage(True)
    printer.setDocName(f"Learning plan: {report.role.title}")
    return printer


def print_with_preview(parent: QWidget, ctx: UiContext) -> None:
    """Show the plan as it will print (the same document as the PDF), then print it."""
    try:
        report = exports.plan_report(ctx.ws)
    except PlannerError as exc:
        _message(parent, TITLE_PRINT, str(exc))
        return
    printer = make_printer(report)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print preview — {report.role.title}")
    failures: list[str] = []

    def paint(target: QPrinter) -> None:
        try:
            paint_report(report, target)
        except PlannerError as exc:
            failures.append(str(exc))

    dialog.paintRequested.connect(paint)
    dialog.exec()
    if failures:
        _message(parent, TITLE_PRINT, failures[-1])
