"""`planner --self-test`: passes on a working installation, fails loudly on a broken one,
and never touches the person's own data or settings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from planner.errors import CatalogError
from planner.self_test import SelfTestFailure, check_pdf, run_self_test

CHECKS = ("catalog", "window", "profile", "plan", "PDF export", "other exports")


def test_a_working_installation_passes_every_check(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    env.pop("QT_QPA_PLATFORM")  # the self-test chooses the offscreen platform itself
    env.pop("XDG_DATA_HOME")
    env.pop("PLANNER_DATA_DIR")
    done = subprocess.run(
        [sys.executable, "-m", "planner.cli", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for check in CHECKS:
        assert f"self-test: ok  {check}: " in done.stdout
    assert "self-test: passed in " in done.stdout
    assert "propagateSizeHints" not in done.stderr
    # The person's data folder and window settings were never created.
    assert not home.exists() or not any(home.rglob("*")), sorted(home.rglob("*"))


def test_a_missing_catalog_fails_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise CatalogError("The planner's resources are missing; reinstall it.")

    monkeypatch.setattr("planner.catalog.builtin_catalog", broken)
    assert run_self_test() == 1
    err = capsys.readouterr().err
    assert "self-test: FAILED catalog: CatalogError: The planner's resources are missing" in err


def test_a_damaged_pdf_fails_the_run(
    qapp: object, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import planner.services.exports as exports

    real = exports.export_pdf_file

    def cut_short(ws: object, path: Path, **kwargs: object) -> Path:
        real(ws, path)  # type: ignore[arg-type]
        path.write_bytes(path.read_bytes()[:-200])
        return path

    monkeypatch.setattr(exports, "export_pdf_file", cut_short)
    assert run_self_test() == 1
    out, err = capsys.readouterr()
    assert "self-test: ok  plan: " in out
    assert "self-test: FAILED PDF export: the PDF is cut short" in err
    assert "passed" not in out


def _shift_first_object(data: bytes) -> bytes:
    """The cross-reference table's first object offset, one byte off."""
    pointer = re.search(rb"startxref\s+(\d+)", data)
    assert pointer is not None
    at = int(pointer.group(1))
    entry = re.search(rb"(\d{10}) \d{5} n", data[at:])
    assert entry is not None
    start = at + entry.start(1)
    moved = b"%010d" % (int(entry.group(1)) + 1)
    return data[:start] + moved + data[start + 10 :]


def _real_pdf(path: Path, pages: int) -> bytes:
    writer = QPdfWriter(str(path))
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                    QMarginsF())
    )  # fmt: skip
    painter = QPainter(writer)
    for n in range(pages):
        if n:
            writer.newPage()
        painter.drawText(100, 100, f"page {n + 1}")
    painter.end()
    return path.read_bytes()


def test_check_pdf_counts_the_pages_of_a_real_pdf(qapp: object, tmp_path: Path) -> None:
    assert check_pdf(_real_pdf(tmp_path / "three.pdf", 3)) == 3
    assert check_pdf(_real_pdf(tmp_path / "one.pdf", 1)) == 1


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d[5:], "PDF header"),
        (lambda d: d[: len(d) // 2], "cut short"),
        (_shift_first_object, "not where the table says"),
        (lambda d: d.replace(b"startxref", b"startxxx"), "cross-reference pointer"),
        (lambda d: re.sub(rb"/Type\s*/Page\b(?!s)", b"/Type /Xage", d), "no pages"),
    ],
)
def test_check_pdf_refuses_a_damaged_file(
    qapp: object, tmp_path: Path, damage: object, message: str
) -> None:
    data = _real_pdf(tmp_path / "good.pdf", 2)
    damaged = damage(data)  # type: ignore[operator]
    assert damaged != data
    with pytest.raises(SelfTestFailure, match=message):
        check_pdf(damaged)
