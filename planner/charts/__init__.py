"""Charts drawn with QPainter: the same vector code paints the window and the PDF."""

from planner.charts.gap_chart import gap_chart_height, paint_gap_chart
from planner.charts.gauge import paint_readiness_gauge, percent_text
from planner.charts.model import ChartPalette, GapRow, TimelineBar
from planner.charts.progress import (
    ProgressPoint,
    paint_progress_chart,
    progress_chart_height,
    progress_span,
)
from planner.charts.rows import gap_rows, phase_bars, step_bars
from planner.charts.timeline import paint_timeline, timeline_height, timeline_span

__all__ = [
    "ChartPalette",
    "GapRow",
    "ProgressPoint",
    "TimelineBar",
    "gap_chart_height",
    "gap_rows",
    "paint_gap_chart",
    "paint_progress_chart",
    "paint_readiness_gauge",
    "paint_timeline",
    "percent_text",
    "phase_bars",
    "progress_chart_height",
    "progress_span",
    "step_bars",
    "timeline_height",
    "timeline_span",
]
