"""The plan page: check off steps, notes, topics, hours per week and the ETA, regenerate,
the timeline; each checked against the database through the services, and back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from pytestqt.qtbot import QtBot

from planner.export.formats import format_date
from planner.planning.model import Step
from planner.services import plans, profile, skills
from planner.services.plan_view import plan_page_state, step_resources, step_topics
from planner.services.workspace import Workspace
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.main_window import MainWindow
from planner.ui.plan.page import PlanPage
from planner.ui.plan.steps import STEP_ROLE, StepsModel

START = date(2026, 12, 1)


def make_plan(ws: Workspace) -> plans.PlanView:
    skills.rate_skill(ws, skill="python", level=3)
    skills.rate_skill(ws, skill="docker", level=2)
    profile.set_target(ws, role="Distributed Systems Architect")
    return plans.generate_plan(ws, hours_per_week=10, start=START, follow_ladder=False)


def stored(ws: Workspace) -> plans.PlanView:
    view = plans.current_plan(ws)
    assert view is not None
    return view


def stored_step(ws: Workspace, key: str) -> Step:
    return stored(ws).plan.step(key)


def level(ws: Workspace, skill_id: str) -> int:
    return {r.skill_id: r.level for r in skills.my_skills(ws)}.get(skill_id, 0)


@pytest.fixture
def page(ctx: UiContext, qtbot: QtBot) -> PlanPage:
    make_plan(ctx.ws)
    widget = PlanPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def index_of(page: PlanPage, step: Step) -> QModelIndex:
    index = page.model.index_of_key(f"step:{step.key}")
    assert index.isValid()
    return index


def first_skill_step(ws: Workspace, *, with_topics: bool = False) -> Step:
    return next(
        s
        for s in stored(ws).plan.steps
        if s.kind == "skill"
        and s.status == "todo"
        and (not with_topics or step_topics(ws.catalog, s))
        and level(ws, s.skill_id or "") < (s.to_level or 0)
    )


# --- the steps and their check boxes ---------------------------------------------------------


def test_tree_groups_every_step_under_its_phase(page: PlanPage, ctx: UiContext) -> None:
    plan = stored(ctx.ws).plan
    model = page.model
    groups = [model.index(r, 0) for r in range(model.rowCount())]
    titles = [model.data(g) for g in groups]
    assert titles == [phase.title for _, phase, _ in plan.by_phase()]
    shown = [
        model.data(model.index(r, 0, g), STEP_ROLE).key
        for g in groups
        for r in range(model.rowCount(g))
    ]
    assert shown == [s.key for s in plan.steps]
    step = plan.steps[0]
    row = index_of(page, step)
    assert model.data(row) == f"{step.position}. {step.title}"
    assert model.data(row.siblingAtColumn(StepsModel.HOURS)).endswith("h")
    assert format_date(step.planned_end) in model.data(row.siblingAtColumn(StepsModel.DATES))


def test_checking_a_step_marks_it_done_and_undo_redo(page: PlanPage, ctx: UiContext) -> None:
    step = first_skill_step(ctx.ws)
    before = level(ctx.ws, step.skill_id or "")
    index = index_of(page, step)

    assert page.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    assert stored_step(ctx.ws, step.key).status == "done"
    assert level(ctx.ws, step.skill_id or "") == step.to_level > before
    assert page.model.data(index_of(page, step), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )

    ctx.undo_stack.undo()
    assert stored_step(ctx.ws, step.key).status == "todo"
    assert level(ctx.ws, step.skill_id or "") == before
    assert page.model.data(index_of(page, step), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Unchecked
    )

    ctx.undo_stack.redo()
    assert stored_step(ctx.ws, step.key).status == "done"
    assert level(ctx.ws, step.skill_id or "") == step.to_level


def test_space_toggles_the_selected_step(page: PlanPage, ctx: UiContext, qtbot: QtBot) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    assert stored_step(ctx.ws, step.key).status == "done"
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    assert stored_step(ctx.ws, step.key).status == "todo"


def test_rating_elsewhere_ticks_the_steps_it_covers(page: PlanPage, ctx: UiContext) -> None:
    step = first_skill_step(ctx.ws)
    ctx.push(commands.rate_skill(ctx, step.skill_id or "", step.to_level or 0))
    assert page.model.data(index_of(page, step), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    assert "1 of" in page.summary.text() or "done" in page.summary.text()


def test_status_combo_sets_in_progress(page: PlanPage, ctx: UiContext) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    combo = page.detail.status
    row = combo.findData("in_progress")
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    assert stored_step(ctx.ws, step.key).status == "in_progress"
    assert page.model.data(index_of(page, step).siblingAtColumn(StepsModel.STATUS)) == (
        "In progress"
    )
    ctx.undo_stack.undo()
    assert stored_step(ctx.ws, step.key).status == "todo"
    assert combo.currentData() == "todo"


# --- the detail panel: why, topics, resources, note ------------------------------------------


def test_detail_shows_why_topics_and_resources(page: PlanPage, ctx: UiContext) -> None:
    step = first_skill_step(ctx.ws, with_topics=True)
    page.select_step(step.position)
    detail = page.detail
    assert detail.step is not None and detail.step.key == step.key
    assert step.reasons[0] in detail.why.text()
    topics = step_topics(ctx.ws.catalog, step)
    assert [detail.topics.item(i).text() for i in range(detail.topics.count())] == topics
    first = step_resources(ctx.ws.catalog, step)[0]
    assert first.title.replace("&", "&amp;") in detail.resources.text()


def test_ticking_every_topic_marks_the_step_done(page: PlanPage, ctx: UiContext) -> None:
    step = first_skill_step(ctx.ws, with_topics=True)
    page.select_step(step.position)
    topics = page.detail.topics
    count = topics.count()
    assert count >= 2
    for i in range(count - 1):
        topics.item(i).setCheckState(Qt.CheckState.Checked)
        assert stored(ctx.ws).topics_done[step.key] == frozenset(range(i + 1))
        assert stored_step(ctx.ws, step.key).status == "todo"
    topics.item(count - 1).setCheckState(Qt.CheckState.Checked)
    assert stored_step(ctx.ws, step.key).status == "done"
    assert level(ctx.ws, step.skill_id or "") == step.to_level
    assert page.model.data(index_of(page, step), Qt.ItemDataRole.CheckStateRole) == (
        Qt.CheckState.Checked
    )
    ctx.undo_stack.undo()  # the last tick, and the step it completed
    assert stored_step(ctx.ws, step.key).status == "todo"
    assert stored(ctx.ws).topics_done[step.key] == frozenset(range(count - 1))


def test_note_is_saved_when_the_editor_loses_focus(
    page: PlanPage, ctx: UiContext, qtbot: QtBot
) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    note = page.detail.note
    note.setFocus()
    qtbot.waitUntil(note.hasFocus)
    qtbot.keyClicks(note, "Ask Sam <b>about</b> the lab")
    assert stored_step(ctx.ws, step.key).notes == ""  # not yet: no pause, still typing
    page.tree.setFocus()
    qtbot.waitUntil(lambda: not note.hasFocus())
    assert stored_step(ctx.ws, step.key).notes == "Ask Sam <b>about</b> the lab"
    assert note.toPlainText() == "Ask Sam <b>about</b> the lab"

    ctx.undo_stack.undo()
    assert stored_step(ctx.ws, step.key).notes == ""
    assert note.toPlainText() == ""
    ctx.undo_stack.redo()
    assert note.toPlainText() == "Ask Sam <b>about</b> the lab"


def test_note_is_saved_after_a_pause_in_typing(
    page: PlanPage, ctx: UiContext, qtbot: QtBot
) -> None:
    step = first_skill_step(ctx.ws)
    page.select_step(step.position)
    qtbot.keyClicks(page.detail.note, "Chapter 3 first")
    qtbot.waitUntil(lambda: stored_step(ctx.ws, step.key).notes == "Chapter 3 first", timeout=5000)


def test_note_is_saved_before_another_step_is_shown(page: PlanPage, ctx: UiContext) -> None:
    first, second = stored(ctx.ws).plan.steps[:2]
    page.select_step(first.position)
    page.detail.note.setPlainText("Typed, then moved on")
    page.select_step(second.position)
    assert stored_step(ctx.ws, first.key).notes == "Typed, then moved on"
    assert page.detail.note.toPlainText() == ""


def test_a_note_being_typed_survives_leaving_the_page_and_closing(
    make_window: Callable[..., MainWindow], workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_plan(workspace)
    window = make_window()
    page = window.show_page("plan")
    assert isinstance(page, PlanPage)
    first, second = stored(workspace).plan.steps[:2]
    page.select_step(first.position)
    page.detail.note.setPlainText("typed, then went to another page")  # no pause, no focus
    window.show_page("dashboard")
    assert stored_step(workspace, first.key).notes == "typed, then went to another page"

    window.show_page("plan")
    page.select_step(second.position)
    page.detail.note.setPlainText("typed just before closing")
    at_close: list[str] = []  # the note as stored when the window closes the database
    close = workspace.close
    monkeypatch.setattr(
        workspace,
        "close",
        lambda: (at_close.append(stored_step(workspace, second.key).notes), close()),
    )
    window.close()
    assert at_close == ["typed just before closing"]


# --- hours per week, start date, regenerate --------------------------------------------------


def test_slider_previews_the_eta_then_redates_on_release(page: PlanPage, ctx: UiContext) -> None:
    before = stored(ctx.ws)
    assert page.eta.text() == f"Ready by {format_date(before.plan.eta)}"
    slider = page.slider
    slider.setSliderDown(True)
    slider.setValue(25)
    expected = plans.preview_eta(before, 25)
    assert expected < before.plan.eta
    assert format_date(expected) in page.eta.text()
    assert page.hours.value() == 25
    assert stored(ctx.ws).plan == before.plan  # dragging writes nothing

    slider.setSliderDown(False)  # the release
    after = stored(ctx.ws)
    assert after.plan.options.hours_per_week == 25
    assert after.plan.eta == expected
    assert [s.key for s in after.plan.steps] == [s.key for s in before.plan.steps]
    assert profile.settings(ctx.ws).hours_per_week == 25
    assert page.eta.text() == f"Ready by {format_date(expected)}"


def test_typed_hours_redate_after_a_pause(page: PlanPage, ctx: UiContext, qtbot: QtBot) -> None:
    page.hours.setValue(60)  # past the slider's end: the spin box goes on
    assert page.slider.value() == 40
    qtbot.waitUntil(lambda: stored(ctx.ws).plan.options.hours_per_week == 60, timeout=5000)


def test_start_date_redates_the_plan(page: PlanPage, ctx: UiContext) -> None:
    page.start.setDate(QDate(2027, 2, 1))
    page.apply_schedule()
    plan = stored(ctx.ws).plan
    assert plan.options.start_date == date(2027, 2, 1)
    assert plan.steps[0].planned_start == date(2027, 2, 1)


def test_regenerate_keeps_a_steps_note_and_status(page: PlanPage, ctx: UiContext) -> None:
    first, second = stored(ctx.ws).plan.steps[:2]
    plans.set_step_notes(ctx.ws, position=second.position, notes="keep me")
    plans.set_step_status(ctx.ws, position=first.position, status="skipped")
    page.regenerate.click()
    assert stored_step(ctx.ws, second.key).notes == "keep me"
    assert stored_step(ctx.ws, first.key).status == "skipped"
    page.select_step(stored_step(ctx.ws, second.key).position)
    assert page.detail.note.toPlainText() == "keep me"


def test_regenerating_with_new_step_numbers_clears_the_undo_history(
    page: PlanPage, ctx: UiContext
) -> None:
    step = stored(ctx.ws).plan.steps[-1]
    page.select_step(step.position)
    page.detail.note.setPlainText("almost there")
    page.detail.save_note()
    page.regenerate.click()  # the same plan, the same numbers: the edit can still be undone
    assert ctx.undo_stack.canUndo()
    skills.rate_skill(ctx.ws, skill="communication", level=5)  # its steps leave the plan
    page.regenerate.click()
    assert stored_step(ctx.ws, step.key).position != step.position
    # The undo commands name steps by number, and those numbers now mean other steps.
    assert not ctx.undo_stack.canUndo()
    assert stored_step(ctx.ws, step.key).notes == "almost there"


def test_no_target_then_make_my_plan(workspace: Workspace, qtbot: QtBot) -> None:
    ctx = UiContext(workspace)
    page = PlanPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentIndex() == 1
    assert "Roles page" in page.empty_text.text()
    assert not page.make_plan.isVisible()
    assert not page.export_button.isEnabled()

    ctx.push(commands.set_target(ctx, "distributed-systems-architect"))
    assert page.make_plan.isVisible()
    assert "Distributed Systems Architect" in page.empty_text.text()
    qtbot.mouseClick(page.make_plan, Qt.MouseButton.LeftButton)
    assert plans.current_plan(workspace) is not None
    assert page.stack.currentIndex() == 0
    assert page.model.rowCount() > 0
    assert page.detail.step is not None  # the first open step is selected


def test_a_new_target_asks_for_a_regeneration(page: PlanPage, ctx: UiContext) -> None:
    assert not page.stale.isVisible()
    ctx.push(commands.set_target(ctx, "cloud-architect"))
    assert page.stale.isVisible()
    assert "Cloud Architect" in page.stale.text()
    page.regenerate.click()
    assert stored(ctx.ws).plan.role_id == "cloud-architect"
    assert not page.stale.isVisible()


# --- timeline --------------------------------------------------------------------------------


def test_timeline_shows_steps_or_phases(page: PlanPage, ctx: UiContext) -> None:
    plan = stored(ctx.ws).plan
    page.tabs.setCurrentWidget(page.timeline)
    chart = page.timeline.chart
    assert [b.label for b in chart.bars] == [f"{s.position}. {s.title}" for s in plan.steps]
    page.timeline.by_phase.click()
    assert [b.label for b in chart.bars] == [p.title for _, p, _ in plan.by_phase()]
    assert chart.height() >= chart.sizeHint().height()
    assert not chart.grab().isNull()


# --- the page's service ----------------------------------------------------------------------


def test_plan_page_state(workspace: Workspace) -> None:
    assert plan_page_state(workspace).view is None
    assert plan_page_state(workspace).target_role_id is None
    view = make_plan(workspace)
    state = plan_page_state(workspace)
    assert state.view is not None and state.view.plan == view.plan
    assert not state.stale
    profile.set_target(workspace, role="cloud-architect")
    assert plan_page_state(workspace).stale


def test_step_topics_match_what_the_service_counts(workspace: Workspace) -> None:
    view = make_plan(workspace)
    step = next(s for s in view.plan.steps if step_topics(workspace.catalog, s))
    last = len(step_topics(workspace.catalog, step)) - 1
    plans.set_topic_done(workspace, position=step.position, index=last, done=True)
    with pytest.raises(Exception, match="topics"):
        plans.set_topic_done(workspace, position=step.position, index=last + 1, done=True)
    milestone = view.plan.steps[-1]
    assert step_topics(workspace.catalog, milestone) == []
    assert step_resources(workspace.catalog, milestone) == ()
