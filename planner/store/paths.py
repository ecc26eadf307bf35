"""Where the planner keeps its data: one folder, one SQLite file in it."""

from __future__ import annotations

import os
from pathlib import Path

from planner.errors import StorageError

APP_NAME = "learning-path-planner"
ENV_VAR = "PLANNER_DATA_DIR"
DATABASE_NAME = "planner.sqlite3"


def data_dir(explicit: Path | None = None) -> Path:
    """The data folder, created if missing (owner-only on POSIX).

    The first of: ``explicit`` (``--data-dir``), the ``PLANNER_DATA_DIR`` environment
    variable, the platform's user data folder.
    """
    if explicit is not None:
        folder = Path(explicit)
    elif os.environ.get(ENV_VAR):
        folder = Path(os.environ[ENV_VAR])
    else:
        from platformdirs import user_data_dir  # a few ms: only when it is the one asked

        folder = Path(user_data_dir(APP_NAME, appauthor=False))
    folder = folder.expanduser().absolute()
    try:
        if not folder.is_dir():
            # Parents get the default mode (like ``mkdir -p``); the folder itself is private.
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if os.name == "posix":
                folder.chmod(0o700)  # mkdir's mode is filtered by the umask
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise StorageError(
            f"Cannot create the data folder {folder}: {reason}. "
            f"Choose a folder you can write to (--data-dir or {ENV_VAR})."
        ) from exc
    return folder


def database_path(folder: Path) -> Path:
    """The planner's database file inside ``folder``."""
    return Path(folder) / DATABASE_NAME
