"""Exporting the active plan: the report every exporter reads, and the files themselves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from planner.errors import InvalidInputError
from planner.export.report import CertificationRow, PlanReport
from planner.planning import role_gap
from planner.services.certifications import my_certifications
from planner.services.plans import current_plan
from planner.services.profile import settings, snapshot
from planner.services.workspace import Workspace


def plan_report(ws: Workspace) -> PlanReport:
    """Everything an export shows, read from the database in one go."""
    view = current_plan(ws)
    if view is None:
        raise InvalidInputError("There is no plan to export yet: run planner plan first.")
    today = ws.today()
    with ws.transaction() as session:
        profile = snapshot(session, today)
    role = ws.catalog.roles[view.plan.role_id]
    certs = tuple(
        CertificationRow(
            name=c.name,
            issuer=c.issuer,
            status=c.status,  # type: ignore[arg-type]
            earned_on=c.earned_on,
            expires_on=c.expires_on,
            credential_id=c.credential_id,
        )
        for c in my_certifications(ws)
    )
    return PlanReport(
        plan=view.plan,
        catalog=ws.catalog,
        readiness=view.readiness,
        gap=role_gap(ws.catalog, profile, role, today),
        person_name=settings(ws).name,
        generated_on=today,
        certifications=certs,
        topics_done=view.topics_done,
    )


def export_pdf_file(
    ws: Workspace, path: Path, *, progress: Callable[[int, int], bool] | None = None
) -> Path:
    from planner.export.pdf import export_pdf  # Qt is loaded only when a PDF is asked for

    export_pdf(plan_report(ws), path, progress=progress)
    return path


def export_markdown_file(ws: Workspace, path: Path) -> Path:
    from planner.export.markdown import export_markdown

    export_markdown(plan_report(ws), path)
    return path
