"""The planner's storage: the SQLite file, its tables, migrations and data functions."""

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
