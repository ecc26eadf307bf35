"""Render the application icon from its SVG into every file the platforms want.

    python packaging/make_icons.py

Writes, next to ``resources/icons/planner.svg``: the freedesktop PNG sizes under
``hicolor/<n>x<n>/apps/``, ``planner.ico`` (Windows, several sizes in one file) and
``planner.icns`` (macOS). The outputs are committed, so building the bundle needs neither Qt's
SVG renderer at build time nor this script; run it again after changing the SVG.
Qt draws the SVG (so every size is rendered from the vector, not scaled down from a bitmap);
Pillow packs the multi-size .ico and .icns, which Qt's image writers can only write one size of.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "planner.svg"
APP_ID = "org.learningpathplanner.Planner"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"make_icons: {SVG} is not a valid SVG", file=sys.stderr)
        return 1
    rendered = {size: render(renderer, size) for size in {*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES}}
    for size in PNG_SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        rendered[size].save(folder / f"{APP_ID}.png", optimize=True)
    largest = rendered[max(ICO_SIZES)]
    largest.save(
        ICONS / "planner.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[rendered[s] for s in ICO_SIZES],
    )
    rendered[max(ICNS_SIZES)].save(
        ICONS / "planner.icns", append_images=[rendered[s] for s in ICNS_SIZES]
    )
    print(f"make_icons: wrote {len(PNG_SIZES)} PNG sizes, planner.ico and planner.icns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
