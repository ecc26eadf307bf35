"""The one proficiency scale used everywhere: 0–5, stored as integers, shown with names."""

from __future__ import annotations

from typing import Final

MIN_LEVEL: Final = 0
MAX_LEVEL: Final = 5

LEVEL_NAMES: Final[tuple[str, ...]] = (
    "None",
    "Awareness",
    "Beginner",
    "Working",
    "Advanced",
    "Expert",
)

LEVEL_MEANINGS: Final[tuple[str, ...]] = (
    "has not met it yet",
    "knows what it is",
    "can do it with guidance",
    "does it independently",
    "handles hard cases, teaches others",
    "sets direction, recognised authority",
)


def level_name(level: int) -> str:
    """The name of a level, e.g. ``level_name(3) == "Working"``."""
    return LEVEL_NAMES[level]


def level_label(level: int) -> str:
    """Number and name together, e.g. ``"3 Working"``."""
    return f"{level} {LEVEL_NAMES[level]}"
