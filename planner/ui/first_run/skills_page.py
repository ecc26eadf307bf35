"""Second page of the set-up: the person's level in every skill the chosen role asks for,
beside the level it asks, with their years of experience and education."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.catalog.scale import LEVEL_MEANINGS, LEVEL_NAMES, level_label
from planner.catalog.schema import EDUCATION_NAMES
from planner.services import first_run_view
from planner.ui.context import UiContext
from planner.ui.first_run.draft import Draft
from planner.ui.plain_text import plain_caption, plain_tooltip


class LevelCombo(QComboBox):
    """The six levels of the scale, "0 None" to "5 Expert", each with its meaning."""

    def __init__(self, level: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value in range(len(LEVEL_NAMES)):
            self.addItem(level_label(value), value)
            self.setItemData(
                value, f"{level_label(value)}: {LEVEL_MEANINGS[value]}", Qt.ItemDataRole.ToolTipRole
            )
        self.setCurrentIndex(level)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def level(self) -> int:
        return self.currentIndex()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # A wheel turned to scroll the page must not change the level under the pointer.
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _gap_text(best: int, asked: int) -> str:
    short = asked - best
    if short <= 0:
        return "met"
    return f"{short} level{'s' if short > 1 else ''} short"


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class RateSkillsPage(QWizardPage):
    def __init__(self, ctx: UiContext, draft: Draft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._draft = draft
        self.combos: dict[str, LevelCombo] = {}
        self._gaps: list[tuple[QLabel, tuple[str, ...], int]] = []
        self.setTitle("Rate the skills it needs")

        legend = QLabel(
            " · ".join(f"{level_label(v)}: {LEVEL_MEANINGS[v]}" for v in range(1, len(LEVEL_NAMES)))
        )
        legend.setWordWrap(True)
        legend.setTextFormat(Qt.TextFormat.PlainText)
        legend.setAccessibleName("The levels of the scale")

        self.rows_area = QScrollArea()
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.rows_area.setAccessibleName("Skills the role asks for")
        self.rows_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.years = QDoubleSpinBox()
        self.years.setRange(0, 70)
        self.years.setDecimals(1)
        self.years.setSingleStep(0.5)
        self.years.setSuffix(" years")
        self.years.setValue(draft.years)
        self.years.setAccessibleName("Years of experience")
        self.years.setToolTip("Years of professional experience, as of today")
        self.years_asked = QLabel()
        self.education = QComboBox()
        for key, name in EDUCATION_NAMES.items():
            self.education.addItem(name, key)
        self.education.setCurrentIndex(max(0, self.education.findData(draft.education)))
        self.education.setAccessibleName("Education")
        self.education_asked = QLabel()
        self.education_asked.setWordWrap(True)
        self.education_asked.setTextFormat(Qt.TextFormat.PlainText)

        background = QGroupBox("Experience and education")
        form = QFormLayout(background)
        for text, field, note in (
            ("&Years of experience:", self.years, self.years_asked),
            ("&Education:", self.education, self.education_asked),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, self._beside(field, note))

        layout = QVBoxLayout(self)
        layout.addWidget(legend)
        layout.addWidget(self.rows_area, 1)
        layout.addWidget(background)

        self.years.valueChanged.connect(self._years_changed)
        self.education.currentIndexChanged.connect(self._education_changed)

    @staticmethod
    def _beside(field: QWidget, note: QLabel) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(field)
        row.addWidget(note, 1)
        return box

    def initializePage(self) -> None:
        """Rebuild the rows for the role chosen on the first page."""
        assert self._draft.role_id is not None
        asks = first_run_view.role_asks(self._ctx.ws, role=self._draft.role_id)
        self.setSubTitle(
            f"{asks.title} asks for these skills. Set your level in each one; leave the ones "
            "you have not met yet at 0 None. Where any one of several skills will do, rate "
            "those you know."
        )
        self.combos = {}
        self._gaps = []
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(0, 1)
        for column, text in enumerate(("Skill", "Your level", "The role asks", "")):
            grid.addWidget(_bold(text), 0, column)
        row = 1
        shown: list[str] = []
        for req in asks.requirements:
            asked = f"{level_label(req.level)} · {req.importance}"
            ids = tuple(s.skill_id for s in req.alternatives)
            gap = QLabel()
            if len(req.alternatives) > 1:
                names = ", ".join(s.name for s in req.alternatives)
                any_of = QLabel(f"Any one of: {names}")
                any_of.setTextFormat(Qt.TextFormat.PlainText)
                grid.addWidget(any_of, row, 0, 1, 2)
                grid.addWidget(QLabel(asked), row, 2)
                grid.addWidget(gap, row, 3)
                row += 1
            for skill in req.alternatives:
                indent = "    " if len(req.alternatives) > 1 else ""
                # A buddy makes "&" a shortcut mark, so the name is a caption as well.
                name = QLabel(plain_caption(indent + skill.name))
                name.setTextFormat(Qt.TextFormat.PlainText)
                name.setToolTip(plain_tooltip(skill.description))
                combo = LevelCombo(self._draft.levels.get(skill.skill_id, skill.level))
                combo.setAccessibleName(f"Your level in {skill.name}")
                combo.setToolTip(
                    plain_tooltip(f"Your level in {skill.name}; the role asks {asked}")
                )
                name.setBuddy(combo)
                combo.currentIndexChanged.connect(
                    lambda _i, s=skill.skill_id, c=combo: self._level_changed(s, c.level())
                )
                grid.addWidget(name, row, 0)
                grid.addWidget(combo, row, 1)
                if len(req.alternatives) == 1:
                    grid.addWidget(QLabel(asked), row, 2)
                    grid.addWidget(gap, row, 3)
                self.combos[skill.skill_id] = combo
                self._draft.levels[skill.skill_id] = combo.level()
                shown.append(skill.skill_id)
                row += 1
            self._gaps.append((gap, ids, req.level))
        grid.setRowStretch(row, 1)
        self.rows_area.setWidget(grid_host)
        self._draft.shown_skills = tuple(shown)
        self.years_asked.setText(
            f"the role asks at least {asks.min_years:g} years" if asks.min_years else ""
        )
        self.education_asked.setText(f"the role asks: {asks.education}" if asks.education else "")
        self.education_asked.setToolTip(
            plain_tooltip(f"Fields of study: {asks.fields}") if asks.fields else ""
        )
        self._update_gaps()
        # The rows are built after the fields below them: put those back at the end of the
        # Tab order, so that Tab (and the wizard's first focus) goes through the skills first.
        last = next(reversed(self.combos.values()), None)
        if last is not None:
            QWidget.setTabOrder(last, self.years)
            QWidget.setTabOrder(self.years, self.education)

    def _level_changed(self, skill_id: str, level: int) -> None:
        self._draft.levels[skill_id] = level
        self._update_gaps()

    def _update_gaps(self) -> None:
        for label, ids, asked in self._gaps:
            best = max(self._draft.levels.get(s, 0) for s in ids)
            label.setText(_gap_text(best, asked))

    def _years_changed(self, value: float) -> None:
        self._draft.years = round(value, 1)

    def _education_changed(self, _index: int) -> None:
        self._draft.education = str(self.education.currentData())
