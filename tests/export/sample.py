"""A real plan from the shipped catalog for the export tests, and how they read PDFs back."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

from planner.catalog import Catalog
from planner.export.report import CertificationRow, PlanReport
from planner.planning import PlanOptions, ProfileSnapshot, build_plan, readiness, role_gap

ROLE = "distributed-systems-architect"
START = date(2026, 1, 5)
MARKUP_NOTE = 'See <img src="file:///etc/passwd"> and <b>x</b> & <a href="x">y</a>'


def beginner() -> ProfileSnapshot:
    return ProfileSnapshot(
        levels={"python": 2, "communication": 2, "linux": 1},
        years_experience=1.0,
        years_recorded_on=START,
        education="bachelor",
    )


def make_report(
    catalog: Catalog,
    *,
    role: str = ROLE,
    via: tuple[str, ...] = (),
    notes: dict[int, str] | None = None,
    person: str = "Alex Morgan",
) -> PlanReport:
    """A beginner's plan to ``role``; the first step done, the second in progress with a
    ticked topic, ``notes`` set on the steps at those indices."""
    profile = beginner()
    plan = build_plan(catalog, profile, role, PlanOptions(10, START), via=via)
    steps = list(plan.steps)
    steps[0] = steps[0]._replace(status="done", completed_on=date(2026, 1, 20))
    steps[1] = steps[1]._replace(status="in_progress")
    for index, note in (notes or {}).items():
        steps[index] = steps[index]._replace(notes=note)
    plan = plan._replace(steps=tuple(steps))
    target = catalog.roles[role]
    return PlanReport(
        plan=plan,
        catalog=catalog,
        readiness=readiness(catalog, profile, target, START),
        gap=role_gap(catalog, profile, target, START),
        person_name=person,
        generated_on=START,
        certifications=(
            CertificationRow(
                "AWS Certified Cloud Practitioner",
                "Amazon Web Services",
                "held",
                date(2025, 5, 1),
                date(2028, 5, 1),
                "AWS-CCP-1234",
            ),
            CertificationRow("Certified Kubernetes Administrator", "CNCF", "planned"),
        ),
        topics_done={steps[1].key: frozenset({0})},
    )


def normalise(text: str) -> str:
    """Text as compared in the tests: NFKC (Qt's PDF text uses ligatures such as "ﬁ") and
    every run of whitespace one space (pypdf breaks lines where the layout wrapped them)."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]
