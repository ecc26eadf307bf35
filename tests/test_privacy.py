"""Nothing leaves the machine: the suite itself cannot reach the network, the planner's code
imports nothing that could, and what it writes to disk only its user can read."""

from __future__ import annotations

import ast
import os
import socket
import stat
import urllib.request
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError

import planner
from planner.services import backups
from planner.services.skills import rate_skill
from planner.services.workspace import Workspace
from planner.store import data_dir
from planner.store.backup import backup_before_migration

PACKAGE = Path(planner.__file__).resolve().parent
posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")

# Modules that talk to other machines. The planner may import none of them, directly or as a
# "from x import y", anywhere in its package (migrations included).
NETWORK_MODULES = {
    "socket",
    "ssl",
    "socketserver",
    "asyncio",
    "selectors",
    "urllib.request",
    "urllib3",
    "http.client",
    "http.server",
    "http.cookiejar",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "telnetlib",
    "xmlrpc",
    "webbrowser",
    "requests",
    "httpx",
    "aiohttp",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebSockets",
}
# Qt's network module also holds TCP sockets and an HTTP client. None of its classes is
# allowed now: the single-instance channel is a folder of files (QtNetwork cost 3 MB at start).
QT_NETWORK = "PySide6.QtNetwork"
QT_NETWORK_ALLOWED: set[str] = set()


# --- the guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize("family", [socket.AF_INET, socket.AF_INET6])
def test_a_network_socket_in_a_test_is_refused(family: socket.AddressFamily) -> None:
    """pytest-socket is on for the whole suite, so any network call fails the test making it."""
    address = ("127.0.0.1", 9) if family == socket.AF_INET else ("::1", 9)
    # pytest-socket also warns, and the suite makes warnings errors: so a call fails either way.
    with pytest.raises(SocketBlockedError), pytest.warns(UserWarning, match="tried to use socket"):
        connection = socket.socket(family, socket.SOCK_STREAM)
        connection.connect(address)


def test_a_url_fetch_in_a_test_is_refused() -> None:
    with pytest.raises(SocketBlockedError), pytest.warns(UserWarning, match="tried to use socket"):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets are POSIX")
def test_unix_sockets_stay_allowed(tmp_path: Path) -> None:
    """Local sockets are not the network: the single-instance channel needs them in tests."""
    path = str(tmp_path / "s")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(path)
        server.listen(1)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
            client.connect(path)


# --- the code ------------------------------------------------------------------------------


def _imports(tree: ast.AST) -> Iterator[tuple[int, str, tuple[str, ...]]]:
    """(line, module, names imported from it) for every import, dynamic ones included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ()
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module, tuple(a.name for a in node.names)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in {
                "import_module",
                "__import__",
            }
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value, ()


def _is_network(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in NETWORK_MODULES)


@cache
def _parsed(root: Path) -> list[tuple[Path, ast.Module]]:
    """Every module under ``root`` (parsed once per run: both code checks walk them)."""
    return [
        (path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for path in sorted(root.rglob("*.py"))
    ]


def network_imports(root: Path) -> list[str]:
    found = []
    for path, tree in _parsed(root):
        where = path.relative_to(root.parent)
        for line, module, names in _imports(tree):
            if _is_network(module):
                found.append(f"{where}:{line}: {module}")
            elif module == QT_NETWORK and (not names or set(names) - QT_NETWORK_ALLOWED):
                found.append(f"{where}:{line}: {module} {sorted(set(names) - QT_NETWORK_ALLOWED)}")
    return found


def test_the_planner_imports_no_networking_module() -> None:
    assert network_imports(PACKAGE) == []


def test_the_import_check_would_see_one(tmp_path: Path) -> None:
    """The check above can fail: each way of importing a network module is caught."""
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        "import socket\n"
        "from urllib.request import urlopen\n"
        "import http.client as hc\n"
        "from PySide6.QtNetwork import QLocalSocket, QTcpSocket\n"
        "from PySide6.QtNetwork import QLocalServer\n"
        "import importlib\n"
        "importlib.import_module('requests')\n"
        "def f():\n"
        "    import ssl\n",
        encoding="utf-8",
    )
    found = network_imports(package)
    assert [line.split(": ", 1)[1] for line in found] == [
        "socket",
        "urllib.request",
        "http.client",
        "PySide6.QtNetwork ['QLocalSocket', 'QTcpSocket']",
        "PySide6.QtNetwork ['QLocalServer']",
        "requests",
        "ssl",
    ]


def test_the_planner_opens_only_local_files_outside_itself() -> None:
    """QDesktopServices.openUrl is the one way the window hands something to another program;
    every call passes a local file (the data folder), never a link from the data."""
    calls = []
    for path, tree in _parsed(PACKAGE):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "openUrl":
                arg = node.args[0] if node.args else None
                local = (
                    isinstance(arg, ast.Call) and getattr(arg.func, "attr", "") == "fromLocalFile"
                )
                calls.append((f"{path.name}:{node.lineno}", local))
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in {
                "setOpenExternalLinks"
            }:
                value = node.args[0] if node.args else None
                assert isinstance(value, ast.Constant) and value.value is False, (
                    f"{path.name}:{node.lineno} lets a label open links"
                )
    assert all(local for _, local in calls), calls


# --- the files -------------------------------------------------------------------------


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """A umask that filters nothing: whatever mode the planner asks for is what it gets."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_everything_written_is_owner_only_even_with_umask_0(
    tmp_path: Path, permissive_umask: None
) -> None:
    folder = data_dir(tmp_path / "home" / "planner-data")
    assert _mode(folder) == 0o700
    ws = Workspace(folder)
    try:
        rate_skill(ws, skill="python", level=2)  # creates the database and writes to it
        database = ws.database_file
        wal, shm = Path(f"{database}-wal"), Path(f"{database}-shm")
        assert wal.exists() and shm.exists(), "WAL mode keeps both while the database is open"
        modes = {p.name: _mode(p) for p in (database, wal, shm)}
        assert modes == dict.fromkeys(modes, 0o600)

        rolling = backups.back_up_now(ws)
        assert _mode(rolling.parent) == 0o700
        assert _mode(rolling) == 0o600
        before_upgrade = backup_before_migration(database, "0001")
        assert _mode(before_upgrade) == 0o600

        # A restore writes a fresh copy of the live data first: it is private too.
        result = backups.restore_backup(ws, rolling)
        assert result.copy_of_previous is not None
        assert _mode(result.copy_of_previous) == 0o600
        assert _mode(database) == 0o600
    finally:
        ws.close()
    created = [p for p in folder.rglob("*")]
    assert created, "the walk above must see the files"
    lax = {str(p.relative_to(folder)): oct(_mode(p)) for p in created if _mode(p) & 0o077}
    assert lax == {}


@posix_only
def test_a_database_started_afresh_is_owner_only_with_umask_0(
    tmp_path: Path, permissive_umask: None
) -> None:
    folder = data_dir(tmp_path / "data")
    ws = Workspace(folder)
    try:
        rate_skill(ws, skill="python", level=2)
        backups.start_afresh(ws)
        rate_skill(ws, skill="sql", level=1)
        lax = {p.name: oct(_mode(p)) for p in folder.rglob("*") if _mode(p) & 0o077}
        assert lax == {}
    finally:
        ws.close()
