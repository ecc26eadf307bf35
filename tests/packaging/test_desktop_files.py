"""Desktop integration on Linux: the entry, the AppStream file and the icons in resources/, as
the freedesktop validators read them, and their installation for the current user."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

import planner
from planner.resources import resources_root

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import desktop_install  # noqa: E402

RESOURCES = resources_root()
DESKTOP = RESOURCES / "desktop" / f"{planner.APP_ID}.desktop"
METAINFO = RESOURCES / "desktop" / f"{planner.APP_ID}.metainfo.xml"
ICONS = RESOURCES / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(args[0]) is None:
        pytest.fail(f"{args[0]} is missing: .ci/run installs it (desktop-file-utils, appstream)")
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)


def _desktop_keys(path: Path) -> dict[str, str]:
    lines = path.read_text("utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


def test_the_desktop_entry_is_valid_and_names_the_app() -> None:
    done = _validate("desktop-file-validate", str(DESKTOP))
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout
    keys = _desktop_keys(DESKTOP)
    assert keys["Name"] == planner.APP_NAME
    assert keys["Icon"] == planner.APP_ID
    assert keys["Exec"] == "planner"  # the installed package's command
    assert keys["Terminal"] == "false"


def test_the_appstream_file_is_valid() -> None:
    done = _validate("appstreamcli", "validate", "--no-net", str(METAINFO))
    assert done.returncode == 0, done.stdout + done.stderr
    text = METAINFO.read_text("utf-8")
    assert f"<id>{planner.APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{planner.APP_ID}.desktop</launchable>' in text
    assert "<release " not in text  # the version is written once, in pyproject.toml


@pytest.mark.parametrize("size", PNG_SIZES)
def test_every_icon_size_is_drawn(size: int) -> None:
    image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{planner.APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    # Transparent corners (a rounded tile), an opaque middle: a drawing, not a blank square.
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size - size // 4).alpha() == 255


def test_the_windows_and_macos_icons_hold_several_sizes(qapp: object) -> None:
    ico = QImageReader(str(ICONS / "planner.ico"))
    assert ico.imageCount() >= 6
    sizes = set()
    for n in range(ico.imageCount()):
        ico.jumpToImage(n)
        sizes.add(ico.read().width())
    assert {16, 32, 48, 256} <= sizes
    data = (ICONS / "planner.icns").read_bytes()
    assert data[:4] == b"icns" and int.from_bytes(data[4:8], "big") == len(data)
    assert b"ic09" in data  # the 512-pixel image, which macOS's Finder and Dock use


def test_install_and_uninstall_for_the_current_user(tmp_path: Path) -> None:
    # A real executable that answers --version as the bundle does.
    executable = tmp_path / "my apps" / "planner"
    executable.parent.mkdir()
    executable.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m planner.cli "$@"\n')
    executable.chmod(0o755)
    home = tmp_path / "share"
    unrelated = home / "applications" / "other.desktop"
    unrelated.parent.mkdir(parents=True)
    unrelated.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")

    written = desktop_install.install(executable, home)

    entry = home / "applications" / f"{planner.APP_ID}.desktop"
    keys = _desktop_keys(entry)
    assert keys["Exec"] == f'"{executable}"'
    assert keys["TryExec"] == str(executable)
    assert _validate("desktop-file-validate", str(entry)).returncode == 0
    info = home / "metainfo" / f"{planner.APP_ID}.metainfo.xml"
    built = date.fromtimestamp(executable.stat().st_mtime).isoformat()
    assert f'<release version="{planner.version()}" date="{built}"/>' in info.read_text("utf-8")
    done = _validate("appstreamcli", "validate", "--no-net", str(info))
    assert done.returncode == 0, done.stdout
    assert (home / "icons/hicolor/scalable/apps" / f"{planner.APP_ID}.svg").is_file()
    for size in PNG_SIZES:
        assert (home / f"icons/hicolor/{size}x{size}/apps/{planner.APP_ID}.png").is_file()
    assert len(written) == len(PNG_SIZES) + 3

    removed = desktop_install.uninstall(home)
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert unrelated.exists()


def test_the_window_shows_the_icon_and_the_name(qapp: object) -> None:
    from planner.ui.app import make_application

    app = make_application()
    assert app.applicationDisplayName() == planner.APP_NAME
    assert app.desktopFileName() == planner.APP_ID
    icon = app.windowIcon()
    assert not icon.isNull()
    assert {16, 32, 48, 256} <= {s.width() for s in icon.availableSizes()}
    assert not icon.pixmap(64, 64).toImage().isNull()
