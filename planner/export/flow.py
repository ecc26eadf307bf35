"""A small page-layout engine: blocks of rich text, tables and charts flowed onto pages.

Each block is laid out once at the page width, measured, and placed whole on a page when it
fits, so a step never starts at the foot of one page and ends on the next. Tables split
between rows and repeat their header row; text taller than a whole page is cut at line
boundaries by Qt's own pagination. All lengths are in device pixels of the paint device.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QColor, QFont, QPagedPaintDevice, QPainter, QPen, QTextDocument


class SafeDocument(QTextDocument):
    """A text document that never loads a resource: no file, no image, no style sheet.

    Every text is escaped before it gets here; this is the second lock on the same door.
    """

    def loadResource(self, type: int, name: QUrl | str) -> object:
        return None


class Flowable(Protocol):
    height: float
    keep_with_next: bool
    discardable: bool  # dropped when it would open a page (spacing, rules)

    def draw(self, painter: QPainter, top: float) -> None: ...

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        """A first part no taller than ``available`` and the rest, or None if it cannot."""
        ...


@dataclass
class Styles:
    """How documents are made: device for measuring, width, default font and style sheet."""

    device: QPagedPaintDevice
    width: float
    font: QFont
    css: str

    def document(self, html: str) -> SafeDocument:
        doc = SafeDocument()
        doc.documentLayout().setPaintDevice(self.device)
        doc.setDefaultFont(self.font)
        doc.setDefaultStyleSheet(self.css)
        doc.setDocumentMargin(0)
        doc.setHtml(html)
        doc.setTextWidth(self.width)
        return doc


class Html:
    """A block of rich text, drawn whole; cut at line boundaries only if taller than a page."""

    def __init__(self, styles: Styles, html: str, *, keep_with_next: bool = False) -> None:
        self.styles = styles
        self.html = html
        self.doc = styles.document(html)
        self.height = self.doc.size().height()
        self.keep_with_next = keep_with_next
        self.discardable = False

    def draw(self, painter: QPainter, top: float) -> None:
        painter.save()
        painter.translate(0, top)
        self.doc.drawContents(painter, QRectF(0, 0, self.styles.width, self.height))
        painter.restore()

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        if available < page:
            return None  # start it on a fresh page first
        doc = self.styles.document(self.html)
        doc.setPageSize(QSizeF(self.styles.width, page))
        pieces = [_Slice(doc, self.styles.width, i * page, page) for i in range(doc.pageCount())]
        if len(pieces) < 2:
            return None
        return pieces[0], _Sequence(pieces[1:])


class _Slice:
    """One page's worth of a document that Qt paginated."""

    def __init__(self, doc: QTextDocument, width: float, offset: float, height: float) -> None:
        self.doc, self.width, self.offset, self.height = doc, width, offset, height
        self.keep_with_next = False
        self.discardable = False

    def draw(self, painter: QPainter, top: float) -> None:
        painter.save()
        painter.translate(0, top - self.offset)
        self.doc.drawContents(painter, QRectF(0, self.offset, self.width, self.height))
        painter.restore()

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        return None


class _Sequence:
    """The remaining slices of a paginated document, each placed on its own page."""

    def __init__(self, pieces: Sequence[_Slice]) -> None:
        self.pieces = list(pieces)
        self.height = self.pieces[0].height if len(self.pieces) == 1 else float("inf")
        self.keep_with_next = False
        self.discardable = False

    def draw(self, painter: QPainter, top: float) -> None:
        self.pieces[0].draw(painter, top)

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        if len(self.pieces) < 2 or available < page:
            return None
        return self.pieces[0], _Sequence(self.pieces[1:])


class Table:
    """An HTML table that splits between rows and repeats its header on every page.

    ``head`` is the header row's ``<tr>…</tr>``, ``rows`` one ``<tr>…</tr>`` each, and
    ``table`` the opening tag (with the column widths fixed, so every part lines up).
    """

    def __init__(self, styles: Styles, table: str, head: str, rows: Sequence[str]) -> None:
        self.styles, self.table, self.head, self.rows = styles, table, head, list(rows)
        self.doc = styles.document(self._markup(self.rows))
        self.height = self.doc.size().height()
        self.keep_with_next = False
        self.discardable = False

    def _markup(self, rows: Sequence[str]) -> str:
        return f"{self.table}<thead>{self.head}</thead><tbody>{''.join(rows)}</tbody></table>"

    def draw(self, painter: QPainter, top: float) -> None:
        painter.save()
        painter.translate(0, top)
        self.doc.drawContents(painter, QRectF(0, 0, self.styles.width, self.height))
        painter.restore()

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        # Grow the first part row by row; tables here have tens of rows, so this is cheap.
        fits = 0
        for count in range(1, len(self.rows)):
            doc = self.styles.document(self._markup(self.rows[:count]))
            if doc.size().height() > available:
                break
            fits = count
        if fits == 0:
            return None
        return (
            Table(self.styles, self.table, self.head, self.rows[:fits]),
            Table(self.styles, self.table, self.head, self.rows[fits:]),
        )


class Chart:
    """Vector drawing of a fixed height, done by ``paint(painter, rect)``."""

    def __init__(
        self,
        width: float,
        height: float,
        paint: Callable[[QPainter, QRectF], None],
        *,
        keep_with_next: bool = False,
    ) -> None:
        self.width, self.height, self.paint = width, height, paint
        self.keep_with_next = keep_with_next
        self.discardable = False

    def draw(self, painter: QPainter, top: float) -> None:
        painter.save()
        self.paint(painter, QRectF(0, top, self.width, self.height))
        painter.restore()

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        return None


class Space:
    """Vertical space, or a thin rule across the page; never opens a page."""

    def __init__(self, height: float, *, rule: QColor | None = None, width: float = 0.0) -> None:
        self.height, self.rule, self.width = height, rule, width
        self.keep_with_next = False
        self.discardable = True

    def draw(self, painter: QPainter, top: float) -> None:
        if self.rule is not None:
            painter.save()
            painter.setPen(QPen(self.rule, max(1.0, self.height * 0.04)))
            y = top + self.height / 2
            painter.drawLine(QPointF(0, y), QPointF(self.width, y))
            painter.restore()

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        return None


class PageBreak:
    height = 0.0
    keep_with_next = False
    discardable = True

    def draw(self, painter: QPainter, top: float) -> None:
        pass

    def split(self, available: float, page: float) -> tuple[Flowable, Flowable] | None:
        return None


Page = list[tuple[Flowable, float]]


def _lead(flowable: Flowable, page: float) -> float:
    """The least of ``flowable`` that must share a page with what keeps with it."""
    if isinstance(flowable, Table):
        return min(flowable.height, page / 4)
    return min(flowable.height, page / 3)


def paginate(flowables: Sequence[Flowable], page: float) -> list[Page]:
    """Place every flowable on a page of height ``page``; returns (flowable, top) per page."""
    pages: list[Page] = [[]]
    y = 0.0
    queue: deque[Flowable] = deque(flowables)

    def new_page() -> None:
        nonlocal y
        while pages[-1] and pages[-1][-1][0].discardable:  # no rule or space closes a page
            pages[-1].pop()
        if pages[-1]:
            pages.append([])
        y = 0.0

    while queue:
        item = queue.popleft()
        if isinstance(item, PageBreak):
            new_page()
            continue
        if item.discardable and y == 0.0:
            continue
        need = item.height
        # A heading keeps with the start of what follows (through any spacing after it, and
        # through a chain of headings: a section title, then a phase title, then a step).
        if item.keep_with_next:
            for following in queue:
                if isinstance(following, PageBreak):
                    break
                if following.discardable:
                    continue
                if not following.keep_with_next:
                    need += _lead(following, page)
                    break
                need += following.height
        if y + need <= page or (y == 0.0 and item.height <= page):
            pages[-1].append((item, y))
            y += item.height
            continue
        if item.discardable:
            new_page()
            continue
        parts = item.split(page - y, page)
        if parts is not None:
            first, rest = parts
            pages[-1].append((first, y))
            new_page()
            queue.appendleft(rest)
        elif y > 0.0:
            new_page()
            queue.appendleft(item)
        else:  # taller than a page and cannot split: drawn clipped rather than lost
            pages[-1].append((item, y))
            new_page()
    if not pages[-1] and len(pages) > 1:
        pages.pop()
    return pages
