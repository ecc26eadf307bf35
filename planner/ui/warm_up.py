"""Importing what the other pages and the first change need once the person reaches for
them, so the click does not wait for it.

A start that only reads draws the dashboard without SQLAlchemy and SQLModel (planner.store
.reads). They come with the services of the other pages: about 400 ms the first time one is
shown. When the pointer moves over the sidebar or the menu bar, a thread imports them; a person
who only looks at the dashboard never pays for them.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

# The services the other pages read and write through (each brings the repository, and
# with it SQLAlchemy and SQLModel).
SERVICE_MODULES = (
    "planner.services.skills",
    "planner.services.plans",
    "planner.services.roles_view",
    "planner.services.certifications",
    "planner.services.profile",
)
# The pointer moving over (or pressing on) what it watches: an Enter alone can be Qt's own,
# sent when a widget appears under a pointer that has not moved.
_INTENT = (QEvent.Type.MouseMove, QEvent.Type.HoverMove, QEvent.Type.MouseButtonPress)


class WarmUpOnIntent(QObject):
    """Watches ``widgets`` until the pointer first moves over or presses one, then imports
    ``modules`` on a thread of its own (once)."""

    def __init__(
        self, widgets: Iterable[QWidget], modules: tuple[str, ...] = SERVICE_MODULES
    ) -> None:
        super().__init__()
        self._widgets = list(widgets)
        self._modules = modules
        self.thread: threading.Thread | None = None
        for widget in self._widgets:
            # Moves without a button reach only widgets that track the mouse (the sidebar's
            # list does not by itself; the menu bar does).
            widget.setMouseTracking(True)
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.thread is None and event.type() in _INTENT:
            self.start()
        return False

    def start(self) -> None:
        if self.thread is not None:
            return
        for widget in self._widgets:
            widget.removeEventFilter(self)
        self.thread = threading.Thread(target=self._import, name="planner-warm-up", daemon=True)
        self.thread.start()

    def _import(self) -> None:
        for name in self._modules:
            try:
                importlib.import_module(name)
            except Exception:  # the page that needs it will say what is wrong
                return

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join()
