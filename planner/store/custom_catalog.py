"""Data functions for the person's custom skills and roles: rows of (id, definition as JSON).

The definitions are opaque text here; planner.catalog validates them. Like the repository,
the functions taking a session never commit: the calling service owns the transaction.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import delete
from sqlmodel import Session, col, select

from planner.store.models import CustomRole, CustomSkill, Plan, utc_now

_Row = TypeVar("_Row", CustomSkill, CustomRole)


def custom_skill_ids(*, session: Session) -> set[str]:
    return set(session.exec(select(CustomSkill.id)))


def custom_role_ids(*, session: Session) -> set[str]:
    return set(session.exec(select(CustomRole.id)))


def put_skill(*, session: Session, skill_id: str, definition: str) -> bool:
    """Store the definition of ``skill_id``, adding or replacing it; True when it was new."""
    return _put(session, CustomSkill, skill_id, definition)


def put_role(*, session: Session, role_id: str, definition: str) -> bool:
    """Store the definition of ``role_id``, adding or replacing it; True when it was new."""
    return _put(session, CustomRole, role_id, definition)


def _put(session: Session, model: type[_Row], key: str, definition: str) -> bool:
    row = session.get(model, key)
    if row is None:
        session.add(model(id=key, definition=definition))
        session.flush()
        return True
    if row.definition != definition:
        row.definition = definition
        row.updated_at = utc_now()
        session.add(row)
        session.flush()
    return False


def delete_skill(*, session: Session, skill_id: str) -> bool:
    """Remove the custom skill; False when there was none. Ratings of it are not touched."""
    return _delete(session, CustomSkill, skill_id)


def delete_role(*, session: Session, role_id: str) -> bool:
    """Remove the custom role row only; see ``delete_plans_for_role`` for its plans."""
    return _delete(session, CustomRole, role_id)


def _delete(session: Session, model: type[_Row], key: str) -> bool:
    row = session.get(model, key)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True


def plans_for_role(*, session: Session, role_id: str) -> list[int]:
    """Ids of the plans made for ``role_id`` or routed through it as a stage."""
    routes = select(Plan.id, Plan.role_id, Plan.route)
    return [
        plan_id
        for plan_id, target, route in session.exec(routes)
        if plan_id is not None and (target == role_id or role_id in route.split(","))
    ]


def delete_plans(*, session: Session, plan_ids: list[int]) -> int:
    """Remove these plans; their steps go with them (ON DELETE CASCADE)."""
    if not plan_ids:
        return 0
    session.exec(delete(Plan).where(col(Plan.id).in_(plan_ids)))
    session.flush()
    return len(plan_ids)
