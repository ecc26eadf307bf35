"""Certifications held or planned: adding them (with the issuer's validity), listing them."""

from __future__ import annotations

from datetime import date

from planner.errors import InvalidInputError
from planner.planning.profile import add_years
from planner.services.certification_view import (
    EXPIRING_SOON_DAYS,
    CertificationView,
    my_certifications,
)
from planner.services.certification_view import certification_view as _view
from planner.services.workspace import Workspace
from planner.store import repository

__all__ = [
    "EXPIRING_SOON_DAYS",
    "CertificationView",
    "add_certification",
    "my_certifications",
    "remove_certification",
]


def add_certification(
    ws: Workspace,
    *,
    certification: str,
    earned_on: date | None = None,
    expires_on: date | None = None,
    credential_id: str = "",
    planned: bool = False,
) -> CertificationView:
    """Record a certification held (earned on a day) or planned.

    Without an expiry date, the issuer's validity period sets it. Earning a certification
    marks the active plan's step for it done.
    """
    cert = ws.catalog.find_certification(certification)
    today = ws.today()
    if not planned and earned_on is None:
        raise InvalidInputError("Give the date the certification was earned (--earned YYYY-MM-DD).")
    if earned_on is not None and earned_on > today:
        raise InvalidInputError(f"The earned date {earned_on} is in the future.")
    if expires_on is None and earned_on is not None and cert.validity_years:
        expires_on = add_years(earned_on, cert.validity_years)
    if expires_on is not None and earned_on is not None and expires_on < earned_on:
        raise InvalidInputError("The expiry date is before the date it was earned.")
    with ws.transaction() as session:
        record = repository.add_certification(
            session=session,
            cert_id=cert.id,
            status="planned" if planned else "held",
            earned_on=earned_on,
            expires_on=expires_on,
            credential_id=credential_id.strip(),
        )
        plan = repository.active_plan(session=session)
        if not planned and plan is not None and plan.id is not None:
            for step in repository.plan_steps(session=session, plan_id=plan.id):
                still_valid = expires_on is None or expires_on >= today
                if step.cert_id == cert.id and step.status != "done" and still_valid:
                    repository.update_step(
                        session=session,
                        plan_id=plan.id,
                        position=step.position,
                        status="done",
                        completed_on=today,
                    )
        assert record.id is not None
        return _view(ws, record.id, cert.id, record.status, earned_on, expires_on, credential_id)


def remove_certification(ws: Workspace, *, record_id: int) -> None:
    with ws.transaction() as session:
        repository.remove_certification(session=session, certification_id=record_id)
