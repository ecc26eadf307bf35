"""Reusable widgets of the window: chart widgets that paint with planner.charts."""

from planner.ui.widgets.charts import (
    GapChartWidget,
    GaugeWidget,
    ProgressChartWidget,
    TimelineWidget,
)

__all__ = ["GapChartWidget", "GaugeWidget", "ProgressChartWidget", "TimelineWidget"]
