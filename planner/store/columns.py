"""The tables' allowed values and defaults, importable without SQLAlchemy (the start-up
reads in planner.store.reads need the defaults; planner.store.models declares the tables)."""

EDUCATION_LEVELS = ("none", "associate", "bachelor", "master", "phd")
RATING_SOURCES = ("manual", "step", "import")
CERTIFICATION_STATUSES = ("held", "planned")
STEP_KINDS = ("skill", "certification", "renewal", "experience", "milestone")
STEP_STATUSES = ("todo", "in_progress", "done", "skipped")
MIN_LEVEL, MAX_LEVEL = 0, 5
# Rolling backups kept in the data folder (a preference; see services.backups).
DEFAULT_BACKUPS_TO_KEEP, MAX_BACKUPS_TO_KEEP = 10, 100
DEFAULT_HOURS_PER_WEEK = 6.0
