"""Waiting for a frame: work that must not hold back what the person sees first runs once
that frame has been painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

WAIT_MS = 1000  # the longest a paint is waited for


class AfterFrame(QObject):
    """Calls ``then`` once, after the first frame in which ``widget`` was painted (with
    ``whole_window``, any widget of its window: a main window's children paint, not the
    window itself).

    Two turns of the event loop pass first: the first comes after the rest of that frame,
    the second lets whatever else was waiting on the frame go ahead. A widget that is not
    on screen gets no paint, so ``then`` follows those two turns at once; one whose paint
    does not come (a window minimised as it opens) gets ``then`` after WAIT_MS all the same.
    """

    def __init__(
        self, widget: QWidget, then: Callable[[], None], *, whole_window: bool = False
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then = then
        self._whole_window = whole_window
        if not whole_window and not widget.isVisible():
            self._later()
            return
        # A window's children are only seen by an application-wide filter; it is removed
        # at the first paint, as every event passes through it meanwhile.
        self._watched: QObject = QApplication.instance() if whole_window else widget
        self._watched.installEventFilter(self)
        self._waiting = QTimer(self)
        self._waiting.setSingleShot(True)
        self._waiting.timeout.connect(self._stop_watching)
        self._waiting.start(WAIT_MS)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and (
            watched is self._widget
            or (
                self._whole_window
                and isinstance(watched, QWidget)
                and watched.window() is self._widget
            )
        ):
            self._stop_watching()
        return False

    def _stop_watching(self) -> None:  # at the paint or at WAIT_MS, whichever comes first
        self._watched.removeEventFilter(self)
        self._waiting.stop()
        self._later()

    def _later(self) -> None:
        QTimer.singleShot(0, lambda: QTimer.singleShot(0, self._then))
