"""Portable data from the window: the whole profile exported to or imported from a JSON
file, and the plan exported as a calendar (File menu).

A profile is small (a rich one is about 100 KB) and reads in a fraction of a second, so the
import runs on the GUI thread under a busy cursor rather than on a worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from planner.errors import PlannerError
from planner.services import portable
from planner.services.plans import current_plan
from planner.services.portable import ImportSummary
from planner.ui import exporting
from planner.ui.context import TOPICS, UiContext

TITLE_EXPORT_JSON = "Export profile"
TITLE_IMPORT_JSON = "Import profile"
TITLE_ICS = "Export calendar"
PROFILE_FILTER = "Planner profiles (*.json);;All files (*)"
NO_PLAN = "There is no plan to put in a calendar yet. Make your plan on the Plan page first."


def _documents() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder or Path.home())


def ask_open_path(parent: QWidget, title: str, folder: Path, file_filter: str) -> Path | None:
    """The file the person chose to read; None when they cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, str(folder), file_filter)
    return Path(chosen) if chosen else None


def confirm_replace(parent: QWidget, text: str) -> bool:
    """Ask before replacing the person's data; the safe answer (No) is the default."""
    answer = QMessageBox.question(
        parent,
        TITLE_IMPORT_JSON,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _tell(parent: QWidget, title: str, text: str) -> QMessageBox:
    """A message that does not block the window (tests find it among the children)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # file names and messages are not markup
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _status(parent: QWidget, message: str) -> None:
    window = parent.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(message, 10000)


def export_json_interactively(parent: QWidget, ctx: UiContext) -> Path | None:
    """Ask where to save, then write the whole profile as JSON (File ▸ Export profile)."""
    suggested = _documents() / f"planner-profile-{ctx.ws.today().isoformat()}.json"
    path = exporting.ask_save_path(
        parent, "Export your whole profile", suggested, "Planner profiles (*.json)"
    )
    if path is None:
        return None
    path = _with_suffix(path, ".json")
    try:
        portable.export_json_file(ctx.ws, path)
    except PlannerError as exc:
        _tell(parent, TITLE_EXPORT_JSON, str(exc))
        return None
    _status(parent, f"Exported your profile to {path}")
    return path


def export_ics_interactively(parent: QWidget, ctx: UiContext) -> Path | None:
    """Ask where to save, then write the plan's steps and milestones as an iCalendar file."""
    try:
        view = current_plan(ctx.ws)
    except PlannerError as exc:
        _tell(parent, TITLE_ICS, str(exc))
        return None
    if view is None:
        _tell(parent, TITLE_ICS, NO_PLAN)
        return None
    suggested = _documents() / f"{view.plan.role_id}-plan.ics"
    path = exporting.ask_save_path(
        parent, "Export the plan as a calendar", suggested, "iCalendar files (*.ics)"
    )
    if path is None:
        return None
    path = _with_suffix(path, ".ics")
    try:
        portable.export_ics_file(ctx.ws, path)
    except PlannerError as exc:
        _tell(parent, TITLE_ICS, str(exc))
        return None
    _status(parent, f"Exported the plan's calendar to {path}")
    return path


def import_json_interactively(parent: QWidget, ctx: UiContext) -> ImportSummary | None:
    """Ask for a profile file, check it, confirm before replacing anything, then import it.

    Every page reloads afterwards, and the undo history is cleared: its edits belong to the
    data the import replaced.
    """
    path = ask_open_path(parent, "Import a profile", _documents(), PROFILE_FILTER)
    if path is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        data = portable.read_json_file(path)  # a bad file is reported before any question
        replace = portable.holds_user_data(ctx.ws)
    except PlannerError as exc:
        _tell(parent, TITLE_IMPORT_JSON, str(exc))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    if replace and not confirm_replace(
        parent,
        f"Importing {path.name} replaces all your data here: skills, certifications, plans, "
        "notes and your own roles. A backup of what is here now is taken first. Replace it?",
    ):
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        summary = portable.import_profile(ctx.ws, data, path=path, replace=replace)
    except PlannerError as exc:
        _tell(parent, TITLE_IMPORT_JSON, str(exc))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    ctx.undo_stack.clear()
    ctx.changed.emit(TOPICS)
    _status(parent, summary.describe())
    if summary.unknown_ids:
        _tell(
            parent,
            TITLE_IMPORT_JSON,
            f"{summary.describe()}\n\nThis catalog does not know some of what the profile "
            f"names; it was kept as it is: {', '.join(summary.unknown_ids)}.",
        )
    return summary
