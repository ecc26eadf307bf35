"""The plan as a printable PDF: A4 at 300 dpi, vector charts, flowed pages, numbered footers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

import planner
from planner.errors import ExportError
from planner.export.atomic import atomic_file
from planner.export.flow import Page, Styles, paginate
from planner.export.formats import format_date
from planner.export.pdf_blocks import PALETTE
from planner.export.pdf_content import CSS, build
from planner.export.report import PlanReport

Progress = Callable[[int, int], bool]

DPI = 300
MARGIN_MM = (18.0, 16.0, 18.0, 22.0)  # left, top, right, bottom: the footer sits in the bottom
BODY_POINTS = 9.5
CHART_POINTS = 7.5

# A QGuiApplication created here (when the caller has none) must outlive the export.
_app: QGuiApplication | None = None


def _ensure_gui_application() -> None:
    """Fonts and painting need an application object; a PDF needs no screen, so one made
    here (for the command line) uses the offscreen platform and works with no display."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["planner", "-platform", "offscreen"])


def export_pdf(report: PlanReport, path: Path, *, progress: Progress | None = None) -> None:
    """Write ``report`` to ``path`` as a PDF, all or nothing.

    ``progress(done, total)`` is called after each page is drawn; returning False cancels
    the export with ExportError("cancelled") and leaves no file behind.
    """
    _ensure_gui_application()
    # The temporary file is created first: an unwritable path fails before the work starts.
    with atomic_file(Path(path)) as handle:
        handle.write(render_pdf(report, progress=progress))


def _mm(value: float) -> float:
    return value * DPI / 25.4


def _font(points: float) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    font.setPointSizeF(points)
    return font


def render_pdf(report: PlanReport, *, progress: Progress | None = None) -> bytes:
    """The PDF's bytes (rendered in memory; ``export_pdf`` writes them out)."""
    _ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),  # margins are drawn here, so the footer can sit inside them
        )
    )
    title = f"Learning plan: {report.role.title}"
    writer.setTitle(title + (f" — {report.person_name}" if report.person_name.strip() else ""))
    writer.setAuthor(report.person_name)
    writer.setCreator(f"Learning-path planner {planner.version()}")

    full = writer.pageLayout().fullRectPixels(DPI)
    left, top, right, bottom = (_mm(m) for m in MARGIN_MM)
    width = full.width() - left - right
    height = full.height() - top - bottom
    styles = Styles(writer, width, _font(BODY_POINTS), CSS)
    pages = paginate(build(report, styles, height, _font(CHART_POINTS)), height)

    painter = QPainter()
    if not painter.begin(writer):
        raise ExportError("Cannot start the PDF: Qt could not open its paint device.")
    try:
        for number, page in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            _draw_page(painter, page, left, top, width, height)
            _footer(painter, report, number, len(pages), left, full.height() - bottom, width)
            if progress is not None and not progress(number, len(pages)):
                raise ExportError("cancelled")
    finally:
        painter.end()
        buffer.close()
    return bytes(data.data())


def _draw_page(
    painter: QPainter, page: Page, left: float, top: float, width: float, height: float
) -> None:
    painter.save()
    painter.translate(left, top)
    # Nothing may spill into the margins, even a block too tall to split.
    painter.setClipRect(QRectF(0, 0, width, height))
    for flowable, y in page:
        flowable.draw(painter, y)
    painter.restore()


def _footer(
    painter: QPainter,
    report: PlanReport,
    number: int,
    total: int,
    left: float,
    top: float,
    width: float,
) -> None:
    painter.save()
    y = top + _mm(6)
    painter.setPen(QPen(QColor(PALETTE.grid), _mm(0.2)))
    painter.drawLine(int(left), int(y), int(left + width), int(y))
    painter.setFont(_font(CHART_POINTS))
    painter.setPen(QColor(PALETTE.muted))
    text = QRectF(left, y + _mm(1.5), width, _mm(5))
    who = f" for {report.person_name}" if report.person_name.strip() else ""
    caption = f"{report.role.title} — learning plan{who} · {format_date(report.generated_on)}"
    page = f"Page {number} of {total}"
    page_width = painter.fontMetrics().horizontalAdvance(page) + _mm(4)
    caption = painter.fontMetrics().elidedText(
        caption, Qt.TextElideMode.ElideRight, int(width - page_width)
    )
    painter.drawText(text, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), caption)
    painter.drawText(text, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), page)
    painter.restore()
