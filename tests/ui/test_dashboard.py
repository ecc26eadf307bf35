"""The dashboard page, driven through the context as the other pages drive it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.services import plans, roles
from planner.services.dashboard_view import skills_of
from planner.services.workspace import Workspace
from planner.store import repository
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.dashboard.page import DashboardPage

ROLE = "distributed-systems-architect"


def _page(ctx: UiContext, qtbot: QtBot) -> DashboardPage:
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    return page


def _rate_earlier(ws: Workspace, day: date, levels: dict[str, int]) -> None:
    """Ratings in the past (the services always rate as of now)."""
    with ws.transaction() as session:
        for skill_id, level in levels.items():
            repository.add_rating(
                session=session,
                skill_id=skill_id,
                level=level,
                rated_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
            )


def _readiness(ws: Workspace) -> float:
    return roles.role_detail(ws, role=ROLE).readiness.percent


def test_without_a_target_the_page_says_where_to_choose_one(ctx: UiContext, qtbot: QtBot) -> None:
    page = _page(ctx, qtbot)
    assert page.stack.currentIndex() == 0
    assert "Choose a target role on the Roles page" in page.empty_hint.text()
    with qtbot.waitSignal(page.page_requested) as asked:
        qtbot.mouseClick(page.choose_role_button, Qt.MouseButton.LeftButton)
    assert asked.args == ["roles"]

    ctx.push(commands.set_target(ctx, ROLE))
    assert page.stack.currentIndex() == 1
    assert "Distributed Systems Architect" in page.title.text()
    ctx.undo_stack.undo()
    assert page.stack.currentIndex() == 0


def test_rating_a_skill_moves_the_gauge_and_the_progress_line(ctx: UiContext, qtbot: QtBot) -> None:
    ws = ctx.ws
    _rate_earlier(ws, date(2026, 3, 1), {"python": 2, "docker": 2})
    ctx.push(commands.set_target(ctx, ROLE))
    page = _page(ctx, qtbot)
    before = page.gauge.value()
    assert before == _readiness(ws)
    assert page.readiness_label.text().startswith(f"{before:g} % ready for")
    points = page.progress_chart.points()
    assert [d for d, _ in points] == [date(2026, 3, 1)]

    ctx.push(commands.rate_skill(ctx, "system-design", 4))

    after = page.gauge.value()
    assert after > before
    assert after == _readiness(ws)
    assert page.readiness_label.text().startswith(f"{after:g} % ready for")
    grown = page.progress_chart.points()
    assert len(grown) == len(points) + 1
    assert grown[-1][1] == after
    assert grown[-1][0] == datetime.now().astimezone().date()
    system_design = next(r for r in page.gap_chart.rows() if r.label == "System Design")
    assert (system_design.current, system_design.required) == (4, 5)

    ctx.undo_stack.undo()
    assert page.gauge.value() == before
    assert page.progress_chart.points() == points


def test_ratings_of_other_skills_leave_the_progress_line_empty_and_say_what_counts(
    ctx: UiContext, qtbot: QtBot
) -> None:
    ctx.push(commands.set_target(ctx, ROLE))
    asked = skills_of(ctx.ws.catalog.roles[ROLE])
    other = next(s for s in sorted(ctx.ws.catalog.skills) if s not in asked)
    _rate_earlier(ctx.ws, date(2026, 3, 1), {other: 3})
    page = _page(ctx, qtbot)
    assert not page.progress_chart.points()
    assert page.progress_note.text().startswith("Rate the skills this role asks for")

    ctx.push(commands.rate_skill(ctx, "python", 2))
    assert len(page.progress_chart.points()) == 1
    assert page.progress_note.text().endswith(
        "on each day you rated one of its skills; the dashed line carries the latest value "
        "on to today."
    )


def test_next_steps_follow_the_plan_and_enter_opens_it(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.push(commands.set_target(ctx, ROLE))
    page = _page(ctx, qtbot)
    assert not page.steps_list.isVisible()
    assert "No plan yet" in page.steps_note.text()

    ctx.run(lambda: plans.generate_plan(ctx.ws), frozenset({"plan"}))
    view = plans.current_plan(ctx.ws)
    assert view is not None
    steps = view.plan.steps
    texts = [page.steps_list.item(i).text() for i in range(page.steps_list.count())]
    assert [t.split(".")[0] for t in texts] == [str(s.position) for s in steps[:3]]
    assert texts[0].startswith(f"{steps[0].position}. {steps[0].title}\n")

    ctx.push(commands.set_step_status(ctx, steps[0].position, "done"))
    first = page.steps_list.item(0).text()
    assert not first.startswith(f"{steps[0].position}. ")
    assert page.steps_list.count() == 3

    page.activateWindow()
    page.focus_first()
    qtbot.waitUntil(page.steps_list.hasFocus)
    with qtbot.waitSignal(page.page_requested) as asked:
        qtbot.keyClick(page.steps_list, Qt.Key.Key_Return)
    assert asked.args == ["plan"]


def test_expiring_certifications_show_within_ninety_days(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.push(commands.set_target(ctx, ROLE))
    page = _page(ctx, qtbot)
    assert page.expiring_texts() == []
    assert "Nothing to renew" in page.certs_note.text()
    today = ctx.ws.today()
    ctx.push(
        commands.add_certification(
            ctx,
            certification="cka",
            earned_on=date(2025, 1, 10),
            expires_on=today + timedelta(days=30),
        )
    )
    ctx.push(
        commands.add_certification(
            ctx,
            certification="terraform-associate",
            earned_on=date(2025, 1, 10),
            expires_on=today + timedelta(days=200),
        )
    )
    texts = page.expiring_texts()
    assert len(texts) == 1
    assert "Certified Kubernetes Administrator" in texts[0]
    assert "Expires in 30 days" in texts[0]
    assert not any("Terraform" in t for t in texts)
    assert not page.certs_note.isVisible()

    ctx.undo_stack.undo()  # the Terraform one: still only CKA
    ctx.undo_stack.undo()  # the CKA one: nothing left
    assert page.expiring_texts() == []


def test_a_plan_for_another_role_says_so(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.push(commands.set_target(ctx, ROLE))
    ctx.run(lambda: plans.generate_plan(ctx.ws), frozenset({"plan"}))
    page = _page(ctx, qtbot)
    assert page.steps_note.text() == ""
    ctx.push(commands.set_target(ctx, "machine-learning-platform-engineer"))
    assert "Machine Learning Platform Engineer" in page.title.text()
    assert "regenerate" in page.steps_note.text()


@pytest.mark.parametrize("topic", ["ratings", "certifications", "plan", "target", "profile"])
def test_each_topic_redraws(ctx: UiContext, qtbot: QtBot, topic: str) -> None:
    page = _page(ctx, qtbot)
    first = page.view
    ctx.changed.emit(frozenset({topic}))
    assert page.view is not first
    unrelated = page.view
    ctx.changed.emit(frozenset({"something-else"}))
    assert page.view is unrelated


def test_a_hidden_dashboard_redraws_when_shown(ctx: UiContext, qtbot: QtBot) -> None:
    ctx.push(commands.set_target(ctx, ROLE))
    page = _page(ctx, qtbot)
    before = page.gauge.value()
    page.hide()
    ctx.push(commands.rate_skill(ctx, "system-design", 5))
    assert page.gauge.value() == before  # not redrawn while nobody looks
    page.show()
    assert page.gauge.value() == _readiness(ctx.ws) > before
