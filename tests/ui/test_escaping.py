"""Hostile text on screen: every catalog and user string shows literally, everywhere.

The catalog (every free-text field of every skill, certification and role: what an imported
role file will control) and the person's own text (name, notes, resources, credential ids)
all carry the same hostile payload. Each screen is then walked widget by widget, and every
surface that shows text (labels, tooltips, item views, buttons, tabs, menus, window titles)
is rendered the way Qt renders it: rich text through a QTextDocument, mnemonics stripped.
Wherever a surface shows part of the payload, it must show all of it, as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from hostile_catalog import hostile_catalog
from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTextEdit,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from planner.errors import StorageError
from planner.services import certifications, plans, profile, resources, skills
from planner.services.workspace import Workspace
from planner.ui import backups as backup_ui
from planner.ui import exporting
from planner.ui.certifications.add_dialog import AddCertificationDialog
from planner.ui.context import UiContext
from planner.ui.dialogs.about import about_text
from planner.ui.dialogs.preferences import PreferencesDialog
from planner.ui.first_run.wizard import FirstRunWizard
from planner.ui.main_window import MainWindow
from planner.ui.roles.compare import CompareDialog
from planner.ui.settings import UiSettings
from planner.ui.skills.page import SkillsPage

TODAY = date(2026, 11, 23)
TAG = "Zq7"  # marks the payload, so a surface showing any of it is found
# Markup, an entity, a local image, a Markdown link, a mnemonic, an RTL mark, a backslash.
PAYLOAD = f"{TAG}<b>bold</b> &amp; <img src='/etc/passwd'> [link](file:///etc) R&D \u200f`x`\\|"
TARGET = "devops-engineer"


# --- rendering, the way Qt does it ----------------------------------------------------------


def _document(text: str, markdown: bool = False) -> QTextDocument:
    doc = QTextDocument()
    if markdown:
        doc.setMarkdown(text)
    else:
        doc.setHtml(text)
    return doc


def rendered(text: str, fmt: Qt.TextFormat) -> tuple[str, list[str]]:
    """What a person sees of ``text`` shown in ``fmt``, and the links in it."""
    if fmt == Qt.TextFormat.MarkdownText:
        doc = _document(text, markdown=True)
    elif fmt == Qt.TextFormat.RichText or (
        fmt == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    ):
        doc = _document(text)
    else:
        return text, []
    links = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt_ = it.fragment().charFormat()
            if fmt_.isAnchor():
                links.append(fmt_.anchorHref())
            it += 1
        block = block.next()
    return doc.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n"), links


def without_mnemonics(text: str) -> str:
    """A button, tab, group box or menu entry shows ``&x`` as an underlined x, ``&&`` as &."""
    return re.sub(r"&(.)", r"\1", text, flags=re.DOTALL)


def _model_texts(
    model: QAbstractItemModel, parent: QModelIndex, budget: list[int]
) -> Iterator[tuple[str, str, Qt.TextFormat]]:
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model hides columnCount from Python: it has one column
        columns = 1
    for row in range(model.rowCount(parent)):
        for column in range(columns):
            if budget[0] <= 0:
                return
            budget[0] -= 1
            index = model.index(row, column, parent)
            where = f"{type(model).__name__}[{row},{column}]"
            for role, fmt in (
                (Qt.ItemDataRole.DisplayRole, Qt.TextFormat.PlainText),
                (Qt.ItemDataRole.ToolTipRole, Qt.TextFormat.AutoText),  # tooltips are labels
                (Qt.ItemDataRole.StatusTipRole, Qt.TextFormat.PlainText),
                (Qt.ItemDataRole.WhatsThisRole, Qt.TextFormat.AutoText),
                (Qt.ItemDataRole.AccessibleTextRole, Qt.TextFormat.PlainText),
            ):
                value = index.data(role)
                if isinstance(value, str) and value:
                    yield f"{where} {role.name}", value, fmt
            if column == 0 and model.rowCount(index) > 0:
                yield from _model_texts(model, index, budget)


def surfaces(root: QWidget) -> Iterator[tuple[str, str, str, list[str]]]:
    """(where, source text, what is shown, links) for every text surface under ``root``."""
    widgets = [root, *root.findChildren(QWidget)]
    models: set[int] = set()
    for w in widgets:
        name = f"{type(w).__name__}({w.objectName() or w.accessibleName() or '?'})"
        texts: list[tuple[str, str, Qt.TextFormat | None]] = []
        if w.toolTip():
            texts.append(("toolTip", w.toolTip(), Qt.TextFormat.AutoText))
        if w.whatsThis():
            texts.append(("whatsThis", w.whatsThis(), Qt.TextFormat.AutoText))
        if w.isWindow() and w.windowTitle():
            texts.append(("windowTitle", w.windowTitle(), Qt.TextFormat.PlainText))
        if w.accessibleName():
            texts.append(("accessibleName", w.accessibleName(), Qt.TextFormat.PlainText))
        if isinstance(w, QLabel):
            fmt = w.textFormat()
            if w.buddy() is not None and fmt != Qt.TextFormat.RichText:
                texts.append(("text", w.text(), None))  # a buddy makes & a mnemonic
            else:
                texts.append(("text", w.text(), fmt))
        elif isinstance(w, QAbstractButton):
            texts.append(("text", w.text(), None))
        elif isinstance(w, QGroupBox):
            texts.append(("title", w.title(), None))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                texts.append((f"tab {i}", w.tabText(i), None))
                texts.append((f"tab {i} toolTip", w.tabToolTip(i), Qt.TextFormat.AutoText))
        elif isinstance(w, QMenu):
            for action in w.actions():
                texts.append(("action", action.text(), None))
                texts.append(("action toolTip", action.toolTip(), Qt.TextFormat.PlainText))
        elif isinstance(w, QTextEdit):
            texts.append(("text", w.toPlainText(), Qt.TextFormat.PlainText))
        elif isinstance(w, QWizard):
            for page_id in w.pageIds():
                page = w.page(page_id)
                texts.append(("page title", page.title(), w.titleFormat()))
                texts.append(("page subtitle", page.subTitle(), w.subTitleFormat()))
        for what, text, fmt in texts:
            if not text:
                continue
            if fmt is None:
                yield f"{name}.{what}", text, without_mnemonics(text), []
            else:
                shown, links = rendered(text, fmt)
                yield f"{name}.{what}", text, shown, links
        model = w.model() if isinstance(w, QAbstractItemView | QComboBox) else None
        if model is not None and id(model) not in models:
            models.add(id(model))
            for where, text, fmt in _model_texts(model, QModelIndex(), [3000]):
                shown, links = rendered(text, fmt)
                yield f"{name} {where}", text, shown, links


def problems(root: QWidget, payload: str = PAYLOAD) -> tuple[list[str], int]:
    """Every surface that shows the payload altered, or a link other than http(s); and how
    many surfaces show the payload (so a test knows the walk saw the hostile data at all)."""
    found, seen = [], 0
    for where, source, shown, links in surfaces(root):
        bad_links = [link for link in links if not re.match(r"https?://", link)]
        if bad_links:
            found.append(f"{where}: links to {bad_links}")
        tag = payload[: len(TAG)]
        if tag not in source and tag not in shown:
            continue
        seen += 1
        if payload not in shown:
            found.append(f"{where}: shows {shown[:160]!r}")
    return found, seen


def assert_literal(root: QWidget, payload: str = PAYLOAD) -> None:
    found, seen = problems(root, payload)
    assert seen > 0, "the walk found no hostile text: it tests nothing"
    # One line per kind of surface (the cells of a column fail alike), with an example.
    kinds: dict[str, str] = {}
    for line in found:
        kinds.setdefault(re.sub(r"\[\d+,\d+\]", "[row,col]", line.split(": ", 1)[0]), line)
    assert not kinds, f"{len(found)} surfaces alter the text:\n" + "\n".join(kinds.values())


# --- the workspace ------------------------------------------------------------------------


@pytest.fixture
def ws(data_folder: Path) -> Iterator[Workspace]:
    """A database full of hostile text, over a catalog full of it."""
    workspace = Workspace(data_folder, catalog=hostile_catalog(PAYLOAD), today=lambda: TODAY)
    profile.update_settings(
        workspace, name=f"Ada {PAYLOAD}", years_experience=3, current_role="software-developer"
    )
    skills.rate_skill(workspace, skill="python", level=3, note=f"note {PAYLOAD}")
    skills.rate_skill(workspace, skill="docker", level=1)
    certifications.add_certification(
        workspace,
        certification="cka",
        earned_on=date(2025, 1, 10),
        credential_id=f"LF-{PAYLOAD}",
    )
    certifications.add_certification(
        workspace, certification="terraform-associate", planned=True, credential_id=PAYLOAD
    )
    profile.set_target(workspace, role=TARGET)
    view = plans.generate_plan(workspace, hours_per_week=10, start=TODAY, follow_ladder=False)
    for step in view.plan.steps[:3]:
        plans.set_step_notes(
            workspace, position=step.position, notes=f"line one {PAYLOAD}\nline two {PAYLOAD}"
        )
        for link in ("javascript:alert(1)", "file:///etc/passwd", f"https://example.org/{TAG}"):
            resources.add_step_resource(
                workspace, step_key=step.key, title=f"mine {PAYLOAD}", link=link
            )
    yield workspace
    workspace.close()


@pytest.fixture
def ctx(ws: Workspace, qtbot: QtBot) -> UiContext:
    return UiContext(ws)


@pytest.fixture
def window(ws: Workspace, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    main = MainWindow(workspace=ws, settings=settings, show_first_run=False)
    qtbot.addWidget(main)
    main.resize(1200, 800)
    main.show()
    main.load_now()
    return main


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# --- the screens ---------------------------------------------------------------------------


def test_the_walk_sees_rich_text_and_mnemonics(qtbot: QtBot) -> None:
    """The checker itself can fail: a label in AutoText, a tooltip and a button are caught."""
    root = _shown(qtbot, QWidget())
    label = QLabel(PAYLOAD, root)
    label.setToolTip(PAYLOAD)
    QPushButton(PAYLOAD, root)
    found, seen = problems(root)
    assert seen == 3
    assert len(found) == 3, found
    label.setTextFormat(Qt.TextFormat.PlainText)
    assert len(problems(root)[0]) == 2


def test_every_page_of_the_window(window: MainWindow, ws: Workspace) -> None:
    """One window, every page in the states that show the most text; all checked at once."""
    view = plans.current_plan(ws)
    assert view is not None
    visits: list[tuple[str, str, Callable[[QWidget], object]]] = [
        ("dashboard", "dashboard", lambda page: None),
        ("roles", f"roles: {TARGET}", lambda page: page.select_role(TARGET)),
        (
            "roles",
            "roles: a role with neighbours",
            lambda page: page.select_role("cloud-architect"),
        ),
        ("skills", "skills: history", lambda page: page.select_skill("python")),
        ("certifications", "certifications: held", lambda page: page.table.selectRow(0)),
        ("certifications", "certifications: planned", lambda page: page.table.selectRow(1)),
    ]
    visits += [
        ("plan", f"plan: step {s.position}", lambda page, p=s.position: page.select_step(p))
        for s in view.plan.steps[:4]
    ]
    report = {}
    for key, name, act in visits:
        page = window.show_page(key)
        act(page)
        found, seen = problems(page)
        if found or not seen:
            report[name] = found or ["no hostile text seen: the walk tests nothing here"]
    # The whole window last: menus, window title, status bar, navigation.
    found, _ = problems(window)
    if found:
        report["window"] = found
    assert report == {}, "\n".join(f"{k}: {v[0]} (+{len(v) - 1} more)" for k, v in report.items())


def test_the_plan_page_of_a_route(window: MainWindow, ws: Workspace) -> None:
    """A plan through several roles names each stage (heading, timeline)."""
    profile.update_settings(ws, current_role="junior-distributed-systems-engineer")
    profile.set_target(ws, role="distributed-systems-architect")
    view = plans.generate_plan(ws, hours_per_week=10, start=TODAY, follow_ladder=True)
    assert len(view.plan.stages) > 1
    window.ctx.changed.emit(frozenset({"plan", "target"}))
    page = window.show_page("plan")
    page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
    assert_literal(page)


def test_compare_dialog(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _shown(qtbot, CompareDialog(ctx, [TARGET, "cloud-architect"]))
    assert_literal(dialog)


def test_add_certification_dialog(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _shown(qtbot, AddCertificationDialog(ctx))
    qtbot.keyClicks(dialog.name_edit, "cka")
    assert_literal(dialog)


def test_preferences_dialog(ctx: UiContext, qtbot: QtBot) -> None:
    dialog = _shown(qtbot, PreferencesDialog(ctx))
    assert_literal(dialog)


def test_first_run_wizard(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _shown(qtbot, FirstRunWizard(ctx, None))
    assert isinstance(wizard, FirstRunWizard)
    wizard.role_page.select_role(TARGET)
    assert_literal(wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.skills_page
    assert_literal(wizard)
    wizard.next()
    assert_literal(wizard)


def test_about_text_is_escaped(ws: Workspace) -> None:
    """The About box is rich text; the only outside text in it is the data folder's path."""
    shown, links = rendered(about_text(ws), Qt.TextFormat.RichText)
    assert str(ws.database_file) in shown
    assert links == []


def test_messages_show_names_and_paths_as_typed(
    window: MainWindow, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refusals quote what was typed, file paths and catalog names: message boxes are plain."""
    window.ctx.failed.emit(f"Cannot do that with {PAYLOAD}.")
    failure = window.findChild(QMessageBox, "failure-message")
    assert failure is not None
    assert_literal(failure)

    assert_literal(exporting._message(window, "Export", f"Could not write {PAYLOAD}"))

    def refuse(_ws: Workspace) -> None:
        raise StorageError(f"Cannot create the backup file {PAYLOAD}.")

    monkeypatch.setattr(backup_ui.backups, "back_up_now", refuse)
    assert backup_ui.back_up_now(window, ws) is None
    boxes = [b for b in window.findChildren(QMessageBox) if b.windowTitle() == "Back up now"]
    assert len(boxes) == 1
    assert_literal(boxes[0])


def test_what_a_person_types_shows_as_typed(ctx: UiContext, qtbot: QtBot) -> None:
    """Messages quote what was typed ("No role matches …", "No skill …"): it stays text."""
    # Its own tag, to tell it from the catalog's payload; QTest types ASCII only.
    typed = PAYLOAD.replace(TAG, "Yx5").replace("\u200f", "")
    wizard = _shown(qtbot, FirstRunWizard(ctx, None))
    qtbot.keyClicks(wizard.role_page.search, typed)
    assert_literal(wizard, typed)
    skills_page = _shown(qtbot, SkillsPage(ctx))
    qtbot.keyClicks(skills_page.add_edit, typed)
    skills_page.add_skill()
    assert_literal(skills_page, typed)
