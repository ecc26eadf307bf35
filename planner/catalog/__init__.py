"""The role catalog: skills, certifications and roles, loaded from resources/catalog."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from planner.catalog.catalog import Catalog, NameIndex, normalise_name
from planner.catalog.loader import load_catalog

__all__ = ["Catalog", "NameIndex", "builtin_catalog", "load_catalog", "normalise_name"]


@cache
def builtin_catalog() -> Catalog:
    """The catalog shipped with the app (loaded once per process)."""
    from planner.resources import resource_path

    return load_catalog(Path(resource_path("catalog")))
