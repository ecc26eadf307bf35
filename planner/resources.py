"""One place that finds the planner's bundled resources (catalog, icons).

The same names resolve from a source checkout (``resources/`` at the top of the repository),
an installed wheel (``planner/_resources``) and a PyInstaller bundle (``_resources`` beside the
executable's unpacked modules).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from planner.errors import PlannerError

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    roots = [_PACKAGE_DIR / "_resources", _PACKAGE_DIR.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.insert(0, Path(bundle) / "planner" / "_resources")
    return roots


@cache
def resources_root() -> Path:
    """The folder that holds ``catalog/`` and ``icons/``."""
    for root in _candidates():
        if (root / "catalog").is_dir():
            return root
    tried = ", ".join(str(p) for p in _candidates())
    raise PlannerError(f"The planner's resources are missing (looked in {tried}); reinstall it.")


def resource_path(*parts: str) -> Path:
    """The path of a bundled resource; fails loudly when it does not exist."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise PlannerError(f"Missing resource {'/'.join(parts)} (looked in {resources_root()}).")
    return path
