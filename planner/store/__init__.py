"""The planner's storage: the SQLite file, its tables, migrations and data functions.

Names are imported on first use (PEP 562): the tables and the repository pull in SQLAlchemy
and SQLModel (about 350 ms and 50 MB), which a start that only reads does without (see
``planner.store.reads``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planner.store import repository
    from planner.store.backup import backup_before_migration, backup_database
    from planner.store.database import head_revision, open_database
    from planner.store.engine import make_engine
    from planner.store.models import (
        CERTIFICATION_STATUSES,
        EDUCATION_LEVELS,
        MAX_LEVEL,
        MIN_LEVEL,
        RATING_SOURCES,
        STEP_KINDS,
        STEP_STATUSES,
        HeldCertification,
        Plan,
        PlanStep,
        Profile,
        SkillRating,
        UserResource,
    )
    from planner.store.paths import data_dir, database_path

_LAZY = {
    "backup_before_migration": "planner.store.backup",
    "backup_database": "planner.store.backup",
    "head_revision": "planner.store.database",
    "open_database": "planner.store.database",
    "make_engine": "planner.store.engine",
    "data_dir": "planner.store.paths",
    "database_path": "planner.store.paths",
    **dict.fromkeys(
        (
            "CERTIFICATION_STATUSES",
            "EDUCATION_LEVELS",
            "MAX_LEVEL",
            "MIN_LEVEL",
            "RATING_SOURCES",
            "STEP_KINDS",
            "STEP_STATUSES",
        ),
        "planner.store.columns",
    ),
    **dict.fromkeys(
        (
            "HeldCertification",
            "Plan",
            "PlanStep",
            "Profile",
            "SkillRating",
            "UserResource",
        ),
        "planner.store.models",
    ),
}

__all__ = [
    "CERTIFICATION_STATUSES",
    "EDUCATION_LEVELS",
    "MAX_LEVEL",
    "MIN_LEVEL",
    "RATING_SOURCES",
    "STEP_KINDS",
    "STEP_STATUSES",
    "HeldCertification",
    "Plan",
    "PlanStep",
    "Profile",
    "SkillRating",
    "UserResource",
    "backup_before_migration",
    "backup_database",
    "data_dir",
    "database_path",
    "head_revision",
    "make_engine",
    "open_database",
    "repository",
]


def __getattr__(name: str) -> Any:
    if name == "repository":
        return import_module("planner.store.repository")
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'planner.store' has no attribute {name!r}")
