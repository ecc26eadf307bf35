"""What every page is given: the workspace, the undo stack, and one signal saying what
changed. Pages read through planner.services and write through undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.errors import PlannerError
from planner.services.workspace import Workspace
from planner.ui.service_command import ServiceCommand

T = TypeVar("T")

# The topics of ``UiContext.changed``; a page redraws when one it shows is in the set.
TOPICS = frozenset({"ratings", "certifications", "plan", "profile", "target"})


class UiContext(QObject):
    """The planner as the window sees it. Created by the main window, passed to each page."""

    changed = Signal(object)  # frozenset[str] of TOPICS
    failed = Signal(str)  # a PlannerError's message, for the window to show

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = QUndoStack(self)

    def push(self, command: ServiceCommand) -> bool:
        """Do an undoable edit; on an expected failure say why and keep nothing."""
        try:
            command.do_first()
        except PlannerError as exc:
            self.failed.emit(str(exc))
            return False
        self.undo_stack.push(command)
        return True

    def run(self, action: Callable[[], T], topics: frozenset[str]) -> T | None:
        """Do something that is not undone with Ctrl+Z (regenerate, re-date, settings)."""
        try:
            result = action()
        except PlannerError as exc:
            self.failed.emit(str(exc))
            return None
        self.changed.emit(topics)
        return result
