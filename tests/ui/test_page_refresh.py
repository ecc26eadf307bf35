"""Pages the window does not show wait to redraw until they are shown; the one in view redraws
at once. The skills table, where ratings are entered, keeps its rows current all the same."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from planner.services import profile, roles_view
from planner.services.workspace import Workspace
from planner.ui import commands
from planner.ui.context import TOPICS, UiContext
from planner.ui.main_window import MainWindow
from planner.ui.pages import WhenShown
from planner.ui.skills.model import LEVEL, SKILL_ID_ROLE
from planner.ui.skills.page import SkillsPage

ROLE = "distributed-systems-architect"


def _count_refreshes(page: QWidget, name: str = "refresh") -> list[int]:
    calls: list[int] = []
    real = getattr(page, name)

    def counting() -> None:
        calls.append(1)
        real()

    setattr(page, name, counting)
    return calls


def test_changes_wait_for_a_hidden_page_and_come_merged(ctx: UiContext, qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    heard: list[frozenset[str]] = []
    page._on_changed = heard.append  # type: ignore[attr-defined]
    ctx.changed.connect(page._on_changed)  # type: ignore[attr-defined]
    gate = WhenShown(page, ctx.changed, page._on_changed)  # type: ignore[attr-defined]

    ctx.changed.emit(frozenset({"ratings"}))
    ctx.changed.emit(frozenset({"plan"}))
    assert heard == [] and gate.held == {"ratings", "plan"}
    page.show()
    assert heard == [frozenset({"ratings", "plan"})] and gate.held == frozenset()
    ctx.changed.emit(frozenset({"target"}))  # in view: at once
    assert heard[-1] == {"target"}
    page.hide()
    page.show()  # nothing held: nothing to redraw
    assert len(heard) == 2


def test_a_rating_redraws_the_page_in_view_and_the_others_when_shown(
    make_window: Callable[..., MainWindow], workspace: Workspace
) -> None:
    profile.set_target(workspace, role=ROLE)
    window = make_window()
    assert window.ctx is not None
    window.show_page("dashboard")
    roles, plan = window.page("roles"), window.page("plan")
    roles_drawn = _count_refreshes(roles)
    plan_drawn = _count_refreshes(plan, "reload")
    gauge = window.page("dashboard").gauge  # type: ignore[attr-defined]
    before = gauge.value()

    window.ctx.push(commands.rate_skill(window.ctx, "system-design", 5))
    window.ctx.push(commands.rate_skill(window.ctx, "python", 4))
    assert gauge.value() > before  # the dashboard, in view, redrew
    assert roles_drawn == [] and plan_drawn == []

    window.show_page("roles")
    assert roles_drawn == [1] and plan_drawn == []  # both changes, one redraw
    listed = {r.role_id: r.readiness for r in roles_view.role_listing(workspace)}
    model = roles.model  # type: ignore[attr-defined]
    shown = {
        model.listing(row).role_id: model.listing(row).readiness for row in range(model.rowCount())
    }
    assert shown == listed
    window.show_page("plan")
    assert plan_drawn == [1]
    window.ctx.changed.emit(TOPICS)  # in view now: at once
    assert plan_drawn == [1, 1]


def test_the_skills_table_takes_ratings_while_hidden_and_shows_them_when_shown(
    make_window: Callable[..., MainWindow], workspace: Workspace
) -> None:
    profile.set_target(workspace, role=ROLE)
    window = make_window()
    assert window.ctx is not None
    window.ctx.push(commands.rate_skill(window.ctx, "python", 2))
    window.show_page("dashboard")
    page = window.page("skills")
    assert isinstance(page, SkillsPage)
    told: list[int] = []
    page.model.dataChanged.connect(lambda top, _bottom, _roles: told.append(top.row()))
    row = page.model.row_of("python")

    # Through the model, as the level editor commits: each rating is taken, as the rows
    # stay current (a stale level would refuse the change back to it).
    for level in (3, 2, 3):
        assert page.model.setData(page.model.index(row, LEVEL), level)
        assert page.model.skill_row(row).level == level
    assert told == []  # the hidden table was not asked to refit its columns

    window.show_page("skills")
    assert told == [row]
    [shown] = [
        page.proxy.index(r, LEVEL).data()
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(SKILL_ID_ROLE) == "python"
    ]
    assert shown == page.model.index(row, LEVEL).data() and "3" in shown
