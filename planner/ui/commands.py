"""Undoable edits: each command wraps one service call and the call that takes it back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.services import certifications, plans, profile, resources, skills
from planner.ui.service_command import ServiceCommand

if TYPE_CHECKING:
    from planner.ui.context import UiContext


def rate_skill(ctx: UiContext, skill_id: str, level: int) -> ServiceCommand:
    name = ctx.ws.catalog.skills[skill_id].name
    return ServiceCommand(
        ctx,
        f"Rate {name} {level}",
        lambda: skills.rate_skill(ctx.ws, skill=skill_id, level=level),
        lambda change: skills.undo_rating(ctx.ws, change),  # type: ignore[arg-type]
        frozenset({"ratings", "plan"}),
    )


def set_step_status(ctx: UiContext, position: int, status: str) -> ServiceCommand:
    return ServiceCommand(
        ctx,
        f"Mark step {position} {status.replace('_', ' ')}",
        lambda: plans.set_step_status(ctx.ws, position=position, status=status),
        lambda change: plans.undo_step_change(ctx.ws, change),  # type: ignore[arg-type]
        frozenset({"ratings", "plan"}),
    )


def set_step_notes(ctx: UiContext, position: int, old: str, new: str) -> ServiceCommand:
    return ServiceCommand(
        ctx,
        f"Edit the note of step {position}",
        lambda: plans.set_step_notes(ctx.ws, position=position, notes=new),
        lambda _: plans.set_step_notes(ctx.ws, position=position, notes=old),
        frozenset({"plan"}),
    )


def set_topic_done(ctx: UiContext, position: int, index: int, done: bool) -> ServiceCommand:
    def undo(change: object) -> None:
        if change is not None:
            plans.undo_step_change(ctx.ws, change)  # type: ignore[arg-type]
        plans.set_topic_done(ctx.ws, position=position, index=index, done=not done)

    return ServiceCommand(
        ctx,
        f"{'Tick' if done else 'Untick'} a topic of step {position}",
        lambda: plans.set_topic_done(ctx.ws, position=position, index=index, done=done),
        undo,
        frozenset({"ratings", "plan"}),
    )


def set_target(ctx: UiContext, role_id: str) -> ServiceCommand:
    previous = profile.settings(ctx.ws).target_role_id

    def undo(_: object) -> None:
        if previous:
            profile.set_target(ctx.ws, role=previous)
        else:
            profile.clear_target(ctx.ws)

    return ServiceCommand(
        ctx,
        f"Target {ctx.ws.catalog.roles[role_id].title}",
        lambda: profile.set_target(ctx.ws, role=role_id),
        undo,
        frozenset({"target", "profile"}),
    )


def add_certification(ctx: UiContext, **fields: object) -> ServiceCommand:
    return ServiceCommand(
        ctx,
        "Add certification",
        lambda: certifications.add_certification(ctx.ws, **fields),  # type: ignore[arg-type]
        lambda view: certifications.remove_certification(
            ctx.ws,
            record_id=view.record_id,  # type: ignore[attr-defined]
        ),
        frozenset({"certifications", "plan"}),
    )


def remove_certification(ctx: UiContext, view: certifications.CertificationView) -> ServiceCommand:
    state = {"record_id": view.record_id}

    def do() -> None:
        certifications.remove_certification(ctx.ws, record_id=state["record_id"])

    def undo(_: object) -> None:
        again = certifications.add_certification(
            ctx.ws,
            certification=view.cert_id,
            earned_on=view.earned_on,
            expires_on=view.expires_on,
            credential_id=view.credential_id,
            planned=view.status == "planned",
        )
        state["record_id"] = again.record_id

    return ServiceCommand(
        ctx, f"Remove {view.name}", do, undo, frozenset({"certifications", "plan"})
    )


def add_step_resource(ctx: UiContext, step_key: str, title: str, link: str) -> ServiceCommand:
    state: dict[str, int] = {}

    def do() -> object:
        view = resources.add_step_resource(ctx.ws, step_key=step_key, title=title, link=link)
        state["id"] = view.resource_id
        return view

    return ServiceCommand(
        ctx,
        f"Add resource {title}",
        do,
        lambda _: resources.remove_step_resource(ctx.ws, resource_id=state["id"]),
        frozenset({"plan"}),
    )


def remove_step_resource(ctx: UiContext, view: resources.UserResourceView) -> ServiceCommand:
    state = {"id": view.resource_id}

    def do() -> None:
        resources.remove_step_resource(ctx.ws, resource_id=state["id"])

    def undo(_: object) -> None:
        again = resources.add_step_resource(
            ctx.ws, step_key=view.step_key, title=view.title, link=view.link
        )
        state["id"] = again.resource_id

    return ServiceCommand(ctx, f"Remove resource {view.title}", do, undo, frozenset({"plan"}))
