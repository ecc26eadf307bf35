"""The pages of the window, in sidebar order. Each module holds a QWidget subclass whose
constructor takes ``(ctx: UiContext, parent: QWidget | None = None)``; it redraws itself
on ``ctx.changed`` (connected to its ``_on_changed``) and may define ``focus_first()`` to
put the keyboard focus in place.

In the window, a page that is not on screen does not redraw on every change: what changed
is kept and handed to it, in one go, when it is shown. A rating then redraws the page in
view, not all five."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, SignalInstance
from PySide6.QtWidgets import QWidget

from planner.ui.context import UiContext


class PageInfo(NamedTuple):
    key: str
    title: str
    shortcut: str
    module: str
    cls: str
    # Redraw on every change even while hidden: the skills table is where a rating is
    # entered, so its rows must never be stale.
    redraw_hidden: bool = False

    def create(self, ctx: UiContext, parent: QWidget | None = None) -> QWidget:
        page_class = getattr(importlib.import_module(self.module), self.cls)
        widget: QWidget = page_class(ctx, parent)
        widget.setObjectName(f"page-{self.key}")
        redraw = getattr(widget, "_on_changed", None)
        if not self.redraw_hidden and callable(redraw):
            WhenShown(widget, ctx.changed, redraw)
        return widget


class WhenShown(QObject):
    """Stands between ``changed`` and a page's ``redraw``: passes changes on while the page
    is visible, and holds them (merged) while it is not, until it is shown."""

    def __init__(
        self,
        page: QWidget,
        changed: SignalInstance,
        redraw: Callable[[frozenset[str]], None],
    ) -> None:
        super().__init__(page)
        self._page = page
        self._redraw = redraw
        self._held: frozenset[str] = frozenset()
        changed.disconnect(redraw)
        changed.connect(self._changed)
        page.installEventFilter(self)

    @property
    def held(self) -> frozenset[str]:
        """The topics changed since the page was last in view."""
        return self._held

    def _changed(self, topics: frozenset[str]) -> None:
        if self._page.isVisible():
            self._redraw(topics)
        else:
            self._held |= topics

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the page's own showEvent, so it is shown with the new data.
        if watched is self._page and event.type() == QEvent.Type.Show and self._held:
            topics, self._held = self._held, frozenset()
            self._redraw(topics)
        return False


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard", "Dashboard", "Ctrl+1", "planner.ui.dashboard.page", "DashboardPage"),
    PageInfo("roles", "Roles", "Ctrl+2", "planner.ui.roles.page", "RolesPage"),
    PageInfo(
        "skills", "Skills", "Ctrl+3", "planner.ui.skills.page", "SkillsPage", redraw_hidden=True
    ),
    PageInfo(
        "certifications",
        "Certifications",
        "Ctrl+4",
        "planner.ui.certifications.page",
        "CertificationsPage",
    ),
    PageInfo("plan", "Plan", "Ctrl+5", "planner.ui.plan.page", "PlanPage"),
)
