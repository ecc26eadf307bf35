"""A role's page: readiness, summary, and tabs for requirements against your levels,
responsibilities and sources, recommended certifications, and the career ladder."""

from __future__ import annotations

import html

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.services.roles_view import Neighbour, RolePage
from planner.ui.plain_text import plain_caption, plain_tooltip
from planner.ui.roles.gauge import ReadinessGauge
from planner.ui.roles.list_model import hours_text
from planner.ui.roles.requirements_model import SORT, Column, RequirementsModel
from planner.ui.roles.states import state_color, state_text


def _label(text: str = "", *, wrap: bool = True, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or scale != 1.0:
        font = label.font()
        font.setBold(bold)
        if scale != 1.0 and font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


def _clear(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is not None and (widget := item.widget()) is not None:
            widget.hide()
            widget.deleteLater()


def _scrolling(content: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area


class RoleDetail(QWidget):
    """Shows one ``RolePage``; asks the page to select a neighbour or set the target."""

    neighbour_chosen = Signal(str)  # role id
    target_requested = Signal(str)  # role id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._page: RolePage | None = None
        self.ladder_buttons: list[QPushButton] = []

        self.placeholder = _label("Pick a role in the list to see what it asks of you.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.gauge = ReadinessGauge(lines=6.5)
        self.title = _label(bold=True, scale=1.4)
        self.title.setAccessibleName("Role title")
        self.meta = _label()
        self.meta.setAccessibleName("Family and seniority")
        self.counts = _label()
        self.counts.setAccessibleName("Requirements met, short and missing")
        self.target_button = QPushButton("Set as target")
        self.target_button.setAccessibleName("Set as target")
        self.target_button.setToolTip("Plan towards this role (undo with Ctrl+Z)")
        self.target_button.clicked.connect(self._ask_target)
        self.summary = _label()
        self.summary.setAccessibleName("Summary")

        heading = QVBoxLayout()
        heading.setSpacing(max(2, self.fontMetrics().height() // 5))
        heading.addWidget(self.title)
        heading.addWidget(self.meta)
        heading.addWidget(self.counts)
        self.target_label = _label("★ Your target role", wrap=False, bold=True)
        self.target_label.setAccessibleName("This is your target role")
        self.target_label.hide()
        button_row = QHBoxLayout()
        button_row.addWidget(self.target_button)
        button_row.addWidget(self.target_label)
        button_row.addStretch(1)
        heading.addLayout(button_row)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.gauge, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.requirements = RequirementsModel(self)
        self.requirements_proxy = QSortFilterProxyModel(self)
        self.requirements_proxy.setSourceModel(self.requirements)
        self.requirements_proxy.setSortRole(SORT)
        self.requirements_view = QTableView()
        self.requirements_view.setAccessibleName("Requirements against your levels")
        self.requirements_view.setModel(self.requirements_proxy)
        self.requirements_view.setSortingEnabled(True)
        self.requirements_view.sortByColumn(Column.REQUIREMENT, Qt.SortOrder.AscendingOrder)
        self.requirements_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.requirements_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.requirements_view.setAlternatingRowColors(True)
        # Long requirements ("AWS (or Microsoft Azure, Google Cloud)") wrap rather than elide.
        self.requirements_view.setWordWrap(True)
        self.requirements_view.verticalHeader().hide()
        self.requirements_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        header = self.requirements_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.REQUIREMENT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)

        self.about_box = QVBoxLayout()
        self.certs_box = QVBoxLayout()
        self.ladder_box = QVBoxLayout()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Role details")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.requirements_view, "Requirements")
        for box, name in (
            (self.about_box, "About"),
            (self.certs_box, "Certifications"),
            (self.ladder_box, "Career ladder"),
        ):
            holder = QWidget()
            outer = QVBoxLayout(holder)
            outer.addLayout(box)
            outer.addStretch(1)
            self.tabs.addTab(_scrolling(holder), name)

        # The role at a glance on the left, its details in tabs on the right.
        card = QWidget()
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addLayout(top)
        card_layout.addWidget(self.summary)
        card_layout.addStretch(1)
        self.card = _scrolling(card)
        self.card.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        char = self.fontMetrics().averageCharWidth()
        self.card.setMinimumWidth(char * 36)
        self.card.setMaximumWidth(char * 52)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.card, 2)
        layout.addWidget(self.tabs, 5)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # --- showing ---------------------------------------------------------------------------

    @property
    def page(self) -> RolePage | None:
        return self._page

    def show_empty(self, message: str) -> None:
        self._page = None
        self.placeholder.setText(message)
        self.stack.setCurrentIndex(0)

    def show_page(self, page: RolePage, *, custom: bool = False) -> None:
        """Show ``page``; ``custom`` says the role is the person's own (not shipped)."""
        self._page = page
        role = page.role
        detail = page.detail
        self.gauge.set_percent(detail.readiness.percent)
        self.title.setText(role.title)
        meta = f"{detail.family} · {page.seniority_name}"
        if custom:
            meta = f"Your custom role · {meta}"
        if role.also_called:
            meta += f" · also called {', '.join(role.also_called)}"
        self.meta.setText(meta)
        counts = ", ".join(
            f"{page.count(s)} {state_text(s).split(' ', 1)[1].lower()}"
            for s in ("met", "short", "missing")
        )
        hours = (
            "nothing left to learn"
            if page.hours_needed <= 0
            else f"about {hours_text(page.hours_needed)} of study to go"
        )
        self.counts.setText(f"{counts} · {hours}")
        # The target says so in words; the button comes back for any other role.
        self.target_button.setEnabled(not page.is_target)
        self.target_button.setVisible(not page.is_target)
        self.target_label.setVisible(page.is_target)
        self.summary.setText(role.summary)
        self.requirements.set_rows(detail.rows)
        self.tabs.setTabText(0, f"Requirements ({len(detail.rows)})")
        self._fill_about(page)
        self._fill_certifications(page)
        self._fill_ladder(page)
        self.stack.setCurrentIndex(1)

    def _fill_about(self, page: RolePage) -> None:
        _clear(self.about_box)
        role = page.role
        self.about_box.addWidget(_label("Responsibilities", bold=True))
        items = "".join(f"<li>{html.escape(r)}</li>" for r in role.responsibilities)
        duties = QLabel(f"<ul style='margin-left:0'>{items}</ul>")
        duties.setTextFormat(Qt.TextFormat.RichText)
        duties.setWordWrap(True)
        duties.setAccessibleName("Responsibilities")
        duties.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_box.addWidget(duties)
        if role.experience_note or role.min_years_experience:
            self.about_box.addWidget(_label("Experience", bold=True))
            years = f"At least {role.min_years_experience:g} years. " * bool(
                role.min_years_experience
            )
            self.about_box.addWidget(_label(years + role.experience_note))
        if role.salary:
            self.about_box.addWidget(_label("Pay, where the source gives it", bold=True))
            for s in role.salary:
                year = f", {s.year}" if s.year else ""
                self.about_box.addWidget(
                    _label(f"{s.label}: {s.low:,}–{s.high:,} {s.currency} ({s.region}{year})")
                )
        self.about_box.addWidget(_label("Sources", bold=True))
        sources = _label(
            "Drawn from the role description"
            + ("s " if len(role.sources) > 1 else " ")
            + ", ".join(role.sources)
            + ", in the planner's own words."
        )
        sources.setAccessibleName("Sources")
        self.about_box.addWidget(sources)

    def _fill_certifications(self, page: RolePage) -> None:
        _clear(self.certs_box)
        if not page.certifications:
            self.certs_box.addWidget(_label("This role recommends no certification."))
            return
        self.certs_box.addWidget(_label("One certificate of each line is enough.", wrap=True))
        for cert in page.certifications:
            self.certs_box.addWidget(_label(cert.label, bold=True))
            prep = f" · about {hours_text(cert.prep_hours)} to prepare" if cert.prep_hours else ""
            self.certs_box.addWidget(_label(f"{cert.issuers} · {cert.importance}{prep}"))
            state = _label(f"{state_text(cert.state)} — {cert.current}")
            state.setAccessibleName(f"{cert.label}: {state_text(cert.state)}")
            palette = state.palette()
            palette.setColor(QPalette.ColorRole.WindowText, state_color(cert.state))
            state.setPalette(palette)
            self.certs_box.addWidget(state)

    def _fill_ladder(self, page: RolePage) -> None:
        _clear(self.ladder_box)
        self.ladder_buttons = []
        role = page.role
        self._ladder_group(
            "Where people usually come from",
            page.comes_from,
            "←",
            f"The catalog names no earlier rung for {role.title}.",
        )
        self._ladder_group(
            "Where it usually leads",
            page.leads_to,
            "→",
            f"The catalog names no next rung after {role.title}.",
        )

    def _ladder_group(
        self, title: str, neighbours: tuple[Neighbour, ...], arrow: str, empty: str
    ) -> None:
        self.ladder_box.addWidget(_label(title, bold=True))
        if not neighbours:
            self.ladder_box.addWidget(_label(empty))
        for n in neighbours:
            button = QPushButton(plain_caption(f"{arrow} {n.title}"))
            button.setAccessibleName(f"Show {n.title}")
            button.setToolTip(plain_tooltip(f"Show {n.title} in the list"))
            button.clicked.connect(
                lambda _=False, role_id=n.role_id: self.neighbour_chosen.emit(role_id)
            )
            self.ladder_box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.ladder_buttons.append(button)

    def _ask_target(self) -> None:
        if self._page is not None and not self._page.is_target:
            self.target_requested.emit(self._page.role.id)
