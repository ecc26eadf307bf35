"""The plan as Markdown: the PDF's content without the charts, check boxes as task lists."""

from __future__ import annotations

import re
from pathlib import Path

from planner.export.atomic import write_atomically
from planner.export.formats import format_date, format_hours, format_percent, format_span
from planner.export.report import PlanReport
from planner.planning.model import Step

# Characters that mean something to a Markdown renderer (CommonMark and GitHub's extensions)
# wherever they stand; the others matter only at the start of a line.
_ALWAYS = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[+-](?=\s|$)|[=-]+\s*$|\d{1,9}[.)](?=\s|$))")
STATE_MARKS = {"met": "✓ met", "short": "◐ short", "missing": "✗ missing"}


def md(text: str) -> str:
    """``text`` as literal Markdown on one line: no markup, no HTML, no entity survives."""
    flat = " ".join(str(text).split())
    escaped = _ALWAYS.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), escaped)


def _escape_marker(marker: str) -> str:
    # "12." becomes "12\." and "# " becomes "\# ": a list or heading marker no longer.
    if marker[0].isdigit():
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def code(text: str) -> str:
    """A code span (for links): shown as typed, never turned into a link or markup."""
    flat = " ".join(str(text).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A GitHub table; cells must already be escaped. ``align`` has one of l/r per column."""
    align = align or "l" * len(header)
    rule = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def render_markdown(report: PlanReport) -> str:
    r, plan = report, report.plan
    who = f"for {md(r.person_name)} " if r.person_name.strip() else ""
    out = [
        f"# Learning plan: {md(r.role.title)}",
        "",
        f"Prepared {who}on {format_date(r.generated_on)} · plan from "
        f"{format_date(plan.options.start_date)} to {format_date(plan.eta)}",
        "",
    ]
    if len(plan.stages) > 1:
        route = " → ".join(md(r.stage_title(i)) for i in range(len(plan.stages)))
        out += [f"Route: {route}", ""]
    out += ["## Summary", ""]
    out += _table(["Figure", "Value"], [[md(k), md(v)] for k, v in r.summary()])
    out += ["## About the role", "", md(r.role.summary), ""]

    out += [f"## Readiness, item by item: {format_percent(r.readiness.percent)}", ""]
    out += _table(
        ["Item", "Importance", "Where you stand", "Points"],
        [
            [md(i.label), md(i.importance), md(i.detail), f"{i.points:.1f} of {i.max_points:.1f}"]
            for i in r.readiness.items
        ],
        "lllr",
    )

    out += [
        "## The plan, step by step",
        "",
        f"Dates assume {format_hours(plan.options.hours_per_week)} a week from "
        f"{format_date(plan.options.start_date)}.",
        "",
    ]
    stage_seen = -1
    for stage, phase, steps in plan.by_phase():
        if len(plan.stages) > 1 and stage != stage_seen:
            stage_seen = stage
            out += [f"### Stage {stage + 1} of {len(plan.stages)}: {md(r.stage_title(stage))}", ""]
        hours = format_hours(sum(s.hours for s in steps))
        out += [f"### {md(phase.title)} ({len(steps)} steps, {hours})", ""]
        for step in steps:
            out += _step(r, step)
        out.append("")

    out += ["## Certifications", ""]
    if r.certifications:
        out += _table(
            ["Certification", "Issuer", "Status", "Earned", "Expires", "Credential"],
            [
                [
                    md(c.name),
                    md(c.issuer),
                    md(c.status),
                    format_date(c.earned_on) if c.earned_on else "",
                    format_date(c.expires_on) if c.expires_on else "",
                    md(c.credential_id),
                ]
                for c in r.certifications
            ],
        )
    else:
        out += ["No certifications recorded yet.", ""]

    out += [f"## What the {md(r.role.title)} role asks for", ""]
    out += _table(
        ["Requirement", "Importance", "Asked", "You", "State", "Note"],
        [
            [
                md(q.label),
                md(q.importance),
                md(q.wanted),
                md(q.current),
                STATE_MARKS[q.state],
                md(q.note),
            ]
            for q in r.requirement_rows()
        ],
    )
    out += ["Sources: " + ", ".join(code(s) for s in r.role.sources), ""]
    return "\n".join(out)


def _step(report: PlanReport, step: Step) -> list[str]:
    done = step.status == "done"
    meta = [format_span(step)]
    if step.hours:
        meta.append(format_hours(step.hours))
    if done:
        meta.append(f"done on {format_date(step.completed_on)}" if step.completed_on else "done")
    elif step.status != "todo":
        meta.append(step.status.replace("_", " "))
    lines = [
        f"- [{'x' if done else ' '}] **{step.position}. {md(step.title)}** — {md(' · '.join(meta))}"
    ]
    if step.reasons:
        lines.append(f"  - Why: {md(step.why)}")
    topics = report.step_topics(step)
    if topics:
        lines.append("  - Topics:")
        for i, topic in enumerate(topics):
            ticked = done or report.topic_done(step, i)
            lines.append(f"    - [{'x' if ticked else ' '}] {md(topic)}")
    if step.suggestions:
        lines.append("  - Ways to gain it:")
        lines += [f"    - {md(s)}" for s in step.suggestions]
    resources = report.step_resources(step)
    if resources:
        lines.append("  - Resources:")
        for res in resources:
            link = f" — {code(res.link)}" if res.link else ""
            lines.append(f"    - {md(res.title)} ({md(res.kind)}){link}")
    if step.notes.strip():
        lines.append("  - Notes:")
        note_lines = step.notes.strip().splitlines()
        for n, line in enumerate(note_lines):
            # A trailing backslash keeps the person's line breaks inside the quote.
            end = "\\" if n < len(note_lines) - 1 and line.strip() else ""
            lines.append(f"    > {md(line)}{end}" if line.strip() else "    >")
    return lines


def export_markdown(report: PlanReport, path: Path) -> None:
    """Write ``report`` to ``path`` as UTF-8 Markdown, all or nothing."""
    write_atomically(Path(path), render_markdown(report).encode("utf-8"))
