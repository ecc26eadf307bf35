"""The Markdown export: every step as a task, literal user text, atomic writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.catalog import Catalog
from planner.errors import ExportError
from planner.export.formats import format_date, format_hours, format_percent
from planner.export.markdown import code, export_markdown, md, render_markdown
from planner.export.report import PlanReport

from .sample import MARKUP_NOTE, make_report


def test_every_step_is_a_task_with_its_box(report: PlanReport, tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    export_markdown(report, path)
    text = path.read_text(encoding="utf-8")
    for step in report.plan.steps:
        box = "[x]" if step.status == "done" else "[ ]"
        assert f"- {box} **{step.position}. {md(step.title)}**" in text
    assert text.count("- [x] **") == 1
    plan = report.plan
    for figure in (
        format_percent(report.readiness.percent),
        format_date(plan.eta),
        format_hours(plan.total_hours),
        format_hours(plan.remaining_hours),
        "AWS-CCP-1234",
    ):
        assert md(figure) in text, figure
    assert all(code(source) in text for source in report.role.sources)


def test_ticked_topics_are_checked(report: PlanReport) -> None:
    text = render_markdown(report)
    second = report.plan.steps[1]
    topics = report.step_topics(second)
    assert f"    - [x] {md(topics[0])}" in text
    assert f"    - [ ] {md(topics[1])}" in text


def test_markup_in_notes_and_names_is_escaped(catalog: Catalog) -> None:
    report = make_report(
        catalog, notes={0: MARKUP_NOTE + "\n# not a heading\n1. not a list"}, person="Eve <i>x</i>"
    )
    text = render_markdown(report)
    unquoted = re.sub(r"(?m)^\s*>", "", text)  # blockquote markers (the notes) aside,
    assert not re.search(r"(?<!\\)[<>]", unquoted)  # every angle bracket is escaped
    assert '\\<img src="file:///etc/passwd"\\>' in text
    assert "    > \\# not a heading" in text
    assert "    > 1\\. not a list" in text


def test_rendered_markdown_has_no_tags_from_user_text(catalog: Catalog) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    report = make_report(catalog, notes={0: MARKUP_NOTE}, person="Eve <i>x</i>")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(render_markdown(report))
    assert "<img" not in html and "<b>" not in html and "<i>" not in html and "<a " not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6.6 %", "6.6 %"),
        ("a <b>x</b>", "a \\<b\\>x\\</b\\>"),
        (
            "*bold* _it_ `c` [l](u) | ~s~ &amp;",
            "\\*bold\\* \\_it\\_ \\`c\\` \\[l\\](u) \\| \\~s\\~ \\&amp;",
        ),
        ("# heading", "\\# heading"),
        ("1. item", "1\\. item"),
        ("- item", "\\- item"),
        ("---", "\\---"),
        ("two\nlines", "two lines"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_md_escapes(text: str, expected: str) -> None:
    assert md(text) == expected


def test_code_spans_survive_backticks() -> None:
    assert code("https://x.org/a") == "`https://x.org/a`"
    assert code("a`b") == "``a`b``"


def test_unwritable_path_raises_and_writes_nothing(report: PlanReport, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        export_markdown(report, tmp_path / "missing" / "plan.md")
    assert list(tmp_path.iterdir()) == []
