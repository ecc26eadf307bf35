"""Blocks of the PDF with their own shape: a plan step (box, title, dates, why, topics,
notes) and the summary (figures beside the readiness gauge).

Every catalog or user string passes through ``esc`` (html.escape) before it meets markup.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape as esc

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPainter

from planner.charts import ChartPalette, paint_readiness_gauge
from planner.export.flow import Html, Styles
from planner.export.formats import format_date, format_hours, format_span
from planner.export.report import PlanReport
from planner.planning.model import Step

PALETTE = ChartPalette.light()
BOX, TICKED = "\u2610", "\u2611"  # ☐ ☑
STATUS_WORDS = {"in_progress": "in progress", "skipped": "skipped"}

STEP_CSS = f"""
.box {{ font-size: 14pt; }}
.steptitle {{ font-size: 10pt; font-weight: 600; }}
.label {{ font-size: 8pt; font-weight: 600; color: {PALETTE.muted}; margin-top: 4px; }}
.link {{ font-size: 8pt; color: {PALETTE.muted}; }}
.notes {{ font-size: 8.5pt; background-color: #fdf6d8; white-space: pre-wrap; }}
.finished {{ color: {PALETTE.muted}; }}
"""


def step_html(report: PlanReport, step: Step) -> str:
    """The step as a two-column table: its check box, then everything about it."""
    done = step.status == "done"
    # The box is styled inline: Qt does not carry the cell's font size into a span.
    color = PALETTE.met if done else PALETTE.text
    box = f'<span style="font-size: 14pt; color: {color};">{TICKED if done else BOX}</span>'
    meta = [format_span(step)]
    if step.hours:
        meta.append(format_hours(step.hours))
    if done:
        meta.append(f"done on {format_date(step.completed_on)}" if step.completed_on else "done")
    elif step.status in STATUS_WORDS:
        meta.append(STATUS_WORDS[step.status])
    title_class = "steptitle finished" if step.finished else "steptitle"
    body = [
        f'<p class="{title_class}">{step.position}.&nbsp;{esc(step.title)}</p>',
        f'<p class="meta">{esc(" · ".join(meta))}</p>',
    ]
    if step.reasons:
        body.append(f'<p class="small" style="margin-top: 3px;"><b>Why:</b> {esc(step.why)}</p>')
    topics = report.step_topics(step)
    if topics:
        ticked = [done or report.topic_done(step, i) for i in range(len(topics))]
        body.append('<p class="label">Topics</p>' + checklist(topics, ticked))
    if step.suggestions:
        items = "".join(_bullet(esc(s)) for s in step.suggestions)
        body.append('<p class="label">Ways to gain it</p>' + items)
    resources = report.step_resources(step)
    if resources:
        lines = []
        for res in resources:
            link = f'<br><span class="link">{esc(res.link)}</span>' if res.link else ""
            lines.append(
                _bullet(f'{esc(res.title)} <span class="meta">({esc(res.kind)})</span>{link}')
            )
        body.append('<p class="label">Resources</p>' + "".join(lines))
    if step.notes.strip():
        body.append(
            '<p class="label">Your notes</p>'
            '<table width="100%" cellspacing="0" cellpadding="4"><tr>'
            f'<td class="notes">{esc(step.notes.strip())}</td></tr></table>'
        )
    return (
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="24">{box}</td><td>{"".join(body)}</td></tr></table>'
    )


def _bullet(markup: str) -> str:
    # A hanging indent, so a wrapped line starts under the text and not under the bullet.
    return f'<p class="small" style="margin-left: 9px; text-indent: -9px;">•&nbsp;{markup}</p>'


def checklist(topics: list[str], ticked: list[bool]) -> str:
    """Topics in two columns, each with its own box, so they can be ticked on paper."""
    cells = [
        f'<td width="14" class="small">{TICKED if done else BOX}</td>'
        f'<td width="48%" class="small">{esc(topic)}</td>'
        for topic, done in zip(topics, ticked, strict=True)
    ]
    if len(cells) % 2:
        cells.append('<td width="14"></td><td width="48%"></td>')
    rows = "".join(f"<tr>{cells[i]}{cells[i + 1]}</tr>" for i in range(0, len(cells), 2))
    return f'<table width="100%" cellspacing="0" cellpadding="1">{rows}</table>'


class Summary:
    """The key figures as cards on the left, the readiness gauge on the right."""

    def __init__(self, styles: Styles, report: PlanReport, gauge: float, chart_font: QFont) -> None:
        self.gauge, self.width, self.chart_font = gauge, styles.width, chart_font
        self.percent = report.readiness.percent
        cells = [
            f'<td width="33%" bgcolor="{PALETTE.track}"><p class="figlabel">{esc(label)}</p>'
            f'<p class="figure">{esc(value)}</p></td>'
            for label, value in report.summary()
        ]
        rows = "".join(f"<tr>{''.join(cells[i : i + 3])}</tr>" for i in range(0, len(cells), 3))
        inner = replace(styles, width=styles.width - gauge * 1.2)
        self.cards = Html(
            inner, f'<table width="100%" cellspacing="4" cellpadding="6">{rows}</table>'
        )
        self.height = max(self.cards.height, gauge)
        self.keep_with_next = False
        self.discardable = False

    def draw(self, painter: QPainter, top: float) -> None:
        self.cards.draw(painter, top + (self.height - self.cards.height) / 2)
        painter.save()
        painter.setFont(self.chart_font)
        side = self.gauge
        rect = QRectF(self.width - side, top + (self.height - side) / 2, side, side)
        paint_readiness_gauge(painter, rect, self.percent, PALETTE)
        painter.restore()

    def split(self, available: float, page: float) -> None:
        return None
