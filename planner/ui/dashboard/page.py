"""The dashboard: readiness for the target, the next steps, skills against the role, progress
over time, and certifications about to expire. It only reads; edits happen on other pages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QItemSelectionModel, QMetaMethod, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.charts import gap_rows
from planner.export.formats import format_date, format_hours, format_percent, format_span
from planner.planning import Step
from planner.services.dashboard_view import (
    EXPIRY_WINDOW_DAYS,
    DashboardView,
    ExpiringCertification,
    dashboard,
)
from planner.ui.context import UiContext
from planner.ui.plain_text import plain_tooltip
from planner.ui.theme import chart_palette
from planner.ui.widgets import GapChartWidget, GaugeWidget, ProgressChartWidget

TOPICS = frozenset({"ratings", "certifications", "plan", "target", "profile"})
STEP_ROLE = Qt.ItemDataRole.UserRole


def _scaled(font: QFont, scale: float, *, bold: bool = False) -> QFont:
    result = QFont(font)
    if font.pointSizeF() > 0:
        result.setPointSizeF(font.pointSizeF() * scale)
    result.setBold(bold)
    return result


def _label(text: str = "", *, muted: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # catalog and user text, never markup
    label.setWordWrap(wrap)
    if muted:
        label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _button(text: str, tip: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.rstrip("…"))
    button.setToolTip(tip)
    button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    return button


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    widget.setSpacing(max(2, widget.fontMetrics().height() // 4))
    return widget


class DashboardPage(QWidget):
    """Redraws whenever ratings, certifications, the plan, the target or the profile change.

    ``page_requested(key)`` asks for another page (``roles``, ``plan``, ``certifications``);
    when nothing is connected to it, the page asks its window's ``show_page`` directly.
    """

    page_requested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: DashboardView | None = None
        self._stale = False

        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Dashboard")
        self.stack.addWidget(self._build_empty_state())
        self.stack.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        ctx.changed.connect(self._on_changed)
        self.refresh()

    # --- building -------------------------------------------------------------------------

    def _build_empty_state(self) -> QWidget:
        panel = QWidget()
        chars = self.fontMetrics().averageCharWidth()
        panel.setMinimumWidth(chars * 50)
        panel.setMaximumWidth(chars * 72)
        box = QVBoxLayout(panel)
        box.setSpacing(self.fontMetrics().height())
        title = _label("No target role yet")
        title.setFont(_scaled(self.font(), 1.6, bold=True))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint = _label(
            "Choose a target role on the Roles page. The dashboard then shows how ready you "
            "are for it, your next steps, your progress over time and the certifications "
            "that are about to expire."
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_role_button = _button("Choose a target role…", "Open the Roles page (Ctrl+2)")
        self.choose_role_button.clicked.connect(lambda: self.open_page("roles"))
        box.addWidget(title)
        box.addWidget(self.empty_hint)  # no alignment: a wrapped label needs the width
        box.addWidget(self.choose_role_button, 0, Qt.AlignmentFlag.AlignHCenter)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel, 3)
        row.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addLayout(row)
        layout.addStretch(3)
        return page

    def _build_content(self) -> QWidget:
        content = QWidget()
        outer = QVBoxLayout(content)
        line = self.fontMetrics().height()
        outer.setContentsMargins(line, line, line, line)
        outer.setSpacing(line)

        self.title = _label()
        self.title.setFont(_scaled(self.font(), 1.5, bold=True))
        self.title.setAccessibleName("Target role")
        self.subtitle = _label(muted=True)
        self.subtitle.setAccessibleName("Plan summary")
        heading = QVBoxLayout()
        heading.setSpacing(line // 4)
        heading.addWidget(self.title)
        heading.addWidget(self.subtitle)
        outer.addLayout(heading)

        top = QHBoxLayout()
        top.setSpacing(line)
        top.addWidget(self._build_readiness(), 0)
        top.addWidget(self._build_next_steps(), 3)
        top.addWidget(self._build_certifications(), 2)
        outer.addLayout(top)

        progress = QGroupBox("Readiness over time")
        box = QVBoxLayout(progress)
        self.progress_chart = ProgressChartWidget()
        self.progress_note = _label(muted=True)
        box.addWidget(self.progress_chart)
        box.addWidget(self.progress_note)
        outer.addWidget(progress)

        gap = QGroupBox("Your skills against the role")
        box = QVBoxLayout(gap)
        self.gap_chart = GapChartWidget(row_lines=1.4)
        self.gap_note = _label(muted=True)
        box.addWidget(self.gap_note)
        box.addWidget(self.gap_chart)
        outer.addWidget(gap)
        outer.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def _build_readiness(self) -> QGroupBox:
        card = QGroupBox("Readiness")
        box = QVBoxLayout(card)
        self.gauge = GaugeWidget()
        self.readiness_label = _label()
        self.readiness_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.readiness_label.setAccessibleName("Readiness")
        self.readiness_label.setMaximumWidth(self.gauge.sizeHint().width())
        box.addWidget(self.gauge, 1, Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.readiness_label)  # no alignment: a wrapped label needs the width
        return card

    def _build_next_steps(self) -> QGroupBox:
        card = QGroupBox("Next steps")
        box = QVBoxLayout(card)
        self.steps_list = _list("Next steps")
        self.steps_list.setToolTip("Press Enter or double-click to open the step on the Plan page")
        self.steps_list.itemActivated.connect(self._open_step)
        self.steps_note = _label(muted=True)
        self.open_plan_button = _button("Open the plan", "Open the Plan page (Ctrl+5)")
        self.open_plan_button.clicked.connect(lambda: self.open_page("plan"))
        box.addWidget(self.steps_list, 1)
        box.addWidget(self.steps_note)
        box.addWidget(self.open_plan_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    def _build_certifications(self) -> QGroupBox:
        card = QGroupBox("Certifications to renew")
        box = QVBoxLayout(card)
        self.certs_list = _list("Certifications expiring soon")
        self.certs_list.itemActivated.connect(lambda _item: self.open_page("certifications"))
        self.certs_note = _label(muted=True)
        self.open_certs_button = _button(
            "Open certifications", "Open the Certifications page (Ctrl+4)"
        )
        self.open_certs_button.clicked.connect(lambda: self.open_page("certifications"))
        box.addWidget(self.certs_list, 1)
        box.addWidget(self.certs_note)
        box.addWidget(self.open_certs_button, 0, Qt.AlignmentFlag.AlignRight)
        return card

    # --- showing --------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if not topics & TOPICS:
            return
        if self.isVisible():
            self.refresh()
        else:  # edits on other pages: redraw once, when the dashboard is shown again
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Read the dashboard afresh from the services and show it."""
        self._stale = False
        self.view = view = dashboard(self.ctx.ws)
        if view.target is None or view.readiness is None or view.gap is None:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        target = view.target
        self.title.setText(f"Towards {target.title}")
        self.subtitle.setText(self._plan_summary(view))

        percent = view.readiness.percent
        self.gauge.set_value(percent, "ready")
        self.readiness_label.setText(f"{format_percent(percent)} ready for {target.title}")

        self._fill_steps(view)
        self._fill_certifications(view.expiring)

        self.progress_chart.set_points(
            view.progress, today=view.today, empty_text="Rate your skills to start the line"
        )
        self.progress_note.setText(
            f"Your readiness for {target.title} on each day you rated one of its skills; "
            "the dashed line carries the latest value on to today."
            if view.progress
            else "Rate the skills this role asks for on the Skills page: each day you do adds "
            "a point here."
        )

        rows = gap_rows(self.ctx.ws.catalog, view.gap)
        met = sum(1 for r in rows if r.met)
        self.gap_chart.set_rows(rows)
        self.gap_note.setText(f"{met} of {len(rows)} skills at the level {target.title} asks for.")

    def _plan_summary(self, view: DashboardView) -> str:
        plan = view.plan
        if plan is None:
            return "No plan yet: generate one on the Plan page."
        done = sum(1 for s in plan.steps if s.status == "done")
        parts = [
            f"{done} of {len(plan.steps)} steps done",
            f"{format_hours(plan.remaining_hours)} to go",
            f"ready around {format_date(plan.eta)}",
        ]
        return "Plan: " + " · ".join(parts)

    def _fill_steps(self, view: DashboardView) -> None:
        self.steps_list.clear()
        for step in view.next_steps:
            item = QListWidgetItem(self._step_text(step, view.today))
            item.setData(STEP_ROLE, step.position)
            item.setToolTip(plain_tooltip(step.why or step.title))
            self.steps_list.addItem(item)
        has_steps = bool(view.next_steps)
        self.steps_list.setVisible(has_steps)
        plan = view.plan
        if plan is None:
            note = "No plan yet. Generate one on the Plan page to see your next steps here."
            self.open_plan_button.setText("Open the Plan page")
        elif not has_steps:
            note = "Every step of your plan is done or skipped."
            self.open_plan_button.setText("Open the plan")
        elif not view.plan_matches_target:
            other = self.ctx.ws.catalog.roles.get(plan.role_id)
            note = (
                f"These steps lead to {other.title if other else plan.role_id}, "
                "not your current target: regenerate the plan on the Plan page."
            )
            self.open_plan_button.setText("Open the plan")
        else:
            note = ""
            self.open_plan_button.setText("Open the plan")
        self.steps_note.setText(note)
        self.steps_note.setVisible(bool(note))
        if has_steps:  # keyboard focus starts on the first step, without selecting it
            self.steps_list.selectionModel().setCurrentIndex(
                self.steps_list.model().index(0, 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    @staticmethod
    def _step_text(step: Step, today: date) -> str:
        details = [format_span(step)]
        if step.hours:
            details.append(format_hours(step.hours))
        if step.status == "in_progress":
            details.append("in progress")
        if step.planned_end is not None and step.planned_end < today:
            details.append("overdue")
        return f"{step.position}. {step.title}\n{' · '.join(details)}"

    def _fill_certifications(self, expiring: tuple[ExpiringCertification, ...]) -> None:
        palette = chart_palette()
        self.certs_list.clear()
        for entry in expiring:
            cert = entry.certification
            days = entry.days_left
            if days < 0:
                when = f"Expired {-days} day{'s' if days != -1 else ''} ago"
            elif days == 0:
                when = "Expires today"
            else:
                when = f"Expires in {days} day{'s' if days != 1 else ''}"
            item = QListWidgetItem(f"{cert.name}\n{when} ({format_date(cert.expires_on)})")
            item.setForeground(QBrush(QColor(palette.required if days < 0 else palette.today)))
            item.setToolTip(plain_tooltip(f"{cert.name} ({cert.issuer}): {when.lower()}"))
            self.certs_list.addItem(item)
        self.certs_list.setVisible(bool(expiring))
        self.certs_note.setText(
            "" if expiring else f"Nothing to renew in the next {EXPIRY_WINDOW_DAYS} days."
        )
        self.certs_note.setVisible(not expiring)

    def expiring_texts(self) -> list[str]:
        """What the certifications list says, one entry per line pair (for tests and a11y)."""
        return [self.certs_list.item(i).text() for i in range(self.certs_list.count())]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and self.view is not None:
            self._fill_certifications(self.view.expiring)  # colours follow light and dark
        super().changeEvent(event)

    # --- navigating -----------------------------------------------------------------------

    def focus_first(self) -> None:
        if self.stack.currentIndex() == 0:
            self.choose_role_button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.steps_list.isVisibleTo(self) and self.steps_list.count():
            self.steps_list.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.open_plan_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_step(self, item: QListWidgetItem) -> None:
        page = self.open_page("plan")
        select = getattr(page, "select_step", None)
        if callable(select):
            select(int(item.data(STEP_ROLE)))

    def open_page(self, key: str) -> QWidget | None:
        """Ask for another page; returns it when the window showed it directly."""
        signal = QMetaMethod.fromSignal(self.page_requested)
        if self.isSignalConnected(signal):
            self.page_requested.emit(key)
            return None
        show = getattr(self.window(), "show_page", None)
        if callable(show):
            page = show(key)
            return page if isinstance(page, QWidget) else None
        return None
