"""Hostile text in the exports: the PDF and the Markdown show every catalog and user string
as typed. No markup runs, no file is pulled in, no link other than http(s) appears.

The plan comes from a real database through the services (plan_report), over a catalog whose
every free-text field carries the payload (what an imported role file will control), with the
person's own text (name, notes, credential ids) carrying it too.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hostile_catalog import hostile_catalog
from pypdf import PdfReader
from PySide6.QtGui import QTextDocument

from planner.export.markdown import render_markdown
from planner.export.pdf import export_pdf
from planner.export.report import PlanReport
from planner.services import certifications, exports, plans, profile, skills
from planner.services.workspace import Workspace

from .sample import pdf_pages

pytestmark = pytest.mark.usefixtures("qapp")

TODAY = date(2026, 11, 23)
TAG = "Zq7"
PAYLOAD = f"{TAG}<b>bold</b> &amp; <img src='/etc/passwd'> [link](file:///etc) *em* \u200f`x`\\|"
LONG_WORD = "Supercalifragilistic" * 15  # 300 letters, no place to break
TARGET = "devops-engineer"
# Text at the start of a line that Markdown would make a heading, a list, a rule or a quote.
LINE_STARTS = ["# heading", "1. item", "- item", "---", "> quote", "    code"]


def squash(text: str) -> str:
    """Text compared without whitespace (the PDF wraps lines anywhere) and without the
    invisible bidi marks (a PDF's text layer may or may not keep them)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if not ch.isspace() and ch not in "\u200e\u200f")


@dataclass(frozen=True)
class Hostile:
    report: PlanReport
    notes: list[str]
    credential: str


@pytest.fixture(scope="module")
def hostile_report(
    tmp_path_factory: pytest.TempPathFactory, migrated_database: Path
) -> Iterator[Hostile]:
    folder = tmp_path_factory.mktemp("hostile") / "data"
    folder.mkdir(mode=0o700)
    shutil.copyfile(migrated_database, folder / "planner.sqlite3")
    ws = Workspace(folder, catalog=hostile_catalog(PAYLOAD), today=lambda: TODAY)
    try:
        profile.update_settings(ws, name=f"- Ada {PAYLOAD}")
        # Most of the role already met: a short plan keeps the PDF (and reading it) quick.
        for requirement in ws.catalog.roles[TARGET].requirements[3:]:
            skills.rate_skill(ws, skill=requirement.any_of[0], level=requirement.level)
        credential = f"LF-{PAYLOAD}"
        certifications.add_certification(
            ws, certification="cka", earned_on=date(2025, 1, 10), credential_id=credential
        )
        profile.set_target(ws, role=TARGET)
        view = plans.generate_plan(ws, hours_per_week=10, start=TODAY, follow_ladder=False)
        notes = [
            f"{start} {PAYLOAD}\nsecond line {LONG_WORD}" for start in LINE_STARTS
        ]  # one note per step, each opening with something Markdown would act on
        for step, note in zip(view.plan.steps, notes, strict=False):
            plans.set_step_notes(ws, position=step.position, notes=note)
        yield Hostile(exports.plan_report(ws), notes, credential)
    finally:
        ws.close()


def catalog_texts(report: PlanReport) -> list[str]:
    """Catalog text every export must carry (literally) for this plan."""
    role = report.role
    step = next(s for s in report.plan.steps if s.kind == "skill")
    skill = report.catalog.skills[step.skill_id or ""]
    resource = report.step_resources(step)[0]
    texts = [role.title, role.summary, role.sources[0], skill.name, resource.title]
    texts += [report.step_topics(step)[0]]
    texts += [r.note for r in role.requirements if r.note][:1]
    if resource.link:
        texts.append(resource.link)
    return texts


# --- PDF --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(hostile_report: Hostile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "hostile.pdf"
    export_pdf(hostile_report.report, path)
    return path


def test_the_pdf_shows_every_string_as_typed(hostile_report: Hostile, pdf: Path) -> None:
    text = squash(" ".join(pdf_pages(pdf)))
    report = hostile_report.report
    expected = [report.person_name, hostile_report.credential, *hostile_report.notes]
    expected += catalog_texts(report)
    missing = [t for t in expected if squash(t) not in text]
    assert missing == []
    # Markup was never rendered: wherever the tag is, the payload follows as typed, or as
    # much of it as a chart label has room for before its ellipsis.
    payload = squash(PAYLOAD)
    altered = []
    for match in re.finditer(TAG, text):
        shown = text[match.start() : match.start() + len(payload)]
        cut = shown.find("...")  # NFKC makes the ellipsis three dots
        if (shown[:cut] if cut >= 0 else shown) != (payload[:cut] if cut >= 0 else payload):
            altered.append(text[match.start() - 30 : match.start() + len(payload)])
    assert altered == []
    assert "\ufffc" not in text  # the object replacement character an <img> would leave


def test_the_pdf_pulls_in_nothing_and_links_nowhere(pdf: Path) -> None:
    images, links = 0, []
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        for ref in xobjects.get_object().values() if xobjects else []:
            images += ref.get_object().get("/Subtype") == "/Image"
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None:
                links.append(action.get_object().get("/URI"))
    assert images == 0  # the charts are vectors; nothing loaded the <img>
    assert links == []  # resource links are printed as text, never made clickable


# --- Markdown --------------------------------------------------------------------------------


def _read_markdown(markdown: str) -> tuple[str, list[str], list[str], int]:
    """The text a Markdown viewer shows (Qt's reader, GitHub's dialect), its links, its
    headings, and the number of images."""
    doc = QTextDocument()
    doc.setMarkdown(markdown)
    links, headings, images = [], [], 0
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.append(block.text())
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            links += [fmt.anchorHref()] if fmt.isAnchor() else []
            images += fmt.isImageFormat()
            it += 1
        block = block.next()
    return doc.toPlainText(), links, headings, images


TEMPLATE_HEADINGS = (
    "Learning plan:",
    "Summary",
    "About the role",
    "Readiness, item by item",
    "The plan, step by step",
    "Stage ",
    "Foundations",
    "Core skills",
    "Specialisation",
    "Certification",
    "Role readiness",
    "What the ",
)


def test_the_markdown_shows_every_string_as_typed(hostile_report: Hostile) -> None:
    report = hostile_report.report
    shown, links, headings, images = _read_markdown(render_markdown(report))
    flat = " ".join(shown.split())
    # md() keeps a text on one line: compare with runs of whitespace made one space.
    expected = [report.person_name, hostile_report.credential, *catalog_texts(report)]
    expected += [line for note in hostile_report.notes for line in note.splitlines()]
    missing = [t for t in expected if " ".join(t.split()) not in flat]
    assert missing == []
    assert [link for link in links if not re.match(r"https?://", link)] == []
    assert images == 0
    strays = [h for h in headings if not h.startswith(TEMPLATE_HEADINGS)]
    assert strays == []  # no note, name or title line became a heading of its own


def test_the_markdown_checker_sees_what_is_not_escaped() -> None:
    """The reader above can fail: unescaped, the same kinds of text break each rule."""
    assert PAYLOAD not in _read_markdown(PAYLOAD)[0]
    _, links, _, images = _read_markdown("![i](/etc/passwd) [l](file:///etc)\n")
    assert links == ["file:///etc"] and images == 1
    assert _read_markdown(f"# {TAG} heading\n")[2] == [f"{TAG} heading"]
