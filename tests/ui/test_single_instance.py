"""One window per data folder: a second start on the same folder brings the first forward and
exits; a start on another folder, or after the first was killed, runs as usual. The first
claims the folder with a lock and listens (watches its mailbox) only once its window is up."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from planner.store.paths import data_dir
from planner.ui.single_instance import (
    HOLDER,
    Claim,
    SingleInstance,
    bring_forward,
    channel_name,
    data_folder,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes and owners are POSIX")
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
START_TIMEOUT = 60.0  # a cold start of a window process; only a hang reaches it
# A start waits in local event loops, which need the application object (the window has one).
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def instances() -> Iterator[list[SingleInstance]]:
    """Instances made by a test, closed after it (their lock and mailbox are real files)."""
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.close()


def _listed(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def _dead_pid() -> int:
    """The pid of a process that has exited (what a killed window's files name)."""
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=START_TIMEOUT,
    )
    return int(child.stdout)


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


@pytest.mark.parametrize("place", ["runtime folder", "temporary folder"])
def test_a_second_start_on_the_folder_brings_the_first_forward(
    tmp_path: Path,
    qtbot: QtBot,
    instances: list[SingleInstance],
    monkeypatch: pytest.MonkeyPatch,
    runtime_folder: Path,
    place: str,
) -> None:
    if place == "temporary folder":
        monkeypatch.delenv("XDG_RUNTIME_DIR")
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    in_runtime = first.mailbox.parent == runtime_folder
    assert in_runtime == (place == "runtime folder" and sys.platform.startswith("linux"))
    assert first.claim() is Claim.FIRST
    assert first.listen()
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED
    # And again: the first keeps listening.
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED
    assert _listed(first.mailbox) == [HOLDER]  # each start took its answer away
    if os.name == "posix":
        assert stat.S_IMODE(first.mailbox.stat().st_mode) == 0o700


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
    assert not first.mailbox.exists()  # tidied away
    again = SingleInstance(tmp_path / "data")
    instances.append(again)
    assert again.claim() is Claim.FIRST


@pytest.mark.parametrize("leftover", ["mailbox", "older version's socket"])
def test_what_a_killed_window_left_is_taken_over(
    tmp_path: Path,
    qtbot: QtBot,
    instances: list[SingleInstance],
    monkeypatch: pytest.MonkeyPatch,
    leftover: str,
) -> None:
    """A killed window leaves its mailbox naming it as the listener (and requests it never
    answered): a start must not knock there while the next window is still starting, and
    that window clears it out rather than answering calls made to the dead one."""
    mailbox = SingleInstance(tmp_path / "data").mailbox
    if leftover == "mailbox":
        mailbox.mkdir(mode=0o755)
        (mailbox / HOLDER).write_text(str(_dead_pid()))
        for name in ["1-aa.request", "1-bb.answered", ".1-cc.tmp"]:
            (mailbox / name).touch()
    else:
        if not hasattr(socket, "AF_UNIX"):
            pytest.skip("Unix sockets are POSIX")
        monkeypatch.chdir(mailbox.parent)  # a relative name: the full path is too long to bind
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
            left.bind(mailbox.name)
        assert stat.S_ISSOCK(mailbox.lstat().st_mode)
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST
    calls: list[str] = []
    first.activated.connect(lambda: calls.append("activated"))
    QTimer.singleShot(300, first.listen)  # still starting when the next start comes
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED
    qtbot.wait(50)
    assert calls == ["activated"]
    assert mailbox.is_dir() and _listed(mailbox) == [HOLDER]
    assert (mailbox / HOLDER).read_text() == str(os.getpid())
    if os.name == "posix":
        assert stat.S_IMODE(mailbox.stat().st_mode) == 0o700


def test_a_start_waits_for_a_window_still_starting(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance]
) -> None:
    """The first holds the folder before it listens (it listens after its first frame): a
    start in between waits for it rather than opening a second window."""
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST
    assert not first.mailbox.exists()  # claimed, not listening yet
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


def test_bring_forward_restores_a_minimised_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    assert window.isMinimized()
    bring_forward(window)
    assert window.isVisible() and not window.isMinimized()


# --- a mailbox that cannot be used ----------------------------------------------------------


@pytest.mark.skipif(os.name != "posix" or ROOT, reason="needs POSIX permissions")
def test_a_read_only_runtime_folder_leaves_the_window_alone(
    tmp_path: Path, runtime_folder: Path, instances: list[SingleInstance]
) -> None:
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST  # the lock was made before the folder turned read-only
    runtime_folder.chmod(0o500)
    try:
        assert not first.listen()
        assert not first.mailbox.exists()
    finally:
        runtime_folder.chmod(0o700)


@pytest.mark.skipif(os.name != "posix" or ROOT, reason="needs POSIX permissions")
def test_a_folder_where_no_lock_can_be_made_runs_alone_at_once(
    tmp_path: Path, runtime_folder: Path
) -> None:
    """Not held by anyone, so nothing to wait for (WAIT_MS) and no one to call."""
    runtime_folder.chmod(0o500)
    try:
        started = time.monotonic()
        assert SingleInstance(tmp_path / "data").claim() is Claim.ALONE
        assert time.monotonic() - started < 1
    finally:
        runtime_folder.chmod(0o700)


@pytest.mark.skipif(not ROOT, reason="needs root to give a folder to another user")
def test_a_mailbox_of_another_user_is_not_used(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    """Anyone could drop requests in it (a name in a shared temporary folder taken first)."""
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    first.mailbox.mkdir(mode=0o777)
    os.chown(first.mailbox, 65534, 65534)
    (first.mailbox / "theirs").touch()
    assert first.claim() is Claim.FIRST
    assert not first.listen()
    assert _listed(first.mailbox) == ["theirs"]  # left as it was


# --- a holder in another process --------------------------------------------------------------


_HOLDER = [
    sys.executable,
    "-c",
    "import os, sys, time\n"
    "from pathlib import Path\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from planner.ui.single_instance import Claim, SingleInstance\n"
    "app = QCoreApplication([])\n"
    "holder = SingleInstance(Path(sys.argv[1]))\n"
    "assert holder.claim() is Claim.FIRST and holder.listen()\n"
    "time.sleep(float(sys.argv[2]))  # busy: its event loop never runs to answer\n"
    "os._exit(0)  # gone without closing, as if killed\n",
]


def _wait_until_listening(process: subprocess.Popen[str], mailbox: Path) -> None:
    """Until ``process`` has said in ``mailbox`` that it listens."""
    deadline = time.monotonic() + START_TIMEOUT
    while _holder(mailbox) != process.pid:
        assert process.poll() is None, f"it exited with {process.returncode}"
        assert time.monotonic() < deadline, "it never listened"
        time.sleep(0.02)


def _holder(mailbox: Path) -> int | None:
    try:
        return int((mailbox / HOLDER).read_text())
    except (OSError, ValueError):
        return None


def test_a_holder_that_does_not_answer_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, instances: list[SingleInstance]
) -> None:
    """A window too busy to answer keeps the folder: the new start runs beside it, without a
    channel, once ANSWER_MS has passed; once it is gone, the next start takes the folder."""
    monkeypatch.setattr("planner.ui.single_instance.ANSWER_MS", 300)
    folder = tmp_path / "data"
    with subprocess.Popen([*_HOLDER, str(folder), "60"], text=True) as busy:
        try:
            mailbox = SingleInstance(folder).mailbox
            _wait_until_listening(busy, mailbox)
            started = time.monotonic()
            assert SingleInstance(folder).claim() is Claim.ALONE
            assert 0.25 <= time.monotonic() - started < 5  # it did wait (timers are coarse)
            assert _listed(mailbox) == [HOLDER]  # its request withdrawn, not answered later
        finally:
            busy.kill()
    after = SingleInstance(folder)
    instances.append(after)
    assert after.claim() is Claim.FIRST
    assert after.listen() and _holder(mailbox) == os.getpid()


def test_a_start_takes_the_folder_its_holder_let_go_while_called(
    tmp_path: Path, instances: list[SingleInstance]
) -> None:
    """The holder listens but is gone before it answers: the start does not wait out
    ANSWER_MS nor run beside a window that is not there; it takes the folder."""
    folder = tmp_path / "data"
    with subprocess.Popen([*_HOLDER, str(folder), "0.5"], text=True) as leaving:
        _wait_until_listening(leaving, SingleInstance(folder).mailbox)
        # Reaped as soon as it exits: the lock sees a zombie as a live process, and a real
        # window is no child of the start that calls it.
        threading.Thread(target=leaving.wait, daemon=True).start()
        caller = SingleInstance(folder)
        instances.append(caller)
        started = time.monotonic()
        assert caller.claim() is Claim.FIRST
        assert time.monotonic() - started < 4
        assert leaving.wait(START_TIMEOUT) == 0


# --- two window processes -------------------------------------------------------------------


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
    """This test's folders (tests/conftest.py and runtime_folder), and no display."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def test_a_second_window_process_brings_the_first_forward_and_exits(
    instances: list[SingleInstance],
) -> None:
    folder = data_folder()  # this test's own folder: tests/conftest.py sets PLANNER_DATA_DIR
    mailbox = SingleInstance(folder).mailbox
    with _Window() as first:
        _wait_until_listening(first.process, mailbox)
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
        # Killed, the first leaves its mailbox behind, naming it...
        first.process.kill()
        first.process.wait(START_TIMEOUT)
        killed = first.process.pid
    assert _holder(mailbox) == killed
    # ...and the next start takes the folder and answers in its place.
    with _Window() as third:
        _wait_until_listening(third.process, mailbox)
        caller = SingleInstance(folder)
        instances.append(caller)  # closed if it were wrongly FIRST
        assert caller.claim() is Claim.FORWARDED
        third.wait_for("brought this window forward")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="folder owners and modes are POSIX")
def test_a_mailbox_others_could_write_in_is_never_knocked_on(
    tmp_path: Path, qtbot: QtBot, instances: list[SingleInstance], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later start asks the window to come forward only through a folder no one else can
    use: one opened up (or planted by another user in a shared temporary folder) could answer
    every start and keep the planner from opening. The start runs alone instead."""
    monkeypatch.setattr("planner.ui.single_instance.WAIT_MS", 400)
    first = SingleInstance(tmp_path / "data")
    instances.append(first)
    assert first.claim() is Claim.FIRST and first.listen()
    first.mailbox.chmod(0o777)
    calls: list[int] = []
    first.activated.connect(lambda: calls.append(1))
    later = SingleInstance(tmp_path / "data")
    instances.append(later)
    assert later.claim() is Claim.ALONE
    qtbot.wait(100)
    assert calls == []
    assert [p.name for p in first.mailbox.iterdir()] == ["holder"]  # no request was left
    first.mailbox.chmod(0o700)
    with qtbot.waitSignal(first.activated, timeout=10_000):
        assert SingleInstance(tmp_path / "data").claim() is Claim.FORWARDED
