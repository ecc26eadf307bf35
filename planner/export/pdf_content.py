"""What the PDF says, as a list of flowables: cover, charts, readiness, steps, tables.

Every catalog or user string passes through ``esc`` (html.escape) before it meets markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape as esc
from typing import TypeVar

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from planner.charts import (
    GapRow,
    TimelineBar,
    gap_chart_height,
    gap_rows,
    paint_gap_chart,
    paint_timeline,
    phase_bars,
    step_bars,
    timeline_height,
    timeline_span,
)
from planner.charts import gap_chart as gap_layout
from planner.charts import timeline as timeline_layout
from planner.export.flow import Chart, Flowable, Html, PageBreak, Space, Styles, Table
from planner.export.formats import format_date, format_hours, format_percent, format_span
from planner.export.pdf_blocks import PALETTE, STEP_CSS, Summary, step_html
from planner.export.report import PlanReport

T = TypeVar("T")
STATE_MARKS = {"met": "✓ met", "short": "◐ short", "missing": "✗ missing"}
NEXT_STEPS = 6

CSS = (
    f"""
p {{ margin: 0; }}
h1 {{ font-size: 21pt; font-weight: 600; margin: 0 0 2px 0; }}
h2 {{ font-size: 13.5pt; font-weight: 600; color: #0b4f8a; margin: 0 0 3px 0; }}
h3 {{ font-size: 11pt; font-weight: 600; margin: 0; }}
.kicker {{ font-size: 8pt; font-weight: 600; color: {PALETTE.muted}; }}
.lead {{ font-size: 10.5pt; color: {PALETTE.muted}; }}
.meta {{ font-size: 8pt; color: {PALETTE.muted}; }}
.intro {{ color: {PALETTE.muted}; margin-bottom: 4px; }}
.figlabel {{ font-size: 7.5pt; color: {PALETTE.muted}; }}
.figure {{ font-size: 13pt; font-weight: 600; white-space: nowrap; }}
.small {{ font-size: 8.5pt; }}
th {{ font-size: 8pt; font-weight: 600; color: {PALETTE.muted}; text-align: left; }}
td {{ font-size: 8.5pt; }}
.num {{ text-align: right; }}
.met {{ color: {PALETTE.met}; font-weight: 600; }}
.short {{ color: #b36b00; font-weight: 600; }}
.missing {{ color: {PALETTE.required}; font-weight: 600; }}
"""
    + STEP_CSS
)

Cell = str | tuple[str, str]  # markup, or (markup, css class)


def build(
    report: PlanReport, styles: Styles, page_height: float, chart_font: QFont
) -> list[Flowable]:
    """Every block of the document, in reading order."""
    b = _Builder(report, styles, page_height, chart_font)
    b.cover()
    b.charts()
    b.readiness()
    b.steps()
    b.certifications()
    b.requirements()
    return b.out


class _Builder:
    def __init__(
        self, report: PlanReport, styles: Styles, page_height: float, chart_font: QFont
    ) -> None:
        self.r = report
        self.s = styles
        self.page = page_height
        self.chart_font = chart_font
        self.line = QFontMetricsF(chart_font, styles.device).height()
        self.out: list[Flowable] = []

    # Small pieces ----------------------------------------------------------------------

    def mm(self, value: float) -> float:
        return value * self.s.device.logicalDpiY() / 25.4

    def html(self, markup: str, *, keep: bool = False) -> None:
        self.out.append(Html(self.s, markup, keep_with_next=keep))

    def space(self, mm: float) -> None:
        self.out.append(Space(self.mm(mm)))

    def heading(self, title: str, intro: str = "") -> None:
        markup = f"<h2>{esc(title)}</h2>"
        if intro:
            markup += f'<p class="intro">{esc(intro)}</p>'
        self.html(markup, keep=True)

    def chart(
        self, height: float, paint: Callable[[QPainter, QRectF], None], *, font: QFont | None = None
    ) -> None:
        font = font or self.chart_font
        self.space(1.5)  # between a heading's last line and the chart's axis labels

        def draw(painter: QPainter, rect: QRectF) -> None:
            painter.setFont(font)
            paint(painter, rect)

        self.out.append(Chart(self.s.width, height, draw))

    def table(
        self, columns: Sequence[tuple[str, int, str]], rows: Sequence[Sequence[Cell]]
    ) -> None:
        """A striped table; columns are (title, width in %, css class for the column)."""
        head = "".join(
            f'<th width="{w}%" bgcolor="{PALETTE.grid}" class="{cls}">{esc(t)}</th>'
            for t, w, cls in columns
        )
        body = []
        for i, row in enumerate(rows):
            stripe = f' bgcolor="{PALETTE.track}"' if i % 2 else ""
            cells = []
            for (_, width, cls), cell in zip(columns, row, strict=True):
                markup, extra = cell if isinstance(cell, tuple) else (cell, "")
                cells.append(f'<td width="{width}%"{stripe} class="{cls} {extra}">{markup}</td>')
            body.append(f"<tr>{''.join(cells)}</tr>")
        opening = '<table width="100%" cellspacing="0" cellpadding="3">'
        self.out.append(Table(self.s, opening, f"<tr>{head}</tr>", body))

    def _chunks(
        self, rows: list[T], height_of: Callable[[int, float], float], row: float, least: float
    ) -> list[tuple[list[T], float]]:
        """Rows split so each chart fits a page: squeezed down to ``least`` line heights per
        row before a chart is split in two, and then split into even parts."""
        room = self.page - self.mm(22)  # the heading and its intro
        fixed = height_of(0, self.line) - row * self.line
        per_page = max(1, int((room - fixed) / (least * self.line)))
        parts = max(1, -(-len(rows) // per_page))
        size = max(1, -(-len(rows) // parts))
        return [
            (rows[i : i + size], min(height_of(len(rows[i : i + size]), self.line), room))
            for i in range(0, max(len(rows), 1), size)
        ]

    # Sections --------------------------------------------------------------------------

    def cover(self) -> None:
        r, plan = self.r, self.r.plan
        who = f"for {esc(r.person_name.strip())} " if r.person_name.strip() else ""
        route = ""
        if len(plan.stages) > 1:
            route = " → ".join(esc(r.stage_title(i)) for i in range(len(plan.stages)))
            route = f'<p class="lead">Route: {route}</p>'
        self.html(
            '<p class="kicker">LEARNING PLAN</p>'
            f"<h1>{esc(r.role.title)}</h1>"
            f'<p class="lead">Prepared {who}on {format_date(r.generated_on)} · '
            f"plan from {format_date(plan.options.start_date)} to {format_date(plan.eta)}</p>"
            + route
        )
        self.space(5)
        self.out.append(Summary(self.s, r, self.mm(44), self.chart_font))
        self.space(7)
        bars = phase_bars(plan)
        self.heading("Plan at a glance", "When each phase runs, at the hours per week given.")
        # Few bars: a larger font than the other charts' reads better across the page.
        font = QFont(self.chart_font)
        font.setPointSizeF(self.chart_font.pointSizeF() * 1.2)
        height = timeline_height(len(bars), QFontMetricsF(font, self.s.device).height())
        self.chart(height, _timeline_painter(bars, None, r.generated_on), font=font)
        self.space(6)
        self.next_steps()
        self.space(6)
        role = r.role
        self.html(
            "<h3>About the role</h3>"
            f'<p class="meta">{esc(role.seniority.capitalize())} · '
            f"{esc(r.catalog.family_name(role.family))}</p>"
            f'<p style="margin-top: 3px;">{esc(role.summary)}</p>'
        )

    def next_steps(self) -> None:
        upcoming = [s for s in self.r.plan.steps if not s.finished][:NEXT_STEPS]
        if not upcoming:
            self.html("<h3>Next steps</h3><p>Every step of this plan is done.</p>")
            return
        self.html("<h3>Next steps</h3>", keep=True)
        self.space(1.5)
        self.table(
            [("#", 5, "num"), ("Step", 55, ""), ("When", 30, ""), ("Effort", 10, "num")],
            [
                [
                    str(s.position),
                    esc(s.title),
                    esc(format_span(s)),
                    format_hours(s.hours) if s.hours else "",
                ]
                for s in upcoming
            ],
        )

    def charts(self) -> None:
        r = self.r
        self.out.append(PageBreak())
        rows = gap_rows(r.catalog, r.gap)
        intro = (
            "Each skill the role asks for: your level today against the level it needs, on the "
            "0–5 scale (0 None, 1 Awareness, 2 Beginner, 3 Working, 4 Advanced, 5 Expert)."
        )
        gap_parts = self._chunks(
            rows, gap_chart_height, gap_layout.ROW_LINES, gap_layout.MIN_ROW_LINES
        )
        for i, (gap_part, height) in enumerate(gap_parts):
            self.heading(
                "Skills against the role" + (" (continued)" if i else ""), "" if i else intro
            )
            self.chart(height, _gap_painter(gap_part))
        self.out.append(PageBreak())
        bars = step_bars(r.plan)
        axis = timeline_span(bars)
        bar_parts = self._chunks(
            bars, timeline_height, timeline_layout.ROW_LINES, timeline_layout.MIN_ROW_LINES
        )
        for i, (bar_part, height) in enumerate(bar_parts):
            self.heading(
                "Timeline, step by step" + (" (continued)" if i else ""),
                "" if i else "Every step on one date axis, coloured by phase.",
            )
            self.chart(height, _timeline_painter(bar_part, axis, r.generated_on))
        self.out.append(PageBreak())

    def readiness(self) -> None:
        r = self.r
        self.heading(
            f"Readiness, item by item: {format_percent(r.readiness.percent)}",
            "How the readiness figure is made up. A required item counts three times as much "
            "as a preferred one.",
        )
        self.table(
            [
                ("Item", 40, ""),
                ("Importance", 13, ""),
                ("Where you stand", 33, ""),
                ("Points", 14, "num"),
            ],
            [
                [
                    esc(i.label),
                    esc(i.importance),
                    esc(i.detail),
                    f"{i.points:.1f} of {i.max_points:.1f}",
                ]
                for i in r.readiness.items
            ],
        )

    def steps(self) -> None:
        r, plan = self.r, self.r.plan
        self.space(9)
        self.heading(
            "The plan, step by step",
            f"Tick each box as you go. Dates assume {format_hours(plan.options.hours_per_week)} "
            f"a week from {format_date(plan.options.start_date)}.",
        )
        stage_seen = -1
        for stage, phase, steps in plan.by_phase():
            if len(plan.stages) > 1 and stage != stage_seen:
                stage_seen = stage
                self.space(3)
                self.html(
                    f"<h2>Stage {stage + 1} of {len(plan.stages)}: "
                    f"{esc(r.stage_title(stage))}</h2>",
                    keep=True,
                )
            starts = [s.planned_start for s in steps if s.planned_start]
            ends = [s.planned_end for s in steps if s.planned_end]
            span = (
                f" · {format_date(min(starts))} – {format_date(max(ends))}"
                if starts and ends
                else ""
            )
            count = f"{len(steps)} step{'s' if len(steps) != 1 else ''}"
            hours = format_hours(sum(s.hours for s in steps))
            self.space(5)
            self.html(
                f'<h3>{esc(phase.title)}</h3><p class="meta">{count} · {hours}{span}</p>', keep=True
            )
            self.space(2)
            for i, step in enumerate(steps):
                if i:
                    self.out.append(
                        Space(self.mm(3.5), rule=QColor(PALETTE.grid), width=self.s.width)
                    )
                self.html(step_html(r, step))

    def certifications(self) -> None:
        self.space(9)
        self.heading("Certifications", "Held, expired and planned, as recorded in the planner.")
        if not self.r.certifications:
            self.html('<p class="small">No certifications recorded yet.</p>')
            return
        state = {"held": "met", "expired": "missing", "planned": ""}
        self.table(
            [
                ("Certification", 32, ""),
                ("Issuer", 19, ""),
                ("Status", 10, ""),
                ("Earned", 12, ""),
                ("Expires", 12, ""),
                ("Credential", 15, ""),
            ],
            [
                [
                    esc(c.name),
                    esc(c.issuer),
                    (esc(c.status), state.get(c.status, "")),
                    format_date(c.earned_on) if c.earned_on else "",
                    format_date(c.expires_on) if c.expires_on else "",
                    esc(c.credential_id),
                ]
                for c in self.r.certifications
            ],
        )

    def requirements(self) -> None:
        r = self.r
        self.space(9)
        self.heading(
            f"What the {r.role.title} role asks for",
            f"Each requirement against where you stand on {format_date(r.gap.on)}.",
        )
        rows: list[list[Cell]] = []
        for row in r.requirement_rows():
            note = f'<br><span class="meta">{esc(row.note)}</span>' if row.note else ""
            rows.append(
                [
                    f"{esc(row.label)}{note}",
                    esc(row.importance),
                    esc(row.wanted),
                    esc(row.current),
                    (STATE_MARKS[row.state], row.state),
                ]
            )
        self.table(
            [
                ("Requirement", 43, ""),
                ("Importance", 13, ""),
                ("Asked", 14, ""),
                ("You", 16, ""),
                ("State", 14, ""),
            ],
            rows,
        )
        sources = ", ".join(esc(s) for s in r.role.sources)
        self.space(3)
        self.html(
            f'<p class="meta">Sources (the role descriptions this role was drawn from): '
            f"{sources}</p>"
        )


Painter = Callable[[QPainter, QRectF], None]


def _gap_painter(rows: Sequence[GapRow]) -> Painter:
    return lambda painter, rect: paint_gap_chart(painter, rect, rows, PALETTE)


def _timeline_painter(
    bars: Sequence[TimelineBar], axis: tuple[date, date] | None, today: date
) -> Painter:
    return lambda painter, rect: paint_timeline(
        painter, rect, bars, PALETTE, axis=axis, today=today
    )
