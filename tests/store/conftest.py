"""Fixtures of the store tests: a private data folder and a migrated database per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from planner.store import open_database


@pytest.fixture(autouse=True)
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every store test gets its own data folder; the user's folder is never touched."""
    folder = tmp_path / "data"
    monkeypatch.setenv("PLANNER_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def template_database(migrated_database: Path) -> Path:
    """The suite's database migrated to head once per run (tests/conftest.py), to copy."""
    return migrated_database


@pytest.fixture
def database_file(tmp_path: Path, template_database: Path) -> Path:
    """A fresh copy of the migrated template in this test's folder."""
    path = tmp_path / "planner.sqlite3"
    shutil.copyfile(template_database, path)
    path.chmod(0o600)
    return path


@pytest.fixture
def engine(database_file: Path) -> Iterator[Engine]:
    engine = open_database(database_file)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
