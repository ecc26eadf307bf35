"""The planning engine: gap, readiness, prerequisites, order, schedule, routes. Pure Python.

Building, ranking and routing are imported on first use (PEP 562): the dashboard, drawn at
start-up, reads a stored plan and needs only the gap, the model and readiness.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from planner.planning.gap import RoleGap, role_gap
from planner.planning.model import Phase, Plan, PlanOptions, Step
from planner.planning.profile import HeldCertification, ProfileSnapshot
from planner.planning.readiness import Readiness, ReadinessItem, readiness

if TYPE_CHECKING:
    from planner.planning.plan import StepProgress, build_plan, reschedule
    from planner.planning.ranking import RoleStanding, rank_roles, standing
    from planner.planning.routes import find_route

_LATER = {
    **dict.fromkeys(("StepProgress", "build_plan", "reschedule"), "planner.planning.plan"),
    **dict.fromkeys(("RoleStanding", "rank_roles", "standing"), "planner.planning.ranking"),
    "find_route": "planner.planning.routes",
}

__all__ = [
    "HeldCertification",
    "Phase",
    "Plan",
    "PlanOptions",
    "ProfileSnapshot",
    "Readiness",
    "ReadinessItem",
    "RoleGap",
    "RoleStanding",
    "Step",
    "StepProgress",
    "build_plan",
    "find_route",
    "rank_roles",
    "readiness",
    "reschedule",
    "role_gap",
    "standing",
]


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(import_module(_LATER[name]), name)
    raise AttributeError(f"module 'planner.planning' has no attribute {name!r}")
