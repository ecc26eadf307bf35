"""One window per data folder: a second start on the same folder brings the first forward.

The first window holds a lock file named after the user and the data folder for as long as it
is open, and, once it has painted, listens on a local socket of the same name. A later start
on that folder finds the lock held, connects, says ``activate``, waits for ``activated`` and
exits; a start on another folder finds its lock free and runs as usual. The lock is QtCore's
and costs nothing: QtNetwork is imported only to listen (after the first frame) or to call.
Two windows on one folder would still be safe (every action is its own transaction); this
just saves the confusion.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCryptographicHash,
    QDir,
    QEventLoop,
    QLockFile,
    QObject,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:  # imported when used: QtNetwork costs some 8 ms before the first frame
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

APP_NAME = "learning-path-planner"  # as planner.store.paths.APP_NAME
ENV_VAR = "PLANNER_DATA_DIR"  # as planner.store.paths.ENV_VAR
ACTIVATE = b"activate\n"
ACTIVATED = b"activated\n"
CONNECT_MS = 1000
ANSWER_MS = 5000  # the first window may be busy starting up; it answers from its event loop
WAIT_MS = 5000  # how long a start waits for the window holding the lock to listen
RETRY_MS = 50


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
    """The local socket's name for ``folder``: the same for the same user and folder.

    On Linux it lives in the user's private runtime folder when there is one, so another user
    cannot take the name first; elsewhere Qt puts it in the temporary folder (named pipes on
    Windows), and the user's id in the hash keeps users apart.
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
    start asks it to come forward."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.name = channel_name(folder)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        lock = QLockFile(self._lock_path())
        lock.setStaleLockTime(0)  # held for the window's life: stale only once its process is gone
        if lock.tryLock(0):
            self._lock = lock
            return Claim.FIRST
        # Another window has the folder; it may still be starting, so not listening yet.
        answer = self._call_first(wait_ms=WAIT_MS, lock=lock)
        if answer is None and self._lock is not None:
            return Claim.FIRST  # it went away while this start waited: the folder is ours now
        return Claim.FORWARDED if answer == ACTIVATED else Claim.ALONE

    def listen(self) -> bool:
        """Take calls from later starts (after a FIRST claim); False if the name is taken."""
        from PySide6.QtNetwork import QLocalServer

        # A name there though the lock was free was left behind by a window that was killed,
        # unless something still listens on it: that is left alone, and this window runs
        # beside it without a channel. (Qt would replace the socket file under it.)
        if self._socket_file_exists() and self._someone_listens():
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def close(self) -> None:
        """Stop listening and let the folder go (the window is closing): a new start then
        opens its own window."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def _lock_path(self) -> str:
        if os.path.isabs(self.name):
            return self.name + ".lock"
        return os.path.join(QDir.tempPath(), self.name + ".lock")

    def _socket_file_exists(self) -> bool:
        """Whether the channel's socket file is there (Windows pipes have none: True)."""
        if sys.platform == "win32":
            return True
        path = self.name if os.path.isabs(self.name) else os.path.join(QDir.tempPath(), self.name)
        return os.path.exists(path)

    def _someone_listens(self) -> bool:
        from PySide6.QtNetwork import QLocalSocket

        probe = QLocalSocket()
        probe.connectToServer(self.name)
        listening = probe.waitForConnected(CONNECT_MS)
        probe.abort()
        return listening

    def _call_first(self, *, wait_ms: int, lock: QLockFile | None = None) -> bytes | None:
        """Ask the window on this folder to come forward: its answer (empty if it gave none in
        time), or None when no one listens. Tries again for ``wait_ms`` while ``lock`` is
        held by another process (its window is starting); takes ``lock`` if it comes free."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + wait_ms / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_MS):
                socket.write(ACTIVATE)
                socket.flush()
                answer = _answer(socket)
                socket.disconnectFromServer()
                return answer
            if lock is not None and lock.tryLock(0):
                self._lock = lock
                return None
            if time.monotonic() >= deadline:
                return None
            _wait(RETRY_MS)

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._on_message(socket)

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if socket.readLine().data() == ACTIVATE:
            self.activated.emit()
            socket.write(ACTIVATED)
            socket.flush()


def _wait(ms: int) -> None:
    """Let ``ms`` pass in a local event loop: the window waited for may be in this very
    process (tests), where it can only get on from the event loop."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _answer(socket: QLocalSocket) -> bytes:
    """The line ``socket`` receives within ANSWER_MS, or what came of it by then.

    Waits in a local event loop rather than blocking: the window called may be in this very
    process (tests), where it can only answer from the event loop.
    """
    from PySide6.QtNetwork import QLocalSocket

    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    received = bytearray()

    def read() -> None:
        received.extend(socket.readAll().data())
        if received.endswith(b"\n"):
            loop.quit()

    socket.readyRead.connect(read)
    socket.disconnected.connect(loop.quit)
    timer.start(ANSWER_MS)
    read()  # it may have come already
    if (
        not received.endswith(b"\n")
        and socket.state() == QLocalSocket.LocalSocketState.ConnectedState
    ):
        loop.exec()
    timer.stop()
    socket.readyRead.disconnect(read)
    return bytes(received)


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
