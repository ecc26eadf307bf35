"""Last page of the set-up: hours per week and the start date, with a preview of the plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.errors import PlannerError
from planner.services import first_run_view
from planner.ui.context import UiContext
from planner.ui.first_run.draft import Draft


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def preview_text(preview: first_run_view.PlanPreview, hours_per_week: float) -> str:
    if preview.steps == 0:
        return "You already meet everything this role asks: the plan is a single check-off."
    lines = [
        f"{preview.steps} steps, about {preview.hours:,.0f} hours of work.",
        f"At {hours_per_week:g} hours a week you would be ready around {_long(preview.eta)}.",
    ]
    if preview.via:
        lines.append(f"It goes through {' and then '.join(preview.via)} on the way.")
    return "\n".join(lines)


class TimePage(QWizardPage):
    def __init__(self, ctx: UiContext, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._draft = draft
        self.setTitle("How much time do you have?")
        self.setSubTitle(
            "The plan's dates come from these. You can change them later on the Plan page; "
            "the steps stay in the same order."
        )
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, 100)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(1)
        self.hours.setSuffix(" hours")
        self.hours.setValue(draft.hours)
        self.hours.setAccessibleName("Hours per week")
        self.hours.setToolTip("The hours a week you can spend on learning, on average")
        today = ctx.ws.today()
        self.start = QDateEdit(_qdate(max(draft.start, today)))
        self.start.setCalendarPopup(True)
        self.start.setMinimumDate(_qdate(today))
        self.start.setDisplayFormat("d MMMM yyyy")
        self.start.setAccessibleName("Start date")
        self.start.setToolTip("The day the plan begins")

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setAccessibleName("Plan preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        finish = QLabel("Make my plan saves your answers and opens the plan.")
        finish.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, field in (("&Hours per week:", self.hours), ("&Start on:", self.start)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        preview_box = QGroupBox("Your plan, as it stands")
        QVBoxLayout(preview_box).addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(self.fontMetrics().lineSpacing())
        layout.addWidget(preview_box)
        layout.addStretch(1)
        layout.addWidget(finish)

        # Re-planning on every keystroke is wasted work: wait for a pause in the typing.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.refresh_preview)
        self.hours.valueChanged.connect(self._changed)
        self.start.dateChanged.connect(self._changed)

    def _changed(self) -> None:
        self._draft.hours = self.hours.value()
        self._draft.start = _pydate(self.start.date())
        self._timer.start()

    def initializePage(self) -> None:
        self._draft.hours = self.hours.value()
        self._draft.start = _pydate(self.start.date())
        self.refresh_preview()
        self.hours.setFocus()
        self.hours.selectAll()

    def refresh_preview(self) -> None:
        if self._draft.role_id is None:
            self.preview.clear()
            return
        try:
            preview = first_run_view.preview_plan(self._ctx.ws, self._draft.answers())
        except PlannerError as exc:
            self.preview.setText(str(exc))
            return
        self.preview.setText(preview_text(preview, self._draft.hours))
