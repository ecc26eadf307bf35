"""The PDF export: content read back with pypdf, escaping, atomic writes, progress, cancel."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QThread, QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument

from planner.catalog import Catalog
from planner.errors import ExportError
from planner.export.flow import SafeDocument
from planner.export.formats import format_date, format_hours, format_percent
from planner.export.pdf import export_pdf
from planner.export.report import PlanReport

from .sample import MARKUP_NOTE, make_report, normalise, pdf_pages

pytestmark = pytest.mark.usefixtures("qapp")


@dataclass(frozen=True)
class Exported:
    report: PlanReport
    path: Path
    pages: list[str]  # the text of each page, as pypdf extracts it


@pytest.fixture(scope="module")
def exported(qapp: object, catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """One export shared by the tests that only read it (pypdf takes a second or two)."""
    report = make_report(catalog, notes={2: MARKUP_NOTE})
    path = tmp_path_factory.mktemp("pdf") / "plan.pdf"
    export_pdf(report, path)
    return Exported(report, path, pdf_pages(path))


def test_every_step_and_summary_figure_is_in_the_pdf(exported: Exported) -> None:
    report = exported.report
    text = normalise(" ".join(exported.pages))
    missing = [s.title for s in report.plan.steps if normalise(s.title) not in text]
    assert not missing
    plan = report.plan
    for figure in (
        format_percent(report.readiness.percent),
        format_date(plan.eta),
        format_hours(plan.total_hours),
        format_hours(plan.remaining_hours),
        format_hours(plan.options.hours_per_week),
        f"{len(plan.steps)} (1 done)",
        report.role.title,
        report.person_name,
    ):
        assert normalise(figure) in text, figure


def test_sections_are_all_there(exported: Exported) -> None:
    report = exported.report
    text = normalise(" ".join(exported.pages))
    for heading in (
        "Plan at a glance",
        "Next steps",
        "Skills against the role",
        "Timeline, step by step",
        "Readiness, item by item",
        "The plan, step by step",
        "Certifications",
        "AWS-CCP-1234",
        f"What the {report.role.title} role asks for",
        *report.role.sources,
    ):
        assert normalise(heading) in text, heading
    first = report.plan.steps[0]
    topics = report.step_topics(first)
    assert topics and all(normalise(t) in text for t in topics)


def test_every_page_has_its_number_and_metadata_is_set(exported: Exported) -> None:
    report, pages = exported.report, exported.pages
    assert len(pages) > 5
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in normalise(page)
    meta = PdfReader(exported.path).metadata
    assert meta is not None
    assert meta.title == f"Learning plan: {report.role.title} — {report.person_name}"
    assert meta.author == report.person_name
    assert meta.creator and meta.creator.startswith("Learning-path planner")


def _image_xobjects(path: Path) -> int:
    count = 0
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


def test_markup_in_user_and_catalog_text_shows_literally(catalog: Catalog, tmp_path: Path) -> None:
    passwd = tmp_path / "secret.txt"
    passwd.write_text("TOPSECRETCONTENT")
    image = tmp_path / "pixel.png"
    pixel = QImage(4, 4, QImage.Format.Format_RGB32)
    pixel.fill(QColor("red"))
    assert pixel.save(str(image))
    sheet = f'<link rel="stylesheet" href="{passwd.as_uri()}">'
    note = f'{MARKUP_NOTE} <img src="{image.as_uri()}"> {sheet}'
    report = make_report(catalog, notes={0: note, 3: "<b>bold?</b>"}, person="Eve <i>x</i>")
    path = tmp_path / "plan.pdf"
    export_pdf(report, path)

    text = normalise(" ".join(pdf_pages(path)))
    assert normalise(MARKUP_NOTE) in text
    # A long path wraps anywhere, so this one is compared without any whitespace.
    assert "".join(f'<img src="{image.as_uri()}">'.split()) in "".join(text.split())
    assert "<b>bold?</b>" in text
    assert "Eve <i>x</i>" in text
    assert "TOPSECRETCONTENT" not in text
    assert _image_xobjects(path) == 0  # the charts are vector and no note pulled a picture in


def test_documents_never_load_resources(qapp: object, tmp_path: Path) -> None:
    image = tmp_path / "pixel.png"
    pixel = QImage(4, 4, QImage.Format.Format_RGB32)
    pixel.fill(QColor("blue"))
    assert pixel.save(str(image))
    url = QUrl.fromLocalFile(str(image))
    kind = QTextDocument.ResourceType.ImageResource
    # A plain document reads the file: the test would catch a safe document that did too.
    assert QTextDocument().resource(kind, url) is not None
    safe = SafeDocument()
    safe.setHtml(f'<img src="{url.toString()}">')
    assert safe.resource(kind, url) is None


def test_a_long_note_flows_over_pages_without_loss(catalog: Catalog, tmp_path: Path) -> None:
    lines = [f"note line {i:03d}" for i in range(260)]
    report = make_report(catalog, notes={4: "\n".join(lines)})
    path = tmp_path / "plan.pdf"
    export_pdf(report, path)
    text = normalise(" ".join(pdf_pages(path)))
    assert all(line in text for line in lines)


def test_a_route_shows_its_stages(catalog: Catalog, tmp_path: Path) -> None:
    report = make_report(catalog, via=("senior-distributed-systems-engineer",))
    path = tmp_path / "route.pdf"
    export_pdf(report, path)
    text = normalise(" ".join(pdf_pages(path)))
    assert "Stage 1 of 2: Senior Distributed Systems Engineer" in text
    assert "Stage 2 of 2: Distributed Systems Architect" in text
    assert all(normalise(s.title) in text for s in report.plan.steps)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_missing_folder_raises_and_writes_nothing(report: PlanReport, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(report, tmp_path / "nowhere" / "plan.pdf")
    assert _leftovers(tmp_path) == []


def test_a_folder_as_target_raises(report: PlanReport, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    target.mkdir()
    with pytest.raises(ExportError, match="folder"):
        export_pdf(report, target)
    assert _leftovers(tmp_path) == ["plan.pdf"] and not any(target.iterdir())


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions")
def test_read_only_folder_raises_and_writes_nothing(report: PlanReport, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            export_pdf(report, folder / "plan.pdf")
        assert _leftovers(folder) == []
    finally:
        folder.chmod(0o700)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "permission denied"),
        (errno.ENOSPC, "the disk is full"),
    ],
)
def test_os_errors_become_clear_messages(
    report: PlanReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    """The same as a read-only folder or a full disk, where the test runs as root."""

    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("planner.export.atomic.os.open", refuse)
    with pytest.raises(ExportError, match=message):
        export_pdf(report, tmp_path / "plan.pdf")
    assert _leftovers(tmp_path) == []


def test_progress_is_reported_page_by_page(report: PlanReport, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    path = tmp_path / "plan.pdf"
    export_pdf(report, path, progress=progress)
    total = len(PdfReader(path).pages)
    assert calls == [(page, total) for page in range(1, total + 1)]


def test_cancelling_leaves_no_file_and_keeps_the_old_one(
    report: PlanReport, tmp_path: Path
) -> None:
    path = tmp_path / "plan.pdf"
    with pytest.raises(ExportError, match="cancelled"):
        export_pdf(report, path, progress=lambda done, total: done < 2)
    assert _leftovers(tmp_path) == []

    path.write_bytes(b"the previous export")
    with pytest.raises(ExportError, match="cancelled"):
        export_pdf(report, path, progress=lambda done, total: False)
    assert path.read_bytes() == b"the previous export"
    assert _leftovers(tmp_path) == ["plan.pdf"]


def test_export_replaces_an_existing_file(report: PlanReport, tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"old")
    export_pdf(report, path)
    assert path.read_bytes().startswith(b"%PDF-")
    assert _leftovers(tmp_path) == ["plan.pdf"]


def test_export_runs_off_the_gui_thread(report: PlanReport, tmp_path: Path) -> None:
    """The window exports in a worker so it never freezes (DESIGN.md §3)."""
    path = tmp_path / "plan.pdf"
    errors: list[BaseException] = []

    class Worker(QThread):
        def run(self) -> None:
            try:
                export_pdf(report, path)
            except BaseException as error:  # re-raised on the test's thread below
                errors.append(error)

    worker = Worker()
    worker.start()
    assert worker.wait(60_000)
    assert not errors
    assert len(PdfReader(path).pages) > 5
