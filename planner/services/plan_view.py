"""What the plan page shows in one read: the active plan, the target, and each step's topics
and resources from the catalog."""

from __future__ import annotations

from dataclasses import dataclass

from planner.catalog import Catalog
from planner.catalog.schema import Resource
from planner.planning.model import Plan, Step
from planner.services.plans import PlanView, current_plan
from planner.services.profile import settings
from planner.services.workspace import Workspace


@dataclass(frozen=True)
class PlanPageState:
    """The active plan (None before the first one) and the role the person is aiming at."""

    view: PlanView | None
    target_role_id: str | None
    target_title: str | None

    @property
    def stale(self) -> bool:
        """The plan was made for another role than the current target."""
        return (
            self.view is not None
            and self.target_role_id is not None
            and self.view.plan.role_id != self.target_role_id
        )


def plan_page_state(ws: Workspace) -> PlanPageState:
    target = settings(ws).target_role_id
    role = ws.catalog.roles.get(target) if target else None
    return PlanPageState(
        view=current_plan(ws),
        target_role_id=role.id if role else None,
        target_title=role.title if role else None,
    )


def step_topics(catalog: Catalog, step: Step) -> list[str]:
    """A skill step's checklist: the skill's topics for each level it climbs, in order
    (the same list, and so the same indices, as services.plans.set_topic_done uses)."""
    if step.kind != "skill" or step.skill_id not in catalog.skills or step.to_level is None:
        return []
    return catalog.skills[step.skill_id].topics_between(step.from_level or 0, step.to_level)


def step_resources(catalog: Catalog, step: Step) -> tuple[Resource, ...]:
    """What to learn from: the skill's resources, or the certification's."""
    if step.skill_id and step.skill_id in catalog.skills:
        return catalog.skills[step.skill_id].resources
    if step.cert_id and step.cert_id in catalog.certifications:
        return catalog.certifications[step.cert_id].resources
    return ()


def stage_titles(catalog: Catalog, plan: Plan) -> list[str]:
    """The title of each stage's role, in route order (one entry for a single-role plan)."""
    return [catalog.roles[r].title if r in catalog.roles else r for r in plan.stages]
