"""Certifications as the pages show them (held, planned or expired, with the catalog's
names), read without SQLAlchemy: the dashboard lists expiring ones at start."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from planner.store import reads

if TYPE_CHECKING:
    from planner.services.workspace import Workspace

# A held certification ending within this many days is "expiring soon" (certifications
# page, dashboard): time enough to prepare a renewal.
EXPIRING_SOON_DAYS = 90


class CertificationView(NamedTuple):
    record_id: int
    cert_id: str
    name: str
    issuer: str
    status: str  # held | planned | expired
    earned_on: date | None
    expires_on: date | None
    credential_id: str


def my_certifications(ws: Workspace) -> list[CertificationView]:
    """Every certification record: held first (soonest expiry first), then expired, then
    planned."""
    with ws.reading() as connection:
        records = reads.certifications(connection)
    views = [
        certification_view(
            ws, r.id, r.cert_id, r.status, r.earned_on, r.expires_on, r.credential_id
        )
        for r in records
    ]
    order = {"held": 0, "expired": 1, "planned": 2}
    return sorted(views, key=lambda v: (order[v.status], v.expires_on or date.max, v.name))


def certification_view(
    ws: Workspace,
    record_id: int,
    cert_id: str,
    status: str,
    earned_on: date | None,
    expires_on: date | None,
    credential_id: str,
) -> CertificationView:
    cert = ws.catalog.certifications.get(cert_id)
    if status == "held" and expires_on is not None and expires_on < ws.today():
        status = "expired"
    return CertificationView(
        record_id,
        cert_id,
        cert.name if cert else cert_id,
        cert.issuer if cert else "",
        status,
        earned_on,
        expires_on,
        credential_id,
    )
