"""The Roles page used as a person would: search, filter, sort, read a role, compare, target."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLayout
from pytestqt.qtbot import QtBot

from planner.charts import percent_text
from planner.errors import InvalidInputError
from planner.services import profile, roles, roles_view, skills
from planner.services.workspace import Workspace
from planner.ui import commands
from planner.ui.context import UiContext
from planner.ui.roles.compare import CompareDialog
from planner.ui.roles.list_model import ROLE_ID, Column
from planner.ui.roles.page import RolesPage
from planner.ui.roles.requirements_model import Column as ReqColumn

ARCHITECTS = {"distributed-systems-architect", "big-data-architect", "cloud-architect"}


@pytest.fixture
def page(ctx: UiContext, qtbot: QtBot) -> RolesPage:
    widget = RolesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_ids(page: RolesPage) -> list[str]:
    proxy = page.proxy
    return [str(proxy.index(r, 0).data(ROLE_ID)) for r in range(proxy.rowCount())]


def cell(page: RolesPage, role_id: str, column: Column) -> str:
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, 0).data(ROLE_ID) == role_id:
            return str(page.proxy.index(r, column).data())
    raise AssertionError(f"{role_id} is not shown")


def click_row(qtbot: QtBot, page: RolesPage, role_id: str, modifier: object = None) -> None:
    row = shown_ids(page).index(role_id)
    index = page.proxy.index(row, Column.TITLE)
    page.table.scrollTo(index)
    pos = page.table.visualRect(index).center()
    if modifier is None:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, pos)


def click_header(qtbot: QtBot, page: RolesPage, column: Column) -> None:
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def requirement_states(page: RolesPage) -> dict[str, str]:
    model = page.detail.requirements
    return {
        str(model.index(r, ReqColumn.REQUIREMENT).data()): str(
            model.index(r, ReqColumn.STATE).data()
        )
        for r in range(model.rowCount())
    }


def box_texts(box: QLayout) -> list[str]:
    """The texts of the labels in one of the detail's tab layouts."""
    items = (box.itemAt(i).widget() for i in range(box.count()))
    return [w.text() for w in items if isinstance(w, QLabel)]


# --- the list -------------------------------------------------------------------------------


def test_typing_in_search_filters_live(page: RolesPage, qtbot: QtBot) -> None:
    assert len(shown_ids(page)) == 26
    qtbot.keyClicks(page.search, "archi")
    assert len(shown_ids(page)) == len(ARCHITECTS)  # filtering already while typing
    qtbot.keyClicks(page.search, "tect")
    assert set(shown_ids(page)) == ARCHITECTS
    assert page.count.text() == "3 of 26 roles"
    assert page.detail.page is not None and page.detail.page.role.id in ARCHITECTS
    page.search.clear()
    assert len(shown_ids(page)) == 26


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CTO", {"chief-technology-officer"}),  # another name
        ("engineering leadership", {"chief-technology-officer", "engineering-manager"}),
        ("speech engineer", {"machine-learning-engineer-asr"}),  # words in any place
    ],
)
def test_search_matches_other_names_and_family(
    page: RolesPage, qtbot: QtBot, text: str, expected: set[str]
) -> None:
    qtbot.keyClicks(page.search, text)
    assert set(shown_ids(page)) == expected


def test_no_match_says_so(page: RolesPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search, "zzzz")
    assert shown_ids(page) == []
    assert page.detail.page is None
    assert "No role matches" in page.detail.placeholder.text()


def test_family_and_seniority_filters(page: RolesPage, workspace: Workspace) -> None:
    page.family.setCurrentIndex(page.family.findText("Data"))
    data = {r.id for r in workspace.catalog.roles.values() if r.family == "data"}
    assert set(shown_ids(page)) == data and len(data) == 7
    page.seniority.setCurrentIndex(page.seniority.findData("lead"))
    assert set(shown_ids(page)) == {"lead-data-consultant", "lead-data-quality-analyst"}
    page.family.setCurrentIndex(0)  # all families
    assert {workspace.catalog.roles[r].seniority for r in shown_ids(page)} == {"lead"}
    assert len(shown_ids(page)) == 4


def test_sorting_by_clicking_the_headers(page: RolesPage, ctx: UiContext, qtbot: QtBot) -> None:
    for skill, level in (
        ("python", 3),
        ("sql", 3),
        ("probability-statistics", 2),
        ("kubernetes", 2),
    ):
        ctx.push(commands.rate_skill(ctx, skill, level))

    def readiness() -> list[float]:
        proxy = page.proxy
        return [
            proxy.index(r, Column.READINESS).data(Qt.ItemDataRole.UserRole + 2)
            for r in range(proxy.rowCount())
        ]

    click_header(qtbot, page, Column.TITLE)
    titles = [cell(page, r, Column.TITLE) for r in shown_ids(page)]
    assert titles == sorted(titles, key=str.casefold)
    click_header(qtbot, page, Column.READINESS)
    first = readiness()
    assert len(set(first)) > 3  # the ratings spread the roles out
    assert first in (sorted(first), sorted(first, reverse=True))
    click_header(qtbot, page, Column.READINESS)
    assert readiness() == sorted(first, reverse=first == sorted(first))
    # Hours sort as numbers ("893 h" before "1,006 h"), not as text.
    click_header(qtbot, page, Column.HOURS)
    hours = [
        float(cell(page, r, Column.HOURS).rstrip(" h").replace(",", "")) for r in shown_ids(page)
    ]
    assert hours in (sorted(hours), sorted(hours, reverse=True))


def test_closest_roles_come_first(page: RolesPage, ctx: UiContext) -> None:
    ctx.push(commands.rate_skill(ctx, "sql", 4))
    ranked = [s.role_id for s in roles.standings(ctx.ws)]
    readiness = {s.role_id: s.readiness for s in roles.standings(ctx.ws)}
    shown = shown_ids(page)
    assert readiness[shown[0]] == readiness[ranked[0]] > 0


# --- a role's page --------------------------------------------------------------------------


def test_selecting_a_role_shows_its_requirements_with_states(
    page: RolesPage, ctx: UiContext, qtbot: QtBot
) -> None:
    skills.rate_skill(ctx.ws, skill="distributed-systems-fundamentals", level=4)
    skills.rate_skill(ctx.ws, skill="system-design", level=2)
    ctx.changed.emit(frozenset({"ratings"}))
    click_row(qtbot, page, "distributed-systems-architect")
    detail = page.detail
    assert detail.title.text() == "Distributed Systems Architect"
    states = requirement_states(page)
    assert states["Distributed Systems Fundamentals"] == "✓ Met"
    assert states["System Design"] == "◐ Short"
    assert states["Microservices"] == "✗ Missing"
    model = detail.requirements
    colours = {
        str(model.index(r, ReqColumn.STATE).data()): model.index(r, ReqColumn.STATE).data(
            Qt.ItemDataRole.ForegroundRole
        )
        for r in range(model.rowCount())
    }
    assert len({c.name() for c in colours.values()}) == 3  # a colour per state, and words
    assert "1 met, 1 short" in detail.counts.text()
    service = roles.role_detail(ctx.ws, role="distributed-systems-architect")
    assert model.rowCount() == len(service.rows)
    # Experience, education and certifications are requirements too.
    assert {
        "Experience",
        "Bachelor's degree in Computer Science, Information Technology, Software Engineering",
    } <= set(states)


def test_role_page_shows_summary_certifications_ladder_and_sources(
    page: RolesPage, workspace: Workspace
) -> None:
    page.select_role("distributed-systems-architect")
    detail = page.detail
    role = workspace.catalog.roles["distributed-systems-architect"]
    assert detail.summary.text() == role.summary
    texts = box_texts(detail.about_box) + box_texts(detail.certs_box)
    assert "Responsibilities" in texts
    assert any(role.responsibilities[0] in t for t in texts)
    assert any("000_95a0083ed4960dc9.txt" in t for t in texts)
    assert any("AWS Certified Solutions Architect" in t for t in texts)
    labels = [b.text() for b in detail.ladder_buttons]
    assert "→ Chief Technology Officer" in labels
    assert "← Software Developer" in labels


def test_ladder_neighbours_select_that_role(page: RolesPage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.search, "architect")
    page.select_role("distributed-systems-architect")
    page.detail.tabs.setCurrentIndex(3)
    cto = next(b for b in page.detail.ladder_buttons if "Chief Technology" in b.text())
    qtbot.mouseClick(cto, Qt.MouseButton.LeftButton)
    assert page.current_role_id() == "chief-technology-officer"
    assert page.detail.title.text() == "Chief Technology Officer"
    assert page.search.text() == ""  # the filter that hid it was cleared


def test_rating_a_skill_changes_readiness_in_the_table(page: RolesPage, ctx: UiContext) -> None:
    page.select_role("distributed-systems-architect")
    assert cell(page, "distributed-systems-architect", Column.READINESS) == "0 %"
    hours_before = cell(page, "distributed-systems-architect", Column.HOURS)
    ctx.push(commands.rate_skill(ctx, "system-design", 5))
    expected = next(
        s for s in roles.standings(ctx.ws) if s.role_id == "distributed-systems-architect"
    )
    assert expected.readiness > 0
    shown = cell(page, "distributed-systems-architect", Column.READINESS)
    assert shown == percent_text(expected.readiness)
    assert cell(page, "distributed-systems-architect", Column.HOURS) != hours_before
    assert "System Design" in requirement_states(page)
    assert requirement_states(page)["System Design"] == "✓ Met"
    assert page.current_role_id() == "distributed-systems-architect"  # selection kept
    assert page.detail.gauge.percent == expected.readiness
    ctx.undo_stack.undo()
    assert cell(page, "distributed-systems-architect", Column.READINESS) == "0 %"


# --- target ---------------------------------------------------------------------------------


def test_set_as_target_and_undo(page: RolesPage, ctx: UiContext, qtbot: QtBot) -> None:
    click_row(qtbot, page, "cloud-architect")
    button = page.detail.target_button
    assert button.isEnabled() and button.text() == "Set as target"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert profile.settings(ctx.ws).target_role_id == "cloud-architect"
    assert cell(page, "cloud-architect", Column.TITLE) == "★ Cloud Architect"
    assert not page.detail.target_button.isVisible()
    assert page.detail.target_label.isVisible()
    assert page.detail.target_label.text() == "★ Your target role"
    ctx.undo_stack.undo()
    assert profile.settings(ctx.ws).target_role_id is None
    assert cell(page, "cloud-architect", Column.TITLE) == "Cloud Architect"
    assert page.detail.target_button.isVisible() and page.detail.target_button.isEnabled()
    assert not page.detail.target_label.isVisible()
    ctx.undo_stack.redo()
    assert profile.settings(ctx.ws).target_role_id == "cloud-architect"


def test_target_is_marked_and_selected_on_opening(ctx: UiContext, qtbot: QtBot) -> None:
    profile.set_target(ctx.ws, role="Cloud Architect")
    page = RolesPage(ctx)
    qtbot.addWidget(page)
    assert page.current_role_id() == "cloud-architect"
    marked = [r for r in shown_ids(page) if cell(page, r, Column.TITLE).startswith("★")]
    assert marked == ["cloud-architect"]
    title = page.proxy.index(shown_ids(page).index("cloud-architect"), Column.TITLE)
    assert title.data(Qt.ItemDataRole.FontRole).bold()
    assert "your target" in title.data(Qt.ItemDataRole.AccessibleTextRole)


# --- compare --------------------------------------------------------------------------------


def test_compare_two_roles_side_by_side(page: RolesPage, qtbot: QtBot) -> None:
    assert not page.compare_button.isEnabled()
    click_row(qtbot, page, "distributed-systems-architect")
    click_row(qtbot, page, "cloud-architect", Qt.KeyboardModifier.ControlModifier)
    assert page.selected_role_ids() != []
    assert set(page.selected_role_ids()) == {"distributed-systems-architect", "cloud-architect"}
    assert page.compare_button.isEnabled()
    qtbot.mouseClick(page.compare_button, Qt.MouseButton.LeftButton)
    dialog = page.compare_dialog
    assert isinstance(dialog, CompareDialog)
    qtbot.addWidget(dialog)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[0:2] == ["Requirement", "You"]
    assert set(headers[2:]) == {"Distributed Systems Architect", "Cloud Architect"}
    rows = {str(model.index(r, 0).data()): r for r in range(model.rowCount())}
    assert [model.index(rows["Readiness"], c).data() for c in (2, 3)] == ["0 %", "0 %"]
    # A skill both ask for fills both columns; one only one asks for leaves a dash.
    both = [model.index(rows["Docker"], c).data() for c in (2, 3)]
    assert all(text and text != "—" for text in both)
    assert all("Missing" in text for text in both)
    comparison = model.comparison
    assert comparison is not None
    only_one = [ln for ln in comparison.lines if None in ln.cells]
    assert (
        only_one
        and model.index(rows[only_one[0].label], 2 + only_one[0].cells.index(None)).data() == "—"
    )


def test_compare_follows_ratings(page: RolesPage, ctx: UiContext, qtbot: QtBot) -> None:
    dialog = CompareDialog(ctx, ["cloud-architect", "devops-engineer"])
    qtbot.addWidget(dialog)
    ctx.push(commands.rate_skill(ctx, "docker", 5))
    model = dialog.model
    docker = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Docker")
    assert model.index(docker, 1).data() == "5 Expert"
    assert "Met" in model.index(docker, 2).data()


def test_compare_wants_two_or_three(page: RolesPage, qtbot: QtBot) -> None:
    click_row(qtbot, page, shown_ids(page)[0])
    assert page.open_compare() is None
    for role_id in shown_ids(page)[1:4]:
        click_row(qtbot, page, role_id, Qt.KeyboardModifier.ControlModifier)
    assert len(page.selected_role_ids()) == 4
    assert not page.compare_button.isEnabled()
    assert "two or three" in page.compare_button.toolTip()


# --- the service behind the page ------------------------------------------------------------


def test_listing_marks_target_and_keeps_catalog_order(workspace: Workspace) -> None:
    profile.set_target(workspace, role="devops-engineer")
    listing = roles_view.role_listing(workspace)
    assert [r.role_id for r in listing] == list(workspace.catalog.roles)
    assert [r.role_id for r in listing if r.is_target] == ["devops-engineer"]


def test_compare_is_the_union_of_requirements(workspace: Workspace) -> None:
    c = roles_view.compare(workspace, roles=["Cloud Architect", "devops-engineer"])
    assert c.role_ids == ("cloud-architect", "devops-engineer")
    cat = workspace.catalog
    skill_lines = [ln for ln in c.lines if ln.kind == "skill"]
    asked = [len(cat.roles[r].requirements) for r in c.role_ids]
    assert max(asked) <= len(skill_lines) <= sum(asked)
    assert all(any(cell is not None for cell in ln.cells) for ln in c.lines)
    assert [ln.kind for ln in c.lines] == sorted(
        (ln.kind for ln in c.lines),
        key=["skill", "certification", "experience", "education"].index,
    )


@pytest.mark.parametrize(
    "picked",
    [
        ["cloud-architect"],
        ["cloud-architect"] * 2,
        ["cloud-architect", "devops-engineer", "cto", "data-scientist"],
    ],
)
def test_compare_refuses_other_counts(workspace: Workspace, picked: list[str]) -> None:
    with pytest.raises(InvalidInputError):
        roles_view.compare(workspace, roles=picked)


def test_compare_counts_alternatives_a_role_accepts(workspace: Workspace) -> None:
    skills.rate_skill(workspace, skill="java", level=3)
    skills.rate_skill(workspace, skill="python", level=4)
    c = roles_view.compare(workspace, roles=["distributed-systems-architect", "cloud-architect"])
    line = {ln.label: ln for ln in c.lines}
    architect_on_java = line["Java"].cells[0]
    assert architect_on_java is not None
    assert (architect_on_java.via, architect_on_java.wanted) == ("Python", "4 Advanced")
    assert architect_on_java.state == "met"
    cloud_on_python = line["Python"].cells[1]
    assert cloud_on_python is not None and cloud_on_python.via == "Java"
    assert line["Java"].cells[1] is not None and line["Java"].cells[1].via == ""


# --- in the window, by keyboard -------------------------------------------------------------


def test_keyboard_moves_through_the_list(page: RolesPage, qtbot: QtBot) -> None:
    first = shown_ids(page)[0]
    page.select_role(first)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = shown_ids(page)[1]
    assert page.current_role_id() == second
    assert page.detail.page is not None and page.detail.page.role.id == second
    qtbot.keyClick(page.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(page.selected_role_ids()) == 2 and page.compare_button.isEnabled()


def test_page_in_the_window_follows_undo(make_window: object, qtbot: QtBot) -> None:
    window = make_window()  # type: ignore[operator]
    page = window.show_page("roles")
    assert isinstance(page, RolesPage)
    page.select_role("devops-engineer")
    qtbot.mouseClick(page.detail.target_button, Qt.MouseButton.LeftButton)
    assert profile.settings(window.ctx.ws).target_role_id == "devops-engineer"
    window.ctx.undo_stack.undo()
    assert profile.settings(window.ctx.ws).target_role_id is None
    assert not cell(page, "devops-engineer", Column.TITLE).startswith("★")
