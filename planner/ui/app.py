"""Starting the window: the application object, its look, then the main window.

A start on a data folder that already has a window brings that window forward and exits. The
window is shown first; what its first frame does not need (the sidebar list, the channel
later starts call, the catalog and database) comes once it has painted.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from planner import APP_ID, APP_NAME
from planner.resources import resources_root
from planner.ui.frame_watch import AfterFrame
from planner.ui.single_instance import Claim, SingleInstance, bring_forward, data_folder
from planner.ui.theme import apply_palette, apply_style, follow_color_scheme, wants_dark

GC_PAUSE_MS = 10_000  # the longest the collector is off during a start
FIRST_FRAME_ICON_PX = 64  # the largest icon size the first frame carries


def make_application(
    argv: list[str] | None = None, *, icon_up_to: int | None = None
) -> QApplication:
    """The application object with the planner's name, desktop identity and icon (its sizes
    up to ``icon_up_to`` pixels only, if given: see run_app)."""
    # Created in Fusion, the planner's style: setting it from Python would cost the first
    # frame some 7 ms (see theme.apply_style).
    app = QApplication.instance() or QApplication(
        [*(argv if argv is not None else sys.argv), "-style", "Fusion"]
    )
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName("learning-path-planner")
    app.setDesktopFileName(APP_ID)
    set_window_icon(app, up_to=icon_up_to)
    return app


def set_window_icon(app: QApplication, *, up_to: int | None = None) -> None:
    """The planner's icon for every window, in each drawn size (up to ``up_to`` pixels, if
    given) so each is crisp."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for folder in sorted((resources_root() / "icons" / "hicolor").iterdir()):
        png = folder / "apps" / f"{APP_ID}.png"
        size = int(folder.name.partition("x")[0]) if folder.name[:1].isdigit() else 0
        if png.is_file() and (up_to is None or size <= up_to):
            icon.addFile(str(png))
    app.setWindowIcon(icon)


def run_app(data_dir: Path | None = None, argv: list[str] | None = None) -> int:
    # Nearly everything a start allocates (modules, classes, the catalog) lives as long as the
    # window: the collector would only walk it again and again. It comes back once the window
    # has settled, which freezes what exists by then out of its sight, or after a while
    # whatever happens (a start that went wrong must not leave it off).
    gc.disable()
    # On X11 a window carries its icon's pixels in every size it has (_NET_WM_ICON): all of
    # them, up to 512 px, cost the first frame some 16 ms under Xvfb. The first frame has the
    # sizes a title bar or a task bar shows; the rest come once the opening page is drawn.
    app = make_application(argv, icon_up_to=FIRST_FRAME_ICON_PX)
    QTimer.singleShot(GC_PAUSE_MS, gc.enable)

    folder = data_folder(data_dir)
    instance = SingleInstance(folder, app)
    claim = instance.claim()
    if claim is Claim.FORWARDED:
        print(f"The planner is already open for {folder}; brought it forward.", file=sys.stderr)
        return 0
    theme = os.environ.get("PLANNER_THEME")
    dark = wants_dark(app, theme)
    apply_palette(app, dark=dark)  # the style waits for the opening page: see apply_style

    from planner.ui.main_window import MainWindow

    window = MainWindow(data_dir)
    instance.activated.connect(lambda: _come_forward(window, folder))
    app.aboutToQuit.connect(instance.close)

    def once_settled() -> None:
        # After the opening page is drawn: on the way to it, this was 30 ms more of the
        # GIL for the loading thread to wait on (later starts wait for the channel).
        window.settled.disconnect(once_settled)  # settled again after a recovery
        gc.enable()
        set_window_icon(app)  # every size now (see make_application above)
        apply_style(app, dark=dark)
        follow_color_scheme(app, theme)
        if claim is Claim.FIRST and not instance.listen():
            instance.close()  # no channel: later starts need not wait for this one

    window.settled.connect(once_settled)

    # The loading thread imports the services and the dashboard while holding the GIL for
    # long stretches; started earlier, it would delay the very frame it waits for.
    AfterFrame(window, window.load, whole_window=True)
    window.show()
    return app.exec()


def _come_forward(window: QWidget, folder: Path) -> None:
    bring_forward(window)
    # Said on stderr too, for whoever started the first window from a terminal.
    print(f"planner: another start on {folder} brought this window forward.", file=sys.stderr)
