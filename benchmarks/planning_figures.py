"""Planning-engine figures, on plain data (no database, no Qt): a plan for every role of the
built-in catalog, one plan on the synthetic catalog (and on one twice its size), and every
synthetic role ranked by readiness and hours."""

from __future__ import annotations

import random
from datetime import date

from benchmarks.measure import Result, Spread, repeat_ms
from benchmarks.run_context import RunContext
from benchmarks.synthetic_catalog import STANDARD, mid_level_levels
from planner.catalog import Catalog, builtin_catalog
from planner.planning import PlanOptions, ProfileSnapshot, build_plan, rank_roles

# The categories a mid-level engineer has worked in, rated 2–3 (the rest unrated).
MID_LEVEL_CATEGORIES = (
    "programming-languages",
    "software-engineering",
    "databases",
    "devops",
    "containers-orchestration",
    "cloud-platforms",
    "networking",
    "soft-skills",
)
# Roles of the synthetic catalog near the synthetic person's experience (domains 20–29).
PROFILE_DOMAINS = range(20, 30)
# The role the "one plan" figure plans for: of its domain, the one with the most steps for
# that person (25 requirements, about 125 steps).
SYNTHETIC_ROLE = "r025-4"


def mid_level_profile(catalog: Catalog, *, seed: int = 5) -> ProfileSnapshot:
    rng = random.Random(seed)
    levels = {
        s.id: rng.randint(2, 3)
        for s in catalog.skills.values()
        if s.category in MID_LEVEL_CATEGORIES and rng.random() < 0.8
    }
    return ProfileSnapshot(levels=levels, years_experience=4, education="bachelor")


def synthetic_profile() -> ProfileSnapshot:
    return ProfileSnapshot(
        levels=mid_level_levels(STANDARD, PROFILE_DOMAINS),
        years_experience=4,
        education="bachelor",
    )


def plan_per_role(ctx: RunContext) -> list[Result]:
    catalog = builtin_catalog()
    profile = mid_level_profile(catalog)
    options = PlanOptions(8, ctx.today)
    times = ctx.repeats(15, 3)
    samples: list[float] = []
    cpu: list[float] = []
    per_role: dict[str, float] = {}
    steps: dict[str, int] = {}
    for role_id in catalog.roles:
        timed = repeat_ms(
            lambda r=role_id: build_plan(catalog, profile, r, options), times, cpu=cpu
        )
        samples += timed
        per_role[role_id] = round(Spread.of(timed).median, 3)
        steps[role_id] = len(build_plan(catalog, profile, role_id, options).steps)
    slowest = max(per_role, key=per_role.__getitem__)
    return [
        Result(
            "plan_per_role",
            f"plan for each of the {len(catalog.roles)} catalog roles, mid-level profile",
            "ms",
            samples,
            "median",
            5,
            details={
                "roles": len(catalog.roles),
                "repeats_per_role": times,
                "rated_skills": len(profile.levels),
                "slowest_role": slowest,
                "slowest_role_median_ms": per_role[slowest],
                "slowest_role_steps": steps[slowest],
                "steps_median": sorted(steps.values())[len(steps) // 2],
                "cpu_median_ms": round(Spread.of(cpu).median, 3),
            },
        )
    ]


def plan_synthetic(ctx: RunContext) -> list[Result]:
    profile = synthetic_profile()
    options = PlanOptions(8, ctx.today)
    times = ctx.repeats(15, 3)
    single = ctx.synthetic(STANDARD)
    double = ctx.synthetic(STANDARD.doubled())
    cpu_small: list[float] = []
    cpu_large: list[float] = []
    small = repeat_ms(
        lambda: build_plan(single, profile, SYNTHETIC_ROLE, options), times, cpu=cpu_small
    )
    large = repeat_ms(
        lambda: build_plan(double, profile, SYNTHETIC_ROLE, options), times, cpu=cpu_large
    )
    plan = build_plan(single, profile, SYNTHETIC_ROLE, options)
    same = plan.steps == build_plan(double, profile, SYNTHETIC_ROLE, options).steps
    # Only this figure needs the large one; kept in the cache, it would slow the later
    # figures' garbage collections.
    ctx.forget(STANDARD.doubled())
    sizes = {
        "skills": len(single.skills),
        "roles": len(single.roles),
        "prerequisite_edges": sum(len(s.prerequisites) for s in single.skills.values()),
    }
    return [
        Result(
            "plan_synthetic",
            "one plan on the synthetic catalog (5,000 skills, 500 roles, 15,000 edges)",
            "ms",
            small,
            "median",
            100,
            details=dict(
                sizes,
                role=SYNTHETIC_ROLE,
                steps=len(plan.steps),
                cpu_median_ms=round(Spread.of(cpu_small).median, 3),
            ),
        ),
        Result(
            "plan_synthetic_doubling",
            "the same plan on a catalog twice the size, against the original",
            "ms",
            large,
            "ratio",
            2.2,
            "<=",
            baseline=small,
            baseline_label="5,000 skills",
            details={
                "skills": STANDARD.doubled().skills,
                "roles": STANDARD.doubled().roles,
                "same_plan_in_both": same,
                "cpu_ratio": round(Spread.of(cpu_large).median / Spread.of(cpu_small).median, 3),
            },
        ),
    ]


def rank_synthetic(ctx: RunContext) -> list[Result]:
    catalog = ctx.synthetic(STANDARD)
    profile = synthetic_profile()
    today: date = ctx.today
    cpu: list[float] = []
    samples = repeat_ms(
        lambda: rank_roles(catalog, profile, today),
        ctx.repeats(7, 2),
        at_least=2,
        budget_s=20,
        cpu=cpu,
    )
    closest = rank_roles(catalog, profile, today)[0]
    # The last figure on the synthetic catalog: kept in the cache, its million objects would
    # be walked by every full garbage collection of the window figures that follow.
    ctx.forget(STANDARD)
    return [
        Result(
            "rank_synthetic",
            "every synthetic role ranked by readiness and hours (closest roles)",
            "ms",
            samples,
            "median",
            200,
            details={
                "roles": len(catalog.roles),
                "closest_role": closest.role_id,
                "closest_readiness": closest.readiness,
                "cpu_median_ms": round(Spread.of(cpu).median, 1),
            },
        )
    ]
