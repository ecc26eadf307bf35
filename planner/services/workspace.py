"""The workspace the services act on: the catalog, the database of one data folder, today."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from planner.catalog import Catalog, builtin_catalog
from planner.errors import StorageError
from planner.store import data_dir, database_path, open_database
from planner.store.engine import advice_for


class Workspace:
    """One data folder opened with one catalog. Cheap to create: the catalog and the database
    are opened on first use, so a window can paint before either is touched."""

    def __init__(
        self,
        folder: Path | None = None,
        *,
        catalog: Catalog | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._folder = folder
        self._catalog = catalog
        self._engine: Engine | None = None
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
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = builtin_catalog()
        return self._catalog

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = open_database(database_path(data_dir(self.folder)))
        return self._engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything in the block is committed together, or nothing is."""
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
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
