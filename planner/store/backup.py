"""Copies of the database file, taken with SQLite's backup API (consistent even while in use),
and the rolling backups kept in the data folder's ``backups`` folder."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from planner.errors import StorageError


def read_only_uri(path: Path) -> str:
    """An SQLite URI that opens ``path`` read-only, so that reading never changes the file."""
    return Path(path).absolute().as_uri() + "?mode=ro"


def backup_database(source: Path, target: Path) -> Path:
    """Copy the database ``source`` to the new file ``target`` (owner-only); never overwrites."""
    source, target = Path(source), Path(target)
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(
            f"Cannot create the backup file {target}: {reason}. "
            "Check that its folder is writable and the disk is not full."
        ) from exc
    try:
        with (
            closing(sqlite3.connect(read_only_uri(source), uri=True)) as src,
            closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise StorageError(
            f"Could not copy the database {source} to {target}: {exc}. "
            "Check that the disk is not full and try again."
        ) from exc
    return target


def backup_before_migration(path: Path, revision: str, now: datetime | None = None) -> Path:
    """Copy ``path`` to ``<name>.before-<revision>-<timestamp>.bak`` beside it."""
    path = Path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    number = 1
    while target.exists():  # two upgrades within a second: keep both copies
        target = path.with_name(f"{path.name}.before-{revision}-{stamp}-{number}.bak")
        number += 1
    return backup_database(path, target)


BACKUPS_FOLDER = "backups"
_STAMP = "%Y%m%d-%H%M%S"
_ROLLING_NAME = re.compile(r"planner-(\d{8}-\d{6})(?:-(\d+))?\.sqlite3")


def _taken_at(stamp: str) -> datetime:
    """The time in a backup's name (``_STAMP``), read without strptime: its first call
    imports _strptime and calendar, a few milliseconds of every start."""
    day, time = stamp.split("-")
    return datetime(
        int(day[:4]), int(day[4:6]), int(day[6:]), int(time[:2]), int(time[2:4]), int(time[4:])
    )


class Backup(NamedTuple):
    path: Path
    taken_at: datetime
    size: int


def backups_folder(data_folder: Path) -> Path:
    """The folder of rolling backups inside the data folder, created owner-only."""
    folder = Path(data_folder) / BACKUPS_FOLDER
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        raise StorageError(
            f"Cannot create the backup folder {folder}: {exc.strerror or exc}. "
            "Check that the data folder is writable and the disk is not full."
        ) from exc
    return folder


def list_backups(folder: Path) -> list[Backup]:
    """The rolling backups in ``folder``, newest first (files of other names are not ours)."""
    found = []
    for path in Path(folder).glob("planner-*.sqlite3"):
        match = _ROLLING_NAME.fullmatch(path.name)
        if match is None:
            continue
        try:
            size = path.stat().st_size
        except OSError:  # removed meanwhile
            continue
        try:
            taken_at = _taken_at(match.group(1))
        except ValueError:  # a name of ours in form, but no real time (month 13)
            continue
        found.append(Backup(path, taken_at, size))
    # Within one second the later copies are numbered -1, -2, ...; "." sorts after "-", so the
    # name alone would put the first copy of that second last.
    return sorted(found, key=lambda b: (b.taken_at, _number(b.path.name)), reverse=True)


def _number(name: str) -> int:
    match = _ROLLING_NAME.fullmatch(name)
    return int(match.group(2) or 0) if match else 0


def take_rolling_backup(database: Path, folder: Path, now: datetime | None = None) -> Path:
    """Copy ``database`` to ``folder/planner-<time>.sqlite3`` (a new name, never overwriting)."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    target = Path(folder) / f"planner-{stamp}.sqlite3"
    number = 1
    while target.exists():  # two backups within a second
        target = Path(folder) / f"planner-{stamp}-{number}.sqlite3"
        number += 1
    return backup_database(database, target)


def prune_backups(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` rolling backups; returns what was deleted."""
    removed = []
    for old in list_backups(folder)[max(keep, 1) :]:
        try:
            old.path.unlink()
        except OSError:  # not ours to fight over: the next prune tries again
            continue
        removed.append(old.path)
    return removed
