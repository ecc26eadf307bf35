"""The planning engine: gap, readiness, prerequisites, order, schedule, routes. Pure Python."""

from planner.planning.gap import RoleGap, role_gap
from planner.planning.model import Phase, Plan, PlanOptions, Step
from planner.planning.plan import StepProgress, build_plan, reschedule
from planner.planning.profile import HeldCertification, ProfileSnapshot
from planner.planning.ranking import RoleStanding, rank_roles, standing
from planner.planning.readiness import Readiness, ReadinessItem, readiness
from planner.planning.routes import find_route

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
