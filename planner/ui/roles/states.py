"""How met / short / missing look: a word, a mark and a colour that reads in light and dark."""

from __future__ import annotations

from PySide6.QtGui import QColor

from planner.ui.theme import is_dark

STATE_WORDS: dict[str, str] = {"met": "Met", "short": "Short", "missing": "Missing"}
STATE_MARKS: dict[str, str] = {"met": "✓", "short": "◐", "missing": "✗"}
# Sorting by state puts what is furthest away first.
STATE_RANK: dict[str, int] = {"missing": 0, "short": 1, "met": 2}

# Text colours with at least 4.5:1 contrast on the light and the dark base colour.
_LIGHT = {"met": "#1a7f37", "short": "#9a6700", "missing": "#cf222e"}
_DARK = {"met": "#3fb950", "short": "#d29922", "missing": "#ff7b72"}


def state_text(state: str) -> str:
    """``✓ Met``, ``◐ Short`` or ``✗ Missing``: never colour alone."""
    return f"{STATE_MARKS.get(state, '')} {STATE_WORDS.get(state, state)}".strip()


def state_color(state: str) -> QColor:
    colors = _DARK if is_dark() else _LIGHT
    return QColor(colors.get(state, colors["missing"]))
