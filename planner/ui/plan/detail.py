"""The selected step in full: why it is there, its topic checklist, resources, status and
the person's note (saved when the editor loses focus or after a short pause, undoably)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from planner.export.formats import format_date, format_hours, format_span
from planner.planning.model import STATUSES, Step
from planner.services import plans
from planner.services.plan_view import step_resources, step_topics
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.plan.own_resources import OwnResources
from planner.ui.plan.steps import STATUS_WORDS

NOTE_PAUSE_MS = 1000  # a pause in typing this long saves the note


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _wrapping(text: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    label.setOpenExternalLinks(False)  # the app never opens the network by itself
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class StepDetail(QScrollArea):
    """Shows one step (``show_step``) and writes the person's edits through undoable
    commands. Typed text is never lost: it is saved on a pause, when the editor loses
    focus, before another step is shown, and on ``save_note`` (called before the page
    closes)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._step: Step | None = None
        self._saved_note = ""  # the note as stored, for the step shown
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAccessibleName("Step details")

        body = QWidget()
        layout = QVBoxLayout(body)
        self.empty = _wrapping("Select a step to see why it is there, its topics and resources.")
        self.title = _wrapping()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName("Step title")
        self.meta = _wrapping()
        self.meta.setAccessibleName("Step dates and hours")

        self.status = QComboBox()
        for status in STATUSES:
            self.status.addItem(STATUS_WORDS[status], status)
        self.status.setAccessibleName("Step status")
        self.status.setToolTip("To do, in progress, done or skipped")
        self.status.activated.connect(self._status_chosen)
        status_row = QFormLayout()
        status_row.addRow("&Status:", self.status)

        self.why = _wrapping()
        self.why.setAccessibleName("Why this step is in the plan")
        self.topics_heading = _heading("Topics")
        self.topics_hint = _wrapping()
        self.topics = QListWidget()
        self.topics.setAccessibleName("Topics checklist")
        self.topics.setWordWrap(True)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.topics.setResizeMode(QListWidget.ResizeMode.Adjust)
        # As tall as its (wrapped) topics: the panel scrolls, not the list.
        self.topics.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.topics.setToolTip(
            "Tick a topic when you have covered it; the last tick completes the step"
        )
        self.topics.itemChanged.connect(self._topic_changed)
        self.suggestions_heading = _heading("Ways to gain it")
        self.suggestions = _wrapping()
        self.resources_heading = _heading("Resources")
        self.resources = _wrapping(rich=True)
        self.resources.setAccessibleName("Resources for this step")
        self.own_resources = OwnResources(ctx)

        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Your note on this step")
        self.note.setPlaceholderText("Write down what you want to remember about this step…")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(self.note.fontMetrics().lineSpacing() * 5)
        self.note.textChanged.connect(self._note_typed)
        self.note.installEventFilter(self)
        self.note_state = QLabel()
        self.note_state.setAccessibleName("Note saved state")
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_PAUSE_MS)
        self._note_timer.timeout.connect(self.save_note)
        note_heading = _heading("Your &note")
        note_heading.setBuddy(self.note)

        self.content = QWidget()
        parts = QVBoxLayout(self.content)
        parts.setContentsMargins(0, 0, 0, 0)
        status_box = QWidget()
        status_box.setLayout(status_row)
        status_row.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.title,
            self.meta,
            status_box,
            _heading("Why it is there"),
            self.why,
            self.topics_heading,
            self.topics_hint,
            self.topics,
            self.suggestions_heading,
            self.suggestions,
            self.resources_heading,
            self.resources,
            _heading("Your resources"),
            self.own_resources,
            note_heading,
            self.note,
            self.note_state,
        ):
            parts.addWidget(widget)
        layout.addWidget(self.empty)
        layout.addWidget(self.content)
        layout.addStretch(1)
        self.setWidget(body)
        self.show_step(None, frozenset())

    @property
    def step(self) -> Step | None:
        return self._step

    # --- showing ------------------------------------------------------------------------------

    def show_step(self, step: Step | None, topics_done: frozenset[int]) -> None:
        same = step is not None and self._step is not None and step.key == self._step.key
        if not same:
            self.save_note()
        self._loading = True
        try:
            self._fill(step, topics_done, same)
        finally:
            self._loading = False

    def _fill(self, step: Step | None, topics_done: frozenset[int], same: bool) -> None:
        self._step = step
        self.empty.setVisible(step is None)
        self.content.setVisible(step is not None)
        if step is None:
            self._saved_note = ""
            self.note.setPlainText("")
            return
        self.title.setText(f"{step.position}. {step.title}")
        meta = [step.phase.title, format_span(step)]
        if step.hours:
            meta.append(format_hours(step.hours))
        if step.status == "done" and step.completed_on:
            meta.append(f"done on {format_date(step.completed_on)}")
        self.meta.setText(" · ".join(meta))
        self.status.setCurrentIndex(max(0, self.status.findData(step.status)))
        reasons = step.reasons or ("Part of the plan for the target role.",)
        self.why.setText("\n".join(f"• {r}" for r in reasons))
        self._fill_topics(step, topics_done)
        self.suggestions.setText("\n".join(f"• {s}" for s in step.suggestions))
        for widget in (self.suggestions_heading, self.suggestions):
            widget.setVisible(bool(step.suggestions))
        self._fill_resources(step)
        if not same:
            self.own_resources.show_step(step.key)
        # A note still being typed for this step stays as typed; it is saved on the pause.
        typing = same and self.note.toPlainText() != self._saved_note
        self._saved_note = step.notes
        if not typing and self.note.toPlainText() != step.notes:
            self.note.setPlainText(step.notes)
        self.note_state.setText("Unsaved changes…" if typing else "")

    def _fill_topics(self, step: Step, topics_done: frozenset[int]) -> None:
        topics = step_topics(self.ctx.ws.catalog, step)
        for widget in (self.topics_heading, self.topics, self.topics_hint):
            widget.setVisible(bool(topics))
        current = self.topics.currentRow()
        self.topics.clear()
        done = step.status == "done"
        for index, topic in enumerate(topics):
            item = QListWidgetItem(topic)
            ticked = done or index in topics_done
            if done:
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            else:
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.topics.addItem(item)
        if topics:
            ticked_count = len(topics) if done else len(topics_done)
            hint = f"{ticked_count} of {len(topics)} covered."
            hint += (
                " The step is done, so every topic counts as covered."
                if done
                else " Ticking the last one marks the step done."
            )
            self.topics_hint.setText(hint)
            if 0 <= current < len(topics):
                self.topics.setCurrentRow(current)

    def _fill_resources(self, step: Step) -> None:
        resources = step_resources(self.ctx.ws.catalog, step)
        for widget in (self.resources_heading, self.resources):
            widget.setVisible(bool(resources))
        lines = []
        for res in resources:
            line = f"• <b>{html.escape(res.title)}</b> <i>({html.escape(res.kind)})</i>"
            if res.link:
                line += f"<br>&nbsp;&nbsp;&nbsp;{html.escape(res.link)}"
            lines.append(line)
        self.resources.setText("<br>".join(lines))

    # --- editing ------------------------------------------------------------------------------

    def _status_chosen(self, row: int) -> None:
        step = self._step
        status = self.status.itemData(row)
        if step is None or status == step.status:
            return
        self.save_note()
        if not self.ctx.push(commands.set_step_status(self.ctx, step.position, status)):
            self.status.setCurrentIndex(max(0, self.status.findData(step.status)))

    def _topic_changed(self, item: QListWidgetItem) -> None:
        step = self._step
        if self._loading or step is None:
            return
        index = int(item.data(Qt.ItemDataRole.UserRole))
        done = item.checkState() == Qt.CheckState.Checked
        self.save_note()
        self.ctx.push(commands.set_topic_done(self.ctx, step.position, index, done))

    def _note_typed(self) -> None:
        if self._loading or self._step is None:
            return
        self.note_state.setText("Unsaved changes…")
        self._note_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.note and event.type() == QEvent.Type.FocusOut:
            self.save_note()
        return super().eventFilter(watched, event)

    def save_note(self) -> None:
        """Store the note being typed, if it differs from the stored one (undoable)."""
        self._note_timer.stop()
        step = self._step
        if step is None or self._loading:
            return
        text = self.note.toPlainText()
        if text == self._saved_note:
            return
        # The step is found again by its key: its number may have changed since it was shown.
        view = plans.current_plan(self.ctx.ws)
        stored = next((s for s in view.plan.steps if s.key == step.key), None) if view else None
        if stored is None:
            self.note_state.setText("This step is no longer in the plan; the note was not saved.")
            return
        old = self._saved_note
        self._saved_note = text
        if self.ctx.push(commands.set_step_notes(self.ctx, stored.position, stored.notes, text)):
            self.note_state.setText("Saved.")
        else:
            self._saved_note = old
            self.note_state.setText("Not saved.")
