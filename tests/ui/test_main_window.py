"""The main window as a whole: pages, navigation, menus, undo, remembered state."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from planner.services import profile, skills
from planner.services.workspace import Workspace
from planner.ui.main_window import PAGE_TITLES, MainWindow
from planner.ui.pages import PAGES
from planner.ui.settings import UiSettings


def test_sidebar_and_registry_agree() -> None:
    assert [(p.key, p.title, p.shortcut) for p in PAGES] == list(PAGE_TITLES)


def test_every_page_is_reachable_by_keyboard(
    make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for row, (key, _title, _shortcut) in enumerate(PAGE_TITLES):
        qtbot.keyClick(window, Qt.Key.Key_1 + row, Qt.KeyboardModifier.ControlModifier)
        assert window.stack.currentWidget() is window.page(key)
        assert window.page(key).objectName() == f"page-{key}"


def test_undo_and_redo_from_the_edit_menu(
    make_window: Callable[..., MainWindow], workspace: Workspace
) -> None:
    from planner.ui import commands

    window = make_window()
    assert window.ctx is not None
    window.ctx.push(commands.rate_skill(window.ctx, "python", 3))
    assert {r.skill_id: r.level for r in skills.my_skills(workspace)} == {"python": 3}
    window._undo_action.trigger()
    assert skills.my_skills(workspace) == []
    window._redo_action.trigger()
    assert {r.skill_id: r.level for r in skills.my_skills(workspace)} == {"python": 3}


def test_last_page_and_geometry_are_remembered(
    workspace: Workspace, ui_settings: UiSettings, qtbot: QtBot
) -> None:
    first = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=False)
    qtbot.addWidget(first)
    first.show()
    first.load_now()
    first.show_page("skills")
    first.resize(first.minimumSizeHint().width() + 13, first.minimumSizeHint().height() + 17)
    size_at_close = first.size()
    first.close()
    second = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=False)
    qtbot.addWidget(second)
    second.show()
    second.load_now()
    assert second.stack.currentWidget() is second.page("skills")
    # The offscreen screen is 800 px wide and Qt fits a restored window into its screen, so
    # the height is what shows the geometry came back.
    assert second.height() == size_at_close.height()
    assert ui_settings.geometry is not None


def test_a_failed_edit_is_reported_and_leaves_nothing_to_undo(
    make_window: Callable[..., MainWindow], workspace: Workspace
) -> None:
    from planner.ui import commands

    window = make_window()
    assert window.ctx is not None
    messages: list[str] = []
    window.ctx.failed.connect(messages.append)
    profile.set_target(workspace, role="software developer")
    ok = window.ctx.push(commands.set_step_status(window.ctx, 1, "done"))  # no plan yet
    assert not ok
    assert messages and "no plan" in messages[0].lower()
    assert window.ctx.undo_stack.count() == 0


def test_the_window_module_imports_nothing_heavy() -> None:
    """Window first: the main window's module must not pull in the database layer."""
    code = (
        "import sys; import planner.ui.app, planner.ui.main_window; "
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'pydantic') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == ""


def test_a_backup_that_cannot_be_taken_is_reported_and_the_window_still_opens(
    workspace: Workspace, ui_settings: UiSettings, qtbot: QtBot
) -> None:
    from planner.store.backup import BACKUPS_FOLDER

    blocked = workspace.folder / BACKUPS_FOLDER
    blocked.write_text("a file where the backups folder goes", encoding="utf-8")
    window = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=10_000):
        window.load()  # as a start does: on the loading thread, then the opening page
    assert window.nav.isEnabled()
    assert window.statusBar().currentMessage().startswith("Today's backup was not taken")
    assert blocked.read_text(encoding="utf-8").startswith("a file")
    assert window.stack.currentWidget() is window.page("dashboard")


def test_sources_left_in_the_line_cache_by_imports_are_let_go_once_loaded(
    workspace: Workspace, ui_settings: UiSettings, qtbot: QtBot
) -> None:
    import linecache
    import threading

    from planner.ui import main_window

    assert threading.active_count() == 1, f"threads left running: {threading.enumerate()}"
    # PySide's import hook leaves each imported module's source here; this stands for them.
    linecache.getlines(main_window.__file__)
    assert main_window.__file__ in linecache.cache
    window = MainWindow(workspace=workspace, settings=ui_settings, show_first_run=False)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.settled, timeout=10_000):
        window.load()
    assert main_window.__file__ not in linecache.cache

    # Not while another thread runs: an import there could be reading the cache.
    linecache.getlines(main_window.__file__)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        window.page("skills")  # a page shown for the first time lets go of its imports'
        assert main_window.__file__ in linecache.cache
    finally:
        release.set()
        other.join()
    window.page("plan")
    assert main_window.__file__ not in linecache.cache
