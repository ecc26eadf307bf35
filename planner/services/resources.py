"""The person's own resources for a step: a title and a link, shown as text, never opened
by the planner itself. They follow the step's key, so they survive a regenerated plan."""

from __future__ import annotations

from dataclasses import dataclass

from planner.errors import InvalidInputError
from planner.services.workspace import Workspace
from planner.store import repository


@dataclass(frozen=True)
class UserResourceView:
    resource_id: int
    step_key: str
    title: str
    link: str


def _view(r: object) -> UserResourceView:
    return UserResourceView(r.id or 0, r.step_key, r.title, r.link)  # type: ignore[attr-defined]


def step_resources(ws: Workspace, *, step_key: str) -> list[UserResourceView]:
    with ws.transaction() as session:
        return [_view(r) for r in repository.user_resources(session=session, step_key=step_key)]


def add_step_resource(
    ws: Workspace, *, step_key: str, title: str, link: str = ""
) -> UserResourceView:
    title, link = title.strip(), link.strip()
    if not title:
        raise InvalidInputError("A resource needs a title.")
    if len(title) > 300 or len(link) > 2000:
        raise InvalidInputError("That title or link is too long.")
    with ws.transaction() as session:
        return _view(
            repository.add_user_resource(session=session, step_key=step_key, title=title, link=link)
        )


def remove_step_resource(ws: Workspace, *, resource_id: int) -> UserResourceView:
    with ws.transaction() as session:
        return _view(repository.remove_user_resource(session=session, resource_id=resource_id))
