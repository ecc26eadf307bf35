"""Screenshots of every page of the window, on a realistic demo profile in a throw-away folder.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python packaging/screenshots.py OUTDIR \
        [--theme light|dark]

(``QT_QPA_PLATFORM=offscreen`` works too.) Writes OUTDIR/<page>.png for every page of
planner.ui.pages.PAGES, and OUTDIR/first-run.png (the guided set-up's first page). The data
and the window settings live in a temporary folder: the user's own are never read or written.
Exits 0 when every picture was taken, 2 when a page could not be created (and says which).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from planner.services import certifications, plans, profile, skills
from planner.services.workspace import Workspace

# (skill, the levels it was rated at over time, oldest first): a mid-level engineer.
DEMO_SKILLS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("python", (2, 3, 4)),
    ("java", (1, 2)),
    ("go", (1, 2)),
    ("data-structures-algorithms", (2, 3)),
    ("version-control", (3, 4)),
    ("software-testing", (2, 3)),
    ("relational-databases", (2, 3)),
    ("linux", (2, 3)),
    ("docker", (1, 2, 3)),
    ("kubernetes", (1, 2)),
    ("aws", (1, 2)),
    ("networking-fundamentals", (1, 2)),
    ("api-design", (2, 3)),
    ("communication", (2, 3)),
    ("collaboration", (3, 4)),
)
DEMO_NOTE = (
    "Working through the Raft paper and the lab exercises; pairing with Priya on the "
    "consensus module at work."
)
FIRST_RUN = "first-run"


@contextmanager
def _rated_at(moment: datetime) -> Iterator[None]:
    """WORKAROUND: skills.rate_skill stamps each rating with the current time, and a demo
    needs a history spread over months; so the service's clock is set back while it rates."""

    class _Then(datetime):
        @classmethod
        def now(cls, tz: object = None) -> _Then:  # type: ignore[override]
            return cls.fromtimestamp(moment.timestamp())

    original = skills.datetime
    skills.datetime = _Then  # type: ignore[misc]
    try:
        yield
    finally:
        skills.datetime = original  # type: ignore[misc]


def build_demo_profile(ws: Workspace) -> None:
    """A mid-level software developer aiming at Distributed Systems Architect, part-way in."""
    today = ws.today()
    profile.update_settings(
        ws,
        name="Sam Rivera",
        years_experience=6,
        education="bachelor",
        current_role="software-developer",
        hours_per_week=12,
    )
    for skill, levels in DEMO_SKILLS:
        for turn, level in enumerate(levels):
            months_ago = 3 + 6 * (len(levels) - 1 - turn) + len(skill) % 3
            when = datetime.combine(today - timedelta(days=30 * months_ago), datetime.min.time())
            with _rated_at(when.replace(hour=19).astimezone()):
                skills.rate_skill(ws, skill=skill, level=level)
    # Earned almost three years ago: valid three years, so it runs out in a few weeks.
    cloud_earned = _years_before(today, 3) + timedelta(days=40)
    certifications.add_certification(
        ws, certification="aws-cloud-practitioner", earned_on=cloud_earned
    )
    certifications.add_certification(
        ws,
        certification="terraform-associate",
        earned_on=today - timedelta(days=200),
        credential_id="TA-2231-8841",
    )
    profile.set_target(ws, role="distributed-systems-architect")
    view = plans.generate_plan(ws, hours_per_week=12, start=today - timedelta(days=49))
    open_steps = [s for s in view.plan.steps if s.kind == "skill" and not s.finished]
    for step in open_steps[:3]:
        plans.set_step_status(ws, position=step.position, status="done")
    if len(open_steps) > 3:
        plans.set_step_status(ws, position=open_steps[3].position, status="in_progress")
        plans.set_step_notes(ws, position=open_steps[3].position, notes=DEMO_NOTE)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _settle(app: object, rounds: int = 10) -> None:
    """Let layouts, deferred timers and first paints happen before a grab."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QThread

    for _ in range(rounds):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        QThread.msleep(10)


def _problem(what: str, exc: BaseException) -> str:
    last = traceback.format_exception_only(exc)[-1].strip()
    return f"{what}: {last}"


def take_screenshots(outdir: Path, ws: Workspace, folder: Path) -> list[str]:
    """Save the pictures; returns what could not be done (empty when all went well)."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    from planner.ui.context import UiContext
    from planner.ui.first_run.wizard import FirstRunWizard
    from planner.ui.main_window import MainWindow
    from planner.ui.pages import PAGES
    from planner.ui.settings import UiSettings

    app = QApplication.instance()
    problems: list[str] = []
    ctx = UiContext(ws)
    try:
        wizard = FirstRunWizard(ctx, None)
        wizard.show()
        _settle(app)
        wizard.grab().save(str(outdir / f"{FIRST_RUN}.png"))
        wizard.reject()
        wizard.deleteLater()
    except Exception as exc:
        problems.append(_problem("The guided set-up could not be shown", exc))

    # Each page on its own first, so that a missing one is named rather than stopping the
    # window's start-up with a bare traceback.
    holder = QWidget()
    for info in PAGES:
        try:
            info.create(ctx, holder)
        except Exception as exc:
            problems.append(
                _problem(f"Page {info.key!r} ({info.module}) could not be created", exc)
            )
    holder.deleteLater()
    if any(p.startswith("Page ") for p in problems):
        return problems

    settings = UiSettings(QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(workspace=ws, settings=settings, show_first_run=False)
    window.resize(1280, 800)
    window.show()
    window.load_now()
    _settle(app)
    for info in PAGES:
        try:
            window.show_page(info.key)
            _settle(app)
            window.grab().save(str(outdir / f"{info.key}.png"))
        except Exception as exc:
            problems.append(_problem(f"Page {info.key!r} could not be shown", exc))
    window.close()
    window.deleteLater()
    _settle(app, 2)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("outdir", type=Path, help="folder to write the PNG files to")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    outdir: Path = args.outdir
    outdir.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="planner-screenshots-") as tmp:
        folder = Path(tmp)
        # Nothing may reach the user's own data or settings, even by a default path.
        os.environ["PLANNER_DATA_DIR"] = str(folder / "data")
        os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
        os.environ["PLANNER_THEME"] = args.theme

        from PySide6.QtWidgets import QApplication

        from planner.ui.theme import apply_theme

        app = QApplication.instance() or QApplication([sys.argv[0]])
        assert isinstance(app, QApplication)
        app.setApplicationName("Learning-path planner")
        apply_theme(app, args.theme)

        ws = Workspace(folder / "data")
        try:
            build_demo_profile(ws)
            problems = take_screenshots(outdir, ws, folder)
        finally:
            ws.close()

    for problem in problems:
        print(problem, file=sys.stderr)
    written = sorted(p.name for p in outdir.glob("*.png"))
    print(f"{len(written)} screenshots in {outdir}: {', '.join(written)}")
    return 2 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
