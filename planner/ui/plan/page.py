"""The plan page: steps by phase with a detail panel, hours per week with a live ETA, the
start date, regenerate, the timeline, and export and print."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QItemSelection, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSlider,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.export.formats import format_date, format_hours, format_percent
from planner.services import plans
from planner.services.plan_view import PlanPageState, plan_page_state, stage_titles
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.plan.detail import StepDetail
from planner.ui.plan.steps import STEP_ROLE, StepsModel, StepsView
from planner.ui.plan.timeline import TimelineTab

TOPICS = frozenset({"plan", "target", "ratings", "certifications", "profile"})
SLIDER_HOURS = (1, 40)
MAX_HOURS = 100  # what services.inputs accepts; the spin box goes past the slider
REDATE_PAUSE_MS = 700  # keyboard and typed changes re-date the plan after this pause


class PlanPage(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = PlanPageState(None, None, None)
        self._filling = False
        self._closing_filter_on: QWidget | None = None

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Plan title")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # role titles are not markup
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Plan summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.export_button = QPushButton("Export &PDF…")
        self.export_button.setToolTip("Save the plan as a PDF document (Ctrl+E)")
        self.export_button.clicked.connect(self.export_pdf)
        self.print_button = QPushButton("P&rint…")
        self.print_button.setToolTip("Print the plan, with a preview (Ctrl+P)")
        self.print_button.clicked.connect(self.print_plan)

        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.stale.setFrameShape(QFrame.Shape.StyledPanel)
        self.stale.setMargin(self.fontMetrics().height() // 3)
        self.stale.setAccessibleName("Plan target notice")
        self.stale.setTextFormat(Qt.TextFormat.PlainText)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_plan())
        self.stack.addWidget(self._build_empty())

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        top.addLayout(titles, 1)
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stale)
        layout.addWidget(self.stack, 1)

        self._redate_timer = QTimer(self)
        self._redate_timer.setSingleShot(True)
        self._redate_timer.setInterval(REDATE_PAUSE_MS)
        self._redate_timer.timeout.connect(self.apply_schedule)
        ctx.changed.connect(self._on_changed)
        self.reload()

    # --- building -----------------------------------------------------------------------------

    def _build_plan(self) -> QWidget:
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(*SLIDER_HOURS)
        self.slider.setPageStep(5)
        self.slider.setAccessibleName("Hours per week")
        self.slider.setToolTip("Drag to see when you would be ready; release to re-date the plan")
        self.slider.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.hours = QSpinBox()
        self.hours.setRange(SLIDER_HOURS[0], MAX_HOURS)
        self.hours.setSuffix(" h/week")
        self.hours.setAccessibleName("Hours per week")
        self.hours.setToolTip("Hours you can spend each week")
        self.eta = QLabel()
        self.eta.setAccessibleName("Ready by")
        self.eta.setMinimumWidth(self.fontMetrics().horizontalAdvance("Ready by 30 Sep 2000 ") * 2)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("d MMM yyyy")
        self.start.setAccessibleName("Start date")
        self.start.setToolTip("The day the plan starts")
        self.regenerate = QPushButton("Re&generate")
        self.regenerate.setToolTip(
            "Plan again from your current skills and target, keeping the status and notes "
            "of every step that still applies"
        )
        hours_label = QLabel("&Hours per week:")
        hours_label.setBuddy(self.slider)
        start_label = QLabel("S&tart:")
        start_label.setBuddy(self.start)

        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self.apply_schedule)
        self.hours.valueChanged.connect(self._hours_typed)
        self.start.dateChanged.connect(lambda _d: self._schedule_redate())
        self.start.editingFinished.connect(self.apply_schedule)
        self.regenerate.clicked.connect(self.regenerate_plan)

        controls = QHBoxLayout()
        controls.addWidget(hours_label)
        controls.addWidget(self.slider, 1)
        controls.addWidget(self.hours)
        controls.addWidget(self.eta)
        controls.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        controls.addWidget(start_label)
        controls.addWidget(self.start)
        controls.addStretch(0)
        controls.addWidget(self.regenerate)

        self.model = StepsModel(self)
        self.model.check_requested.connect(self._check_step)
        self.tree = StepsView(self.model)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = StepDetail(self.ctx)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self._split_once = False
        self.splitter = splitter

        self.timeline = TimelineTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(splitter, "&Steps")
        self.tabs.addTab(self.timeline, "T&imeline")
        self.tabs.setAccessibleName("Plan views")

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.tabs, 1)
        return page

    def _build_empty(self) -> QWidget:
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.make_plan = QPushButton("&Make my plan")
        self.make_plan.setAccessibleName("Make my plan")
        self.make_plan.clicked.connect(self.regenerate_plan)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.empty_text)
        layout.addWidget(self.make_plan, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        return page

    def focus_first(self) -> None:
        if self.stack.currentIndex() == 0:
            self.tree.setFocus()
        elif self.make_plan.isVisible():
            self.make_plan.setFocus()

    # --- reading ------------------------------------------------------------------------------

    def _on_changed(self, topics: frozenset[str]) -> None:
        if topics & TOPICS:
            self.reload()

    def reload(self) -> None:
        """Read the plan again and show it, keeping the selected step and folded phases."""
        self.state = state = plan_page_state(self.ctx.ws)
        view = state.view
        has_plan = view is not None
        self.stack.setCurrentIndex(0 if has_plan else 1)
        for widget in (self.export_button, self.print_button):
            widget.setEnabled(has_plan)
        self._show_stale(state)
        if view is None:
            self._show_empty(state)
            self.model.set_plan(None)
            self.detail.show_step(None, frozenset())
            self.timeline.set_plan(None, [], self.ctx.ws.today())
            return
        plan = view.plan
        titles = stage_titles(self.ctx.ws.catalog, plan)
        if len(plan.stages) > 1:
            self.heading.setText("Route to " + " → ".join(titles))
        else:
            self.heading.setText(f"Plan for {titles[-1]}")
        done = sum(1 for s in plan.steps if s.status == "done")
        self.summary.setText(
            f"Readiness {format_percent(view.readiness.percent)} · "
            f"{done} of {len(plan.steps)} steps done · "
            f"{format_hours(plan.remaining_hours)} to go of {format_hours(plan.total_hours)}"
        )
        self._fill_schedule()
        key = self.tree.selected_key()
        if self.model.set_plan(plan, titles):
            self.tree.after_reset(key)
        self._show_selected()
        self.timeline.set_plan(plan, titles, self.ctx.ws.today())

    def _show_empty(self, state: PlanPageState) -> None:
        self.heading.setText("Your plan")
        self.summary.setText("")
        if state.target_title:
            self.empty_text.setText(
                f"You have no plan yet. Make one to go from where you are to "
                f"{state.target_title}, step by dated step."
            )
            self.make_plan.show()
        else:
            self.empty_text.setText(
                "Choose the role you are aiming for on the Roles page (Ctrl+2), "
                "then come back here to make your plan."
            )
            self.make_plan.hide()

    def _show_stale(self, state: PlanPageState) -> None:
        self.stale.setVisible(state.stale)
        if state.stale and state.view is not None:
            made_for = self.ctx.ws.catalog.roles.get(state.view.plan.role_id)
            self.stale.setText(
                f"Note: your target is now {state.target_title}, but this plan is for "
                f"{made_for.title if made_for else state.view.plan.role_id}. "
                "Regenerate to plan for the new target."
            )

    def _fill_schedule(self) -> None:
        view = self.state.view
        if view is None:
            return
        options = view.plan.options
        self._filling = True
        try:
            if not self.slider.isSliderDown():
                self._redate_timer.stop()
                self.hours.setValue(round(options.hours_per_week))
                self.slider.setValue(round(options.hours_per_week))
            start = options.start_date
            self.start.setDate(QDate(start.year, start.month, start.day))
        finally:
            self._filling = False
        self._show_eta(view.plan.eta)

    def _show_eta(self, eta: date, hours: int | None = None) -> None:
        if hours is None:
            self.eta.setText(f"Ready by {format_date(eta)}")
            self.eta.setToolTip("When the plan's last step ends")
        else:
            self.eta.setText(f"Ready by {format_date(eta)} at {hours} h/week")
            self.eta.setToolTip("Release the slider (or pause) to re-date the plan")

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        index = self.tree.currentIndex()
        step = self.model.data(index, STEP_ROLE) if index.isValid() else None
        view = self.state.view
        topics = view.topics_done.get(step.key, frozenset()) if view and step else frozenset()
        self.detail.show_step(step, topics)

    def selected_key(self) -> str | None:
        return self.tree.selected_key()

    def select_step(self, position: int) -> None:
        view = self.state.view
        step = next((s for s in view.plan.steps if s.position == position), None) if view else None
        if step is not None:
            index = self.model.index_of_key(f"step:{step.key}")
            self.tree.setCurrentIndex(index)

    # --- editing ------------------------------------------------------------------------------

    def _check_step(self, position: int, checked: bool) -> None:
        self.detail.save_note()
        self.ctx.push(commands.set_step_status(self.ctx, position, "done" if checked else "todo"))

    def _slider_moved(self, value: int) -> None:
        if self._filling:
            return
        self._filling = True
        self.hours.setValue(value)
        self._filling = False
        self._preview(value)
        if not self.slider.isSliderDown():
            self._schedule_redate()

    def _hours_typed(self, value: int) -> None:
        if self._filling:
            return
        self._filling = True
        self.slider.setValue(value)
        self._filling = False
        self._preview(value)
        self._schedule_redate()

    def _preview(self, hours: int) -> None:
        """The ETA at ``hours`` a week, computed without storing anything."""
        view = self.state.view
        if view is None:
            return
        if hours == round(view.plan.options.hours_per_week):
            self._show_eta(view.plan.eta)
        else:
            self._show_eta(plans.preview_eta(view, hours), hours)

    def _schedule_redate(self) -> None:
        if not self._filling:
            self._redate_timer.start()

    def apply_schedule(self) -> None:
        """Re-date the stored plan for the hours and start shown, if they changed."""
        self._redate_timer.stop()
        view = self.state.view
        if view is None or self._filling:
            return
        options = view.plan.options
        hours = self.hours.value()
        start = self.start.date().toPython()
        hours_changed = hours != round(options.hours_per_week)
        start_changed = start != options.start_date
        if not (hours_changed or start_changed):
            return
        self.detail.save_note()
        self.ctx.run(
            lambda: plans.redate_plan(
                self.ctx.ws,
                hours_per_week=hours if hours_changed else None,
                start=start if start_changed else None,
            ),
            frozenset({"plan", "profile"}),
        )

    def regenerate_plan(self) -> None:
        """Make the plan again (or for the first time), keeping every step's progress."""
        self._redate_timer.stop()
        self.detail.save_note()
        view = self.state.view
        hours: int | None = None
        start: date | None = None
        if view is not None:
            if self.hours.value() != round(view.plan.options.hours_per_week):
                hours = self.hours.value()
            chosen = self.start.date().toPython()
            if chosen != view.plan.options.start_date:
                start = chosen
        result = self.ctx.run(
            lambda: plans.generate_plan(self.ctx.ws, hours_per_week=hours, start=start),
            frozenset({"plan", "profile"}),
        )
        if result is None:
            return
        if view is not None:
            before = {s.key: s.position for s in view.plan.steps}
            after = {s.key: s.position for s in result.plan.steps}
            if any(after.get(key) != position for key, position in before.items()):
                # The undo commands name steps by number, and the numbers have changed.
                self.ctx.undo_stack.clear()
        self._status(
            "Plan regenerated; the progress and notes of its steps were kept."
            if view is not None
            else "Your plan is ready."
        )

    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)

    def export_pdf(self) -> None:
        from planner.ui.exporting import export_pdf_interactively

        self.detail.save_note()
        export_pdf_interactively(self, self.ctx)

    def print_plan(self) -> None:
        from planner.ui.exporting import print_with_preview

        self.detail.save_note()
        print_with_preview(self, self.ctx)

    # --- never lose a note ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._split_once and self.splitter.width() > 0:
            # Three fifths for the steps (their titles are long), the rest for the details.
            self._split_once = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 3 // 5, width - width * 3 // 5])
        window = self.window()
        if window is not self and window is not self._closing_filter_on:
            window.installEventFilter(self)
            self._closing_filter_on = window

    def hideEvent(self, event: QHideEvent) -> None:
        self.detail.save_note()
        super().hideEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the window closes (and the database with it), store a note being typed.
        if watched is self._closing_filter_on and event.type() == QEvent.Type.Close:
            self.detail.save_note()
        return super().eventFilter(watched, event)
