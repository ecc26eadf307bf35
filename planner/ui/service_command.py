"""The undoable command every edit of the window is: one service call and the call that
takes it back (planner.ui.commands makes them). Apart from those, so that the window's
context does not import every service (and SQLAlchemy) before the dashboard is drawn."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.ui.context import UiContext


class ServiceCommand(QUndoCommand):
    """Runs ``do`` on redo and ``undo`` on undo, then tells the views what changed.

    ``UiContext.push`` runs the first ``do`` itself, before the command reaches the undo
    stack, so a failure (a PlannerError) is reported and leaves nothing on the stack.
    Exceptions cannot cross Qt's redo()/undo() calls, so later failures are reported
    through ``UiContext.failed`` from here.
    """

    def __init__(
        self,
        ctx: UiContext,
        text: str,
        do: Callable[[], object],
        undo: Callable[[object], None],
        topics: frozenset[str],
    ) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._do = do
        self._undo = undo
        self._topics = topics
        self._result: object = None
        self._done_first = False

    def do_first(self) -> None:
        self._result = self._do()
        self._done_first = True

    def redo(self) -> None:
        if self._done_first:  # the push itself: done already by do_first
            self._done_first = False
        else:
            try:
                self._result = self._do()
            except PlannerError as exc:
                self._ctx.failed.emit(str(exc))
                return
        self._ctx.changed.emit(self._topics)

    def undo(self) -> None:
        try:
            self._undo(self._result)
        except PlannerError as exc:
            self._ctx.failed.emit(str(exc))
            return
        self._ctx.changed.emit(self._topics)
