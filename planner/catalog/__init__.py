"""The role catalog: skills, certifications and roles, loaded from resources/catalog.

Names are imported on first use (PEP 562), so that `planner.catalog.scale` costs nothing:
the window needs the scale before its first paint. The shipped catalog comes from a validated
cache (planner.catalog.cache) when it can, without pydantic or tomllib.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.catalog.catalog import Catalog, NameIndex, normalise_name
    from planner.catalog.loader import load_catalog, load_role_file

__all__ = [
    "Catalog",
    "NameIndex",
    "builtin_catalog",
    "load_catalog",
    "load_role_file",
    "normalise_name",
]

_LAZY = {
    "Catalog": "planner.catalog.catalog",
    "NameIndex": "planner.catalog.catalog",
    "normalise_name": "planner.catalog.catalog",
    "load_catalog": "planner.catalog.loader",
    "load_role_file": "planner.catalog.loader",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'planner.catalog' has no attribute {name!r}")


@cache
def builtin_catalog() -> Catalog:
    """The catalog shipped with the app (loaded once per process, from the cache if current)."""
    from planner.catalog.cache import cached_catalog
    from planner.resources import resource_path

    return cached_catalog(Path(resource_path("catalog")))
