"""The PDF export of a 120-step plan with its charts: how long it takes and how big it is."""

from __future__ import annotations

from dataclasses import replace

from benchmarks.measure import Result, Spread, repeat_ms
from benchmarks.run_context import RunContext

STEPS = 120
# A climb of three rungs from an empty profile: about 140 steps, cut to the first 120.
CURRENT_ROLE = "systems-analyst"
TARGET_ROLE = "engineering-manager"


def pdf_export(ctx: RunContext) -> list[Result]:
    ctx.qt_app()  # before the exporter makes a QGuiApplication of its own
    from planner.export.pdf import export_pdf
    from planner.export.report import PlanReport
    from planner.services import plans, profile
    from planner.services.exports import plan_report
    from planner.services.workspace import Workspace

    folder = ctx.folder("pdf-data")
    out = ctx.folder("pdf-out") / "plan.pdf"
    with Workspace(folder, today=lambda: ctx.today) as ws:
        profile.update_settings(ws, name="Benchmark Person", current_role=CURRENT_ROLE)
        profile.set_target(ws, role=TARGET_ROLE)
        full = plans.generate_plan(ws, hours_per_week=8)
        if len(full.plan.steps) < STEPS:
            raise RuntimeError(
                f"the plan from {CURRENT_ROLE} to {TARGET_ROLE} has {len(full.plan.steps)} "
                f"steps, fewer than {STEPS}: choose a longer climb"
            )

        def report() -> PlanReport:
            whole = plan_report(ws)  # the database read every export starts with
            return replace(whole, plan=whole.plan._replace(steps=whole.plan.steps[:STEPS]))

        def export() -> None:
            export_pdf(report(), out)

        cpu: list[float] = []
        samples = repeat_ms(export, ctx.repeats(5, 2), at_least=2, budget_s=30, cpu=cpu)
    size_mb = out.stat().st_size / 1_000_000
    common: dict[str, object] = {
        "steps": STEPS,
        "steps_before_cut": len(full.plan.steps),
        "route": list(full.plan.stages),
    }
    return [
        Result(
            "pdf_time",
            f"PDF export of a {STEPS}-step plan with its charts",
            "ms",
            samples,
            "median",
            1500,
            details=dict(common, cpu_median_ms=round(Spread.of(cpu).median, 1)),
        ),
        Result(
            "pdf_size",
            f"size of that PDF ({STEPS} steps)",
            "MB",
            [size_mb],
            "max",
            1.0,
            details=dict(common, bytes=out.stat().st_size),
        ),
    ]
