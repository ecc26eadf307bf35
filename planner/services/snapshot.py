"""The profile as the planning engine sees it, read without SQLAlchemy (see store.reads)."""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from planner.planning import HeldCertification, ProfileSnapshot
from planner.store import reads

if TYPE_CHECKING:
    from sqlmodel import Session


def driver_of(source: Session | sqlite3.Connection) -> sqlite3.Connection:
    """The driver connection to read on: ``source`` itself, or the one under a session (in
    its transaction, with what it holds back flushed first)."""
    if isinstance(source, sqlite3.Connection):
        return source
    from planner.store.repository import driver_connection  # a session: SQLAlchemy is in

    return driver_connection(source)


def snapshot(source: Session | sqlite3.Connection, today: date) -> ProfileSnapshot:
    """The profile as plain data for the planning engine, read on ``source``."""
    connection = driver_of(source)
    profile = reads.profile(connection)
    held = tuple(
        HeldCertification(c.cert_id, c.earned_on, c.expires_on)
        for c in reads.certifications(connection)
        if c.status == "held"
    )
    return ProfileSnapshot(
        levels=reads.latest_levels(connection),
        certifications=held,
        years_experience=profile.years_experience,
        years_recorded_on=profile.years_recorded_on,
        education=profile.education,
        current_role_id=profile.current_role_id,
    )
