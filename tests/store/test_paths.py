"""Tests of the data folder and database path rules."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from planner.errors import StorageError
from planner.store.paths import data_dir, database_path

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def test_explicit_folder_beats_the_environment(tmp_path: Path, data_folder: Path) -> None:
    explicit = tmp_path / "explicit"
    assert data_dir(explicit) == explicit
    assert explicit.is_dir()
    assert not data_folder.exists()


def test_environment_variable_is_used_without_an_explicit_folder(data_folder: Path) -> None:
    assert data_dir() == data_folder
    assert data_folder.is_dir()


@pytest.mark.parametrize("value", [None, ""])
def test_platform_folder_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("PLANNER_DATA_DIR")
    else:
        monkeypatch.setenv("PLANNER_DATA_DIR", value)
    calls: list[tuple[str, object]] = []

    def fake_user_data_dir(appname: str, appauthor: object) -> str:
        calls.append((appname, appauthor))
        return str(tmp_path / "platform")

    monkeypatch.setattr("platformdirs.user_data_dir", fake_user_data_dir)
    assert data_dir() == tmp_path / "platform"
    assert calls == [("learning-path-planner", False)]


@posix_only
def test_folder_and_its_parents_are_created_owner_only(tmp_path: Path) -> None:
    folder = data_dir(tmp_path / "a" / "b" / "data")
    assert folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_an_existing_folder_is_kept(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("kept")
    assert data_dir(tmp_path) == tmp_path
    assert (tmp_path / "keep.txt").read_text() == "kept"


def test_a_folder_that_cannot_be_created_raises_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError, match="a-file") as caught:
        data_dir(blocker / "data")
    assert "Choose a folder" in str(caught.value)


def test_database_path_is_in_the_folder(tmp_path: Path) -> None:
    assert database_path(tmp_path) == tmp_path / "planner.sqlite3"
