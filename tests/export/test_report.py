"""PlanReport's helpers: topics, resources, summary figures and requirement states."""

from __future__ import annotations

from datetime import date

from planner.catalog import Catalog
from planner.export.formats import format_date, format_hours, format_percent
from planner.export.report import PlanReport


def test_skill_step_topics_are_the_levels_it_climbs(report: PlanReport) -> None:
    catalog = report.catalog
    for step in report.plan.steps:
        if step.kind != "skill":
            continue
        skill = catalog.skills[step.skill_id or ""]
        levels = range((step.from_level or 0) + 1, (step.to_level or 0) + 1)
        assert report.step_topics(step) == [t for lv in levels for t in skill.topics[lv]]
        assert report.step_resources(step) == skill.resources


def test_certification_and_other_steps(report: PlanReport, catalog: Catalog) -> None:
    cert_step = next(s for s in report.plan.steps if s.kind == "certification")
    assert report.step_topics(cert_step) == []
    assert (
        report.step_resources(cert_step)
        == catalog.certifications[cert_step.cert_id or ""].resources
    )
    milestone = report.plan.steps[-1]
    assert milestone.kind == "milestone"
    assert report.step_topics(milestone) == [] and report.step_resources(milestone) == ()


def test_topics_done_are_looked_up_by_step_key(report: PlanReport) -> None:
    second = report.plan.steps[1]
    assert report.topic_done(second, 0) and not report.topic_done(second, 1)
    assert not report.topic_done(report.plan.steps[2], 0)


def test_summary_and_requirement_rows(report: PlanReport) -> None:
    summary = dict(report.summary())
    assert summary["Readiness today"] == format_percent(report.readiness.percent)
    assert summary["Ready by (ETA)"] == format_date(report.plan.eta)
    assert summary["Total effort"] == format_hours(report.plan.total_hours)
    assert summary["Steps"] == f"{len(report.plan.steps)} (1 done)"
    rows = {r.label: r for r in report.requirement_rows()}
    assert rows["Python (or Java, Go)"].state == "short"
    assert rows["System Design"].state == "missing"
    assert rows["Experience"].state == "short"
    assert any(r.kind == "education" and r.state == "met" for r in rows.values())


def test_formats() -> None:
    assert format_date(date(2026, 3, 7)) == "7 Mar 2026"
    assert format_date(None) == "—"
    assert format_hours(1234.0) == "1,234 h" and format_hours(2.5) == "2.5 h"
    assert format_percent(6.64) == "6.6 %" and format_percent(50.0) == "50 %"
