"""Learning-path planner: from the role you want to where you stand, step by dated step.

The version is read from the installed package's metadata (pyproject.toml is the one place it
is written). Reading metadata costs tens of milliseconds, so it is done on first use, never at
import: ``planner.version()`` or ``planner.__version__``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

DISTRIBUTION = "learning-path-planner"
APP_NAME = "Learning-path planner"
# The reverse-DNS id that the desktop entry, the AppStream file and the icons are named by
# (resources/desktop, resources/icons); Wayland matches a window to its entry by it.
APP_ID = "org.learningpathplanner.Planner"


@cache
def version() -> str:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return version()
    raise AttributeError(f"module 'planner' has no attribute {name!r}")
