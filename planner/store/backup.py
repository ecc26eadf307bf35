"""Copies of the database file, taken with SQLite's backup API (consistent even while in use)."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

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
