"""One window per data folder: a second start on the same folder brings the first forward.

The first window holds a lock file named after the user and the data folder for as long as it
is open and, once it has painted, watches a private mailbox folder of the same name. A later
start on that folder finds the lock held, drops a request in the mailbox, waits for the
window to answer it and exits; a start on another folder finds its lock free and runs as
usual. Only QtCore and plain files: QtNetwork's local sockets cost the window 3 MB and 10 ms,
and a folder watch (inotify on Linux) wakes the window only when a request arrives.

The mailbox holds ``holder`` (the pid of the window listening, written last by ``listen``),
requests ``<token>.request`` (written under a temporary name, then renamed, so the window
never sees half of one) and the window's answers, each request renamed ``<token>.answered``.
A start knocks only when ``holder`` names the process that holds the lock: what a killed
window left behind is never taken for a live one, and the next window clears it.

Two windows on one folder would still be safe (every action is its own transaction); this
just saves the confusion.
"""

from __future__ import annotations

import contextlib
import enum
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QCryptographicHash,
    QDir,
    QEventLoop,
    QFileSystemWatcher,
    QLockFile,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "learning-path-planner"  # as planner.store.paths.APP_NAME
ENV_VAR = "PLANNER_DATA_DIR"  # as planner.store.paths.ENV_VAR
HOLDER = "holder"  # in the mailbox: the pid of the window listening
REQUEST = ".request"
ANSWERED = ".answered"
ANSWER_MS = 5000  # the first window may be busy starting up; it answers from its event loop
WAIT_MS = 5000  # how long a start waits for the window holding the lock to listen
RETRY_MS = 50
POLL_MS = 20  # how often a start looks whether its request was answered


class Claim(enum.Enum):
    FIRST = "first"  # this process holds the folder; later starts call it once it listens
    FORWARDED = "forwarded"  # another window has the folder and has come forward
    ALONE = "alone"  # no channel (cannot listen, or the other did not answer): run anyway


def data_folder(explicit: Path | None = None) -> Path:
    """The data folder a start would use, without creating it.

    The same choice as planner.store.paths.data_dir (a test holds them together), which the
    window may not import: the store pulls in SQLAlchemy, and this runs before the first paint.
    """
    if explicit is not None:
        folder = Path(explicit)
    elif os.environ.get(ENV_VAR):
        folder = Path(os.environ[ENV_VAR])
    else:
        from platformdirs import user_data_dir

        folder = Path(user_data_dir(APP_NAME, appauthor=False))
    return folder.expanduser().absolute()


def channel_name(folder: Path) -> str:
    """The mailbox's name for ``folder``: the same for the same user and folder.

    On Linux it lives in the user's private runtime folder when there is one, so another user
    cannot take the name first; elsewhere it is a name in the temporary folder, where the
    user's id in the hash keeps users apart.
    """
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    key = f"{user}\0{Path(folder).resolve()}".encode()
    # Qt's hash, not hashlib: hashlib loads OpenSSL, milliseconds before the first paint.
    digest = QCryptographicHash.hash(key, QCryptographicHash.Algorithm.Sha256).toHex()
    name = f"{APP_NAME}-{bytes(digest.data()).decode()[:24]}"
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if sys.platform.startswith("linux") and runtime and os.path.isdir(runtime):
        return os.path.join(runtime, name)
    return name


class SingleInstance(QObject):
    """The folder's lock and channel. ``claim()`` once at start, and when it is FIRST,
    ``listen()`` once the window is up; ``activated`` fires in the first window when a later
    start asks it to come forward. Needs the application object: a start waits for the
    window it calls in local event loops."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.name = channel_name(folder)
        absolute = os.path.isabs(self.name)
        self.mailbox = Path(self.name) if absolute else Path(QDir.tempPath(), self.name)
        self._lock: QLockFile | None = None
        self._watcher: QFileSystemWatcher | None = None

    def claim(self) -> Claim:
        lock = QLockFile(str(self.mailbox) + ".lock")
        lock.setStaleLockTime(0)  # held for the window's life: stale only once its process is gone
        if lock.tryLock(0):
            self._lock = lock
            return Claim.FIRST
        if lock.error() is not QLockFile.LockError.LockFailedError:
            return Claim.ALONE  # no lock can be written there at all: nor can a mailbox
        # Another window has the folder; it may still be starting, so not listening yet.
        answered = self._call_holder(lock)
        if answered is None:
            return Claim.FIRST  # it went away while this start waited: the folder is ours now
        return Claim.FORWARDED if answered else Claim.ALONE

    def listen(self) -> bool:
        """Take calls from later starts (after a FIRST claim); False if the mailbox cannot be
        made or is not this user's, and the window runs alone."""
        if self._lock is None or self._watcher is not None:
            return self._watcher is not None
        if not self._open_mailbox():
            return False
        watcher = QFileSystemWatcher(self)
        if not watcher.addPath(str(self.mailbox)):
            watcher.deleteLater()
            return False
        watcher.directoryChanged.connect(self._answer_requests)
        self._watcher = watcher
        try:  # last: from now on later starts knock
            _write_new(self.mailbox / HOLDER, str(os.getpid()).encode())
        except OSError:
            self._stop_listening()
            return False
        return True

    def close(self) -> None:
        """Stop listening and let the folder go (the window is closing): a new start then
        opens its own window."""
        self._stop_listening()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _stop_listening(self) -> None:
        if self._watcher is None:
            return
        self._watcher.removePath(str(self.mailbox))
        self._watcher.deleteLater()
        self._watcher = None
        _remove(self.mailbox / HOLDER)  # first: later starts stop knocking
        # Fails while a start's request is still in it: that start removes its own.
        with contextlib.suppress(OSError):
            os.rmdir(self.mailbox)

    def _open_mailbox(self) -> bool:
        """Make the mailbox, or take over the one a killed window left (this process holds
        the lock, so no one else uses it): only this user may read it, and it starts empty."""
        try:
            info: os.stat_result | None = os.lstat(self.mailbox)
        except FileNotFoundError:
            info = None
        except OSError:
            return False
        try:
            if info is not None and not stat.S_ISDIR(info.st_mode):
                os.unlink(self.mailbox)  # a stray file, such as an older version's socket
                info = None
            if info is None:
                os.mkdir(self.mailbox, 0o700)
                info = os.lstat(self.mailbox)
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                return False  # another user's folder: requests there could come from anyone
            if stat.S_IMODE(info.st_mode) & 0o077:
                os.chmod(self.mailbox, 0o700)
            for entry in os.scandir(self.mailbox):  # left by starts long gone
                if not entry.is_dir(follow_symlinks=False):
                    os.unlink(entry.path)
        except OSError:
            return False  # a read-only runtime or temporary folder, say
        return True

    def _answer_requests(self, _changed: str = "") -> None:
        """Answer each request in the mailbox by renaming it, then come forward once."""
        try:
            names = [entry.name for entry in os.scandir(self.mailbox)]
        except OSError:
            return
        answered = False
        for name in names:
            if name.endswith(REQUEST):
                request = self.mailbox / name
                try:
                    os.replace(request, request.with_suffix(ANSWERED))
                except OSError:
                    continue  # withdrawn by a start that gave up waiting
                answered = True
        if answered:
            self.activated.emit()

    def _call_holder(self, lock: QLockFile) -> bool | None:
        """Ask the window holding ``lock`` to come forward: whether it answered in time, or
        None when ``lock`` came free (and is now this process's). Waits WAIT_MS for the
        window to listen (it listens once it has painted)."""
        deadline = time.monotonic() + WAIT_MS / 1000
        while True:
            if self._holder_listens(lock):
                request = self._drop_request()
                if request is not None:
                    return self._await_answer(request, lock)
                # The mailbox went away under it: the window is closing, the lock comes free.
            if lock.tryLock(0):
                self._lock = lock
                return None
            if time.monotonic() >= deadline:
                return False
            _wait(RETRY_MS)

    def _holder_listens(self, lock: QLockFile) -> bool:
        pid = lock.getLockInfo()[0]  # 0 when the lock file cannot be read
        try:
            if not _private(os.lstat(self.mailbox)):
                return False  # not one a window of this user made: never knocked on
            listening = int((self.mailbox / HOLDER).read_bytes())
        except (OSError, ValueError):
            return False
        return pid != 0 and pid == listening

    def _drop_request(self) -> Path | None:
        token = f"{os.getpid()}-{os.urandom(6).hex()}"
        draft = self.mailbox / f".{token}.tmp"
        request = self.mailbox / (token + REQUEST)
        try:
            _write_new(draft, b"")
            os.replace(draft, request)
        except OSError:
            _remove(draft)
            return None
        return request

    def _await_answer(self, request: Path, lock: QLockFile) -> bool | None:
        """Whether the window answered ``request`` within ANSWER_MS; None when it let the
        folder go meanwhile (and ``lock`` is now this process's)."""
        took_lock = False

        def settled() -> bool:
            nonlocal took_lock
            if not request.exists():
                return True
            took_lock = lock.tryLock(0)
            return took_lock

        _wait_until(settled, ANSWER_MS)
        answer = request.with_suffix(ANSWERED)
        try:
            os.unlink(request)  # still there: unanswered; withdrawn, it is not answered late
            answered = False
        except FileNotFoundError:
            answered = answer.exists()
        except OSError:
            answered = False
        _remove(answer)
        if took_lock and not answered:
            self._lock = lock
            return None
        if took_lock:
            lock.unlock()
        return answered


def _private(info: os.stat_result) -> bool:
    """Whether a mailbox is a folder only this user can use (where there are owners)."""
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid"):
        return info.st_uid == os.getuid() and not stat.S_IMODE(info.st_mode) & 0o077
    return True


def _write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet, readable by this user only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(descriptor, data)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _wait(ms: int) -> None:
    """Let ``ms`` pass in a local event loop: the window waited for may be in this very
    process (tests), where it can only get on from the event loop."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_until(done: Callable[[], bool], timeout_ms: int) -> None:
    """Run a local event loop until ``done()`` (asked every POLL_MS) or ``timeout_ms`` pass;
    a local loop for the same reason as ``_wait``."""
    if done():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: done() and loop.quit())
    limit = QTimer()
    limit.setSingleShot(True)
    limit.timeout.connect(loop.quit)
    poll.start(POLL_MS)
    limit.start(timeout_ms)
    loop.exec()
    poll.stop()
    limit.stop()


def bring_forward(window: QWidget) -> None:
    """Show ``window`` restored, on top and focused (or an open dialog of it, if modal)."""
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()
