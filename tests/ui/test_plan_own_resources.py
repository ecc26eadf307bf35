"""The person's own resources on the plan page's step detail: add, show, remove, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.services import resources
from planner.ui.context import UiContext
from planner.ui.plan.page import PlanPage

from .test_plan import first_skill_step, page  # noqa: F401  (the page fixture)


def test_add_and_remove_own_resource_with_undo(
    page: PlanPage,  # noqa: F811
    ctx: UiContext,
    qtbot: QtBot,
) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    own = page.detail.own_resources
    assert own.empty.isVisible()
    qtbot.keyClicks(own.title, "Team reading group <b>notes</b>")
    qtbot.keyClicks(own.link, "wiki/reading")
    qtbot.keyClick(own.link, Qt.Key.Key_Return)
    stored = resources.step_resources(ctx.ws, step_key=step.key)
    assert [(r.title, r.link) for r in stored] == [
        ("Team reading group <b>notes</b>", "wiki/reading")
    ]
    assert own.list.count() == 1
    assert own.list.item(0).text() == "Team reading group <b>notes</b> — wiki/reading"
    assert own.title.text() == ""

    own.list.setCurrentRow(0)
    qtbot.mouseClick(own.remove, Qt.MouseButton.LeftButton)
    assert resources.step_resources(ctx.ws, step_key=step.key) == []
    ctx.undo_stack.undo()
    assert [r.title for r in resources.step_resources(ctx.ws, step_key=step.key)] == [
        "Team reading group <b>notes</b>"
    ]
    assert own.list.count() == 1


def test_a_resource_without_title_is_refused(
    page: PlanPage,  # noqa: F811
    ctx: UiContext,
    qtbot: QtBot,
) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    own = page.detail.own_resources
    qtbot.keyClicks(own.link, "somewhere")
    qtbot.mouseClick(own.add, Qt.MouseButton.LeftButton)
    assert "title" in own.message.text()
    assert resources.step_resources(ctx.ws, step_key=step.key) == []
