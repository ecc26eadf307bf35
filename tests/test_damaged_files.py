"""Damaged, foreign, read-only and full: the real `planner` command on real files.

Every case runs the command in its own process and checks what a person sees (exit status 2,
one line on stderr naming the file and saying what to do) and that the file itself was left
byte for byte as it was; then the ways out (`restore`, `start-fresh`) are run the same way.

Permissions are real. Root ignores them, so when the suite runs as root each child runs as root
without the capabilities that bypass file permissions (``_without_root_powers``) and the same
chmod stops it as it stops anyone. A full disk is a real one (a small tmpfs, filled) where the
suite may mount (as root), and a file size limit on the child (RLIMIT_FSIZE) without root and
in the slow tier.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import resource
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from store.test_database import (
    damaged_pages,
    newer_version,
    other_alembic_program,
    other_alembic_program_at_our_revision,
    other_program,
    random_bytes,
    truncated_header,
)

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="Linux permissions and mounts")

DB = "planner.sqlite3"
ROOT = os.geteuid() == 0
START_FRESH = "'planner start-fresh'"
CAN_WRITE = "Make sure you can write to the file and to its folder"

# --- running the command ----------------------------------------------------------------

# linux/capability.h and linux/prctl.h: the powers that let root read and write any file.
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2
_PR_CAPBSET_DROP = 24
_libc = ctypes.CDLL(None, use_errno=True)


def _without_root_powers() -> None:
    """In the child before exec: drop the capabilities that make root ignore permissions.

    Running the child as user nobody does not work here: the interpreter lives under /root
    (mode 0700). Dropped from the bounding set, the powers are not regained at exec, so the
    child keeps uid 0 (and the files it owns) but obeys their modes like any user.
    """
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if _libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def _file_size_limit(limit: int) -> Callable[[], None]:
    """A child whose files cannot grow past ``limit`` bytes (writes fail with EFBIG: Python
    ignores SIGXFSZ, and the ignored signal stays ignored across exec)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Command:
    """`planner [--data-dir DATA] ARGV`, as an ordinary user would run it."""

    data: Path | None
    argv: tuple[str, ...]
    env: dict[str, str] = field(default_factory=dict)
    preexec: Callable[[], None] | None = None

    def start(self) -> subprocess.Popen[str]:
        environ = {k: v for k, v in os.environ.items() if k != "PLANNER_DATA_DIR"} | self.env
        folder = ["--data-dir", str(self.data)] if self.data is not None else []
        preexec = self.preexec or (_without_root_powers if ROOT else None)
        return subprocess.Popen(
            [sys.executable, "-m", "planner.cli", *folder, *self.argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=environ,
            cwd="/",  # not a source tree: `-m` puts the working folder on sys.path
            preexec_fn=preexec,
        )


def run_together(commands: Sequence[Command]) -> list[Run]:
    """Run independent commands side by side (each start costs most of a second)."""
    started = [command.start() for command in commands]
    runs = []
    for process in started:
        out, err = process.communicate(timeout=120)
        runs.append(Run(process.returncode, out, err))
    return runs


def planner(data: Path | None, *argv: str, env: dict[str, str] | None = None) -> Run:
    [run] = run_together([Command(data, argv, env or {})])
    return run


def assert_one_line_refusal(run: Run, *phrases: str) -> str:
    """Exit 2 with a single line on stderr holding every phrase; returns that line."""
    assert run.code == 2, run
    assert "Traceback" not in run.err, run.err
    assert run.err.endswith("\n") and run.err.count("\n") == 1, run.err
    assert run.err.startswith("planner: "), run.err
    for phrase in phrases:
        assert phrase.casefold() in run.err.casefold(), (phrase, run.err)
    return run.err


# --- files ------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(folder: Path) -> dict[str, str]:
    """The database file and its WAL (if any), by content."""
    return {p.name: digest(p) for p in (folder / DB, folder / f"{DB}-wal") if p.exists()}


def assert_left_alone(folder: Path, before: dict[str, str], *, wal_frames: bool = False) -> None:
    """The files are as they were, and nothing was renamed, copied or added beside them
    (but SQLite's empty shared-memory and WAL files).

    ``wal_frames``: the WAL may hold frames of a transaction that never committed (on a full
    disk SQLite can write some frames before the one that fails; a reader ignores them), so
    its bytes are not compared; assert_data_intact checks what it means instead.
    """
    after = fingerprint(folder)
    if wal_frames:
        before = {k: v for k, v in before.items() if not k.endswith("-wal")}
        after = {k: v for k, v in after.items() if not k.endswith("-wal")}
    for name, content in before.items():
        assert after.get(name) == content, f"{name} changed"
    for name in set(after) - set(before):
        assert (folder / name).stat().st_size == 0, f"{name} was written"
    extra = {p.name for p in folder.iterdir()} - set(before) - {"backups", f"{DB}-shm", f"{DB}-wal"}
    assert extra == set(), extra


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute(sql).fetchall()


def assert_data_intact(database: Path) -> None:
    """The seeded data, whole: Python at 3 and the plan's steps."""
    assert query(database, "PRAGMA integrity_check") == [("ok",)]
    rated = "SELECT level FROM skill_rating WHERE skill_id = 'python' ORDER BY id DESC LIMIT 1"
    assert query(database, rated) == [(3,)]
    assert query(database, "SELECT count(*) > 10 FROM plan_step") == [(1,)]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, migrated_database: Path) -> Path:
    """A data folder in use: Python rated 3, a target and a plan, and today's backup of it."""
    from planner.services.backups import back_up_now
    from planner.services.plans import generate_plan
    from planner.services.profile import set_target
    from planner.services.skills import rate_skill
    from planner.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("seeded") / "data"
    folder.mkdir(mode=0o700)
    shutil.copyfile(migrated_database, folder / DB)
    with Workspace(folder) as ws:
        rate_skill(ws, skill="python", level=3)
        set_target(ws, role="distributed-systems-architect")
        generate_plan(ws)
        back_up_now(ws)  # taken today: the commands below take no backup of their own
    assert not (folder / f"{DB}-wal").exists()  # closed cleanly: all of it is in the file
    return folder


def copy_of(seeded: Path, folder: Path) -> Path:
    shutil.copytree(seeded, folder)
    return folder


@pytest.fixture
def data(seeded: Path, tmp_path: Path) -> Path:
    """This test's copy of the seeded data folder."""
    return copy_of(seeded, tmp_path / "data")


def newest_backup(folder: Path) -> Path:
    """The seeded folder's backup (there is one, so it is the newest)."""
    [backup] = (folder / "backups").glob("planner-*.sqlite3")
    return backup


@contextlib.contextmanager
def mode(path: Path, bits: int) -> Iterator[None]:
    """``path`` with the permission ``bits`` for the block, its own mode again after."""
    old = stat.S_IMODE(path.stat().st_mode)
    path.chmod(bits)
    try:
        yield
    finally:
        path.chmod(old)


# --- how each kind of unusable file is made (written at the first path, from the second) --


def truncated_at(cut: int | Callable[[int, int], int]) -> Callable[[Path, Path], None]:
    """The template cut after ``cut`` bytes (or after cut(size, page_size) bytes)."""

    def make(path: Path, template: Path) -> None:
        content = template.read_bytes()
        page_size = int.from_bytes(content[16:18], "big")
        at = cut if isinstance(cut, int) else cut(len(content), page_size)
        assert 0 < at < len(content)
        path.write_bytes(content[:at])

    return make


def random_of_size(size: int) -> Callable[[Path, Path], None]:
    def make(path: Path, template: Path) -> None:
        path.write_bytes(os.urandom(size))

    return make


def sqlite_magic_then_noise(path: Path, template: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192 - 16))


def text_file(path: Path, template: Path) -> None:
    path.write_text('{"skills": {"python": 3}}\n' * 200)


def page_overwritten(table: str, filler: Callable[[int], bytes]) -> Callable[[Path, Path], None]:
    """The template with the root page of ``table`` overwritten (a page surely in use); for
    sqlite_master, the first page but for the file header."""

    def make(path: Path, template: Path) -> None:
        content = bytearray(template.read_bytes())
        page_size = int.from_bytes(content[16:18], "big")
        if table == "sqlite_master":
            start, end = 100, page_size
        else:
            sql = f"SELECT rootpage FROM sqlite_master WHERE name = '{table}'"
            [(page,)] = query(template, sql)
            assert isinstance(page, int) and page > 1
            start = (page - 1) * page_size
            end = start + page_size
        content[start:end] = filler(end - start)
        path.write_bytes(bytes(content))

    return make


def newer_revision_with_new_column(path: Path, template: Path) -> None:
    """What the next release's migration might write: one revision on, one column more."""
    from planner.store.database import HEAD_REVISION

    following = f"{int(HEAD_REVISION) + 1:04d}"
    shutil.copyfile(template, path)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("ALTER TABLE profile ADD COLUMN colour TEXT")
        connection.execute(f"UPDATE alembic_version SET version_num = '{following}'")
        connection.commit()


# The files tried, by kind. The default run tries the first of each kind, side by side; the
# slow tier tries every one on its own.
KINDS: dict[str, list[tuple[str, Callable[[Path, Path], None]]]] = {
    "truncated": [
        ("cut-in-half", truncated_at(lambda size, page: size // 2)),
        ("cut-at-1", truncated_at(1)),
        ("cut-after-magic-16", truncated_at(16)),
        ("cut-in-header-50", truncated_header),
        ("cut-at-99", truncated_at(99)),
        ("cut-at-100", truncated_at(100)),
        ("cut-at-page-minus-1", truncated_at(lambda size, page: page - 1)),
        ("cut-at-1-page", truncated_at(lambda size, page: page)),
        ("cut-at-2-pages-plus-1", truncated_at(lambda size, page: 2 * page + 1)),
        ("cut-last-page", truncated_at(lambda size, page: size - page)),
        ("cut-last-byte", truncated_at(lambda size, page: size - 1)),
    ],
    "random bytes": [
        ("random-8k", random_bytes),
        ("random-1-byte", random_of_size(1)),
        ("random-100", random_of_size(100)),
        ("random-1M", random_of_size(1 << 20)),
        ("sqlite-magic-then-noise", sqlite_magic_then_noise),
        ("a-text-file", text_file),
    ],
    "another program's database": [
        ("plain-tables", other_program),
        ("alembic-other-revision", other_alembic_program),
        ("alembic-our-revision", other_alembic_program_at_our_revision),
    ],
    "newer schema": [
        ("revision-9999", newer_version),
        ("next-revision-with-new-column", newer_revision_with_new_column),
    ],
    "damaged pages": [
        ("all-pages-after-first", damaged_pages),
        ("skill-rating-root-zeroed", page_overwritten("skill_rating", bytes)),
        ("plan-step-root-random", page_overwritten("plan_step", os.urandom)),
        ("schema-page-body-random", page_overwritten("sqlite_master", os.urandom)),
    ],
}
KIND_COUNTS = {kind: len(files) for kind, files in KINDS.items()}  # quoted in the closing note
SAYS = {
    "truncated": "is truncated",
    "random bytes": "is not a planner database|cannot be read as a database",
    "another program's database": "is not a planner database",
    "newer schema": "newer version of the planner.*open it with that newer version",
    "damaged pages": "is damaged|cannot be read as a database",
}


def put_in_place(data: Path, make: Callable[[Path, Path], None], template: Path) -> None:
    live = data / DB
    live.unlink()
    make(live, template)
    live.chmod(0o600)


def check_refused(kind: str, data: Path, run: Run, before: dict[str, str]) -> None:
    line = assert_one_line_refusal(
        run, str(data / DB), f"'planner restore {newest_backup(data)}'", START_FRESH
    )
    assert re.search(SAYS[kind], line), line
    assert run.out == ""
    assert_left_alone(data, before)


def test_each_kind_of_unusable_file_stops_the_command_and_is_left_alone(
    seeded: Path, tmp_path: Path
) -> None:
    cases = []
    for kind, [(name, make), *_] in KINDS.items():
        data = copy_of(seeded, tmp_path / name)
        put_in_place(data, make, seeded / DB)
        cases.append((kind, data, fingerprint(data)))
    runs = run_together([Command(data, ("skill", "set", "python", "4")) for _, data, _ in cases])
    for (kind, data, before), run in zip(cases, runs, strict=True):
        check_refused(kind, data, run, before)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "make"),
    [
        pytest.param(kind, make, id=f"{kind}:{name}")
        for kind, files in KINDS.items()
        for name, make in files[1:]
    ],
)
def test_every_unusable_file_stops_the_command_and_is_left_alone(
    data: Path, seeded: Path, kind: str, make: Callable[[Path, Path], None]
) -> None:
    put_in_place(data, make, seeded / DB)
    before = fingerprint(data)
    check_refused(kind, data, planner(data, "skill", "set", "python", "4"), before)


@pytest.mark.slow
def test_a_damaged_file_and_its_wal_are_both_left_alone_and_set_aside(
    data: Path, seeded: Path
) -> None:
    """What a crash leaves (a file and its WAL), the file then damaged: neither is touched,
    and a restore moves both aside together."""
    with closing(sqlite3.connect(data / DB)) as writer:
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute("UPDATE skill_rating SET level = 5")
        writer.commit()
        shutil.copyfile(data / f"{DB}-wal", data / "kept-wal")
    os.replace(data / "kept-wal", data / f"{DB}-wal")  # as if the writer had been killed
    (data / f"{DB}-shm").unlink(missing_ok=True)
    random_bytes(data / DB, seeded / DB)
    before = fingerprint(data)
    assert set(before) == {DB, f"{DB}-wal"}
    assert (data / f"{DB}-wal").stat().st_size > 0
    check_refused("random bytes", data, planner(data, "skills"), before)

    run = planner(data, "restore", str(newest_backup(data)))
    assert run.code == 0, run
    [aside] = data.glob(f"{DB}.set-aside-*[0-9]")
    assert digest(aside) == before[DB]
    assert digest(Path(f"{aside}-wal")) == before[f"{DB}-wal"]
    assert_data_intact(data / DB)


# --- the ways out -----------------------------------------------------------------------

SET_ASIDE = re.compile(re.escape(DB) + r"\.set-aside-\d{8}-\d{6}(-\d+)?")


def set_aside_file(data: Path) -> Path:
    [aside] = [p for p in data.iterdir() if SET_ASIDE.fullmatch(p.name)]
    return aside


def test_restore_or_start_fresh_set_the_damaged_file_aside(seeded: Path, tmp_path: Path) -> None:
    """The two ways out, each on a damaged copy: the file is kept byte for byte beside the
    working database, which holds the backup's data or nothing."""
    restored = copy_of(seeded, tmp_path / "restored")
    put_in_place(restored, damaged_pages, seeded / DB)
    fresh = copy_of(seeded, tmp_path / "fresh")
    put_in_place(fresh, truncated_at(lambda size, page: size // 2), seeded / DB)
    before = {folder: digest(folder / DB) for folder in (restored, fresh)}
    runs = run_together(
        [
            Command(restored, ("restore", str(newest_backup(restored)))),
            Command(fresh, ("start-fresh",)),
        ]
    )
    for folder, run in zip((restored, fresh), runs, strict=True):
        assert run.code == 0 and run.err == "", run
        aside = set_aside_file(folder)
        assert f"set aside as {aside}" in run.out
        assert digest(aside) == before[folder]  # kept byte for byte
    assert_data_intact(restored / DB)
    assert query(fresh / DB, "PRAGMA integrity_check") == [("ok",)]
    assert query(fresh / DB, "SELECT count(*) FROM skill_rating") == [(0,)]
    assert query(fresh / DB, "SELECT count(*) FROM plan_step") == [(0,)]


# --- permissions ------------------------------------------------------------------------


def test_the_children_obey_permissions(tmp_path: Path) -> None:
    """The premise of the tests below: the child cannot write a read-only file."""
    locked = tmp_path / "locked"
    locked.write_text("")
    locked.chmod(0o444)
    code = f"open({str(locked)!r}, 'a')"
    preexec = _without_root_powers if ROOT else None
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, preexec_fn=preexec)
    assert done.returncode == 1 and b"PermissionError" in done.stderr


def test_a_read_only_database_file_refuses_a_change(data: Path) -> None:
    before = fingerprint(data)
    with mode(data / DB, 0o444):
        run = planner(data, "skill", "set", "python", "4")
    line = assert_one_line_refusal(run, str(data / DB), CAN_WRITE, "Nothing was changed")
    assert "restore" not in line  # the file is sound: no backup is needed
    assert_left_alone(data, before)
    assert_data_intact(data / DB)


@pytest.mark.slow
def test_a_read_only_database_file_can_still_be_read(data: Path) -> None:
    before = fingerprint(data)
    with mode(data / DB, 0o444):
        run = planner(data, "skills")
    assert run.code == 0 and re.search(r"Python\s+python\s+.*3 Working", run.out), run
    assert_left_alone(data, before)


@pytest.mark.parametrize(
    "argv",
    [("skills",), pytest.param(("skill", "set", "python", "4"), marks=pytest.mark.slow)],
)
def test_a_read_only_data_folder_is_named_with_what_to_do(
    data: Path, argv: tuple[str, ...]
) -> None:
    before = fingerprint(data)
    with mode(data, 0o555):
        run = planner(data, *argv)
    line = assert_one_line_refusal(
        run, str(data / DB), f"Make sure you can write to the folder {data}"
    )
    assert "restore" not in line
    assert_left_alone(data, before)
    assert_data_intact(data / DB)


@pytest.mark.slow
def test_an_unreadable_database_file_is_named_with_what_to_do(data: Path) -> None:
    before = fingerprint(data)
    with mode(data / DB, 0o000):
        run = planner(data, "skills")
    assert_one_line_refusal(run, str(data / DB), "permission denied", "Check the file's")
    assert_left_alone(data, before)


@pytest.mark.slow
def test_a_missing_data_folder_is_created_private_and_used(tmp_path: Path) -> None:
    data = tmp_path / "not" / "yet" / "data"
    run = planner(None, "skill", "set", "python", "2", env={"PLANNER_DATA_DIR": str(data)})
    assert run.code == 0 and run.err == "", run
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / DB).stat().st_mode) == 0o600
    rated = query(data / DB, "SELECT skill_id, level FROM skill_rating")
    assert rated == [("python", 2)]


@pytest.mark.slow
@pytest.mark.parametrize("parent", ["read-only folder", "a file"])
def test_a_data_folder_that_cannot_be_created_is_named(tmp_path: Path, parent: str) -> None:
    above = tmp_path / "above"
    locked: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if parent == "a file":
        above.write_text("not a folder")
    else:
        above.mkdir()
        locked = mode(above, 0o555)
    data = above / "data"
    with locked:
        run = planner(data, "skills")
    assert_one_line_refusal(run, str(data), "Choose a folder you can write to")
    assert not data.exists()


# --- a full disk ------------------------------------------------------------------------


@dataclass
class Disk:
    """A place whose writes fail for want of room, once ``fill`` is called."""

    folder: Path
    real: bool  # a real full disk (ENOSPC), or a file size limit on the child (EFBIG)
    filled: bool = False

    def fill(self) -> None:
        self.filled = True
        if not self.real:
            return
        with open(self.folder / "filler", "wb", buffering=0) as filler:
            for chunk in (1 << 16, 512, 1):  # down to the last byte
                with contextlib.suppress(OSError):
                    while True:
                        filler.write(b"\0" * chunk)
        assert shutil.disk_usage(self.folder).free == 0

    def free(self) -> None:
        self.filled = False
        (self.folder / "filler").unlink(missing_ok=True)

    def preexec(self) -> Callable[[], None] | None:
        """What a child must run under for the disk to be full to it."""
        return _file_size_limit(0) if self.filled and not self.real else None

    def command(self, data: Path, *argv: str) -> Command:
        return Command(data, argv, preexec=self.preexec())

    def phrases(self) -> tuple[str, ...]:
        return ("disk", "full", "free some space") if self.real else ("disk",)


@contextlib.contextmanager
def small_tmpfs(where: Path) -> Iterator[Path]:
    where.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "planner-test", str(where)]
    done = subprocess.run(mount, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.fixture(
    params=[
        pytest.param("tmpfs", marks=pytest.mark.skipif(not ROOT, reason="mounting needs root")),
        pytest.param("file size limit", marks=[pytest.mark.slow] if ROOT else []),
    ]
)
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Disk]:
    if request.param == "tmpfs":
        with small_tmpfs(tmp_path / "disk") as folder:
            yield Disk(folder, real=True)
    else:
        (tmp_path / "disk").mkdir()
        yield Disk(tmp_path / "disk", real=False)


def test_a_full_disk_stops_the_command_and_loses_nothing(disk: Disk, seeded: Path) -> None:
    data = copy_of(seeded, disk.folder / "data")
    disk.fill()
    before = fingerprint(data)
    export = data / "plan.md"
    change, written = run_together(
        [
            disk.command(data, "skill", "set", "python", "4"),
            disk.command(data, "export", "--md", str(export)),
        ]
    )
    assert_one_line_refusal(change, str(data / DB), *disk.phrases())
    assert_one_line_refusal(written, str(data / DB), *disk.phrases())
    assert not export.exists() and list(data.glob(".plan.md*")) == []
    assert_left_alone(data, before, wal_frames=True)
    disk.free()
    assert_data_intact(data / DB)


@contextlib.contextmanager
def held_open(database: Path) -> Iterator[None]:
    """Another process has the database open for the block, as the window would.

    A process of its own: a connection of this one would lose its locks as soon as the test
    reads the file (POSIX locks go with any close of the file in the process).
    """
    code = (
        "import sqlite3, sys; connection = sqlite3.connect(sys.argv[1]); "
        "connection.execute('SELECT count(*) FROM skill_rating').fetchall(); "
        "print('open', flush=True); sys.stdin.read()"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline() == "open\n"
            yield
        finally:
            holder.stdin.close()
            assert holder.wait(timeout=60) == 0


def test_a_full_disk_while_the_database_is_open_elsewhere(disk: Disk, seeded: Path) -> None:
    """The window has the database open (its shared-memory file exists): the change fails at
    its write, and the export at the file it writes."""
    data = copy_of(seeded, disk.folder / "data")
    export = data / "plan.md"
    with held_open(data / DB):
        assert (data / f"{DB}-shm").exists()
        disk.fill()
        before = fingerprint(data)
        change, written = run_together(
            [
                disk.command(data, "skill", "set", "python", "4"),
                disk.command(data, "export", "--md", str(export)),
            ]
        )
        assert_one_line_refusal(change, str(data / DB), "Nothing was changed", *disk.phrases())
        assert_one_line_refusal(written, str(export), *disk.phrases())
        assert not export.exists() and list(data.glob(".plan.md*")) == []
        assert_left_alone(data, before, wal_frames=True)
        disk.free()
    assert_data_intact(data / DB)


def test_the_full_disk_is_real(disk: Disk) -> None:
    """The premise of the two tests above: a write there fails for want of room."""
    disk.fill()
    target = disk.folder / "one-more-byte"
    code = f"open({str(target)!r}, 'wb', buffering=0).write(b'x')"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, preexec_fn=disk.preexec()
    )
    wanted = f"[Errno {errno.ENOSPC if disk.real else errno.EFBIG}]"
    assert done.returncode == 1 and wanted.encode() in done.stderr, done.stderr
