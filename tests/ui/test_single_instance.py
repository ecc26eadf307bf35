"""One window per data folder: a second start on the same folder brings the first forward and
exits; a start on another folder, or after the first was killed, runs as usual. The first
claims the folder with a lock and listens only once its window is up."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, QTimer
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from planner.store.paths import data_dir
from planner.ui.single_instance import (
    ACTIVATE,
    ACTIVATED,
    Claim,
    SingleInstance,
    bring_forward,
    channel_name,
    data_folder,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="the channel is a Unix socket file")
START_TIMEOUT = 60.0  # a cold start of a window process; only a hang reaches it


def _socket_path(name: str) -> Path:
    """Where Qt puts the channel's socket file on Unix."""
    return Path(name) if os.path.isabs(name) else Path(QDir.tempPath()) / name


@pytest.fixture
def instances() -> Iterator[list[SingleInstance]]:
    """Instances made by a test, closed after it (their names are real sockets)."""
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.close()


# --- the folder and the name --------------------------------------------------------------


@pytest.mark.parametrize("source", ["explicit", "environment", "platform default"])
def test_the_folder_is_the_one_the_store_will_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    explicit = tmp_path / "given" / ".." / "given" if source == "explicit" else None
    if source == "platform default":
        monkeypatch.delenv("PLANNER_DATA_DIR")
    assert data_folder(explicit) == data_dir(explicit)


def test_the_name_follows_the_folder_and_the_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    name = channel_name(tmp_path / "a")
    assert channel_name(tmp_path / "b" / ".." / "a") == name
    assert channel_name(tmp_path / "link") == name  # the same folder by another path
    assert channel_name(tmp_path / "b") != name
    if hasattr(os, "getuid"):
        monkeypatch.setattr(os, "getuid", lambda: 99999)
        assert channel_name(tmp_path / "a") != name


# --- two instances in one process ---------------------------------------------------------


def test_a_second_start_on_the_folder_brings_the_first_forward(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST
    assert first.listen()
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED
    # And again: the first keeps listening.
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED


def test_another_folder_runs_on_its_own(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(tmp_path / "one")
    other = SingleInstance(tmp_path / "two")
    instances += [first, other]
    calls: list[str] = []
    first.activated.connect(lambda: calls.append("one"))
    other.activated.connect(lambda: calls.append("two"))
    assert first.claim() is Claim.FIRST and first.listen()
    assert other.claim() is Claim.FIRST and other.listen()
    with qtbot.waitSignal(other.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "two").claim() is Claim.FORWARDED
    qtbot.wait(50)
    assert calls == ["two"]


def test_after_the_first_closes_a_new_start_takes_the_folder(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(tmp_path / "data")
    assert first.claim() is Claim.FIRST
    assert first.listen()
    first.close()
    again = SingleInstance(tmp_path / "data")
    instances.append(again)
    assert again.claim() is Claim.FIRST


@posix_only
def test_a_name_left_by_a_killed_window_is_taken_over(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance]
) -> None:
    name = channel_name(tmp_path / "data")
    stale = _socket_path(name)
    # What a killed window leaves: the socket file, with no one listening on it.
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(str(stale))
    assert stale.exists()
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST
    assert first.listen()
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED


def test_a_start_waits_for_a_window_still_starting(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance]
) -> None:
    """The first holds the folder before it listens (it listens after its first frame): a
    start in between waits for it rather than opening a second window."""
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST
    assert not _socket_path(first.name).exists()  # claimed, not listening yet
    QTimer.singleShot(300, first.listen)
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED


def test_a_start_takes_the_folder_its_holder_let_go_while_it_waited(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(tmp_path / "data")
    assert first.claim() is Claim.FIRST
    QTimer.singleShot(300, first.close)  # closed before it ever listened
    again = SingleInstance(tmp_path / "data")
    instances.append(again)
    started = time.monotonic()
    assert again.claim() is Claim.FIRST
    assert time.monotonic() - started < 4


@posix_only
def test_a_listener_that_does_not_answer_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listener without the folder's lock (a window too busy to answer, from a version that
    held none) is not displaced: the new start runs beside it, without a channel."""
    monkeypatch.setattr("planner.ui.single_instance.ANSWER_MS", 300)
    path = _socket_path(channel_name(tmp_path / "data"))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as busy:
        busy.bind(str(path))
        busy.listen()  # connections wait in its queue; no one reads them
        started = time.monotonic()
        beside = SingleInstance(tmp_path / "data")
        assert beside.claim() is Claim.FIRST
        assert not beside.listen()
        beside.close()
        assert time.monotonic() - started < 5
        assert path.exists()  # its name was left to it
        path.unlink()


def test_bring_forward_restores_a_minimised_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    assert window.isMinimized()
    bring_forward(window)
    assert window.isVisible() and not window.isMinimized()


# --- two processes ------------------------------------------------------------------------


class _Window:
    """A `planner` process with no command, as a user starts it; its stderr is collected on
    a thread. Killed, and its pipe closed, at the end of the ``with`` block."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            _PLANNER, env=_environment(), stderr=subprocess.PIPE, text=True
        )
        assert self.process.stderr is not None
        self.lines: list[str] = []
        stream = self.process.stderr
        self._reader = threading.Thread(target=lambda: self.lines.extend(stream), daemon=True)
        self._reader.start()

    def wait_for(self, text: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline, f"no {text!r} on stderr: {self.lines}"
            time.sleep(0.02)

    def __enter__(self) -> _Window:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join(START_TIMEOUT)
        assert self.process.stderr is not None
        self.process.stderr.close()


_PLANNER = [sys.executable, "-c", "from planner.cli import main; raise SystemExit(main([]))"]


def _environment() -> dict[str, str]:
    """This test's folders (tests/conftest.py), and no display."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _wait_until_listening(process: subprocess.Popen[str], path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not path.exists():
        assert process.poll() is None, f"the window exited with {process.returncode}"
        assert time.monotonic() < deadline, "the window never listened"
        time.sleep(0.02)


def _call(name: str) -> bytes:
    """Knock as a second start would, from this process; the answer."""
    caller = QLocalSocket()
    caller.connectToServer(name)
    assert caller.waitForConnected(5000)
    caller.write(ACTIVATE)
    caller.flush()
    assert caller.waitForReadyRead(10_000)
    answer = bytes(caller.readAll().data())
    caller.disconnectFromServer()
    return answer


@posix_only
def test_a_second_window_process_brings_the_first_forward_and_exits() -> None:
    folder = data_folder()  # this test's own folder: tests/conftest.py sets PLANNER_DATA_DIR
    name = channel_name(folder)
    try:
        _second_start_and_a_kill(folder, name)
    finally:
        _socket_path(name).unlink(missing_ok=True)  # what the killed windows left behind


def _second_start_and_a_kill(folder: Path, name: str) -> None:
    with _Window() as first:
        _wait_until_listening(first.process, _socket_path(name))
        started = time.monotonic()
        second = subprocess.run(
            _PLANNER, env=_environment(), capture_output=True, text=True, timeout=START_TIMEOUT
        )
        took = time.monotonic() - started
        assert second.returncode == 0, second.stderr
        assert f"The planner is already open for {folder}; brought it forward." in second.stderr
        assert took < 15, took  # it did not open a window of its own and wait on it
        first.wait_for("brought this window forward")
        assert first.process.poll() is None  # the first window is still open
        # Killed, the first leaves its name behind...
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(START_TIMEOUT)
    assert _socket_path(name).exists() and not _listening(name)
    # ...and the next start takes it over.
    with _Window() as third:
        deadline = time.monotonic() + START_TIMEOUT
        while not _listening(name):
            assert third.process.poll() is None, f"the third exited: {third.lines}"
            assert time.monotonic() < deadline, "the third window never listened"
            time.sleep(0.05)
        assert _call(name) == ACTIVATED
        third.wait_for("brought this window forward")


def _listening(name: str) -> bool:
    """Whether a window listens on ``name`` (connecting without a word does nothing)."""
    probe = QLocalSocket()
    probe.connectToServer(name)
    ok = probe.waitForConnected(200)
    probe.abort()
    return ok
