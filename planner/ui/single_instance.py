"""One window per data folder: a second start on the same folder brings the first forward.

The first window listens on a local socket named after the user and the data folder. A later
start on that folder connects, says ``activate``, waits for ``activated`` and exits; a start on
another folder finds no one listening on its name and runs as usual. Two windows on one folder
would still be safe (every action is its own transaction); this just saves the confusion.
"""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path

from PySide6.QtCore import (
    QCryptographicHash,
    QDir,
    QEventLoop,
    QLockFile,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "learning-path-planner"  # as planner.store.paths.APP_NAME
ENV_VAR = "PLANNER_DATA_DIR"  # as planner.store.paths.ENV_VAR
ACTIVATE = b"activate\n"
ACTIVATED = b"activated\n"
CONNECT_MS = 1000
ANSWER_MS = 5000  # the first window may be busy starting up; it answers from its event loop
LOCK_MS = 5000


class Claim(enum.Enum):
    FIRST = "first"  # this process listens: later starts on the folder will call it
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
    """The folder's channel. ``claim()`` once at start; ``activated`` fires in the first
    window when a later start asks it to come forward."""

    activated = Signal()

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.name = channel_name(folder)
        self._server: QLocalServer | None = None

    def claim(self) -> Claim:
        # Starts at the same moment take turns, or both could find no one and both listen.
        lock = QLockFile(self._lock_path())
        locked = lock.tryLock(LOCK_MS)
        try:
            answer = self._call_first()
            if answer is None:  # no one listens: the name is free, or left by a crash
                return Claim.FIRST if self._listen() else Claim.ALONE
            return Claim.FORWARDED if answer == ACTIVATED else Claim.ALONE
        finally:
            if locked:
                lock.unlock()

    def close(self) -> None:
        """Stop listening (the window is closing): a new start then opens its own window."""
        if self._server is not None:
            self._server.close()
            self._server = None

    def _lock_path(self) -> str:
        if os.path.isabs(self.name):
            return self.name + ".lock"
        return os.path.join(QDir.tempPath(), self.name + ".lock")

    def _call_first(self) -> bytes | None:
        """Ask a window already on this folder to come forward: its answer (empty if it gave
        none in time), or None when no one is listening."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return None
        socket.write(ACTIVATE)
        socket.flush()
        answer = _answer(socket)
        socket.disconnectFromServer()
        return answer

    def _listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # No one took the call (and starts take turns), so the name was left behind by a
            # window that was killed. Remove it and listen again.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                server.deleteLater()
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

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


def _answer(socket: QLocalSocket) -> bytes:
    """The line ``socket`` receives within ANSWER_MS, or what came of it by then.

    Waits in a local event loop rather than blocking: the window called may be in this very
    process (tests), where it can only answer from the event loop.
    """
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
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:
        modal.raise_()
        modal.activateWindow()
