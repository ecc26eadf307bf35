"""Test isolation for the whole suite: the offscreen Qt platform, and a private data folder
(and config folder) for every test, so no test ever sees the user's files or another test's."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Before anything imports Qt: no display is needed, or used.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = date(2026, 11, 23)  # a fixed "today" so dated results are the same on every run


# The catalog's start-up cache: one private folder for the whole run, set before any test
# module is imported (some build data from the catalog at import) and inherited by the
# processes the tests start, so no test reads or writes the user's cache.
_CACHE_DIR = tempfile.mkdtemp(prefix="planner-test-cache-")
os.environ["PLANNER_CACHE_DIR"] = _CACHE_DIR


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(autouse=True)
def runtime_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A private runtime folder per test, where Linux puts a window's single-instance lock and
    mailbox: the windows a test opens (or kills) leave nothing in the shared temporary
    folder, and the processes it starts inherit it. Beside tmp_path, not in it: some tests
    check that folder holds only what they wrote."""
    folder = tmp_path_factory.mktemp("runtime")
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database migrated to head once per run; tests get copies (migrating is slower)."""
    from planner.store import open_database

    path = tmp_path_factory.mktemp("template") / "planner.sqlite3"
    open_database(path).dispose()
    return path


@pytest.fixture
def data_folder(tmp_path: Path, migrated_database: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(migrated_database, folder / "planner.sqlite3")
    (folder / "planner.sqlite3").chmod(0o600)
    return folder


@pytest.fixture
def workspace(data_folder: Path) -> Iterator[object]:
    """A Workspace on a fresh database in this test's data folder, with today fixed."""
    from planner.services.workspace import Workspace

    ws = Workspace(data_folder, today=lambda: TODAY)
    yield ws
    ws.close()
