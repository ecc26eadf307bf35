"""The pages of the window, in sidebar order. Each module holds a QWidget subclass whose
constructor takes ``(ctx: UiContext, parent: QWidget | None = None)``; it redraws itself
on ``ctx.changed`` and may define ``focus_first()`` to put the keyboard focus in place."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from planner.ui.context import UiContext


@dataclass(frozen=True)
class PageInfo:
    key: str
    title: str
    shortcut: str
    module: str
    cls: str

    def create(self, ctx: UiContext, parent: QWidget | None = None) -> QWidget:
        page_class = getattr(importlib.import_module(self.module), self.cls)
        widget: QWidget = page_class(ctx, parent)
        widget.setObjectName(f"page-{self.key}")
        return widget


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard", "Dashboard", "Ctrl+1", "planner.ui.dashboard.page", "DashboardPage"),
    PageInfo("roles", "Roles", "Ctrl+2", "planner.ui.roles.page", "RolesPage"),
    PageInfo("skills", "Skills", "Ctrl+3", "planner.ui.skills.page", "SkillsPage"),
    PageInfo(
        "certifications",
        "Certifications",
        "Ctrl+4",
        "planner.ui.certifications.page",
        "CertificationsPage",
    ),
    PageInfo("plan", "Plan", "Ctrl+5", "planner.ui.plan.page", "PlanPage"),
)
