"""The built-in catalog with a hostile payload added to every free-text field, for the tests
that check each rendering surface (window, PDF, Markdown) shows text literally."""

from __future__ import annotations

import dataclasses
from typing import Any

from planner.catalog import Catalog, builtin_catalog

# Fields that are ids, enumerations or figures: the schema keeps them plain, so they stay.
NOT_TEXT = {
    "id", "category", "family", "seniority", "importance", "kind", "level", "skill", "any_of",
    "comes_from", "leads_to", "currency", "region", "year", "low", "high", "hours",
    "prep_hours", "validity_years", "renewal_hours", "min_years_experience",
}  # fmt: skip


def hostile(value: Any, payload: str, field: str = "") -> Any:
    """``value`` with ``payload`` added to every free-text string inside it (ids stay ids)."""
    if field in NOT_TEXT:
        return value
    if isinstance(value, str):
        return f"{value} {payload}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                f.name: hostile(getattr(value, f.name), payload, f.name)
                for f in dataclasses.fields(value)
            },
        )
    if isinstance(value, tuple):
        return tuple(hostile(v, payload, field) for v in value)
    if isinstance(value, dict):
        return {k: hostile(v, payload, field) for k, v in value.items()}
    return value


def hostile_catalog(payload: str) -> Catalog:
    base = builtin_catalog()
    parts = ("skills", "certifications", "roles", "categories", "families")
    return Catalog(
        **{part: {k: hostile(v, payload) for k, v in getattr(base, part).items()} for part in parts}
    )
