"""The steps as a tree: stages (for a route) and phases as parents, steps as checkable rows."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from planner.export.formats import format_date, format_hours
from planner.planning.model import Plan, Step
from planner.ui.plain_text import plain_tooltip

STATUS_WORDS = {"todo": "To do", "in_progress": "In progress", "done": "Done", "skipped": "Skipped"}
STEP_ROLE = Qt.ItemDataRole.UserRole + 1  # the Step of a step row, None for a group
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # "step:<step key>", or a group's key

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    id: int
    key: str
    title: str
    step: Step | None = None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0

    def steps(self) -> list[Step]:
        if self.step is not None:
            return [self.step]
        return [s for child in self.children for s in child.steps()]


class StepsModel(QAbstractItemModel):
    """The plan's steps under their stage and phase. Checking a step asks for it to be done,
    unchecking for it to be todo, through ``check_requested``; the model itself changes only
    when ``set_plan`` gives it the plan as stored."""

    COLUMNS = ("Step", "Dates", "Hours", "Status")
    STEP, DATES, HOURS, STATUS = range(4)

    check_requested = Signal(int, bool)  # step position, checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ids = itertools.count(1)
        self._root = _Node(0, "", "")
        self._nodes: dict[int, _Node] = {}

    # --- filling ----------------------------------------------------------------------------

    def set_plan(self, plan: Plan | None, stage_titles: Sequence[str] = ()) -> bool:
        """Show ``plan``; returns True when the rows were rebuilt (a reset), False when the
        same steps were only updated in place (selection and scrolling stay)."""
        fresh = self._build(plan, stage_titles)
        if _shape(fresh) == _shape(self._root) and self._root.children:
            self._update(self._root, fresh)
            return False
        self.beginResetModel()
        self._root = fresh
        self._nodes = {}
        self._register(fresh)
        self.endResetModel()
        return True

    def _build(self, plan: Plan | None, stage_titles: Sequence[str]) -> _Node:
        root = _Node(0, "", "")
        if plan is None:
            return root
        routed = len(plan.stages) > 1
        stages: dict[int, _Node] = {}
        for stage, phase, steps in plan.by_phase():
            parent = root
            if routed:
                if stage not in stages:
                    title = stage_titles[stage] if stage < len(stage_titles) else ""
                    stages[stage] = self._child(
                        root, f"stage:{stage}", f"Stage {stage + 1}: {title}".rstrip(": ")
                    )
                parent = stages[stage]
            group = self._child(parent, f"stage:{stage}/phase:{phase.slug}", phase.title)
            for step in steps:
                self._child(group, f"step:{step.key}", step.title, step)
        return root

    def _child(self, parent: _Node, key: str, title: str, step: Step | None = None) -> _Node:
        node = _Node(next(self._ids), key, title, step, parent, row=len(parent.children))
        parent.children.append(node)
        return node

    def _register(self, node: _Node) -> None:
        for child in node.children:
            self._nodes[child.id] = child
            self._register(child)

    def _update(self, old: _Node, new: _Node) -> None:
        for mine, theirs in zip(old.children, new.children, strict=True):
            mine.title, mine.step = theirs.title, theirs.step
            self._update(mine, theirs)
        if old.children:
            parent = self._index_of(old)
            last = len(old.children) - 1
            self.dataChanged.emit(
                self.index(0, 0, parent), self.index(last, len(self.COLUMNS) - 1, parent)
            )

    def _index_of(self, node: _Node) -> QModelIndex:
        if node is self._root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node.id)

    # --- finding ----------------------------------------------------------------------------

    def node(self, index: Index) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self._root

    def step_at(self, index: Index) -> Step | None:
        return self.node(index).step if index.isValid() else None

    def index_of_key(self, key: str) -> QModelIndex:
        """The index of the row with ``KEY_ROLE`` ``key`` (a step's or a group's), or invalid."""
        for node in self._nodes.values():
            if node.key == key:
                return self._index_of(node)
        return QModelIndex()

    def group_indexes(self) -> list[QModelIndex]:
        return [self._index_of(n) for n in self._nodes.values() if n.step is None]

    # --- QAbstractItemModel -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if not (0 <= row < len(node.children) and 0 <= column < len(self.COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row].id)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        return QModelIndex() if up is None else self._index_of(up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.STEP and self.node(index).step is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        step, column = node.step, index.column()
        if role == STEP_ROLE:
            return step
        if role == KEY_ROLE:
            return node.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(node, column)
        if role == Qt.ItemDataRole.CheckStateRole and step is not None and column == self.STEP:
            done = step.status == "done"
            return Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(_tooltip(node))
        if role == Qt.ItemDataRole.FontRole and step is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and step is not None and step.finished:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.HOURS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, node: _Node, column: int) -> str:
        step = node.step
        if step is not None:
            if column == self.STEP:
                return f"{step.position}. {step.title}"
            if column == self.DATES:
                return _span(step.planned_start, step.planned_end)
            if column == self.HOURS:
                return format_hours(step.hours) if step.hours else "—"
            # "To do" on every open row would only be noise; the check box says done.
            return "" if step.status == "todo" else STATUS_WORDS.get(step.status, step.status)
        steps = node.steps()
        if column == self.STEP:
            return node.title
        if column == self.DATES:
            starts = [s.planned_start for s in steps if s.planned_start]
            ends = [s.planned_end for s in steps if s.planned_end]
            if not starts or not ends:
                return ""
            return _span(min(starts), max(ends))
        if column == self.HOURS:
            return format_hours(sum(s.hours for s in steps))
        done = sum(1 for s in steps if s.status == "done")
        return f"{done} of {len(steps)} done"

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        step = self.step_at(index)
        if role != Qt.ItemDataRole.CheckStateRole or step is None or index.column() != self.STEP:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        checked = state == Qt.CheckState.Checked
        if checked != (step.status == "done"):
            self.check_requested.emit(step.position, checked)
        return True


def _span(start: date | None, end: date | None) -> str:
    """``3 Mar – 29 Mar 2027``: the year once when both days share it."""
    if start is None:
        return "not scheduled"
    if end is None or end == start:
        return format_date(start)
    first = format_date(start)
    if start.year == end.year:
        first = first.rsplit(" ", 1)[0]
    return f"{first} – {format_date(end)}"


def _shape(node: _Node) -> list[Any]:
    return [(child.key, _shape(child)) for child in node.children]


def _tooltip(node: _Node) -> str:
    step = node.step
    if step is None:
        return node.title
    tip = step.title
    if step.reasons:
        tip += "\nWhy: " + step.why
    return tip


class StepsView(QTreeView):
    """The tree of steps; keeps its selection and the groups a person folded across
    reloads. Space toggles the current step's check box."""

    def __init__(self, model: StepsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._model = model
        self._collapsed: set[str] = set()
        self.setAccessibleName("Plan steps")
        self.setAccessibleDescription(
            "Steps grouped by phase. Check a step when it is done; select it to see its details."
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setAllColumnsShowFocus(True)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(StepsModel.STEP, QHeaderView.ResizeMode.Stretch)
        for column in (StepsModel.DATES, StepsModel.HOURS, StepsModel.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.collapsed.connect(self._remember_collapsed)
        self.expanded.connect(self._remember_expanded)

    def selected_key(self) -> str | None:
        index = self.currentIndex()
        return self._model.data(index, KEY_ROLE) if index.isValid() else None

    def after_reset(self, key: str | None) -> None:
        """Unfold what was unfolded, and select ``key`` (or the first open step) again."""
        for index in self._model.group_indexes():
            group_key = self._model.data(index, KEY_ROLE)
            self.setExpanded(index, group_key not in self._collapsed)
        target = self._model.index_of_key(key) if key else QModelIndex()
        if not target.isValid():
            target = self._first_open_step()
        if target.isValid():
            self.selectionModel().setCurrentIndex(
                target,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.scrollTo(target)

    def _first_open_step(self) -> QModelIndex:
        def walk(parent: QModelIndex) -> QModelIndex:
            for row in range(self._model.rowCount(parent)):
                index = self._model.index(row, 0, parent)
                step = self._model.step_at(index)
                if step is not None and not step.finished:
                    return index
                found = walk(index)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(QModelIndex())

    def _remember_collapsed(self, index: QModelIndex) -> None:
        self._collapsed.add(self._model.data(index, KEY_ROLE))

    def _remember_expanded(self, index: QModelIndex) -> None:
        self._collapsed.discard(self._model.data(index, KEY_ROLE))
