"""The one family of errors the planner raises on purpose.

Anything derived from PlannerError is an expected failure of the user's world (a wrong name,
a damaged file, a full disk) and becomes a clear message; anything else is a bug.
"""


class PlannerError(Exception):
    """An expected failure, shown to the user as its message."""


class NotFoundError(PlannerError):
    """A role, skill, certification or step the user named does not exist."""


class InvalidInputError(PlannerError):
    """A value the user gave is outside what the planner accepts."""


class CatalogError(PlannerError):
    """A catalog file is missing or does not validate."""


class StorageError(PlannerError):
    """The database file cannot be opened, read or written."""


class ExportError(PlannerError):
    """An export could not be written."""


class UnusableDatabaseError(StorageError):
    """The database file is not one this planner can use: damaged, truncated, another
    program's, or from a newer version. It was left untouched; the person may set it aside
    and restore a backup or start with an empty database."""

    def __init__(self, message: str, path: object) -> None:
        super().__init__(message)
        self.path = path
