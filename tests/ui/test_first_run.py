"""The guided set-up, driven by keyboard and mouse, checked through the services."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from planner.services import plans, profile, skills
from planner.services.workspace import Workspace
from planner.ui.context import TOPICS, UiContext
from planner.ui.first_run.wizard import FirstRunWizard

TARGET = "distributed-systems-architect"
TODAY = date(2026, 11, 23)  # the fixed today of the test workspace


def _wizard(ctx: UiContext, qtbot: QtBot) -> FirstRunWizard:
    wizard = FirstRunWizard(ctx, None)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _click(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _pick_target(qtbot: QtBot, wizard: FirstRunWizard, text: str = "distributed arch") -> None:
    qtbot.keyClicks(wizard.role_page.search, text)
    qtbot.keyClick(wizard.role_page.search, Qt.Key.Key_Return)


def _set_hours(qtbot: QtBot, wizard: FirstRunWizard, hours: str) -> None:
    spin = wizard.time_page.hours
    spin.selectAll()
    qtbot.keyClicks(spin, hours)


def _ratings(ws: Workspace) -> dict[str, int]:
    return {row.skill_id: row.level for row in skills.my_skills(ws)}


def test_search_enter_rate_and_finish_stores_target_ratings_and_plan(
    ctx: UiContext, qtbot: QtBot
) -> None:
    skills.rate_skill(ctx.ws, skill="docker", level=2)
    topics: list[frozenset[str]] = []
    ctx.changed.connect(topics.append)
    wizard = _wizard(ctx, qtbot)

    _pick_target(qtbot, wizard)
    assert wizard.currentPage() is wizard.skills_page
    combos = wizard.skills_page.combos
    assert combos["docker"].currentText() == "2 Beginner"  # preset to the current level
    assert combos["kubernetes"].currentText() == "0 None"
    qtbot.keyClicks(combos["kubernetes"], "3")  # typing the number picks "3 Working"
    combos["system-design"].setFocus()
    qtbot.keyClick(combos["system-design"], Qt.Key.Key_Down)
    qtbot.keyClick(combos["system-design"], Qt.Key.Key_Down)
    assert combos["kubernetes"].currentText() == "3 Working"
    assert combos["system-design"].currentText() == "2 Beginner"
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentPage() is wizard.time_page
    _set_hours(qtbot, wizard, "12")
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.reached_plan
    assert not wizard.isVisible()
    settings = profile.settings(ctx.ws)
    assert settings.target_role_id == TARGET
    assert settings.hours_per_week == 12
    assert settings.start_date == TODAY
    assert _ratings(ctx.ws) == {"docker": 2, "kubernetes": 3, "system-design": 2}
    # Only the changed ratings were written: docker keeps its single entry.
    assert len(skills.skill_history(ctx.ws, skill="docker")) == 1
    history = skills.skill_history(ctx.ws, skill="kubernetes")
    assert [level for _, level in history] == [3]
    view = plans.current_plan(ctx.ws)
    assert view is not None
    assert view.plan.role_id == TARGET
    assert view.plan.options.hours_per_week == 12
    assert view.plan.options.start_date == TODAY
    assert topics == [TOPICS]


def test_skip_changes_nothing(ctx: UiContext, qtbot: QtBot) -> None:
    skills.rate_skill(ctx.ws, skill="python", level=3)
    before = (profile.settings(ctx.ws), _ratings(ctx.ws), plans.current_plan(ctx.ws))
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard)
    qtbot.keyClicks(wizard.skills_page.combos["java"], "4")
    wizard.skills_page.years.setValue(9)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _set_hours(qtbot, wizard, "20")
    _click(qtbot, wizard, QWizard.WizardButton.CancelButton)

    assert not wizard.reached_plan
    assert not wizard.isVisible()
    assert (profile.settings(ctx.ws), _ratings(ctx.ws), plans.current_plan(ctx.ws)) == before
    assert len(skills.skill_history(ctx.ws, skill="python")) == 1


def test_escape_on_the_first_page_skips(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    qtbot.keyClick(wizard.role_page.search, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert profile.settings(ctx.ws).target_role_id is None
    assert plans.current_plan(ctx.ws) is None


def test_search_filters_by_every_word_and_needs_a_match(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    page = wizard.role_page
    total = page.proxy.rowCount()
    assert total == len(ctx.ws.catalog.roles)
    assert not page.isComplete()  # nothing highlighted yet
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()

    qtbot.keyClicks(page.search, "platform machine")  # words in any order
    titles = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert titles == ["Machine Learning Platform Engineer"]
    assert page.chosen_role() == "machine-learning-platform-engineer"
    assert "Machine Learning Platform Engineer" in page.summary.text()

    page.search.clear()
    qtbot.keyClicks(page.search, "mlops")  # an also-called name
    assert page.chosen_role() == "machine-learning-platform-engineer"

    page.search.clear()
    qtbot.keyClicks(page.search, "zzz no such role")
    assert page.proxy.rowCount() == 0
    assert page.chosen_role() is None
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter with nothing to pick stays put
    assert wizard.currentPage() is page
    assert "No role matches" in page.count.text()


def test_seniority_and_arrow_keys_choose_among_matches(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    page = wizard.role_page
    qtbot.keyClicks(page.search, "executive")
    assert page.proxy.rowCount() == 2
    first = page.chosen_role()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    second = page.chosen_role()
    assert {first, second} == {"chief-ai-officer", "chief-technology-officer"}
    qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    assert wizard.currentPage() is wizard.skills_page
    assert wizard.draft.role_id == second


def test_double_click_picks_a_role(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    view = wizard.role_page.view
    index = view.model().index(2, 0)
    rect = view.visualRect(index)
    # A real double-click is a click, then the double-click event.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.currentPage() is wizard.role_page  # one click only highlights
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert wizard.currentPage() is wizard.skills_page
    assert wizard.draft.role_id == index.data(Qt.ItemDataRole.UserRole)


def test_any_of_alternatives_are_each_rated_and_the_gap_uses_the_best(
    ctx: UiContext, qtbot: QtBot
) -> None:
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard)
    page = wizard.skills_page
    for skill in ("java", "python", "go", "aws", "azure", "gcp"):
        assert skill in page.combos
    gap_of = {ids: label for label, ids, _ in page._gaps}
    languages = gap_of[("java", "python", "go")]
    assert languages.text() == "4 levels short"
    qtbot.keyClicks(page.combos["go"], "3")
    assert languages.text() == "1 level short"
    qtbot.keyClicks(page.combos["python"], "5")
    assert languages.text() == "met"


def test_back_to_another_role_saves_only_that_roles_skills_and_background(
    ctx: UiContext, qtbot: QtBot
) -> None:
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard)
    qtbot.keyClicks(wizard.skills_page.combos["consistency-models"], "2")  # architect only
    _click(qtbot, wizard, QWizard.WizardButton.BackButton)
    page = wizard.role_page
    page.search.clear()
    _pick_target(qtbot, wizard, "software developer")
    assert "consistency-models" not in wizard.skills_page.combos
    qtbot.keyClicks(wizard.skills_page.combos["version-control"], "4")
    wizard.skills_page.years.setValue(3.5)
    index = wizard.skills_page.education.findData("master")
    wizard.skills_page.education.setCurrentIndex(index)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert _ratings(ctx.ws) == {"version-control": 4}
    settings = profile.settings(ctx.ws)
    assert settings.target_role_id == "software-developer"
    assert (settings.years_experience, settings.education) == (3.5, "master")


def test_reopening_starts_from_the_stored_answers(ctx: UiContext, qtbot: QtBot) -> None:
    profile.update_settings(ctx.ws, hours_per_week=9, years_experience=6, education="bachelor")
    profile.set_target(ctx.ws, role="cloud-architect")
    skills.rate_skill(ctx.ws, skill="aws", level=4)
    wizard = _wizard(ctx, qtbot)
    assert wizard.role_page.chosen_role() == "cloud-architect"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    page = wizard.skills_page
    assert page.combos["aws"].currentText() == "4 Advanced"
    assert page.years.value() == 6
    assert page.education.currentData() == "bachelor"
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.time_page.hours.value() == 9
    assert wizard.time_page.start.date().toPython() == TODAY
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    # Nothing changed on the way: no new rating, the years keep their recorded date.
    assert len(skills.skill_history(ctx.ws, skill="aws")) == 1
    assert plans.current_plan(ctx.ws) is not None


def test_preview_follows_the_hours(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    preview = wizard.time_page.preview
    assert "steps" in preview.text()
    slow = preview.text()
    _set_hours(qtbot, wizard, "40")
    qtbot.waitUntil(lambda: preview.text() != slow)
    assert "At 40 hours a week" in preview.text()
    # The preview stores nothing.
    assert profile.settings(ctx.ws).target_role_id is None
    assert plans.current_plan(ctx.ws) is None


def test_start_date_is_stored_with_the_plan(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard, "data scientist")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    start = wizard.time_page.start
    assert start.minimumDate().toPython() == TODAY
    start.setDate(start.date().addDays(10))
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    view = plans.current_plan(ctx.ws)
    assert view is not None
    assert view.plan.options.start_date == date(2026, 12, 3)
    assert min(s.planned_start for s in view.plan.steps if s.planned_start) == date(2026, 12, 3)


def _focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.objectName() != "qt_calendar_popup"
    ]


def test_every_field_has_a_name_and_tab_reaches_it(ctx: UiContext, qtbot: QtBot) -> None:
    wizard = _wizard(ctx, qtbot)
    seen_pages = []
    for _ in range(3):
        page = wizard.currentPage()
        fields = _focusable(page)
        assert fields
        for field in fields:
            assert field.accessibleName(), f"{type(field).__name__} has no accessible name"
        # Tab through the page from its first field: every field comes round.
        fields[0].setFocus()
        reached = set()
        for _ in range(len(_focusable(wizard)) + 2):
            focused = wizard.focusWidget()
            assert focused is not None
            reached.add(focused)
            qtbot.keyClick(focused, Qt.Key.Key_Tab)
        missing = [f.accessibleName() for f in fields if f not in reached]
        assert not missing
        seen_pages.append(page)
        if page is wizard.role_page:
            _pick_target(qtbot, wizard)
        elif page is wizard.skills_page:
            _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert seen_pages == [wizard.role_page, wizard.skills_page, wizard.time_page]


def test_skills_page_starts_on_the_first_skill_and_tabs_in_reading_order(
    ctx: UiContext, qtbot: QtBot
) -> None:
    wizard = _wizard(ctx, qtbot)
    _pick_target(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.BackButton)
    assert wizard.focusWidget() is wizard.role_page.search
    qtbot.keyClick(wizard.role_page.search, Qt.Key.Key_Return)  # rebuilt rows, same order
    assert wizard.currentPage() is wizard.skills_page
    page = wizard.skills_page
    expected = [*page.combos.values(), page.years, page.education]
    assert wizard.focusWidget() is expected[0]
    order = []
    for _ in expected:
        focused = wizard.focusWidget()
        assert focused is not None
        order.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert order == expected


def test_first_run_from_the_window_ends_on_the_plan(make_window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    assert window.ctx is not None
    window.open_first_run()
    wizard = window.findChild(FirstRunWizard)
    assert wizard is not None
    qtbot.waitExposed(wizard)
    _pick_target(qtbot, wizard)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    _click(qtbot, wizard, QWizard.WizardButton.FinishButton)
    assert window.stack.currentWidget() is window.page("plan")
    assert plans.current_plan(window.ctx.ws) is not None
