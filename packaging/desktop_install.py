"""Add the built planner to this user's application menu on Linux, and take it out again.

Follows the freedesktop layout under ``$XDG_DATA_HOME`` (``~/.local/share``): the desktop entry
in ``applications/``, the icons in ``icons/hicolor/``, the AppStream file in ``metainfo/``.
Only files named by the planner's id are written or removed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
sys.path.insert(0, str(ROOT))
from planner import APP_ID  # noqa: E402  (planner/__init__ needs no dependencies)


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _targets(home: Path) -> dict[Path, Path]:
    """Installed path -> the file in resources/ it comes from."""
    icons = RESOURCES / "icons"
    targets = {
        home / "applications" / f"{APP_ID}.desktop": RESOURCES / "desktop" / f"{APP_ID}.desktop",
        home / "metainfo" / f"{APP_ID}.metainfo.xml": RESOURCES
        / "desktop"
        / f"{APP_ID}.metainfo.xml",
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg": icons / "planner.svg",
    }
    for png in sorted((icons / "hicolor").glob(f"*/apps/{APP_ID}.png")):
        targets[home / "icons" / png.relative_to(icons)] = png
    return targets


def _quote_exec(path: Path) -> str:
    """A path as the Exec key wants it: quoted, with the characters it reserves escaped."""
    text = str(path)
    for char in ("\\", '"', "`", "$"):
        text = text.replace(char, "\\" + char)
    return f'"{text}"'


def desktop_entry(template: str, executable: Path) -> str:
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append(f"TryExec={executable}")
            line = f"Exec={_quote_exec(executable)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def metainfo(template: str, version: str, built: date) -> str:
    """The AppStream file with this build's release: the version is written in one place
    (pyproject.toml), so the file in resources/ names none; the date is the build's."""
    release = (
        f'  <releases>\n    <release version="{version}" date="{built.isoformat()}"/>\n'
        "  </releases>\n"
    )
    return template.replace("</component>", release + "</component>")


def bundle_version(executable: Path) -> str:
    done = subprocess.run(
        [str(executable), "--version"], capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.split()[-1]


def install(executable: Path, home: Path | None = None) -> list[Path]:
    home = home or data_home()
    executable = executable.resolve()
    version = bundle_version(executable)
    written = []
    for target, source in _targets(home).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".desktop":
            target.write_text(desktop_entry(source.read_text("utf-8"), executable), "utf-8")
        elif target.name.endswith(".metainfo.xml"):
            built = date.fromtimestamp(executable.stat().st_mtime)
            target.write_text(metainfo(source.read_text("utf-8"), version, built), "utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    _refresh_caches(home)
    return written


def uninstall(home: Path | None = None) -> list[Path]:
    home = home or data_home()
    removed = []
    for target in _targets(home):
        if target.exists():
            target.unlink()
            removed.append(target)
    _refresh_caches(home)
    return removed


def _refresh_caches(home: Path) -> None:
    """Menus and icon themes pick the change up at once where their cache tools exist."""
    for tool, folder in (
        ("update-desktop-database", home / "applications"),
        ("gtk-update-icon-cache", home / "icons" / "hicolor"),
    ):
        if shutil.which(tool) and folder.is_dir():
            args = (
                [tool, "-q", str(folder)]
                if tool.startswith("update")
                else [tool, "-q", "-t", "-f", str(folder)]
            )
            subprocess.run(args, check=False, capture_output=True, timeout=60)
