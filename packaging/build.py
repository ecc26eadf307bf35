"""Build the installed planner: `dist/planner/` from a clean checkout, in one command.

    python3 packaging/build.py                    # build, then run the bundle's self-test
    python3 packaging/build.py --install-desktop  # ... and add it to this user's menu (Linux)
    python3 packaging/build.py --uninstall-desktop

The build gets its own environment (``build/venv``) with the planner and PyInstaller in it,
so what is bundled is what a user would install, not whatever the developer's environment
holds. The same script runs on Windows and macOS (``py packaging\\build.py`` there).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
DIST = ROOT / "dist"
SPEC = ROOT / "packaging" / "planner.spec"
PYINSTALLER = "pyinstaller>=6.10,<7"


def _venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _run(*args: str | Path, **kwargs: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, **kwargs)  # type: ignore[call-overload]


def bundle_executable() -> Path:
    if sys.platform == "darwin":
        return DIST / "Learning-path planner.app" / "Contents" / "MacOS" / "planner"
    return DIST / "planner" / ("planner.exe" if os.name == "nt" else "planner")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def install_into(python: Path) -> None:
    # A normal install (not editable): PyInstaller then sees the package and its metadata
    # exactly as a user's installation has them.
    _run(python, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    _run(python, "-m", "pip", "install", "--quiet", ROOT, PYINSTALLER)


def build(python: Path) -> Path:
    _run(
        python, "-m", "PyInstaller", SPEC, "--noconfirm", "--clean",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller",
        cwd=ROOT,
    )  # fmt: skip
    executable = bundle_executable()
    if not executable.is_file():
        raise SystemExit(f"build: PyInstaller finished but {executable} is missing")
    return executable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="after building, add the planner to this user's application menu (Linux)",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove the menu entry, icons and AppStream file (nothing else), then stop",
    )
    parser.add_argument(
        "--python",
        type=Path,
        help="build with this interpreter's environment as it is (it must have the planner "
        "and PyInstaller installed) instead of creating build/venv",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "packaging"))
    import desktop_install

    if args.uninstall_desktop:
        for path in desktop_install.uninstall():
            print(f"removed {path}")
        return 0

    python = args.python
    if python is None:
        env_dir = BUILD / "venv"
        if not _venv_python(env_dir).exists():
            print(f"+ creating {env_dir}", flush=True)
            venv.create(env_dir, with_pip=True)
        python = _venv_python(env_dir)
        install_into(python)
    executable = build(python)

    # The bundle must work before it is called built: a missing data file, Qt plugin or
    # hidden import fails here, not on a user's machine.
    _run(executable, "--self-test")
    bundle = DIST / "planner"
    print(f"build: {bundle} is {folder_size(bundle) / 2**20:.1f} MB")

    if args.install_desktop:
        if not sys.platform.startswith("linux"):
            print("build: --install-desktop is for Linux desktops; skipped", file=sys.stderr)
            return 0
        for path in desktop_install.install(executable):
            print(f"installed {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
