"""The workspace the services act on: the catalog, the database of one data folder, today."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planner.catalog import Catalog, builtin_catalog
from planner.errors import StorageError
from planner.store.database import open_database, readable_at_head
from planner.store.engine import advice_for
from planner.store.paths import data_dir, database_path

if TYPE_CHECKING:  # SQLAlchemy is imported with the engine, on the first write (or read of
    # what planner.store.reads does not cover): a start that only reads does without it.
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

log = logging.getLogger(__name__)


class Workspace:
    """One data folder opened with one catalog. Cheap to create: the catalog and the database
    are opened on first use, so a window can paint before either is touched.

    ``catalog`` is the shipped catalog (or the one given) joined with the person's custom
    skills and roles from the database; call ``reload_catalog`` after changing those."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._folder = folder
        self._base_catalog = catalog
        self._catalog: Catalog | None = None  # the base joined with the custom entries
        self._skipped_custom: tuple[str, ...] = ()
        self._engine: Engine | None = None
        self._reader: sqlite3.Connection | None = None  # reads before the engine is open
        self.today = today

    @property
    def folder(self) -> Path:
        if self._folder is None:
            self._folder = data_dir()
        return self._folder

    @property
    def database_file(self) -> Path:
        return database_path(self.folder)

    @property
    def base_catalog(self) -> Catalog:
        """The catalog without the person's own entries (the shipped one unless given)."""
        if self._base_catalog is None:
            self._base_catalog = builtin_catalog()
        return self._base_catalog

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = self._join_custom(self.base_catalog)
        return self._catalog

    @property
    def skipped_custom(self) -> tuple[str, ...]:
        """Why custom entries stored in the database were left out of ``catalog`` (they no
        longer validate, or what they name is gone); () when all are in."""
        _ = self.catalog
        return self._skipped_custom

    def reload_catalog(self) -> Catalog:
        """Read the custom entries again (after they were saved, deleted or imported)."""
        self._catalog = None
        return self.catalog

    def _join_custom(self, base: Catalog) -> Catalog:
        from planner.store.reads import custom_definitions

        with self.reading() as connection:
            stored = custom_definitions(connection)
        if not stored.skills and not stored.roles:
            self._skipped_custom = ()
            return base
        # Only with entries to join: these bring TOML reading and writing (and pydantic).
        from planner.catalog.custom import merge_custom, parse_definitions
        from planner.catalog.schema import Role, Skill

        skipped: list[str] = []
        skills = parse_definitions(Skill, "skill", stored.skills, skipped)
        roles = parse_definitions(Role, "role", stored.roles, skipped)
        merged = merge_custom(base, skills, roles, skipped)
        for line in merged.skipped:  # a bad row is left out, never the reason the app stops
            log.warning("planner: warning: left out of the catalog: %s", line)
        self._skipped_custom = merged.skipped
        return merged.catalog

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_database(database_path(data_dir(self.folder)))
            self._close_reader()
        return self._engine

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A driver connection for the plain reads of ``planner.store.reads``, in one read
        transaction: a snapshot of the last committed state, taken without waiting for a
        writer (WAL), and never one that writes.

        Before anything has needed the engine, and with the database already at this
        version's schema, it is a light connection of its own: no SQLAlchemy. Otherwise it is
        one of the engine's connections (the database is created or upgraded first)."""
        if self._engine is None and self._reader is None:
            path = database_path(data_dir(self.folder))
            if readable_at_head(path):
                from planner.store.reads import connect_for_reading

                self._reader = connect_for_reading(path)
        if self._engine is None and self._reader is not None:
            yield from self._read_on(self._reader)
            return
        pooled = self.engine.raw_connection()
        try:
            driver = pooled.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            yield from self._read_on(driver)
        finally:
            pooled.close()

    def _read_on(self, connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        if connection.in_transaction:  # a read within one (the catalog first asked for there)
            yield connection
            return
        try:
            connection.execute("BEGIN")
        except sqlite3.Error as exc:
            raise self._read_failure(exc) from exc
        try:
            yield connection
        except sqlite3.Error as exc:
            raise self._read_failure(exc) from exc
        finally:
            connection.execute("ROLLBACK")

    def _read_failure(self, exc: sqlite3.Error) -> StorageError:
        return StorageError(f"Could not read {self.database_file}: {exc}. {advice_for(exc)}.")

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything in the block is committed together, or nothing is."""
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        session = Session(self.engine, expire_on_commit=False)
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            raise StorageError(
                f"Could not write to {self.database_file}: {exc.orig}. Nothing was changed. "
                f"{advice_for(exc)}."
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        # A restore or a fresh start replaces the file: its custom entries are read anew.
        self._catalog = None
        self._close_reader()
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
