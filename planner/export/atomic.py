"""Writing an export all or nothing: a temporary file beside the target, renamed at the end."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from planner.errors import ExportError


def _message(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return f"Cannot write {path}: the folder {path.parent} does not exist."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot write {path}: permission denied."
    if error.errno == errno.ENOSPC:
        return f"Cannot write {path}: the disk is full. Free some space on it, then try again."
    if error.errno == errno.EFBIG:  # a file size limit (ulimit -f) or a small file system
        return (
            f"Cannot write {path}: it would be larger than a file may be there. "
            "Choose another folder or disk."
        )
    if error.errno == errno.EISDIR:
        return f"Cannot write {path}: it is a folder."
    return f"Cannot write {path}: {error.strerror or error}."


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Yield a binary file that replaces ``path`` when the block ends without an error.

    The temporary file is created first, so an unwritable place fails before any work is
    done; on any error (cancelling included) it is removed and ``path`` is left untouched.
    OS errors become ExportError with a message a person can act on.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"Cannot write {path}: it is a folder.")
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        # O_EXCL: never follow or reuse someone else's file; 0o666 lets the umask decide.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except OSError as error:
        raise ExportError(_message(path, error)) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        _remove(temp)
        raise ExportError(_message(path, error)) from error
    except BaseException:
        _remove(temp)
        raise


def _remove(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_file(path) as handle:
        handle.write(data)
