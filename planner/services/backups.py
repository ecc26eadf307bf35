"""Backups of the person's database: rolling copies (one a day on start, the newest N kept),
a copy on demand, restoring one, and the ways out of a database that cannot be opened."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from planner.errors import InvalidInputError, UnusableDatabaseError
from planner.services.workspace import Workspace
from planner.store import reads
from planner.store.backup import (
    Backup,
    backups_folder,
    list_backups,
    prune_backups,
    take_rolling_backup,
)
from planner.store.columns import MAX_BACKUPS_TO_KEEP
from planner.store.database import check_database
from planner.store.recovery import restore_database, set_aside

__all__ = [
    "MAX_BACKUPS_TO_KEEP",
    "Backup",
    "RestoreResult",
    "auto_backup",
    "back_up_now",
    "backups",
    "backups_to_keep",
    "restore_backup",
    "set_backups_to_keep",
    "start_afresh",
]


class RestoreResult(NamedTuple):
    restored_from: Path
    copy_of_previous: Path | None  # a rolling backup of the data the restore replaced
    set_aside: Path | None  # the unusable file moved out of the way, if there was one


def backups(ws: Workspace) -> list[Backup]:
    """The rolling backups of this data folder, newest first (the database is not opened)."""
    return list_backups(backups_folder(ws.folder))


def backups_to_keep(ws: Workspace) -> int:
    with ws.reading() as connection:
        return reads.profile(connection).backups_to_keep


def set_backups_to_keep(ws: Workspace, keep: int) -> int:
    """Change how many rolling backups are kept; the oldest beyond it go at once."""
    if not 1 <= keep <= MAX_BACKUPS_TO_KEEP:
        raise InvalidInputError(f"Keep between 1 and {MAX_BACKUPS_TO_KEEP} backups, not {keep}.")
    from planner.store import repository  # a write: SQLAlchemy (see store.reads)

    with ws.transaction() as session:
        repository.get_profile(session=session).backups_to_keep = keep
    prune_backups(backups_folder(ws.folder), keep)
    return keep


def back_up_now(ws: Workspace, now: datetime | None = None) -> Path:
    """Copy the database into the backups folder now; the oldest beyond the count are deleted."""
    keep = backups_to_keep(ws)  # opens (and if need be migrates) the database first
    folder = backups_folder(ws.folder)
    copy = take_rolling_backup(ws.database_file, folder, now)
    prune_backups(folder, keep)
    return copy


def auto_backup(ws: Workspace, now: datetime | None = None) -> Path | None:
    """The backup taken on start: one a calendar day at most. Returns the copy, if one was made."""
    now = now or datetime.now()
    newest = next(iter(backups(ws)), None)
    if newest is not None and newest.taken_at.date() >= now.date():
        return None
    return back_up_now(ws, now)


def restore_backup(ws: Workspace, source: Path, now: datetime | None = None) -> RestoreResult:
    """Replace the data with the backup ``source``, keeping what was there.

    A usable current database is first copied into the backups folder; an unusable one is set
    aside with the time in its name. A backup from an older version is upgraded on opening.
    """
    source = Path(source).expanduser().absolute()
    if not source.is_file():
        raise InvalidInputError(f"There is no backup file at {source}.")
    check_database(source)  # before anything changes
    ws.close()
    live = ws.database_file
    copy: Path | None = None
    aside: Path | None = None
    if live.exists():
        try:
            check_database(live)
        except UnusableDatabaseError:
            aside = set_aside(live, now)
        else:
            copy = take_rolling_backup(live, backups_folder(ws.folder), now)
    restore_database(source, live)
    _ = ws.engine  # open it now: an upgrade (or its failure) belongs to this action
    return RestoreResult(source, copy, aside)


def start_afresh(ws: Workspace, now: datetime | None = None) -> Path | None:
    """Set the current database file aside (never deleted) and open an empty one.
    Returns where the old file went, or None if there was none."""
    ws.close()
    live = ws.database_file
    aside = set_aside(live, now) if live.exists() else None
    _ = ws.engine
    return aside
