"""Putting an unusable database file out of the way, and restoring a backup into place.

Nothing here deletes a person's file: a file that cannot be used is renamed beside itself with
the time (its WAL and shared-memory files with it, so the pair stays readable), and a restore
goes through SQLite's backup API, which writes into the live database as one transaction that
other connections see whole or not at all.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from planner.errors import StorageError
from planner.store.backup import backup_database, read_only_uri
from planner.store.database import check_database
from planner.store.engine import advice_for

# SQLite finds a database's journal files by these suffixes of its name.
_COMPANIONS = ("-wal", "-shm", "-journal")


def set_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename ``path`` (and its journal files) to ``<name>.set-aside-<time>``; return the name.

    Never overwrites: a free name is found first. The database must not be open.
    """
    path = Path(path)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.set-aside-{stamp}")
    number = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *_COMPANIONS)):
        target = path.with_name(f"{path.name}.set-aside-{stamp}-{number}")
        number += 1
    try:
        # The journals first: a crash in between leaves the main file where it was, and a
        # main file without its WAL is what SQLite had before the last writes (not corrupt).
        for suffix in _COMPANIONS:
            companion = Path(f"{path}{suffix}")
            if companion.exists():
                os.rename(companion, f"{target}{suffix}")
        if path.exists():
            os.rename(path, target)
    except OSError as exc:
        raise StorageError(
            f"Cannot move {path} aside to {target.name}: {exc.strerror or exc}. "
            "Make sure you can write to the data folder."
        ) from exc
    return target


def restore_database(source: Path, live: Path) -> None:
    """Make the database at ``live`` a copy of the backup ``source``.

    ``source`` is vetted first (a planner database of this version or older; it is only
    read). An existing ``live`` file must be a usable database: it is overwritten in one
    transaction through the backup API (a person's copy of it is the caller's to take first).
    A missing ``live`` is created owner-only. Migrating an older backup is left to
    ``open_database``.
    """
    source, live = Path(source), Path(live)
    check_database(source)
    if not live.exists():
        backup_database(source, live)
        return
    try:
        with (
            closing(sqlite3.connect(read_only_uri(source), uri=True)) as src,
            closing(sqlite3.connect(live, timeout=5)) as dst,
        ):
            src.backup(dst)
    except sqlite3.Error as exc:
        raise StorageError(
            f"Could not restore {source} into {live}: {exc}. Your data was left as it was. "
            f"{advice_for(exc)}."
        ) from exc
