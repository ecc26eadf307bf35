"""The skills page: rating in place through the model and the delegate, undo, adding from
the catalog by name or alias, the filter and sort, and the rating history."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from planner.catalog.scale import LEVEL_NAMES
from planner.services import skills
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.pages import PAGES
from planner.ui.skills.model import CATEGORY, LEVEL, SKILL, SKILL_ID_ROLE
from planner.ui.skills.page import SkillsPage


def make_page(ctx: UiContext, qtbot: QtBot) -> SkillsPage:
    page = SkillsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def levels(ctx: UiContext) -> dict[str, int]:
    return {row.skill_id: row.level for row in skills.my_skills(ctx.ws)}


def proxy_index(page: SkillsPage, skill_id: str, column: int) -> QModelIndex:
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, column)
        if index.data(SKILL_ID_ROLE) == skill_id:
            return index
    raise AssertionError(f"{skill_id} is not in the table")


def shown_rows(page: SkillsPage) -> list[tuple[str, str]]:
    return [
        (page.proxy.index(r, SKILL).data(), page.proxy.index(r, LEVEL).data())
        for r in range(page.proxy.rowCount())
    ]


def test_the_table_shows_rated_skills_with_level_names(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=3)
    skills.rate_skill(ctx.ws, skill="python", level=4)
    page = make_page(ctx, qtbot)
    assert sorted(shown_rows(page)) == [("Docker", "3 Working"), ("Python", "4 Advanced")]
    assert not page.empty_label.isVisible()
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Skill", "Category", "Level", "Last changed"]


def test_editing_the_level_cell_rates_the_skill_and_undo_takes_it_back(
    ctx: UiContext, qtbot: QtBot
) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    page = make_page(ctx, qtbot)

    assert page.proxy.setData(proxy_index(page, "docker", LEVEL), 4)
    assert levels(ctx) == {"docker": 4}
    assert proxy_index(page, "docker", LEVEL).data() == "4 Advanced"

    ctx.undo_stack.undo()
    assert levels(ctx) == {"docker": 2}
    assert proxy_index(page, "docker", LEVEL).data() == "2 Beginner"
    ctx.undo_stack.redo()
    assert levels(ctx) == {"docker": 4}


def test_setting_the_same_level_records_nothing(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    page = make_page(ctx, qtbot)
    assert not page.proxy.setData(proxy_index(page, "docker", LEVEL), 2)
    assert ctx.undo_stack.count() == 0
    assert len(skills.skill_history(ctx.ws, skill="docker")) == 1


def test_only_the_level_column_is_editable(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    page = make_page(ctx, qtbot)
    editable = [
        bool(proxy_index(page, "docker", c).flags() & Qt.ItemFlag.ItemIsEditable) for c in range(4)
    ]
    assert editable == [False, False, True, False]


def test_the_delegate_offers_the_six_levels_and_enter_commits(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    page = make_page(ctx, qtbot)
    page.edit_level(proxy_index(page, "docker", SKILL))  # as a double-click on the row does
    editor = page.table.indexWidget(proxy_index(page, "docker", LEVEL))
    assert isinstance(editor, QComboBox)
    assert [editor.itemText(i) for i in range(editor.count())] == [
        f"{level} {name}" for level, name in enumerate(LEVEL_NAMES)
    ]
    assert editor.currentText() == "2 Beginner"

    editor.setCurrentIndex(5)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: levels(ctx) == {"docker": 5})  # the delegate commits queued
    assert proxy_index(page, "docker", LEVEL).data() == "5 Expert"
    qtbot.waitUntil(lambda: page.table.indexWidget(proxy_index(page, "docker", LEVEL)) is None)


def test_f2_opens_the_level_editor_of_the_current_row(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    page = make_page(ctx, qtbot)
    page.focus_first()
    page.table.setCurrentIndex(proxy_index(page, "docker", SKILL))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert isinstance(page.table.indexWidget(proxy_index(page, "docker", LEVEL)), QComboBox)
    qtbot.keyClick(page.table.indexWidget(proxy_index(page, "docker", LEVEL)), Qt.Key.Key_Escape)
    assert levels(ctx) == {"docker": 2}


def test_adding_a_skill_by_its_alias(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    assert page.empty_label.isVisible()
    page.add_level.setCurrentIndex(3)
    qtbot.keyClicks(page.add_edit, "k8s")
    qtbot.keyClick(page.add_edit, Qt.Key.Key_Return)

    assert levels(ctx) == {"kubernetes": 3}
    assert shown_rows(page) == [("Kubernetes", "3 Working")]
    assert "Kubernetes" in page.message.text()
    qtbot.waitUntil(lambda: page.add_edit.text() == "")
    assert page.detail.title.text() == "Kubernetes"
    assert not page.empty_label.isVisible()
    ctx.undo_stack.undo()
    assert levels(ctx) == {}
    assert shown_rows(page) == []


def test_the_completer_matches_aliases_inside_names_and_writes_the_name(
    ctx: UiContext, qtbot: QtBot
) -> None:
    page = make_page(ctx, qtbot)
    completer = page.add_edit.completer()
    completer.setCompletionPrefix("K8S")
    shown = [
        completer.completionModel().index(r, 0).data() for r in range(completer.completionCount())
    ]
    assert "k8s — Kubernetes" in shown
    completer.setCompletionPrefix("ubernet")  # a match inside the name
    assert completer.completionCount() >= 1
    first = completer.completionModel().index(0, 0)
    assert completer.pathFromIndex(first) == "Kubernetes"


def test_an_unknown_name_adds_nothing_and_says_so(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    qtbot.keyClicks(page.add_edit, "Basket weaving")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert levels(ctx) == {}
    assert page.message.isVisible()
    assert "Basket weaving" in page.message.text()
    assert "no skill" in page.message.text()
    assert ctx.undo_stack.count() == 0

    page.add_edit.clear()
    qtbot.keyClicks(page.add_edit, "dockr")
    qtbot.keyClick(page.add_edit, Qt.Key.Key_Return)
    assert "Did you mean Docker" in page.message.text()


def test_history_shows_every_rating(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    page.add_level.setCurrentIndex(2)
    qtbot.keyClicks(page.add_edit, "Docker")
    qtbot.keyClick(page.add_edit, Qt.Key.Key_Return)
    assert page.proxy.setData(proxy_index(page, "docker", LEVEL), 3)

    page.table.setCurrentIndex(proxy_index(page, "docker", SKILL))
    entries = page.detail.entries()
    assert len(entries) == 2
    assert entries[0].endswith("3 Working")  # newest first
    assert entries[1].endswith("2 Beginner")
    assert "container" in page.detail.description.text().casefold()
    assert [lv for _, lv in skills.skill_history(ctx.ws, skill="docker")] == [2, 3]

    ctx.undo_stack.undo()
    assert len(page.detail.entries()) == 1


def test_filter_and_sort(ctx: UiContext, qtbot: QtBot) -> None:
    for skill, level in (("docker", 3), ("python", 4), ("kubernetes", 1)):
        skills.rate_skill(ctx.ws, skill=skill, level=level)
    page = make_page(ctx, qtbot)
    qtbot.keyClicks(page.filter_edit, "CONTAINERS")
    assert sorted(name for name, _ in shown_rows(page)) == ["Docker", "Kubernetes"]
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "advanced")
    assert shown_rows(page) == [("Python", "4 Advanced")]
    page.filter_edit.clear()

    page.table.sortByColumn(LEVEL, Qt.SortOrder.DescendingOrder)
    assert [name for name, _ in shown_rows(page)] == ["Python", "Docker", "Kubernetes"]
    page.table.sortByColumn(SKILL, Qt.SortOrder.AscendingOrder)
    assert [name for name, _ in shown_rows(page)] == ["Docker", "Kubernetes", "Python"]
    page.table.sortByColumn(CATEGORY, Qt.SortOrder.AscendingOrder)
    categories = [page.proxy.index(r, CATEGORY).data() for r in range(page.proxy.rowCount())]
    assert categories == sorted(categories, key=str.casefold)


def test_redraws_when_a_rating_changes_elsewhere(ctx: UiContext, qtbot: QtBot) -> None:
    page = make_page(ctx, qtbot)
    ctx.push(commands.rate_skill(ctx, "python", 3))
    assert shown_rows(page) == [("Python", "3 Working")]


def test_the_page_registry_builds_the_skills_page(ctx: UiContext, qtbot: QtBot) -> None:
    info = next(p for p in PAGES if p.key == "skills")
    page = info.create(ctx)
    qtbot.addWidget(page)
    assert isinstance(page, SkillsPage)


def test_every_control_has_an_accessible_name_and_takes_the_keyboard(
    ctx: UiContext, qtbot: QtBot
) -> None:
    page = make_page(ctx, qtbot)
    controls = [
        page.filter_edit,
        page.table,
        page.add_edit,
        page.add_level,
        page.add_button,
        page.detail.history,
    ]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control
