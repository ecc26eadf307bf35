"""SIGKILL at random moments while the planner writes (DESIGN §4): after every kill the database
opens with today's code, passes ``PRAGMA integrity_check``, and holds exactly what the writer
had reported done, plus at most the one step that was in flight.

The writer is tests/store/crash_writer.py, using the real services. One data folder is kept
across all kills, so the database grows and is re-opened after every crash. Some kills go to a
fresh folder while its database is created and migrated, some are aimed at a plan regeneration
(the largest transaction), some at start-up. Most writers are forked from a server that has
done the imports once, so a kill costs a fraction of a second; one in ten is a whole new
interpreter, as a real start is.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

import pytest

from planner.services.workspace import Workspace
from planner.store import database_path, open_database
from planner.store.engine import PRAGMAS

from . import crash_writer
from .crash_writer import TARGET_ROLE, TODAY, Action

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL, fork and select()")

WRITER = Path(__file__).with_name("crash_writer.py")
TIMEOUT = 30.0  # seconds to wait for a line that should come; only a hang reaches it
# How each kill is aimed, by its number modulo 20; "new" runs a whole new interpreter.
PLAN = (
    *("fresh", "actions", "regenerate", "actions", "start-up"),
    *("fresh new", "actions", "regenerate", "actions", "start-up"),
    *("fresh", "actions", "regenerate", "actions", "start-up"),
    *("fresh", "actions", "regenerate", "actions", "start-up new"),
)


@dataclass(frozen=True)
class State:
    """What a folder's database holds, as far as the writer's steps go."""

    target: str | None = None
    plans: int = 0  # plan rows: one per generation, old ones kept inactive
    ratings: tuple[tuple[str, str, int], ...] = ()  # (note, skill, level), sorted
    steps: tuple[tuple[str, str, str], ...] = ()  # active plan: (key, status, notes), sorted


Step = str | Action  # a set-up step ("target", "plan") or an action


def _with_step(
    state: State, key: str, *, status: str | None = None, notes: str | None = None
) -> State:
    steps = {k: (s, n) for k, s, n in state.steps}
    old_status, old_notes = steps[key]
    steps[key] = (status or old_status, old_notes if notes is None else notes)
    return replace(state, steps=tuple(sorted((k, s, n) for k, (s, n) in steps.items())))


def after(state: State, step: Step, keys: tuple[str, ...]) -> State:
    """The state once ``step`` has committed."""
    if step == "target":
        return replace(state, target=TARGET_ROLE)
    if step == "plan":
        return replace(state, plans=1, steps=tuple((k, "todo", "") for k in keys))
    assert isinstance(step, Action)
    if step.kind == "rate":
        rating = (crash_writer.rating_note(step.tag), step.skill, step.level)
        return replace(state, ratings=tuple(sorted((*state.ratings, rating))))
    if step.kind == "status":
        return _with_step(state, step.key, status=step.status)
    if step.kind == "note":
        return _with_step(state, step.key, notes=crash_writer.note_text(step.tag))
    return replace(state, plans=state.plans + 1)  # regenerate: progress carries over by key


def observe(path: Path) -> State:
    """Open the database as the planner does after a crash, check it, and read it back."""
    engine = open_database(path)  # raises if the planner would refuse the file
    try:
        with engine.connect() as db:
            assert db.exec_driver_sql("PRAGMA integrity_check").all() == [("ok",)]
            assert db.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            active = db.exec_driver_sql("SELECT count(*) FROM plan WHERE is_active").scalar()
            plans = db.exec_driver_sql("SELECT count(*) FROM plan").scalar_one()
            assert active == min(plans, 1)
            target = db.exec_driver_sql("SELECT target_role_id FROM profile").scalar()
            ratings = db.exec_driver_sql("SELECT note, skill_id, level FROM skill_rating")
            steps = db.exec_driver_sql(
                "SELECT s.key, s.status, s.notes FROM plan_step s "
                "JOIN plan p ON p.id = s.plan_id WHERE p.is_active"
            )
            return State(
                target=target,
                plans=plans,
                ratings=tuple(sorted(tuple(r) for r in ratings)),
                steps=tuple(sorted(tuple(s) for s in steps)),
            )
    finally:
        engine.dispose()


class Pipe:
    """Lines from a child's stdout, read without blocking past a deadline."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.lines: list[str] = []
        self._partial = b""

    def read(self, timeout: float) -> bool:
        """Take in what comes within ``timeout``; False at end of file."""
        ready, _, _ = select.select([self.stream], [], [], max(timeout, 0.0))
        if not ready:
            return True
        chunk = os.read(self.stream.fileno(), 65536)
        *complete, self._partial = (self._partial + chunk).split(b"\n")
        self.lines += [line.decode() for line in complete]
        return bool(chunk)

    def wait_for(self, wanted: str, start: int = 0) -> str:
        """Read until a line from ``start`` on begins with ``wanted``; return it."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            found = [line for line in self.lines[start:] if line.startswith(wanted)]
            if found:
                return found[0]
            assert time.monotonic() < deadline, f"no {wanted!r} came: {self.lines[-3:]}"
            assert self.read(deadline - time.monotonic()), f"ended before {wanted!r}"

    def sleep(self, seconds: float) -> None:
        """Wait ``seconds``, reading meanwhile (a full pipe would stall the writer)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0 and self.read(left):
            pass


class Writer:
    """One writer process, forked by the server or a whole new interpreter."""

    def __init__(self, folder: Path, seed: int, server: Server, *, new: bool = False) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        if new:
            self.process = subprocess.Popen(
                [sys.executable, str(WRITER), str(folder), str(seed)],
                stdout=subprocess.PIPE,
                stderr=server.stderr,
            )
            assert self.process.stdout is not None
            self.pipe, self.start = Pipe(self.process.stdout), 0
        else:
            self.pipe, self.start = server.pipe, len(server.pipe.lines)
            server.fork(folder, seed)
        self.pid = 0

    def wait_for(self, wanted: str) -> None:
        self.pipe.wait_for(wanted, self.start)

    def kill(self) -> list[str]:
        """SIGKILL, then every complete line the writer wrote before it died."""
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            status = self.process.wait(TIMEOUT)
            while self.pipe.read(TIMEOUT):
                pass
            lines = self.pipe.lines
        else:
            self.pid = int(self.pipe.wait_for("pid ", self.start).split()[1])
            os.kill(self.pid, signal.SIGKILL)
            exited = self.pipe.wait_for(f"exited {self.pid} ", self.start)
            status = int(exited.split()[2])
            lines = self.pipe.lines[self.start : self.pipe.lines.index(exited)]
        assert status == -signal.SIGKILL, f"the writer ended on its own (status {status})"
        return [line for line in lines if not line.startswith("pid ")]

    def close(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.pipe.stream.close()


class Server:
    """crash_writer.py --serve: forks writers on request, having imported everything once."""

    def __init__(self, stderr: IO[bytes]) -> None:
        self.stderr = stderr  # the writers' too
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
        assert self.process.stdout is not None
        self.pipe = Pipe(self.process.stdout)
        self.pipe.wait_for("serving")

    def fork(self, folder: Path, seed: int) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{folder}\t{seed}\n".encode())
        self.process.stdin.flush()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()  # the server ends at the end of its input
        try:
            self.process.wait(TIMEOUT)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.pipe.stream.close()


@dataclass
class Campaign:
    """Kills again and again on one folder; ``state`` is what it must hold now."""

    root: Path
    server: Server
    keys: tuple[str, ...] = ()
    free_skills: tuple[str, ...] = ()
    state: State = State()
    landed: Counter[str] = field(default_factory=Counter)
    committed_in_flight: int = 0

    @property
    def folder(self) -> Path:
        return self.root / "data"

    def __post_init__(self) -> None:
        with Workspace(self.folder, today=lambda: TODAY) as ws:
            crash_writer.prepare(ws)
            positions, self.free_skills = crash_writer.plan_keys(ws)
        self.keys = tuple(sorted(positions))
        self.state = observe(database_path(self.folder))
        assert self.state.plans == 1 and [k for k, _, _ in self.state.steps] == list(self.keys)

    def steps_of(self, seed: int, state: State) -> Iterator[tuple[str, Step]]:
        """What a writer started on ``state`` does, in order, with the line it reports after
        each: the set-up a fresh folder needs, then its actions."""
        if state.target is None:
            yield "target", "target"
        if state.plans == 0:
            yield "plan", "plan"
        number = 0
        while True:
            act = crash_writer.action(seed, number, self.keys, self.free_skills)
            yield f"done {number} {act.describe()}", act
            number += 1

    def kill_once(self, number: int) -> None:
        rng = random.Random(f"kill {number}")
        seed = 1000 + number  # the writer's actions, and the tags they write, are its own
        mode = PLAN[number % len(PLAN)]
        folder, state = self.folder, self.state
        if mode.startswith("fresh"):  # a new folder: aim at the creation of its database
            folder, state = self.root / f"fresh{number}", State()
        writer = Writer(folder, seed, self.server, new=mode.endswith(" new"))
        try:
            if mode.startswith("fresh"):
                deadline = time.monotonic() + TIMEOUT
                while not database_path(folder).exists():
                    assert time.monotonic() < deadline, "the writer never created its database"
                    writer.pipe.sleep(0.0005)
                writer.pipe.sleep(rng.uniform(0.0, 0.04))  # migrating takes about 30 ms
            elif mode == "start-up":
                writer.pipe.sleep(rng.uniform(0.0, 0.06))  # opening the database
            elif mode == "start-up new":
                writer.pipe.sleep(rng.uniform(0.0, 1.0))  # the imports, then opening
            elif mode == "regenerate":  # just before the first regeneration
                line = next(
                    line
                    for line, step in self.steps_of(seed, state)
                    if isinstance(step, Action) and step.kind == "regenerate"
                )
                before = int(line.split()[1]) - 1
                writer.wait_for(f"done {before} " if before >= 0 else "ready")
                writer.pipe.sleep(rng.uniform(0.0, 0.05))
            else:
                writer.wait_for("ready")
                writer.pipe.sleep(rng.uniform(0.0, 0.2))
            lines = writer.kill()
            created = database_path(folder).exists()
        finally:
            writer.close()
        in_flight, committed, observed = self._check(folder, seed, state, lines)
        if in_flight is None:  # no "opened" yet: importing, or opening the database
            where = "creating/migrating" if mode.startswith("fresh") and created else "start-up"
        elif isinstance(in_flight, Action):
            where = in_flight.kind
        else:
            where = f"set-up {in_flight}"
        self.landed[where] += 1
        self.committed_in_flight += committed
        if folder == self.folder:
            self.state = observed

    def _check(
        self, folder: Path, seed: int, state: State, lines: list[str]
    ) -> tuple[Step | None, bool, State]:
        """The database holds what the writer reported, and at most the step in flight.

        Returns the step in flight (None before the writer had opened the database), whether
        it had committed, and the state found."""
        reported = [line for line in lines if line not in ("opened", "ready")]
        expected = state
        steps = self.steps_of(seed, state)
        for line in reported:
            due, step = next(steps)
            assert line == due, f"the writer reported {line!r} where {due!r} was due"
            expected = after(expected, step, self.keys)
        # Before "opened" the writer has changed nothing tracked here; after it, one step.
        in_flight = next(steps)[1] if "opened" in lines else None
        observed = observe(database_path(folder))
        committed = observed != expected
        if committed:
            assert in_flight is not None, f"reported steps are missing after the kill: {lines}"
            assert observed == after(expected, in_flight, self.keys), (
                f"after {len(reported)} reported steps the database holds neither their "
                f"result nor that of the step in flight ({in_flight})"
            )
        return in_flight, committed, observed


def _campaign(root: Path, kills: int, capsys: pytest.CaptureFixture[str]) -> Campaign:
    started = time.monotonic()
    errors = root / "writers.stderr"
    with errors.open("wb") as stderr:
        server = Server(stderr)
        try:
            campaign = Campaign(root, server)
            for number in range(kills):
                try:
                    campaign.kill_once(number)
                except AssertionError as exc:
                    stderr.flush()
                    text = errors.read_text(errors="replace")
                    raise AssertionError(
                        f"kill {number}: {exc}\nwriters' stderr:\n{text}"
                    ) from None
        finally:
            server.close()
    elapsed = time.monotonic() - started
    size = database_path(campaign.folder).stat().st_size // 1024
    landed = ", ".join(f"{where} {count}" for where, count in sorted(campaign.landed.items()))
    with capsys.disabled():
        print(
            f"\n{kills} kills survived in {elapsed:.1f} s ({landed}; "
            f"{campaign.committed_in_flight} in-flight steps had committed unreported; "
            f"database {size} KiB)"
        )
    assert sum(campaign.landed.values()) == kills
    return campaign


def test_kills_lose_nothing_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    campaign = _campaign(tmp_path, 20, capsys)
    assert campaign.landed["regenerate"] >= 1


@pytest.mark.slow
def test_hundreds_of_kills_lose_nothing_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = _campaign(tmp_path, 250, capsys)
    for where in ("creating/migrating", "start-up", "regenerate", "rate", "status", "note"):
        assert campaign.landed[where] >= 3, campaign.landed


# A new database file becomes WAL with its first write, made in rollback-journal mode: a kill
# then leaves a hot journal beside it. The loop does what make_engine and its connect hook do
# to a new file, over and over, so that a kill lands in that window often.
_NEW_FILES = """
import os, sqlite3, sys
for number in range(10**6):
    path = os.path.join(sys.argv[1], f"{number}.sqlite3")
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in sys.argv[2:]:
        connection.execute(f"PRAGMA {pragma}")
    connection.close()
"""


def test_a_kill_while_a_new_file_turns_to_wal_leaves_it_usable(tmp_path: Path) -> None:
    rng = random.Random(1)
    hot, kills = 0, 0
    while hot < 2:
        assert kills < 300, "no kill left a hot journal: the window was never hit"
        folder = tmp_path / f"run{kills}"
        folder.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-c", _NEW_FILES, str(folder), *PRAGMAS], stdin=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.03, 0.08))
        child.send_signal(signal.SIGKILL)
        assert child.wait(TIMEOUT) == -signal.SIGKILL
        kills += 1
        last = max(folder.glob("*.sqlite3"), key=lambda p: int(p.stem), default=None)
        if last is None:
            continue
        # A journal beside an empty file is not hot: SQLite ignores it. One beside page 1 is.
        hot += last.with_name(last.name + "-journal").exists() and last.stat().st_size > 0
        open_database(last).dispose()  # raises if the planner refused the file
        assert observe(last) == State()
