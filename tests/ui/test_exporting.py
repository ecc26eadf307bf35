"""Export and print from the window: the PDF written off the GUI thread with progress and
cancel, Markdown, and the print preview drawn with the PDF's own layout."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from planner.services import exports, plans, profile, skills
from planner.services.workspace import Workspace
from planner.ui import exporting
from planner.ui.context import UiContext
from planner.ui.main_window import MainWindow
from planner.ui.plan.page import PlanPage

EXPORT_TIMEOUT_MS = 60_000


def wait_for_export(qtbot: QtBot, done: Callable[[], bool]) -> None:
    """Wait for the export's result to reach the window (the export itself is drawn page
    by page on this thread; see the WORKAROUND in PdfExport.start)."""
    assert QThreadPool.globalInstance().waitForDone(EXPORT_TIMEOUT_MS)
    qtbot.waitUntil(done, timeout=EXPORT_TIMEOUT_MS)


def make_plan(ws: Workspace) -> plans.PlanView:
    skills.rate_skill(ws, skill="python", level=3)
    skills.rate_skill(ws, skill="docker", level=2)
    profile.set_target(ws, role="Distributed Systems Architect")
    view = plans.generate_plan(ws, hours_per_week=10, start=date(2026, 12, 1), follow_ladder=False)
    plans.set_step_notes(ws, position=2, notes="<b>not bold</b> & fine")
    return view


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> str:
    return normalise(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[Path]:
    """Stand in for the file dialog; returns the suggestions it was given."""
    asked: list[Path] = []

    def ask(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
        asked.append(suggested)
        return path

    monkeypatch.setattr(exporting, "ask_save_path", ask)
    return asked


def message_boxes(parent: QWidget) -> list[QMessageBox]:
    return [b for b in parent.findChildren(QMessageBox) if b.isVisible()]


@pytest.fixture
def page(ctx: UiContext, qtbot: QtBot) -> PlanPage:
    make_plan(ctx.ws)
    widget = PlanPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_export_pdf_from_the_page_has_every_step(
    page: PlanPage, ctx: UiContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "my plan"  # no suffix: one is added
    asked = answer_save_dialog(monkeypatch, target)
    jobs: list[exporting.PdfExport] = []
    start = exporting.start_pdf_export
    monkeypatch.setattr(
        exporting, "start_pdf_export", lambda *a: jobs.append(start(*a)) or jobs[-1]
    )

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)

    assert asked and asked[0].name == "distributed-systems-architect-plan.pdf"
    assert jobs
    wait_for_export(qtbot, lambda: not jobs[0].running)
    written = tmp_path / "my plan.pdf"
    assert jobs[0].written == written and jobs[0].error is None
    text = pdf_text(written)
    view = plans.current_plan(ctx.ws)
    assert view is not None
    missing = [s.title for s in view.plan.steps if normalise(s.title) not in text]
    assert missing == []
    assert "<b>not bold</b> & fine" in text  # the note is text, not markup
    assert not [d for d in page.findChildren(QProgressDialog) if d.isVisible()]


def test_export_pdf_from_the_file_menu(
    make_window: Callable[..., MainWindow],
    workspace: Workspace,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_plan(workspace)
    window = make_window()
    target = tmp_path / "menu.pdf"
    answer_save_dialog(monkeypatch, target)
    action = next(a for a in window.menuBar().actions() if a.text() == "&File")
    export = next(a for a in action.menu().actions() if a.text().startswith("Export &PDF"))
    assert export.isEnabled()
    export.trigger()
    wait_for_export(qtbot, lambda: "Exported the plan" in window.statusBar().currentMessage())
    assert target.exists()
    view = plans.current_plan(workspace)
    assert view is not None
    text = pdf_text(target)
    assert all(normalise(s.title) in text for s in view.plan.steps)


def test_cancelling_the_progress_leaves_no_file(
    page: PlanPage, ctx: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "cancelled.pdf"
    job = exporting.PdfExport(page, ctx, target)
    cancel = job.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    pages: list[int] = []

    def press_cancel(done: int, _total: int) -> None:  # a person clicks during page one
        pages.append(done)
        cancel.click()

    job.progressed.connect(press_cancel)
    job.start()
    assert job.cancelled
    assert pages == [1]  # it stopped after the page being drawn
    wait_for_export(qtbot, lambda: not job.running)
    assert job.written is None and job.error is None
    assert list(folder.iterdir()) == []  # neither the PDF nor a temporary file
    assert message_boxes(page) == []


def test_an_unwritable_place_is_reported(
    page: PlanPage, ctx: UiContext, qtbot: QtBot, tmp_path: Path
) -> None:
    job = exporting.start_pdf_export(page, ctx, tmp_path / "no such folder" / "plan.pdf")
    wait_for_export(qtbot, lambda: not job.running)
    assert job.error is not None and "does not exist" in job.error
    assert job.message_box is not None and job.message_box.isVisible()
    assert "does not exist" in job.message_box.text()


def test_nothing_to_export_without_a_plan(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    asked = answer_save_dialog(monkeypatch, None)
    assert exporting.export_pdf_interactively(parent, ctx) is None
    assert exporting.export_markdown_interactively(parent, ctx) is None
    assert asked == []
    boxes = message_boxes(parent)
    assert boxes and "no plan" in boxes[0].text()


def test_a_cancelled_save_dialog_does_nothing(
    page: PlanPage, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_save_dialog(monkeypatch, None)
    assert exporting.export_pdf_interactively(page, ctx) is None
    assert exporting.export_markdown_interactively(page, ctx) is None


def test_export_markdown(
    page: PlanPage, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_save_dialog(monkeypatch, tmp_path / "plan.md")
    written = exporting.export_markdown_interactively(page, ctx)
    assert written == tmp_path / "plan.md"
    text = written.read_text(encoding="utf-8")
    view = plans.current_plan(ctx.ws)
    assert view is not None
    assert all(s.title in text for s in view.plan.steps)


def test_printing_draws_the_same_document(page: PlanPage, ctx: UiContext, tmp_path: Path) -> None:
    report = exports.plan_report(ctx.ws)
    printer = exporting.make_printer(report)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    pages = exporting.paint_report(report, printer)
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == pages > 1
    text = pdf_text(tmp_path / "printed.pdf")
    assert all(normalise(s.title) in text for s in report.plan.steps)
    assert f"Page {pages} of {pages}" in text


def test_print_preview_renders_the_plan(
    page: PlanPage, ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted: list[int] = []
    paint = exporting.paint_report
    monkeypatch.setattr(
        exporting, "paint_report", lambda report, printer: painted.append(paint(report, printer))
    )
    seen: list[QWidget] = []

    def close_preview() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QPrintPreviewDialog):
            seen.append(dialog)
            dialog.reject()
        else:
            QTimer.singleShot(50, close_preview)

    QTimer.singleShot(0, close_preview)
    page.print_button.click()  # returns when the preview closes
    assert seen
    assert painted and painted[0] > 1
